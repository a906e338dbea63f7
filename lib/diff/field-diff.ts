import { isDeepStrictEqual } from 'util';

/** One changed field of an object. */
export interface FieldChange {
  /**
   * Where: a JSON pointer (`/spec/replicas`), where items of lists of named objects are addressed by name
   * (`/spec/template/spec/containers[name=api]/image`) and other list items by index (`/spec/ports/0/port`).
   */
  readonly path: string;
  /**
   * The value before.
   *
   * @default undefined: the field was added
   */
  readonly before?: unknown;
  /**
   * The value after.
   *
   * @default undefined: the field was removed
   */
  readonly after?: unknown;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** JSON pointer escaping of one key (`~` → `~0`, `/` → `~1`). */
function escapeKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Whether every item of both lists is an object with a distinct string `name`: such lists are matched by name. */
function namedItems(a: unknown[], b: unknown[]): boolean {
  const names = (l: unknown[]): string[] | undefined => {
    const n = l.map((x) => (isRecord(x) && typeof x.name === 'string' ? x.name : undefined));
    return n.every((x) => x !== undefined) && new Set(n).size === n.length ? (n as string[]) : undefined;
  };
  return (a.length > 0 || b.length > 0) && names(a) !== undefined && names(b) !== undefined;
}

/**
 * The fields that differ between two values, leaf by leaf: objects are compared key by key, lists of named objects
 * (containers, ports, volumes, env) by name and other lists item by item. A value whose type changes is one change.
 *
 * @param at the path of `before` and `after` (`""` for whole objects)
 */
export function diffFields(before: unknown, after: unknown, at = ''): FieldChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffFields(before[k], after[k], `${at}/${escapeKey(k)}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (namedItems(before, after)) {
      const byName = (l: unknown[]): Map<string, unknown> => new Map(l.map((x) => [(x as { name: string }).name, x]));
      const a = byName(before);
      const b = byName(after);
      const names = [...new Set([...a.keys(), ...b.keys()])];
      const changes = names.flatMap((n) => diffFields(a.get(n), b.get(n), `${at}[name=${n}]`));
      const order = (l: unknown[]): string[] => l.map((x) => (x as { name: string }).name).filter((n) => a.has(n) && b.has(n));
      if (changes.length === 0 && order(before).join('\n') !== order(after).join('\n')) return [{ path: at, before, after }];
      return changes;
    }
    const changes: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) changes.push(...diffFields(before[i], after[i], `${at}/${i}`));
    return changes;
  }
  if (before === undefined && after === undefined) return [];
  // Not JSON.stringify(), which writes NaN and Infinity as null: a change from null to .nan is a change.
  if (before === after || isDeepStrictEqual(before, after)) return [];
  return [{ path: at, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}
