import { formatValue } from '../core/errors';
import { PlatformLabels } from '../core/labels';
import { ManifestObject } from '../core/manifest-object';
import { HIDDEN, holdsSecret, pointerReadings } from '../core/_secret-fields';
import { forTerminal } from '../core/_terminal';
import { diffFields, FieldChange } from './field-diff';
import { ImmutableChange, immutableChanges } from './immutable-fields';
import { ManifestSet } from './manifest-set';

/** One object that differs between two manifest sets. */
export interface ObjectDiff {
  /** The object's kind. */
  readonly kind: string;
  /** The object's apiVersion (after, else before). */
  readonly apiVersion: string;
  /** The object's name. */
  readonly name: string;
  /**
   * The object's namespace.
   *
   * @default none: a cluster-scoped object
   */
  readonly namespace?: string;
  /**
   * The object's environment (its `cdk8s-platform.io/environment` label).
   *
   * @default none: an object without the label
   */
  readonly environment?: string;
  /** The file it is in (after, else before), relative to its set's root. */
  readonly file: string;
  /** The changed fields (empty for added and removed objects). */
  readonly changes: readonly FieldChange[];
  /** The changes the API server would reject on apply. */
  readonly immutable: readonly ImmutableChange[];
}

/** What changes from one manifest set to another. */
export interface ManifestDiff {
  /** Objects only in the new set: created on apply. */
  readonly added: readonly ObjectDiff[];
  /** Objects only in the old set: deleted by a prune (`kubectl apply --prune`, Argo CD or Flux with prune on). */
  readonly removed: readonly ObjectDiff[];
  /** Objects in both sets whose fields differ. */
  readonly changed: readonly ObjectDiff[];
  /** The number of objects identical in both. */
  readonly unchanged: number;
}

function describe(o: ManifestObject, file: string, changes: FieldChange[] = [], immutable: ImmutableChange[] = []): ObjectDiff {
  return {
    kind: o.kind,
    apiVersion: o.apiVersion,
    name: o.metadata.name,
    ...(o.metadata.namespace !== undefined ? { namespace: o.metadata.namespace } : {}),
    ...(o.metadata.labels?.[PlatformLabels.ENVIRONMENT] !== undefined ? { environment: o.metadata.labels[PlatformLabels.ENVIRONMENT] } : {}),
    file,
    changes,
    immutable,
  };
}

/**
 * Compares two manifest sets object by object (by `objectId()`): what a deploy of `after` over `before` adds,
 * prunes and changes, field by field, and which changes the API server would reject.
 */
export function diffManifests(before: ManifestSet, after: ManifestSet): ManifestDiff {
  const added: ObjectDiff[] = [];
  const removed: ObjectDiff[] = [];
  const changed: ObjectDiff[] = [];
  let unchanged = 0;
  for (const [id, a] of after.objects) {
    const b = before.objects.get(id);
    if (!b) {
      added.push(describe(a.object, a.file));
      continue;
    }
    const changes = diffFields(b.object, a.object);
    if (changes.length === 0) unchanged++;
    else changed.push(describe(a.object, a.file, changes, immutableChanges(b.object, changes)));
  }
  for (const [id, b] of before.objects) {
    if (!after.objects.has(id)) removed.push(describe(b.object, b.file));
  }
  return { added, removed, changed, unchanged };
}

/** Whether the diff has any change. */
export function hasChanges(diff: ManifestDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length > 0;
}

/**
 * Whether a change's values are secret (see `core/_secret-fields.ts`): its path is, is inside or holds a
 * secret-bearing field, under any reading of its path. Such values are never printed, only that they changed.
 */
function isHidden(d: ObjectDiff, c: FieldChange): boolean {
  const readings = pointerReadings(c.path);
  return readings === undefined || readings.some((path) => holdsSecret(d, path, c.before) || holdsSecret(d, path, c.after));
}

function show(value: unknown, hidden: boolean): string {
  if (value === undefined) return '(none)';
  if (hidden) return HIDDEN;
  return forTerminal(formatValue(value));
}

/** `Kind namespace/name [environment]`, escaped for the terminal. */
function title(d: ObjectDiff): string {
  const where = d.namespace !== undefined ? `${d.namespace}/${d.name}` : d.name;
  return forTerminal(`${d.kind} ${where}${d.environment !== undefined ? ` [${d.environment}]` : ''}`);
}

/**
 * The diff for people: one line per added (`+`), pruned (`-`) and changed (`~`) object, each changed field with its
 * values before and after (secret values hidden), a warning containing "immutable" for each change the API server
 * would reject, and a summary. Every value and file name in it is escaped with `forTerminal()`.
 */
export function formatDiff(diff: ManifestDiff): string {
  if (!hasChanges(diff)) return `No changes. ${diff.unchanged} object(s) identical.\n`;
  const lines: string[] = [];
  for (const d of diff.added) lines.push(`+ ${title(d)}  (new, ${forTerminal(d.file)})`);
  for (const d of diff.removed) lines.push(`- ${title(d)}  (prune: no longer in the output; deleted on apply with prune)`);
  for (const d of diff.changed) {
    lines.push(`~ ${title(d)}  (${forTerminal(d.file)})`);
    for (const c of d.changes) {
      const hidden = isHidden(d, c);
      lines.push(`    ${forTerminal(c.path || '/')}: ${show(c.before, hidden)} -> ${show(c.after, hidden)}`);
    }
    for (const i of d.immutable) lines.push(`    ! immutable field ${forTerminal(i.path)}: the API server rejects this change on apply: ${forTerminal(i.reason)}`);
  }
  const immutable = diff.changed.reduce((n, d) => n + d.immutable.length, 0);
  lines.push('');
  lines.push(`${diff.added.length} to add, ${diff.changed.length} to change, ${diff.removed.length} to prune, ${diff.unchanged} unchanged.` +
    (immutable > 0 ? ` WARNING: ${immutable} immutable field change(s) will fail on apply.` : ''));
  return `${lines.join('\n')}\n`;
}

/** The diff as plain JSON data (secret values hidden, as `formatDiff()` hides them), for tools. */
export function diffToJson(diff: ManifestDiff): Record<string, unknown> {
  const hide = (d: ObjectDiff): ObjectDiff => ({
    ...d,
    changes: d.changes.map((c) => (isHidden(d, c)
      ? { path: c.path, ...(c.before !== undefined ? { before: HIDDEN } : {}), ...(c.after !== undefined ? { after: HIDDEN } : {}) }
      : c)),
  });
  return {
    added: diff.added,
    removed: diff.removed,
    changed: diff.changed.map(hide),
    unchanged: diff.unchanged,
    immutableChanges: diff.changed.reduce((n, d) => n + d.immutable.length, 0),
  };
}
