import { podRule } from '../rule';
import { received } from '../_util';

/**
 * Pods name their service account with `serviceAccountName`, not the deprecated `serviceAccount`.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security
 * @see https://docs.kubelinter.io/#/generated/checks?id=deprecated-service-account-field
 */
export const deprecatedServiceAccount = podRule({
  id: 'deprecated-service-account',
  description: 'Pods use serviceAccountName, not the deprecated serviceAccount.',
  remediation: 'Replace `serviceAccount` with `serviceAccountName` in the pod spec (the workload\'s `serviceAccount` prop writes it).',
  layer: 'policy',
  severity: 'warning',
  checkPod(pod, ctx) {
    if (pod.spec.serviceAccount === undefined || pod.spec.serviceAccount === null) return;
    ctx.report(`${pod.specPath}.serviceAccount`, received(pod.spec.serviceAccount, 'serviceAccountName instead (serviceAccount is deprecated)'));
  },
});
