import { ApiObject } from 'cdk8s';
import { Address, findObject, NetworkPeer, findObjects, Ingress, PlatformApp, AppStack, Protocol, ServiceType, StatefulService, WebService, Worker, WorkloadService } from '../../lib';
import { containerOf, expectPropError, makeStack, RESOURCES, synth, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/frontend:1.4.0';

/** A frontend WebService on 8080 with a gRPC extra port, in a stack of its own. */
function setUp(props: Parameters<typeof makeStack>[0] = {}) {
  const { stack } = makeStack(props);
  const frontend = new WebService(stack, 'frontend', { image: IMAGE, resources: RESOURCES, extraPorts: [{ name: 'grpc', port: 9090 }] });
  return { stack, frontend };
}

describe('addService()', () => {
  test('GIVEN a WebService WHEN a LoadBalancer Service is added on port 80 THEN a second Service selects the same pods', () => {
    // GIVEN
    const { stack, frontend } = setUp();
    // WHEN
    frontend.addService({ name: 'frontend-external', type: ServiceType.loadBalancer(), ports: [{ port: 80 }] });
    // THEN
    const objects = synth(stack);
    const svc = findObject(objects, 'Service', 'frontend-external');
    expect(svc.spec).toEqual({
      type: 'LoadBalancer',
      selector: frontend.selectorLabels,
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    });
    expect(findObjects(objects, 'Service').map((o) => o.metadata.name)).toEqual(['frontend', 'frontend-external']);
  });

  test('GIVEN no ports WHEN a Service is added THEN it exposes every port of the workload as the main Service does', () => {
    const { stack, frontend } = setUp();
    frontend.addService({ name: 'frontend-np', type: ServiceType.nodePort({ nodePort: 30080 }) });
    expect(findObject(synth(stack), 'Service', 'frontend-np').spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP', nodePort: 30080 },
      { name: 'grpc', port: 9090, targetPort: 9090, protocol: 'TCP' },
    ]);
  });

  test('GIVEN no type WHEN a Service is added THEN it is a ClusterIP Service', () => {
    const { stack, frontend } = setUp();
    frontend.addService({ name: 'frontend-grpc', ports: [{ port: 50051, targetPort: 'grpc' }] });
    expect(findObject(synth(stack), 'Service', 'frontend-grpc').spec).toEqual({
      type: 'ClusterIP', selector: frontend.selectorLabels, ports: [{ name: 'grpc', port: 50051, targetPort: 9090, protocol: 'TCP' }],
    });
  });

  test('GIVEN an added Service WHEN read THEN it is the workload\'s object, its own construct and an endpoint', () => {
    const { frontend } = setUp();
    const ext = frontend.addService({ name: 'frontend-external', type: ServiceType.loadBalancer(), ports: [{ port: 80 }] });
    expect(WorkloadService.isWorkloadService(ext)).toBe(true);
    expect(ApiObject.of(ext)).toBe(ext.apiObject);
    expect(frontend.apiObjects).toContain(ext.apiObject);
    expect(frontend.addedServices).toEqual([ext]);
    expect(ext.dnsName).toBe('frontend-external.test.svc.cluster.local');
    expect(ext.address(Address.hostPort())).toBe('frontend-external.test.svc.cluster.local:80');
  });

  test('GIVEN metadata on the workload and the added Service WHEN synthesized THEN both land on the Service', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, metadata: { labels: { team: 'shop' }, annotations: { owner: 'a' } } });
    web.addService({ name: 'web-public', type: ServiceType.loadBalancer({ annotations: { lb: 'x' } }), metadata: { labels: { exposure: 'public' }, annotations: { owner: 'b' } } });
    const svc = findObject(synth(stack), 'Service', 'web-public');
    expect(svc.metadata.labels).toMatchObject({ 'team': 'shop', 'exposure': 'public', 'app.kubernetes.io/name': 'web' });
    expect(svc.metadata.annotations).toEqual({ owner: 'b', lb: 'x' });
  });

  test('GIVEN a StatefulService WHEN a ClusterIP Service is added THEN it is not headless', () => {
    const { stack } = makeStack();
    const db = new StatefulService(stack, 'db', { image: 'postgres:16.3', resources: RESOURCES, port: 5432, replicas: 1 });
    db.addService({ name: 'db-rw' });
    const objects = synth(stack);
    expect(findObject(objects, 'Service', 'db').spec.clusterIP).toBe('None');
    expect(findObject(objects, 'Service', 'db-rw').spec.clusterIP).toBeUndefined();
  });
});

