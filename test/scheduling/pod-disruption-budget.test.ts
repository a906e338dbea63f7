import { findObject, findObjects, PodDisruptionBudget, UnhealthyPodEvictionPolicy, WebService, Worker } from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/web:1.2.3';

describe('PodDisruptionBudget', () => {
  test('GIVEN a service with 2 replicas WHEN synthesized THEN a policy/v1 budget allows 1 unavailable pod', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    // WHEN
    const pdb = findObject(synth(stack), 'PodDisruptionBudget', 'web');
    // THEN
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'test' } },
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    });
  });

  test('GIVEN one replica WHEN synthesized THEN there is no budget', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, replicas: 1 });
    expect(findObjects(synth(stack), 'PodDisruptionBudget')).toEqual([]);
  });

  test('GIVEN one replica autoscaled from 2 WHEN synthesized THEN a budget is added', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, replicas: 1 });
    web.autoscale({ minReplicas: 2, maxReplicas: 4 });
    expect(findObjects(synth(stack), 'PodDisruptionBudget')).toHaveLength(1);
  });

  test('GIVEN two replicas autoscaled from 1 WHEN synthesized THEN the default budget is removed', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    web.autoscale({ minReplicas: 1, maxReplicas: 4 });
    expect(findObjects(synth(stack), 'PodDisruptionBudget')).toEqual([]);
    expect(web.disruptionBudget).toBeUndefined();
  });

  test('GIVEN disruptionBudget.enabled false WHEN synthesized THEN there is no budget', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, disruptionBudget: { enabled: false } });
    expect(findObjects(synth(stack), 'PodDisruptionBudget')).toEqual([]);
  });

  test('GIVEN a Worker with 2 replicas WHEN synthesized THEN it gets a budget too', () => {
    const { stack } = makeStack();
    new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, replicas: 2, port: 9000 });
    expect(findObject(synth(stack), 'PodDisruptionBudget', 'w').spec.maxUnavailable).toBe(1);
  });

  test('GIVEN minAvailable and IfHealthyBudget WHEN synthesized THEN they replace the defaults', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', {
      image: IMAGE, resources: RESOURCES,
      disruptionBudget: { minAvailable: '50%', unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET },
    });
    const spec = findObject(synth(stack), 'PodDisruptionBudget', 'web').spec;
    expect(spec.minAvailable).toBe('50%');
    expect(spec.maxUnavailable).toBeUndefined();
    expect(spec.unhealthyPodEvictionPolicy).toBe('IfHealthyBudget');
  });

  test('GIVEN both maxUnavailable and minAvailable WHEN created THEN a PropError says they are exclusive', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, disruptionBudget: { maxUnavailable: 1, minAvailable: 1 } }),
      { path: 'test/web', prop: 'disruptionBudget.minAvailable', received: '1', allowed: 'exclusive' });
  });

  test('GIVEN a standalone budget with a bad percentage WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, replicas: 1 });
    expectPropError(() => new PodDisruptionBudget(stack, 'pdb', { selector: web, maxUnavailable: '150%' }),
      { path: 'test/pdb', prop: 'maxUnavailable', received: '"150%"' });
  });
});
