import { Rule } from '../rule';
import { apiVersionStatus } from '../schema/_schema';

/**
 * The object's apiVersion is served by every supported Kubernetes version after the one validated for: a version
 * that a later release removes (`flowcontrol.apiserver.k8s.io/v1beta3`, served up to 1.31) is a warning naming that
 * release and the apiVersion to use, so the manifest is moved before the cluster is upgraded. The removal itself,
 * at the version validated for, is `api-version-served`'s error.
 *
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 */
export const apiVersionDeprecated: Rule = {
  id: 'api-version-deprecated',
  description: 'The apiVersion is not removed by a later supported Kubernetes version (the warning names the version that removes it and the one to use).',
  remediation: 'Change apiVersion to the one the warning names before upgrading to the Kubernetes version that removes this one.',
  layer: 'policy',
  severity: 'warning',
  check(o, ctx) {
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return;
    const version = ctx.kubernetesVersion;
    const status = apiVersionStatus(o.apiVersion, o.kind, version);
    if (status.status !== 'served' || status.removedIn === undefined) return;
    const use = status.use ? `; use ${status.use}${status.useFrom ? ` (served from ${status.useFrom})` : ''}` : '';
    ctx.report('apiVersion', `received ${JSON.stringify(o.apiVersion)}; allowed: an apiVersion that later Kubernetes versions serve too: ` +
      `Kubernetes ${version} serves ${o.apiVersion} ${o.kind}, but it is removed in ${status.removedIn}${use}`);
  },
};
