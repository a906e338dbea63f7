import { AppStack, Config, findObject, findObjects, NetworkPeer, PlatformApp, ServiceType, StatefulService, WebService, Worker } from '../../lib';
import { containerOf, expectPropError, makeStack, RESOURCES, synth, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

describe('service discovery and connectTo()', () => {
  test('GIVEN a WebService WHEN its DNS name and URL are read THEN they name the Service in its namespace', () => {
    const { stack } = makeStack();
    const api = new WebService(stack, 'shop-api', { image: IMAGE, resources: RESOURCES, port: 9000, servicePort: 80 });
    expect(api.dnsName).toBe('shop-api.test.svc.cluster.local');
    expect(api.url).toBe('http://shop-api.test.svc.cluster.local');
  });

  test('GIVEN web.connectTo(api) WHEN synthesized THEN web gets SHOP_API_URL and api accepts web on its container port only', () => {
    // GIVEN
    const { stack } = makeStack();
    const api = new WebService(stack, 'shop-api', { image: IMAGE, resources: RESOURCES, port: 9000, servicePort: 80 });
    const web = new WebService(stack, 'shop-web', { image: IMAGE, resources: RESOURCES });
    // WHEN
    web.connectTo(api);
    const objects = synth(stack);
    // THEN
    expect(containerOf(objects, 'shop-web').env).toEqual([{ name: 'SHOP_API_URL', value: 'http://shop-api.test.svc.cluster.local' }]);
    const policy = findObject(objects, 'NetworkPolicy', 'shop-api');
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: api.selectorLabels },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: web.selectorLabels } }], ports: [{ port: 9000, protocol: 'TCP' }] }],
    });
    expect(findObjects(objects, 'NetworkPolicy').map((o) => o.metadata.name)).toEqual(['shop-api']);
  });

  test('GIVEN a caller in another namespace WHEN connected THEN the rule selects its namespace by name', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    const backend = new AppStack(app, 'backend', { namespace: 'backend' });
    const front = new AppStack(app, 'front', { namespace: 'front' });
    const api = new WebService(backend, 'api', { image: IMAGE, resources: RESOURCES });
    const web = new WebService(front, 'web', { image: IMAGE, resources: RESOURCES });
    web.connectTo(api, { envVar: 'BACKEND' });
    const policy = findObject(synth(app), 'NetworkPolicy', 'api');
    expect(policy.spec.ingress[0].from).toEqual([{
      podSelector: { matchLabels: web.selectorLabels }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } },
    }]);
    expect(containerOf(synth(app), 'web').env[0]).toEqual({ name: 'BACKEND', value: 'http://api.backend.svc.cluster.local:8080' });
  });

  test('GIVEN a default-deny namespace WHEN connected THEN the caller also gets egress to the target, with DNS', () => {
    const { stack } = makeStack({ namespaceOptions: { defaultDenyNetwork: true } });
    const db = new StatefulService(stack, 'db', { image: 'postgres:16.3', resources: RESOURCES, port: 5432, replicas: 1 });
    const worker = new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000 });
    worker.connectTo(db, { envVar: 'DB_URL' });
    const egress = findObject(synth(stack), 'NetworkPolicy', 'w').spec;
    expect(egress.policyTypes).toEqual(['Egress']);
    expect(egress.egress[0].to[0].namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } });
    expect(egress.egress[1]).toEqual({ to: [{ podSelector: { matchLabels: db.selectorLabels } }], ports: [{ port: 5432, protocol: 'TCP' }] });
  });

  test('GIVEN a LoadBalancer service that is connected to WHEN synthesized THEN it still accepts traffic from anywhere on its ports', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, serviceType: ServiceType.loadBalancer() });
    const probe = new Worker(stack, 'probe', { image: IMAGE, resources: RESOURCES, port: 9000 });
    probe.connectTo(web);
    const ingress = findObject(synth(stack), 'NetworkPolicy', 'web').spec.ingress;
    expect(ingress[0]).toEqual({ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 8080, protocol: 'TCP' }] });
  });

  test('GIVEN an unknown port WHEN connecting THEN a PropError lists the Service ports', () => {
    const { stack } = makeStack();
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES });
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => web.connectTo(api, { port: 9999 }), { path: 'test/web', prop: 'connectTo() port', received: '9999', allowed: 'one of the Service ports of "api": 8080' });
  });

  test('GIVEN a target connected twice under one variable WHEN connecting THEN the variable clash is refused', () => {
    const { stack } = makeStack();
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES });
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    web.connectTo(api);
    expect(() => web.connectTo(api)).toThrow(/API_URL/);
  });

  test('GIVEN allowFrom() and allowTo() WHEN synthesized THEN the rules are added', () => {
    const { stack } = makeStack();
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES, extraPorts: [{ name: 'metrics', port: 9100 }] });
    api.allowFrom(NetworkPeer.namespace('monitoring'), { ports: [{ port: 9100 }] });
    api.allowTo(NetworkPeer.ipBlock('10.20.0.0/16'), { ports: [{ port: 5432 }] });
    const spec = findObject(synth(stack), 'NetworkPolicy', 'api').spec;
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9100, protocol: 'TCP' }] }]);
    expect(spec.egress[1]).toEqual({ to: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ port: 5432, protocol: 'TCP' }] });
  });

  test('GIVEN an invalid CIDR WHEN allowed THEN a PropError names it', () => {
    const { stack } = makeStack();
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => api.allowTo(NetworkPeer.ipBlock('10.0.0.0/33')), { path: 'test/api/NetworkPolicy', prop: 'addEgress().peers[0] cidr', received: '"10.0.0.0/33"' });
  });

  test('GIVEN a target that is not a service WHEN connecting THEN a PropError says so', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => web.connectTo(new Config(stack, 'c') as any), { path: 'test/web', prop: 'connectTo() target', received: 'test/c' });
  });
});

describe('exposed services in a default-deny namespace', () => {
  test('GIVEN a LoadBalancer service WHEN synthesized THEN it accepts traffic from anywhere on its ports from the start', () => {
    // GIVEN
    const { stack } = makeStack({ namespaceOptions: { defaultDenyNetwork: true } });
    // WHEN
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, serviceType: ServiceType.loadBalancer() });
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'web').spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });

  test('GIVEN a ClusterIP service nobody connects to WHEN synthesized THEN it gets no policy of its own', () => {
    const { stack } = makeStack({ namespaceOptions: { defaultDenyNetwork: true } });
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expect(findObjects(synth(stack), 'NetworkPolicy').map((o) => o.metadata.name)).toEqual(['default-deny']);
  });
});
