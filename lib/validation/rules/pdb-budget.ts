import { formatValue } from '../../core/errors';
import { Rule } from '../rule';
import { percentValue } from '../_checks';
import { isObject, received } from '../_util';

/**
 * A PodDisruptionBudget sets `minAvailable` or `maxUnavailable`, not both, each a non-negative integer or a
 * percentage from 0% to 100%.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/policy/validation/validation.go (ValidatePodDisruptionBudgetSpec: "minAvailable and maxUnavailable cannot be both set", IsNotMoreThan100Percent)
 */
export const pdbBudget: Rule = {
  id: 'pdb-budget',
  description: 'A PodDisruptionBudget sets minAvailable or maxUnavailable (not both), each in range.',
  remediation: 'Set exactly one of `minAvailable` or `maxUnavailable` on the PodDisruptionBudget, as a non-negative integer or a percentage (the workload\'s `disruptionBudget` prop).',
  layer: 'api',
  severity: 'error',
  kinds: ['PodDisruptionBudget'],
  check(o, ctx) {
    if (!isObject(o.spec)) return;
    const has = (v: unknown): boolean => v !== undefined && v !== null;
    if (has(o.spec.minAvailable) && has(o.spec.maxUnavailable)) {
      ctx.report('spec.maxUnavailable', received(o.spec.maxUnavailable, `minAvailable or maxUnavailable, not both (minAvailable is ${formatValue(o.spec.minAvailable)})`));
    }
    for (const key of ['minAvailable', 'maxUnavailable']) {
      const v = o.spec[key];
      if (typeof v === 'number' && v < 0) ctx.report(`spec.${key}`, received(v, 'an integer of at least 0 or a percentage from 0% to 100%'));
      if (typeof v === 'string') {
        const p = percentValue(v);
        if (p === undefined || p > 100) ctx.report(`spec.${key}`, received(v, 'an integer of at least 0 or a percentage from 0% to 100%'));
      }
    }
  },
};
