import { isAtLeast } from '../../core/kubernetes-version';
import { allSecurityContexts, pssRule } from '../_pss';
import { entriesOf, fieldPath, isObject, received } from '../_util';

const PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const TYPES = ['RuntimeDefault', 'Localhost'];

/** The first Kubernetes version with the `appArmorProfile` field, which its admission controller checks. */
const FIELD_SINCE = '1.30';

/**
 * Pod Security Standards, baseline, AppArmor: the AppArmor annotations of the pod, if any, are empty,
 * `runtime/default` or `localhost/<profile>`; on Kubernetes 1.30 and later, the `appArmorProfile.type` of the pod
 * and of every container, if set, is `RuntimeDefault` or `Localhost` (not `Unconfined`).
 *
 * The field check follows the cluster's version, not the namespace's pinned policy version: the admission
 * controller checks the field since 1.30 in the code of every policy version (policy 1.0 included).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_appArmorProfile.go
 * @see https://github.com/kubernetes/website/pull/45176 (the appArmorProfile field from Kubernetes 1.30, annotations before)
 * @see https://kubernetes.io/docs/tutorials/security/apparmor/
 */
export const pssBaselineApparmor = pssRule({
  id: 'pss-baseline-apparmor',
  control: 'AppArmor',
  level: 'baseline',
  description: 'AppArmor profiles are runtime/default or localhost/* (annotations), RuntimeDefault or Localhost (the appArmorProfile field, from 1.30).',
  remediation: 'Use the AppArmor profile RuntimeDefault or Localhost, or remove the unconfined one (the container\'s `security.appArmorProfile`).',
  check(pod, report, { cluster }) {
    for (const [key, value] of entriesOf(pod.metadata.annotations)) {
      if (!key.startsWith(PREFIX)) continue;
      if (value !== '' && value !== 'runtime/default' && !(typeof value === 'string' && value.startsWith('localhost/'))) {
        report(fieldPath(`${pod.metadataPath}.annotations`, key), received(value, '"runtime/default" or "localhost/<profile>"'));
      }
    }
    if (!isAtLeast(cluster, FIELD_SINCE)) return;
    for (const { path, sc } of allSecurityContexts(pod)) {
      if (isObject(sc.appArmorProfile) && !TYPES.includes(sc.appArmorProfile.type)) {
        report(`${path}.appArmorProfile.type`, received(sc.appArmorProfile.type, '"RuntimeDefault" or "Localhost" (or no appArmorProfile)'));
      }
    }
  },
});
