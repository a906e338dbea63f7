import { pssRule } from '../_pss';
import { entriesOf, fieldPath, received } from '../_util';

const PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * Pod Security Standards, baseline, AppArmor: the AppArmor annotations of the pod, if any, are `runtime/default` or
 * `localhost/<profile>`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/pod-security-admission/blob/release-1.27/policy/check_appArmorProfile.go
 */
export const pssBaselineApparmor = pssRule({
  id: 'pss-baseline-apparmor',
  control: 'AppArmor',
  level: 'baseline',
  description: 'AppArmor profiles are runtime/default or localhost/*.',
  check(pod, report) {
    for (const [key, value] of entriesOf(pod.metadata.annotations)) {
      if (!key.startsWith(PREFIX)) continue;
      if (value !== 'runtime/default' && !(typeof value === 'string' && value.startsWith('localhost/'))) {
        report(fieldPath(`${pod.metadataPath}.annotations`, key), received(value, '"runtime/default" or "localhost/<profile>"'));
      }
    }
  },
});
