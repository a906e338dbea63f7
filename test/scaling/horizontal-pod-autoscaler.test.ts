import {
  findObject, findObjects, HorizontalPodAutoscaler, Metric, ScalingPolicy, SelectPolicy, WebService, Worker,
} from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

function web(props: Partial<ConstructorParameters<typeof WebService>[2]> = {}) {
  const { stack } = makeStack();
  const svc = new WebService(stack, 'web', { image: 'ghcr.io/acme/web:1.2.3', resources: RESOURCES, ...props });
  return { stack, svc };
}

describe('HorizontalPodAutoscaler', () => {
  test('GIVEN autoscale() WHEN synthesized THEN an autoscaling/v2 HPA targets the Deployment', () => {
    // GIVEN
    const { stack, svc } = web();
    // WHEN
    svc.autoscale({ minReplicas: 3, maxReplicas: 10 });
    // THEN
    const hpa = findObject(synth(stack), 'HorizontalPodAutoscaler', 'web');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([3, 10]);
  });

  test('GIVEN an autoscaled Deployment WHEN synthesized THEN it carries no replicas', () => {
    const { stack, svc } = web({ replicas: 4 });
    svc.autoscale({ maxReplicas: 10 });
    expect(findObject(synth(stack), 'Deployment', 'web').spec.replicas).toBeUndefined();
  });

  test('GIVEN the autoscaling prop WHEN synthesized THEN the HPA is created and replicas left out', () => {
    const { stack, svc } = web({ autoscaling: { maxReplicas: 5 } });
    expect(svc.autoscaler).toBeDefined();
    expect(findObject(synth(stack), 'Deployment', 'web').spec.replicas).toBeUndefined();
  });

  test('GIVEN no minReplicas and no metrics WHEN synthesized THEN min is 2 and it scales on 80 % CPU', () => {
    const { stack, svc } = web();
    svc.autoscale({ maxReplicas: 5 });
    const spec = findObject(synth(stack), 'HorizontalPodAutoscaler', 'web').spec;
    expect(spec.minReplicas).toBe(2);
    expect(spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  });

  test('GIVEN every kind of metric WHEN synthesized THEN each renders its v2 source', () => {
    const { stack, svc } = web();
    svc.autoscale({
      maxReplicas: 5,
      metrics: [
        Metric.memory(75),
        Metric.pods('requests_per_second', '100'),
        Metric.object({ name: 'hits', describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' }, value: '2k' }),
        Metric.external({ name: 'queue_depth', selector: { queue: 'orders' }, averageValue: '30' }),
      ],
    });
    const metrics = findObject(synth(stack), 'HorizontalPodAutoscaler', 'web').spec.metrics;
    expect(metrics.map((m: any) => m.type)).toEqual(['Resource', 'Pods', 'Object', 'External']);
    expect(metrics[1].pods).toEqual({ metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '100' } });
    expect(metrics[2].object.target).toEqual({ type: 'Value', value: '2k' });
    expect(metrics[3].external.metric.selector).toEqual({ matchLabels: { queue: 'orders' } });
  });

  test('GIVEN CPU and memory as average values WHEN synthesized THEN each is a Resource metric with an AverageValue target', () => {
    // GIVEN
    const { stack, svc } = web();
    // WHEN
    svc.autoscale({ maxReplicas: 5, metrics: [Metric.cpuAverageValue('500m'), Metric.memoryAverageValue('200Mi')] });
    // THEN
    expect(findObject(synth(stack), 'HorizontalPodAutoscaler', 'web').spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '500m' } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } },
    ]);
  });

  test('GIVEN a memory average value that is not a quantity WHEN autoscaled THEN it is refused with the value', () => {
    // GIVEN
    const { svc } = web();
    // WHEN / THEN
    expectPropError(() => svc.autoscale({ maxReplicas: 3, metrics: [Metric.memoryAverageValue('200 MB')] }),
      { path: 'test/web/Autoscaler', prop: 'metrics[0] averageValue', received: '"200 MB"', allowed: 'Kubernetes quantity' });
  });

  test('GIVEN a behavior WHEN synthesized THEN scale-up and scale-down rules render', () => {
    const { stack, svc } = web();
    svc.autoscale({
      maxReplicas: 5,
      behavior: {
        scaleUp: { policies: [ScalingPolicy.pods(4, 60)], selectPolicy: SelectPolicy.MAX },
        scaleDown: { stabilizationWindowSeconds: 600, policies: [ScalingPolicy.percent(10, 60)] },
      },
    });
    const behavior = findObject(synth(stack), 'HorizontalPodAutoscaler', 'web').spec.behavior;
    expect(behavior.scaleUp).toEqual({ selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }] });
    expect(behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 600, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] });
  });

  test('GIVEN maxReplicas below minReplicas WHEN autoscaled THEN a PropError names both', () => {
    const { svc } = web();
    expectPropError(() => svc.autoscale({ minReplicas: 5, maxReplicas: 3 }),
      { path: 'test/web/Autoscaler', prop: 'maxReplicas', received: '3', allowed: 'at least minReplicas (5)' });
  });

  test('GIVEN a second autoscale() WHEN called THEN it is refused', () => {
    const { svc } = web();
    svc.autoscale({ maxReplicas: 3 });
    expect(() => svc.autoscale({ maxReplicas: 4 })).toThrow(/one autoscaler per workload/);
  });

  test('GIVEN an invalid metric value WHEN autoscaled THEN a PropError names the metric', () => {
    const { svc } = web();
    expectPropError(() => svc.autoscale({ maxReplicas: 3, metrics: [Metric.cpu(0)] }),
      { path: 'test/web/Autoscaler', prop: 'metrics[0] utilization', received: '0' });
  });

  test('GIVEN an external metric with both value and averageValue WHEN autoscaled THEN it is refused', () => {
    const { svc } = web();
    expectPropError(() => svc.autoscale({ maxReplicas: 3, metrics: [Metric.external({ name: 'q', value: '1', averageValue: '2' })] }),
      { path: 'test/web/Autoscaler', prop: 'metrics[0].value', received: '"1"', allowed: 'exactly one of value and averageValue' });
  });

  test('GIVEN a standalone HPA on a Worker WHEN synthesized THEN it targets the Worker', () => {
    const { stack } = makeStack();
    const worker = new Worker(stack, 'w', { image: 'ghcr.io/acme/w:1.0.0', resources: RESOURCES, port: 9000 });
    new HorizontalPodAutoscaler(stack, 'w-hpa', { target: worker, maxReplicas: 4, minReplicas: 1 });
    expect(findObjects(synth(stack), 'HorizontalPodAutoscaler')[0].spec.scaleTargetRef.name).toBe('w');
  });
});