describe('addService() and network rules', () => {
  test('GIVEN a public Service WHEN a connectTo() restricts the workload\'s ingress THEN its port stays open to anywhere', () => {
    // GIVEN
    const { stack } = makeStack();
    const frontend = new WebService(stack, 'frontend', { image: IMAGE, resources: RESOURCES });
    frontend.addService({ name: 'frontend-external', type: ServiceType.loadBalancer(), ports: [{ port: 80 }] });
    const loadgen = new Worker(stack, 'loadgen', { image: IMAGE, resources: RESOURCES, port: 9000 });
    // WHEN
    loadgen.connectTo(frontend);
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'frontend').spec.ingress).toEqual([
      { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 8080, protocol: 'TCP' }] },
      { from: [{ podSelector: { matchLabels: loadgen.selectorLabels } }], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });

  test('GIVEN a public Service and nothing that restricts ingress WHEN synthesized THEN no NetworkPolicy is made', () => {
    const { stack, frontend } = setUp();
    frontend.addService({ name: 'frontend-external', type: ServiceType.loadBalancer(), ports: [{ port: 80 }] });
    expect(findObjects(synth(stack), 'NetworkPolicy')).toEqual([]);
  });

  test('GIVEN a NodePort Service in a default-deny namespace WHEN synthesized THEN its target port is open to anywhere', () => {
    const { stack, frontend } = setUp({ namespaceOptions: { defaultDenyNetwork: true } });
    frontend.addService({ name: 'frontend-np', type: ServiceType.nodePort(), ports: [{ port: 9090, targetPort: 'grpc' }] });
    expect(findObject(synth(stack), 'NetworkPolicy', 'frontend').spec.ingress).toEqual([
      { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 9090, protocol: 'TCP' }] },
    ]);
  });

  test('GIVEN an added Service WHEN another workload connects to it THEN the variable names it and the rule is on the workload', () => {
    const { stack, frontend } = setUp();
    const grpc = frontend.addService({ name: 'frontend-grpc', ports: [{ port: 50051, targetPort: 'grpc' }] });
    const checkout = new WebService(stack, 'checkout', { image: IMAGE, resources: RESOURCES });
    checkout.connectTo(grpc, { as: Address.hostPort() });
    const objects = synth(stack);
    expect(containerOf(objects, 'checkout').env).toEqual([{ name: 'FRONTEND_GRPC_ADDR', value: 'frontend-grpc.test.svc.cluster.local:50051' }]);
    expect(findObject(objects, 'NetworkPolicy', 'frontend').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: checkout.selectorLabels } }], ports: [{ port: 9090, protocol: 'TCP' }] },
    ]);
  });

  test('GIVEN an added Service WHEN its own workload connects to it THEN a PropError refuses it', () => {
    const { frontend } = setUp();
    const ext = frontend.addService({ name: 'frontend-external' });
    expectPropError(() => frontend.connectTo(ext), { path: 'test/frontend', prop: 'connectTo() target', received: '"frontend-external"', allowed: 'another workload' });
  });

  test('GIVEN an added Service as an Ingress backend WHEN ingress is restricted THEN the controller reaches its target port', () => {
    const { stack, frontend } = setUp();
    const grpc = frontend.addService({ name: 'frontend-grpc', ports: [{ port: 50051, targetPort: 'grpc' }] });
    new Ingress(stack, 'ing', { rules: [{ host: 'shop.example.com', paths: [{ backend: grpc }] }] });
    frontend.allowFrom(NetworkPeer.namespace('monitoring'));
    const objects = synth(stack);
    expect(findObject(objects, 'Ingress', 'ing').spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'frontend-grpc', port: { number: 50051 } } });
    const ingress = findObject(objects, 'NetworkPolicy', 'frontend').spec.ingress;
    expect(ingress).toContainEqual({ from: [{ namespaceSelector: {} }], ports: [{ port: 9090, protocol: 'TCP' }] });
  });
});

