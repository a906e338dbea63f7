import {
  AccessMode, ConcurrencyPolicy, CronTask, findObject, Job, LifecycleHook, LimitRange, Metric, NetworkPeer, NetworkPolicy,
  PersistentVolumeClaim, Provider, ResourceQuota, ScalingPolicy, SelectPolicy, StatefulService, SynthError, WebService,
} from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

describe('job options', () => {
  test('GIVEN completions and parallelism WHEN synthesized THEN the Job runs them', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN
    new Job(stack, 'j', { image: IMAGE, resources: RESOURCES, completions: 10, parallelism: 3 });
    // THEN
    const spec = findObject(synth(stack), 'Job', 'j').spec;
    expect([spec.completions, spec.parallelism]).toEqual([10, 3]);
  });

  test('GIVEN a Job WHEN synthesized THEN its pod template has no config hash even with a stack Config', () => {
    const { stack } = makeStack();
    const j = new Job(stack, 'j', { image: IMAGE, resources: RESOURCES });
    j.addEnv('A', 'b');
    expect(findObject(synth(stack), 'Job', 'j').spec.template.metadata.annotations).toBeUndefined();
  });

  test('GIVEN suspend and ALLOW WHEN synthesized THEN the CronJob has them', () => {
    const { stack } = makeStack();
    new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule: '0 * * * *', suspend: true, concurrencyPolicy: ConcurrencyPolicy.ALLOW });
    const spec = findObject(synth(stack), 'CronJob', 'c').spec;
    expect([spec.suspend, spec.concurrencyPolicy]).toEqual([true, 'Allow']);
  });

  test('GIVEN startingDeadlineSeconds under 10 WHEN created THEN it is refused (the controller checks every 10 s)', () => {
    const { stack } = makeStack();
    expectPropError(() => new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule: '@daily', startingDeadlineSeconds: 5 }),
      { path: 'test/c', prop: 'startingDeadlineSeconds', received: '5' });
  });
});

describe('StatefulService options', () => {
  test('GIVEN parallelPodManagement WHEN synthesized THEN pods start in parallel', () => {
    const { stack } = makeStack();
    new StatefulService(stack, 'db', { image: IMAGE, resources: RESOURCES, parallelPodManagement: true });
    expect(findObject(synth(stack), 'StatefulSet', 'db').spec.podManagementPolicy).toBe('Parallel');
  });

  test('GIVEN a provider WHEN a volume names no class THEN the claim template takes the provider default', () => {
    const { stack } = makeStack({ provider: Provider.aks() });
    new StatefulService(stack, 'db', { image: IMAGE, resources: RESOURCES, volumes: [{ name: 'data', path: '/data', size: '1Gi', accessMode: AccessMode.readWriteOncePod() }] });
    const spec = findObject(synth(stack), 'StatefulSet', 'db').spec.volumeClaimTemplates[0].spec;
    expect([spec.storageClassName, spec.accessModes]).toEqual(['managed-csi', ['ReadWriteOncePod']]);
  });
});

describe('more validation', () => {
  test('GIVEN a scaling policy period above 1800 s WHEN autoscaled THEN it is refused', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => web.autoscale({ maxReplicas: 3, behavior: { scaleDown: { policies: [ScalingPolicy.pods(1, 3600)] } } }),
      { path: 'test/web/Autoscaler', prop: 'behavior.scaleDown.policies[0] periodSeconds', received: '3600' });
  });

  test('GIVEN SelectPolicy.DISABLED WHEN autoscaled THEN scale down is disabled', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES }).autoscale({ maxReplicas: 3, behavior: { scaleDown: { selectPolicy: SelectPolicy.DISABLED } } });
    expect(findObject(synth(stack), 'HorizontalPodAutoscaler', 'web').spec.behavior.scaleDown).toEqual({ selectPolicy: 'Disabled' });
  });

  test('GIVEN a pods metric with a bad quantity WHEN autoscaled THEN it is refused', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => web.autoscale({ maxReplicas: 3, metrics: [Metric.pods('rps', 'lots')] }), { path: 'test/web/Autoscaler', prop: 'metrics[0] averageValue', received: '"lots"' });
  });

  test('GIVEN an exec preStop without a command WHEN created THEN it is refused', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, preStop: LifecycleHook.exec([]) }), { path: 'test/web', prop: 'preStop command', received: '[]' });
  });

  test('GIVEN a quota with nothing in it WHEN created THEN it is refused', () => {
    const { stack } = makeStack();
    expectPropError(() => new ResourceQuota(stack, 'q', { hard: {} }), { path: 'test/q', prop: 'hard', received: '{}' });
  });

  test('GIVEN an empty LimitRange WHEN created THEN it is refused', () => {
    const { stack } = makeStack();
    expectPropError(() => new LimitRange(stack, 'l', {}), { path: 'test/l', prop: 'limits', received: '{}' });
  });

  test('GIVEN a size of 0 WHEN a claim is created THEN it is refused', () => {
    const { stack } = makeStack();
    expectPropError(() => new PersistentVolumeClaim(stack, 'd', { size: '0Gi' }), { path: 'test/d', prop: 'size', received: '"0Gi"', allowed: 'greater than 0' });
  });

  test('GIVEN a NetworkPolicy without rules WHEN synthesized THEN it is reported', () => {
    const { stack } = makeStack();
    new NetworkPolicy(stack, 'np');
    expect(() => synth(stack)).toThrow(SynthError);
  });

  test('GIVEN a standalone NetworkPolicy WHEN synthesized THEN it selects every pod by default', () => {
    const { stack } = makeStack();
    new NetworkPolicy(stack, 'np', { egress: [{ peers: [NetworkPeer.allNamespaces()] }] });
    expect(findObject(synth(stack), 'NetworkPolicy', 'np').spec).toEqual({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }] }] });
  });

  test('GIVEN the generic provider WHEN read THEN it has no storage or ingress class', () => {
    const p = Provider.generic();
    expect([p.name, p.storageClassName, p.ingressClassName, p.supportsInternalLoadBalancer]).toEqual(['generic', undefined, undefined, false]);
  });
});
