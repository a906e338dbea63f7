import { Rule, RuleContext } from '../rule';
import { percentValue } from '../_checks';
import { isObject, received } from '../_util';

/**
 * Rolling updates can make progress: `maxSurge` and `maxUnavailable` are not both zero, are non-negative integers or
 * percentages, `maxUnavailable` is at most 100%; and a `Recreate` strategy has no `rollingUpdate`. For Deployments and
 * DaemonSets.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/apps/validation/validation.go (ValidateRollingUpdateDeployment: "may not be 0 when `maxSurge` is 0"; ValidateRollingUpdateDaemonSet; ValidateDeploymentStrategy)
 */
export const rollingUpdate: Rule = {
  id: 'rolling-update',
  description: 'Rolling updates have maxSurge and maxUnavailable not both zero, within range.',
  remediation: 'Set `maxSurge` and `maxUnavailable` of the rolling update within range and not both zero (the workload\'s `strategy`, `DeploymentStrategy.rollingUpdate()`).',
  layer: 'api',
  severity: 'error',
  kinds: ['Deployment', 'DaemonSet'],
  check(o, ctx) {
    if (!isObject(o.spec)) return;
    const key = o.kind === 'Deployment' ? 'strategy' : 'updateStrategy';
    const strategy = o.spec[key];
    if (!isObject(strategy)) return;
    const ru = strategy.rollingUpdate;
    const recreate = o.kind === 'Deployment' ? 'Recreate' : 'OnDelete';
    if (strategy.type === recreate) {
      if (ru !== undefined && ru !== null) ctx.report(`spec.${key}.rollingUpdate`, received(ru, `nothing when the strategy type is ${recreate}`));
      return;
    }
    if (!isObject(ru)) return;
    const at = `spec.${key}.rollingUpdate`;
    const surge = amount(ctx, ru.maxSurge, `${at}.maxSurge`);
    const unavailable = amount(ctx, ru.maxUnavailable, `${at}.maxUnavailable`);
    // Defaults: Deployment 25%/25%; DaemonSet maxUnavailable 1, maxSurge 0.
    const surgeZero = ru.maxSurge === undefined ? o.kind === 'DaemonSet' : surge === 0;
    const unavailableZero = ru.maxUnavailable !== undefined && unavailable === 0;
    if (surgeZero && unavailableZero) {
      ctx.report(`${at}.maxUnavailable`, received(ru.maxUnavailable, `a value above 0 when maxSurge is ${ru.maxSurge ?? 0} (else no pod can ever be replaced)`));
    }
    if (typeof ru.maxUnavailable === 'string' && (percentValue(ru.maxUnavailable) ?? 0) > 100) {
      ctx.report(`${at}.maxUnavailable`, received(ru.maxUnavailable, 'a percentage of at most 100%'));
    }
  },
};

/** The number (or percentage) of an IntOrString amount, reporting malformed ones; `undefined` when not given. */
function amount(ctx: RuleContext, value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (value < 0) ctx.report(field, received(value, 'an integer of at least 0 or a percentage such as "25%"'));
    return value;
  }
  const percent = percentValue(value);
  if (percent === undefined) ctx.report(field, received(value, 'an integer of at least 0 or a percentage such as "25%"'));
  return percent;
}
