import { ALLOWED } from '../core/_props';
import { isQualifiedName, isValidLabelValue } from '../core/names';
import { parseQuantity } from '../core/quantity';
import { RuleContext } from './rule';
import { entriesOf, fieldPath, received } from './_util';

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

/** Reports `value` at `field` unless it is a string that `rule` accepts; non-strings are left to the schema. @internal */
export function checkSyntax(ctx: RuleContext, field: string, value: unknown, rule: (v: string) => string[], allowed: string): boolean {
  if (typeof value !== 'string') return true;
  const problems = syntaxProblems(rule, value);
  if (problems.length === 0) return true;
  ctx.report(field, received(value, allowed, problems));
  return false;
}

/** Checks label keys and values (a `labels` map, a `matchLabels` map or a Service selector). @internal */
export function checkLabelMap(ctx: RuleContext, labels: unknown, path: string): void {
  for (const [key, value] of entriesOf(labels)) {
    checkSyntax(ctx, path, key, isQualifiedName, ALLOWED.labelKey);
    checkSyntax(ctx, fieldPath(path, key), value, isValidLabelValue, ALLOWED.labelValue);
  }
}

/** A quantity given as a string or a number (`cpu: 1`), parsed to nano-units, or `undefined` if invalid. @internal */
export function quantityValue(value: unknown): bigint | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? parseQuantity(String(value)) : undefined;
  return typeof value === 'string' ? parseQuantity(value) : undefined;
}

/** An IntOrString percentage such as `"25%"`: its number, or `undefined` if `value` is not one. @internal */
export function percentValue(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(value);
  return m ? Number(m[1]) : undefined;
}
