import { findObject, Probe, Worker, WorkerProps } from '../../lib';
import { containerOf, expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

const BASE: WorkerProps = { image: 'ghcr.io/acme/worker:2.0.0', resources: RESOURCES, port: 9102 };

describe('Worker', () => {
  test('GIVEN a worker WHEN synthesized THEN it is a Deployment with no Service', () => {
    const { stack } = makeStack();
    new Worker(stack, 'jobs', BASE);
    expect(stack).toHaveObject('Deployment', 'jobs');
    expect(stack).toHaveObjectCount('Service', 0);
  });

  test('GIVEN no replicas WHEN synthesized THEN one pod runs', () => {
    const { stack } = makeStack();
    new Worker(stack, 'jobs', BASE);
    expect(stack).toHaveObject('Deployment', 'jobs', { spec: { replicas: 1 } });
  });

  test('GIVEN no component WHEN synthesized THEN its component label is "worker"', () => {
    const { stack } = makeStack();
    new Worker(stack, 'jobs', BASE);
    expect(stack).toHaveObject('Deployment', 'jobs', { metadata: { labels: expect.objectContaining({ 'app.kubernetes.io/component': 'worker' }) } });
  });

  test('GIVEN a port and no probes WHEN synthesized THEN readiness and liveness check that port', () => {
    const { stack } = makeStack();
    new Worker(stack, 'jobs', BASE);
    const c = containerOf(synth(stack), 'jobs');
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 9102 } });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 9102 }, initialDelaySeconds: 10 });
  });

  test('GIVEN no port and exec probes WHEN synthesized THEN the probes run the command', () => {
    const { stack } = makeStack();
    new Worker(stack, 'jobs', { ...BASE, port: undefined, readinessProbe: Probe.exec(['/bin/ready']), livenessProbe: Probe.exec(['/bin/alive']) });
    const c = containerOf(synth(stack), 'jobs');
    expect(c.ports).toBeUndefined();
    expect(c.readinessProbe).toEqual({ exec: { command: ['/bin/ready'] } });
  });

  test('GIVEN the same secure pod defaults as a WebService WHEN synthesized THEN the pod is restricted', () => {
    const { stack } = makeStack();
    new Worker(stack, 'jobs', BASE);
    const spec = findObject(synth(stack), 'Deployment', 'jobs').spec.template.spec;
    expect(spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('GIVEN no port and no probes WHEN constructed THEN the error asks for probes', () => {
    const { stack } = makeStack();
    expectPropError(() => new Worker(stack, 'jobs', { ...BASE, port: undefined }), {
      path: 'test/jobs', prop: 'livenessProbe', received: 'undefined', allowed: 'a Worker without a port has no default probe',
    });
  });

  test('GIVEN a portName without a port WHEN constructed THEN the error names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new Worker(stack, 'jobs', { ...BASE, port: undefined, portName: 'metrics', readinessProbe: Probe.none(), livenessProbe: Probe.none() }), {
      path: 'test/jobs', prop: 'portName', received: '"metrics"', allowed: 'no portName without a port',
    });
  });
});
