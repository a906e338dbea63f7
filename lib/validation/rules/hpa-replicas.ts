import { Rule } from '../rule';
import { isObject, received } from '../_util';

/**
 * A HorizontalPodAutoscaler's `minReplicas` is at least 1 and its `maxReplicas` at least 1 and at least
 * `minReplicas`.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/autoscaling/validation/validation.go (ValidateHorizontalPodAutoscalerSpec: "must be greater than or equal to `minReplicas`")
 */
export const hpaReplicas: Rule = {
  id: 'hpa-replicas',
  description: 'HorizontalPodAutoscaler minReplicas is at least 1 and at most maxReplicas.',
  remediation: 'Set `minReplicas` to at least 1 and at most `maxReplicas` (the workload\'s `autoscaling` prop or `autoscale()`).',
  layer: 'api',
  severity: 'error',
  kinds: ['HorizontalPodAutoscaler'],
  check(o, ctx) {
    if (!isObject(o.spec)) return;
    const { minReplicas, maxReplicas } = o.spec;
    if (typeof minReplicas === 'number' && minReplicas < 1) ctx.report('spec.minReplicas', received(minReplicas, 'an integer of at least 1'));
    if (typeof maxReplicas === 'number' && maxReplicas < 1) ctx.report('spec.maxReplicas', received(maxReplicas, 'an integer of at least 1'));
    const min = typeof minReplicas === 'number' ? minReplicas : 1;
    if (typeof maxReplicas === 'number' && maxReplicas >= 1 && maxReplicas < min) {
      ctx.report('spec.maxReplicas', received(maxReplicas, `at least minReplicas (${min})`));
    }
  },
};
