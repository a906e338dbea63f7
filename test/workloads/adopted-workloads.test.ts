import { Config, Mount, NetworkPeer, Probe, ServiceType, StatefulService, WebService } from '../../lib';
import { expectPropError, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

// What adopting an existing workload (as `cdk8s-platform import` writes it) needs of the constructs: the volume names
// and object labels of the manifests it replaces.

describe('a mount\'s volumeName', () => {
  test('GIVEN a config mount with volumeName WHEN synthesized THEN the volume and the mount have that name', () => {
    // GIVEN
    const { stack } = makeStack();
    const config = new Config(stack, 'web-config', { data: { 'nginx.conf': 'events {}' } });
    new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, mounts: [Mount.config(config, '/etc/nginx', { volumeName: 'conf' })] });
    // WHEN
    const spec = podSpecOf(synth(stack), 'web');
    // THEN
    expect(spec.volumes[0]).toEqual({ name: 'conf', configMap: { name: 'web-config' } });
    expect(spec.containers[0].volumeMounts[0]).toEqual({ name: 'conf', mountPath: '/etc/nginx', readOnly: true });
  });

  test('GIVEN an emptyDir mount with volumeName WHEN synthesized THEN the volume has that name', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, mounts: [Mount.emptyDir('/var/cache/nginx', { volumeName: 'cache' })] });
    // WHEN
    const spec = podSpecOf(synth(stack), 'web');
    // THEN
    expect(spec.volumes[0]).toEqual({ name: 'cache', emptyDir: {} });
  });

  test('GIVEN a volumeName that is not a DNS-1123 label WHEN created THEN the prop is refused with the value', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN / THEN
    expectPropError(() => new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, mounts: [Mount.emptyDir('/cache', { volumeName: 'Cache_1' })] }), {
      path: 'test/web', prop: 'mounts[0].volumeName', received: '"Cache_1"',
    });
  });
});

describe('a workload\'s metadata labels and its selector', () => {
  test('GIVEN metadata.labels repeating a selector label with its value WHEN synthesized THEN the Deployment has the label', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, selectorLabels: { app: 'web' }, metadata: { labels: { app: 'web' } } });
    // WHEN
    const deployment = synth(stack).find((o) => o.kind === 'Deployment')!;
    // THEN
    expect(deployment.metadata.labels).toEqual(expect.objectContaining({ app: 'web' }));
  });

  test('GIVEN metadata.labels giving a selector label another value WHEN created THEN it is refused, naming the selector\'s value', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN / THEN
    expectPropError(() => new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, selectorLabels: { app: 'web' }, metadata: { labels: { app: 'api' } } }), {
      path: 'test/web', prop: 'metadata.labels.app', received: '"api"', allowed: /cannot be other than "web" here/,
    });
  });
});

describe('targetPortsByName', () => {
  test('GIVEN targetPortsByName WHEN synthesized THEN each Service port targets the container port by its name', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, port: 8080, servicePort: 80, extraPorts: [{ name: 'metrics', port: 9100 }], targetPortsByName: true });
    // WHEN
    const service = synth(stack).find((o) => o.kind === 'Service')!;
    // THEN
    expect(service.spec.ports.map((p: any) => [p.port, p.targetPort])).toEqual([[80, 'http'], [9100, 'metrics']]);
  });

  test('GIVEN no targetPortsByName WHEN synthesized THEN the Service targets the container port by its number', () => {
    // GIVEN
    const { stack } = makeStack();
    new StatefulService(stack, 'redis', { image: 'redis:7.2.4', resources: RESOURCES, port: 6379, portName: 'redis', replicas: 1 });
    // WHEN
    const service = synth(stack).find((o) => o.kind === 'Service')!;
    // THEN
    expect(service.spec.ports[0].targetPort).toBe(6379);
  });

  test('GIVEN targetPortsByName that is not a boolean WHEN created THEN it is refused', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN / THEN
    expectPropError(() => new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, targetPortsByName: 'yes' as unknown as boolean }), {
      path: 'test/web', prop: 'targetPortsByName', received: '"yes"',
    });
  });
});

describe('a probe\'s port by name', () => {
  test('GIVEN Probe.tcp({ port: \'redis\' }) WHEN synthesized THEN the probe names the container port', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'redis', { image: 'redis:7.2.4', resources: RESOURCES, port: 6379, portName: 'redis', livenessProbe: Probe.tcp({ port: 'redis' }) });
    // WHEN
    const container = podSpecOf(synth(stack), 'redis').containers[0];
    // THEN
    expect(container.livenessProbe).toEqual({ tcpSocket: { port: 'redis' } });
  });

  test('GIVEN a probe port name that is not an IANA service name WHEN created THEN it is refused', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN / THEN
    expectPropError(() => new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, readinessProbe: Probe.http('/', { port: 'Not A Name' }) }), {
      path: 'test/web', prop: 'readinessProbe.port', received: '"Not A Name"',
    });
  });
});

describe('an extra port the Service does not expose', () => {
  const metrics = { name: 'http-metrics', port: 9797, expose: false };

  test('GIVEN an extra port with expose: false WHEN synthesized THEN the container declares it', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, extraPorts: [metrics] });
    // WHEN
    const spec = podSpecOf(synth(stack), 'web');
    // THEN
    expect(spec.containers[0].ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'http-metrics', containerPort: 9797, protocol: 'TCP' },
    ]);
  });

  test('GIVEN an extra port with expose: false WHEN synthesized THEN the Service has no port for it', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, extraPorts: [metrics] });
    // WHEN
    const service = synth(stack).find((o) => o.kind === 'Service')!;
    // THEN
    expect(service.spec.ports.map((p: { name: string }) => p.name)).toEqual(['http']);
  });

  test('GIVEN a LoadBalancer service with a port it does not expose WHEN synthesized THEN only the exposed port is open to any address', () => {
    // GIVEN
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, serviceType: ServiceType.loadBalancer(), extraPorts: [metrics] });
    // WHEN
    web.allowFrom(NetworkPeer.pods({ selectorLabels: { app: 'prometheus' } }), { ports: [{ port: 9797 }] });
    const policy = synth(stack).find((o) => o.kind === 'NetworkPolicy')!;
    // THEN
    const anyAddress = policy.spec.ingress.find((r: { from?: Array<{ ipBlock?: unknown }> }) => r.from?.some((f) => f.ipBlock !== undefined));
    expect(anyAddress.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });
});
