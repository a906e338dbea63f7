import { Rule } from '../rule';
import { quantityValue } from '../_checks';
import { arrayOf, entriesOf, isObject, received } from '../_util';

const TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];

/**
 * LimitRange items are ordered: for each resource, `min` ≤ `defaultRequest` ≤ `default` ≤ `max`, `min` ≤ `max`,
 * `maxLimitRequestRatio` at least 1; a `Pod` item has no `default` or `defaultRequest`; a `PersistentVolumeClaim`
 * item limits storage with `min` or `max`.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidateLimitRange)
 */
export const limitRange: Rule = {
  id: 'limit-range',
  description: 'LimitRange amounts are ordered: min ≤ defaultRequest ≤ default ≤ max.',
  remediation: 'Order each LimitRange amount as min ≤ defaultRequest ≤ default ≤ max (the Namespace `limits` or LimitRange `min`, `defaultRequest`, `defaultLimit` and `max` props).',
  layer: 'api',
  severity: 'error',
  kinds: ['LimitRange'],
  check(o, ctx) {
    if (!isObject(o.spec)) return;
    arrayOf(o.spec.limits).forEach((item, i) => {
      if (!isObject(item)) return;
      const at = `spec.limits[${i}]`;
      if (typeof item.type === 'string' && !TYPES.includes(item.type) && !item.type.includes('/')) {
        ctx.report(`${at}.type`, received(item.type, TYPES.map((t) => `"${t}"`).join(', ')));
      }
      if (item.type === 'Pod') {
        for (const key of ['default', 'defaultRequest']) {
          if (isObject(item[key])) ctx.report(`${at}.${key}`, received(item[key], `no ${key} for type Pod`));
        }
      }
      if (item.type === 'PersistentVolumeClaim' && !isObject(item.min) && !isObject(item.max)) {
        ctx.report(at, received(item, 'min or max storage for type PersistentVolumeClaim'));
      }
      const order = ['min', 'defaultRequest', 'default', 'max'];
      const resources = new Set<string>();
      for (const key of order) for (const [name] of entriesOf(item[key])) resources.add(name);
      for (const name of resources) {
        const values = order.map((key) => [key, isObject(item[key]) ? item[key][name] : undefined] as const)
          .map(([key, raw]) => [key, raw, quantityValue(raw)] as const)
          .filter(([, , q]) => q !== undefined);
        for (let a = 0; a < values.length; a++) {
          for (let b = a + 1; b < values.length; b++) {
            const [lowKey, lowRaw, low] = values[a];
            const [highKey, highRaw, high] = values[b];
            if (low! > high!) {
              ctx.report(`${at}.${lowKey}[${JSON.stringify(name)}]`, received(lowRaw, `at most ${highKey} (${highRaw}) for ${name}`));
            }
          }
        }
      }
      for (const [name, ratio] of entriesOf(item.maxLimitRequestRatio)) {
        const q = quantityValue(ratio);
        if (q !== undefined && q < 1_000_000_000n) {
          ctx.report(`${at}.maxLimitRequestRatio[${JSON.stringify(name)}]`, received(ratio, 'a ratio of at least 1'));
        }
      }
    });
  },
};