describe('addService() errors', () => {
  test('GIVEN a name that is not a DNS-1035 label WHEN a Service is added THEN a PropError names it', () => {
    const { frontend } = setUp();
    expectPropError(() => frontend.addService({ name: '1-external' }), { path: 'test/frontend/1-external', prop: 'name', received: '"1-external"', allowed: 'DNS-1035 label' });
  });

  test('GIVEN the main Service\'s name WHEN a Service is added THEN a PropError asks for another', () => {
    const { frontend } = setUp();
    expectPropError(() => frontend.addService({ name: 'frontend' }), { path: 'test/frontend', prop: 'addService() name', received: '"frontend"', allowed: 'another name' });
  });

  test('GIVEN a name another workload\'s Service has in the namespace WHEN a Service is added THEN a PropError names that Service', () => {
    const { stack, frontend } = setUp();
    new WebService(stack, 'cart', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => frontend.addService({ name: 'cart' }), { path: 'test/frontend/cart', prop: 'name', received: '"cart"', allowed: 'the Service at test/cart/Service has it' });
  });

  test('GIVEN the same name in another namespace WHEN a Service is added THEN it is accepted', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    new WebService(new AppStack(app, 'a', { namespace: 'a' }), 'cart', { image: IMAGE, resources: RESOURCES });
    const web = new WebService(new AppStack(app, 'b', { namespace: 'b' }), 'web', { image: IMAGE, resources: RESOURCES });
    expect(web.addService({ name: 'cart' }).namespace).toBe('b');
  });

  test('GIVEN an unknown target port WHEN a Service is added THEN a PropError lists the workload\'s ports', () => {
    const { frontend } = setUp();
    expectPropError(() => frontend.addService({ name: 'x', ports: [{ port: 80, targetPort: 'metrics' }] }), {
      path: 'test/frontend/x', prop: 'ports[0].targetPort', received: '"metrics"', allowed: "the name of one of the workload's ports: http, grpc",
    });
  });

  test('GIVEN a node port on a ClusterIP Service WHEN a Service is added THEN a PropError refuses it', () => {
    const { frontend } = setUp();
    expectPropError(() => frontend.addService({ name: 'x', ports: [{ port: 80, nodePort: 30001 }] }), {
      path: 'test/frontend/x', prop: 'ports[0].nodePort', received: '30001', allowed: 'no node port',
    });
  });

  test('GIVEN two ports with one name WHEN a Service is added THEN a PropError asks for unique names', () => {
    const { frontend } = setUp();
    expectPropError(() => frontend.addService({ name: 'x', ports: [{ port: 80 }, { port: 81 }] }), { path: 'test/frontend/x', prop: 'ports', received: '"http"', allowed: 'a port name not already used' });
  });

  test('GIVEN a type that is not a ServiceType WHEN a Service is added THEN a PropError names the choices', () => {
    const { frontend } = setUp();
    expectPropError(() => frontend.addService({ name: 'x', type: 'LoadBalancer' as any }), { path: 'test/frontend/x', prop: 'type', received: '"LoadBalancer"', allowed: 'ServiceType.loadBalancer()' });
  });

  test('GIVEN a workload that has no Service WHEN a WorkloadService is made for it THEN a PropError asks for a service workload', () => {
    const { stack } = makeStack();
    const w = new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000 });
    expectPropError(() => new WorkloadService(stack, 'w-svc', { workload: w as any }), { path: 'test/w-svc', prop: 'workload', received: 'test/w', allowed: 'a WebService or StatefulService' });
  });

  test('GIVEN a UDP target port WHEN a Service is added THEN the Service port takes its protocol', () => {
    const { stack } = makeStack();
    const dns = new WebService(stack, 'dns', { image: IMAGE, resources: RESOURCES, port: 5353, protocol: Protocol.UDP });
    dns.addService({ name: 'dns-public', type: ServiceType.loadBalancer(), ports: [{ port: 53 }] });
    expect(findObject(synth(stack), 'Service', 'dns-public').spec.ports).toEqual([{ name: 'http', port: 53, targetPort: 5353, protocol: 'UDP' }]);
  });
});
