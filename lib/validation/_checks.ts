import { ALLOWED } from '../core/_props';
import { isQualifiedName, isValidLabelValue } from '../core/names';
import { parseQuantity } from '../core/quantity';
import { RuleContext } from './rule';
import { fieldPath, isObject, received } from './_util';

const memo = new Map<(v: string) => string[], Map<string, string[]>>();

/**
 * `rule(value)`, remembered: the same label keys, names and values recur across thousands of objects.
 *
 * @internal
 */
export function syntaxProblems(rule: (v: string) => string[], value: string): string[] {
  let cache = memo.get(rule);
  if (!cache) {
    cache = new Map();
    memo.set(rule, cache);
  }
  let result = cache.get(value);
  if (!result) {
    result = rule(value);
    if (cache.size < 100_000) cache.set(value, result);
  }
  return result;
}

/**
 * Reports `value` at `field` unless it is a string that `rule` accepts; non-strings are left to the schema.
 *
 * @param remember whether to remember the answer (for values that recur, such as label keys; not for object names)
 * @internal
 */
export function checkSyntax(ctx: RuleContext, field: string, value: unknown, rule: (v: string) => string[], allowed: string, remember = true): boolean {
  if (typeof value !== 'string') return true;
  const problems = remember ? syntaxProblems(rule, value) : rule(value);
  if (problems.length === 0) return true;
  ctx.report(field, received(value, allowed, problems));
  return false;
}

/** Checks label keys and values (a `labels` map, a `matchLabels` map or a Service selector). @internal */
export function checkLabelMap(ctx: RuleContext, labels: unknown, path: string): void {
  if (!isObject(labels)) return;
  for (const key in labels) {
    checkSyntax(ctx, path, key, isQualifiedName, ALLOWED.labelKey);
    const value = labels[key];
    // The field path is built only for a bad value: label maps are the most common thing checked.
    if (typeof value === 'string' && syntaxProblems(isValidLabelValue, value).length > 0) {
      checkSyntax(ctx, fieldPath(path, key), value, isValidLabelValue, ALLOWED.labelValue);
    }
  }
}

/** A quantity given as a string or a number (`cpu: 1`), parsed to nano-units, or `undefined` if invalid. @internal */
export function quantityValue(value: unknown): bigint | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : undefined) : typeof value === 'string' ? value : undefined;
  // parseQuantity() remembers what it parsed: the same few amounts recur across every workload.
  return text === undefined ? undefined : parseQuantity(text);
}

/** An IntOrString percentage such as `"25%"`: its number, or `undefined` if `value` is not one. @internal */
export function percentValue(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(value);
  return m ? Number(m[1]) : undefined;
}
