import {
  findObject, LabelExpression, NodeAffinity, PodAffinity, PriorityClass, TaintEffect, Toleration, WebService, Worker,
} from '../../lib';
import { expectPropError, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/web:1.2.3';

describe('scheduling', () => {
  test('GIVEN a node selector and tolerations WHEN synthesized THEN the pod spec has them', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', {
      image: IMAGE, resources: RESOURCES,
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
      tolerations: [Toleration.equal('dedicated', 'web', { effect: TaintEffect.NO_SCHEDULE }), Toleration.exists('spot', { effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 60 })],
    });
    // WHEN
    const spec = podSpecOf(synth(stack), 'web');
    // THEN
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64' });
    expect(spec.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
      { key: 'spot', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
    ]);
  });

  test('GIVEN tolerationSeconds without NoExecute WHEN created THEN a PropError explains', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, tolerations: [Toleration.exists('spot', { tolerationSeconds: 60 })] }),
      { path: 'test/web', prop: 'tolerations[0].tolerationSeconds', received: '60', allowed: 'NO_EXECUTE' });
  });

  test('GIVEN required and preferred node affinity WHEN synthesized THEN required expressions share one term', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', {
      image: IMAGE, resources: RESOURCES,
      nodeAffinity: [
        NodeAffinity.require(LabelExpression.in('kubernetes.io/arch', ['amd64', 'arm64'])),
        NodeAffinity.require(LabelExpression.doesNotExist('legacy')),
        NodeAffinity.prefer(50, LabelExpression.in('node.kubernetes.io/lifecycle', ['spot'])),
      ],
    });
    const affinity = podSpecOf(synth(stack), 'web').affinity.nodeAffinity;
    expect(affinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{ matchExpressions: [
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }, { key: 'legacy', operator: 'DoesNotExist' },
    ] }]);
    expect(affinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight).toBe(50);
  });

  test('GIVEN pod affinity and anti-affinity WHEN synthesized THEN they select the other workload', () => {
    const { stack } = makeStack();
    const cache = new Worker(stack, 'cache', { image: IMAGE, resources: RESOURCES, port: 6379 });
    new WebService(stack, 'web', {
      image: IMAGE, resources: RESOURCES,
      podAffinity: [PodAffinity.colocate(cache, { topologyKey: 'topology.kubernetes.io/zone' }), PodAffinity.separate(cache, { required: true })],
    });
    const affinity = podSpecOf(synth(stack), 'web').affinity;
    expect(affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]).toEqual({
      weight: 100, podAffinityTerm: { labelSelector: { matchLabels: cache.selectorLabels }, topologyKey: 'topology.kubernetes.io/zone' },
    });
    expect(affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
  });

  test('GIVEN an In expression without values WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, nodeAffinity: [NodeAffinity.require(LabelExpression.in('zone', []))] }),
      { path: 'test/web', prop: 'nodeAffinity[0][0] values', received: '[]' });
  });

  test('GIVEN a PriorityClass WHEN used by a workload THEN it is cluster-scoped and named by the pods', () => {
    const { stack } = makeStack();
    const critical = new PriorityClass(stack, 'shop-critical', { value: 100000, description: 'checkout' });
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, priorityClass: critical });
    const objects = synth(stack);
    const pc = findObject(objects, 'PriorityClass', 'shop-critical');
    expect([pc.apiVersion, pc.metadata.namespace, pc.value, pc.preemptionPolicy]).toEqual(['scheduling.k8s.io/v1', undefined, 100000, 'PreemptLowerPriority']);
    expect(podSpecOf(objects, 'web').priorityClassName).toBe('shop-critical');
  });

  test('GIVEN an imported priority class WHEN used THEN only its name is rendered', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, priorityClass: PriorityClass.fromPriorityClassName(stack, 'sys', 'system-cluster-critical') });
    expect(podSpecOf(synth(stack), 'web').priorityClassName).toBe('system-cluster-critical');
  });

  test('GIVEN a priority class named system-* WHEN created THEN it is refused', () => {
    const { stack } = makeStack();
    expectPropError(() => new PriorityClass(stack, 'system-mine', { value: 1 }), { path: 'test/system-mine', prop: 'name', received: '"system-mine"' });
  });

  test('GIVEN a priority above 1e9 WHEN created THEN it is refused', () => {
    const { stack } = makeStack();
    expectPropError(() => new PriorityClass(stack, 'high', { value: 2000000000 }), { path: 'test/high', prop: 'value', received: '2000000000' });
  });
});
