import { Rule } from '../rule';
import { ApiVersionStatus, apiVersionStatus, servedVersionsOf } from '../schema/_schema';

/**
 * The object's apiVersion serves its kind in the Kubernetes version validated for: the API server rejects any other
 * with "no matches for kind". Reported with why and what to use instead: a version removed before the target
 * (`flowcontrol.apiserver.k8s.io/v1beta3` from 1.32, `policy/v1beta1` PodDisruptionBudget from 1.25,
 * `extensions/v1beta1` Ingress from 1.22, ...), one added after it (`flowcontrol.apiserver.k8s.io/v1` in 1.29), or
 * an alpha or beta API that the target has but serves only when the cluster enables it (beta APIs are off by
 * default since Kubernetes 1.24). `api-version-deprecated` warns about versions that a later release removes.
 *
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 * @see https://kubernetes.io/docs/reference/using-api/#api-versioning (alpha and beta APIs off by default)
 */
export const apiVersionServed: Rule = {
  id: 'api-version-served',
  description: 'The Kubernetes version validated for serves the apiVersion of the kind (not removed, not added later, not an alpha or beta API off by default).',
  remediation: 'Use an apiVersion the targeted Kubernetes version serves (the message names it), or target a version that serves this one (the environment\'s `kubernetesVersion`, or `check --kubernetes-version`).',
  layer: 'schema',
  severity: 'error',
  check(o, ctx) {
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return;
    const version = ctx.kubernetesVersion;
    const status = apiVersionStatus(o.apiVersion, o.kind, version);
    if (status.status === 'served' || status.status === 'unknown') return;
    const served = servedVersionsOf(o.kind, version);
    const allowed = served.length > 0
      ? `an apiVersion that Kubernetes ${version} serves for ${o.kind} (${served.map((v) => `"${v}"`).join(' or ')})`
      : `no apiVersion (Kubernetes ${version} serves no ${o.kind})`;
    ctx.report('apiVersion', `received ${JSON.stringify(o.apiVersion)}; allowed: ${allowed}: ${notServedReason(o.apiVersion, o.kind, version, status)}`);
  },
};

/** Why `version` does not serve `apiVersion`/`kind`, and what to use instead. */
function notServedReason(apiVersion: string, kind: string, version: string, status: ApiVersionStatus): string {
  const what = `${apiVersion} ${kind}`;
  let why: string;
  if (status.status === 'removed') why = `${what} is not served by Kubernetes ${version} (removed in ${status.removedIn})`;
  else if (status.status === 'not-yet') why = `${what} is not served by Kubernetes ${version} (added in ${status.addedIn}${status.addedNotEnabled ? ', as an API served only when the cluster enables it' : ''})`;
  else why = `${what} is not served by Kubernetes ${version} by default: it is ${/alpha/.test(apiVersion) ? 'an alpha' : 'a beta'} API, served only when the cluster enables it (--runtime-config=${apiVersion}=true)`;
  if (status.use) return `${why}; use ${status.use}`;
  return status.note ? `${why}; ${status.note}` : why;
}
