import { LifecycleHook, Mount, Probe, WebService, Worker } from '../../lib';
import { containerOf, expectPropError, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/web:1.2.3';

describe('graceful shutdown, startup probes, init containers and sidecars', () => {
  test('GIVEN preStop sleep and a grace period at the default Kubernetes version WHEN synthesized THEN both render, the sleep as the native action', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, preStop: LifecycleHook.sleep(5), terminationGracePeriodSeconds: 45 });
    // WHEN
    const objects = synth(stack);
    // THEN (1.33: the kubelet's sleep action, test/workloads/kubernetes-versions.test.ts has 1.29's exec)
    expect(containerOf(objects, 'web').lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
    expect(podSpecOf(objects, 'web').terminationGracePeriodSeconds).toBe(45);
  });

  test('GIVEN a preStop sleep as long as the grace period WHEN created THEN a PropError explains the kill', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, preStop: LifecycleHook.sleep(30), terminationGracePeriodSeconds: 30 }),
      { path: 'test/web', prop: 'preStop', received: '"sleep 30s"', allowed: 'shorter than terminationGracePeriodSeconds' });
  });

  test('GIVEN an HTTP preStop hook WHEN synthesized THEN it targets the main port', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, port: 3000, preStop: LifecycleHook.http('/drain') });
    expect(containerOf(synth(stack), 'web').lifecycle.preStop).toEqual({ httpGet: { path: '/drain', port: 3000 } });
  });

  test('GIVEN a startup probe WHEN synthesized THEN the container has it', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, startupProbe: Probe.http('/healthz', { failureThreshold: 30, periodSeconds: 10 }) });
    expect(containerOf(synth(stack), 'web').startupProbe).toEqual({ httpGet: { path: '/healthz', port: 8080 }, failureThreshold: 30, periodSeconds: 10 });
  });

  test('GIVEN an init container WHEN synthesized THEN it runs with the restricted security context and its own /tmp', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    web.addInitContainer({ name: 'migrate', image: IMAGE, command: ['/migrate'], resources: RESOURCES });
    const init = podSpecOf(synth(stack), 'web').initContainers[0];
    expect(init.name).toBe('migrate');
    expect(init.securityContext).toEqual({
      allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] },
    });
    expect(init.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  test('GIVEN a sidecar sharing an emptyDir WHEN synthesized THEN both containers mount one volume', () => {
    const { stack } = makeStack();
    const logs = Mount.emptyDir('/var/log/app');
    new Worker(stack, 'w', {
      image: IMAGE, resources: RESOURCES, port: 9000, mounts: [logs],
      sidecars: [{ name: 'shipper', image: 'fluent/fluent-bit:3.0.4', mounts: [logs], resources: RESOURCES }],
    });
    const spec = podSpecOf(synth(stack), 'w');
    // At the default Kubernetes version (1.33) the sidecar is native: an init container.
    expect(spec.containers.map((c: any) => c.name)).toEqual(['w']);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['shipper']);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['var-log-app', 'tmp']);
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'var-log-app', mountPath: '/var/log/app' }, { name: 'tmp', mountPath: '/tmp' }]);
  });

  test('GIVEN a sidecar named like the main container WHEN added THEN a PropError names the clash', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => web.addSidecar({ name: 'web', image: IMAGE, resources: RESOURCES }),
      { path: 'test/web', prop: 'addSidecar("web").name', received: '"web"', allowed: 'not already used' });
  });

  test('GIVEN a sidecar without resources and no defaults WHEN added THEN a PropError asks for them', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => web.addSidecar({ name: 'proxy', image: IMAGE }),
      { path: 'test/web', prop: 'addSidecar("proxy").resources', received: 'undefined' });
  });
});

describe('probes of extra containers', () => {
  test('GIVEN a sidecar with probes WHEN synthesized THEN they default to its first port', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN
    new WebService(stack, 'web', {
      image: IMAGE, resources: RESOURCES,
      sidecars: [{ name: 'proxy', image: IMAGE, resources: RESOURCES, ports: [{ name: 'admin', port: 9901 }], readinessProbe: Probe.http('/ready'), livenessProbe: Probe.tcp() }],
    });
    // THEN (a native sidecar at the default Kubernetes version, 1.33)
    const proxy = podSpecOf(synth(stack), 'web').initContainers[0];
    expect([proxy.readinessProbe, proxy.livenessProbe]).toEqual([{ httpGet: { path: '/ready', port: 9901 } }, { tcpSocket: { port: 9901 } }]);
  });

  test('GIVEN an init container with a probe WHEN added THEN a PropError refuses it', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => web.addInitContainer({ name: 'init', image: IMAGE, resources: RESOURCES, readinessProbe: Probe.exec(['true']) }),
      { path: 'test/web', prop: 'addInitContainer("init").readinessProbe', received: '{"handler":{"kind":"exec"', allowed: 'no probe' });
  });
});
