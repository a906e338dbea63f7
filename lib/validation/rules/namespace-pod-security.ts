import { Rule } from '../rule';
import { entriesOf, fieldPath, isObject, received } from '../_util';

const PREFIX = 'pod-security.kubernetes.io/';
const MODES = ['enforce', 'audit', 'warn'];
const LEVELS = ['privileged', 'baseline', 'restricted'];
const VERSION_RE = /^(latest|v1\.(0|[1-9][0-9]*))$/;

/**
 * A Namespace's Pod Security admission labels are well-formed: `pod-security.kubernetes.io/<enforce|audit|warn>`
 * is `privileged`, `baseline` or `restricted`, and `<mode>-version` is `latest` or `v1.<minor>`; no other key uses
 * the prefix. The PodSecurity admission plugin refuses a Namespace with invalid values.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
 * @see https://github.com/kubernetes/pod-security-admission/blob/release-1.27/admission/admission.go (ValidateNamespace, PolicyToEvaluate)
 */
export const namespacePodSecurity: Rule = {
  id: 'namespace-pod-security',
  description: "A Namespace's Pod Security admission labels name a known level and version.",
  remediation: 'Set the pod-security.kubernetes.io labels to privileged, baseline or restricted and the version labels to latest or v1.N (the Namespace `podSecurity` and `podSecurityVersion` props).',
  layer: 'api',
  severity: 'error',
  kinds: ['Namespace'],
  check(o, ctx) {
    if (!isObject(o.metadata)) return;
    for (const [key, value] of entriesOf(o.metadata.labels)) {
      if (!key.startsWith(PREFIX) || typeof value !== 'string') continue;
      const name = key.slice(PREFIX.length);
      const field = fieldPath('metadata.labels', key);
      if (MODES.includes(name)) {
        if (!LEVELS.includes(value)) ctx.report(field, received(value, LEVELS.map((l) => `"${l}"`).join(', ')));
      } else if (MODES.some((m) => name === `${m}-version`)) {
        if (!VERSION_RE.test(value)) ctx.report(field, received(value, '"latest" or a Kubernetes minor version such as "v1.33"'));
      } else {
        ctx.report(field, received(key, `a Pod Security label: ${PREFIX}<enforce|audit|warn> or ${PREFIX}<enforce|audit|warn>-version`));
      }
    }
  },
};
