import { isAtLeast } from '../../core/kubernetes-version';
import { pssRule } from '../_pss';
import { arrayOf, isObject, received } from '../_util';

const ALLOWED_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** The first Kubernetes version whose admission controller allows `image` volumes. */
const IMAGE_SINCE = '1.33';

const WITH_IMAGE = [...ALLOWED_TYPES, 'image'].sort();
const ALLOWED_BEFORE = `${ALLOWED_TYPES.join(', ')} (image from Kubernetes ${IMAGE_SINCE})`;
const ALLOWED_SINCE = WITH_IMAGE.join(', ');

/**
 * Pod Security Standards, restricted, Volume Types: only configMap, csi, downwardAPI, emptyDir, ephemeral,
 * persistentVolumeClaim, projected and secret volumes, and `image` volumes on Kubernetes 1.33 and later.
 *
 * The `image` volume follows the cluster's version, not the namespace's pinned policy version: the admission
 * controller allows it since 1.33 in the code of every policy version.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_restrictedVolumes.go
 * @see https://github.com/kubernetes/kubernetes/pull/130394 (image volumes allowed, 1.33)
 */
export const pssRestrictedVolumeTypes = pssRule({
  id: 'pss-restricted-volume-types',
  control: 'Volume Types',
  level: 'restricted',
  description: 'only core, non-host volume types (image volumes from 1.33).',
  remediation: 'Use only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret volumes (image volumes from 1.33).',
  check(pod, report, { cluster }) {
    const withImage = isAtLeast(cluster, IMAGE_SINCE);
    const allowed = withImage ? WITH_IMAGE : ALLOWED_TYPES;
    const list = withImage ? ALLOWED_SINCE : ALLOWED_BEFORE;
    arrayOf(pod.spec.volumes).forEach((v, i) => {
      if (!isObject(v)) return;
      for (const key of Object.keys(v)) {
        if (key !== 'name' && v[key] !== null && v[key] !== undefined && !allowed.includes(key)) {
          report(`${pod.specPath}.volumes[${i}].${key}`, received(key, list));
        }
      }
    });
  },
});
