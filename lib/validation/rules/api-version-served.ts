import { Rule } from '../rule';
import { isNotServed, servedVersionsOf } from '../schema/_schema';

/**
 * The object's apiVersion serves its kind in Kubernetes 1.27: removed beta versions (`extensions/v1beta1`,
 * `policy/v1beta1` PodDisruptionBudget, `autoscaling/v2beta2`, `batch/v1beta1` CronJob...) and versions added after
 * 1.27 are rejected with "no matches for kind".
 *
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 */
export const apiVersionServed: Rule = {
  id: 'api-version-served',
  description: 'The apiVersion serves the kind in Kubernetes 1.27 (no removed beta versions).',
  layer: 'schema',
  severity: 'error',
  check(o, ctx) {
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || !isNotServed(o.apiVersion, o.kind)) return;
    const served = servedVersionsOf(o.kind);
    const allowed = served.length > 0 ? `apiVersion ${served.map((v) => `"${v}"`).join(' or ')} for ${o.kind}` : `no apiVersion: Kubernetes 1.27 does not serve ${o.kind}`;
    ctx.report('apiVersion', `received "${o.apiVersion}", which Kubernetes 1.27 does not serve; allowed: ${allowed}`);
  },
};
