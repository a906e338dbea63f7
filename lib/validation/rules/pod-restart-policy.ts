import { podRule } from '../rule';
import { received } from '../_util';

const ALWAYS_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController']);

/**
 * A controller's pod template uses the restart policy its controller allows: `Always` (the default) for
 * Deployments, ReplicaSets, StatefulSets, DaemonSets and ReplicationControllers; `OnFailure` or `Never`, set
 * explicitly, for Jobs and CronJobs.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/apps/validation/validation.go (ValidatePodTemplateSpecForReplicaSet: "Unsupported value", supported "Always")
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/batch/validation/validation.go (validateJobSpec: restartPolicy OnFailure or Never)
 */
export const podRestartPolicy = podRule({
  id: 'pod-restart-policy',
  description: "Pod templates use the restart policy their controller allows (Always; OnFailure or Never for Jobs).",
  remediation: 'Set the pod template\'s `restartPolicy` to Always, or to OnFailure or Never for a Job or CronJob (the Job or CronTask `restartPolicy` prop).',
  layer: 'api',
  severity: 'error',
  kinds: [...ALWAYS_KINDS, 'Job', 'CronJob'],
  checkPod(pod, ctx, o) {
    const policy = pod.spec.restartPolicy;
    const field = `${pod.specPath}.restartPolicy`;
    if (ALWAYS_KINDS.has(o.kind)) {
      if (policy !== undefined && policy !== 'Always') ctx.report(field, received(policy, `"Always" (or nothing) for a ${o.kind}`));
    } else if (policy !== 'OnFailure' && policy !== 'Never') {
      ctx.report(field, received(policy, `"OnFailure" or "Never", set explicitly, for a ${o.kind} (the default, Always, is refused)`));
    }
  },
});
