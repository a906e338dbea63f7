import { Construct } from 'constructs';
import {
  AllowFromOptions, EndpointPort, externalReferenceOf, findObject, findObjects, Ingress, IServiceEndpoint, NetworkPeer, PlatformApp,
  Protocol, ServiceEndpoint, synthFindings, WebService, Worker,
} from '../../lib';
import { containerOf, expectPropError, makeStack, RESOURCES, synth, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

/** A Service rendered by another tool, described by a class of the user's own. */
class LegacyService extends Construct implements IServiceEndpoint {
  public readonly name = 'legacy';
  public readonly namespace = 'test';
  public readonly serviceName = 'legacy-svc';
  public readonly dnsName = 'legacy-svc.test.svc.cluster.local';
  public readonly selectorLabels = { app: 'legacy' };
  public readonly endpointPorts: EndpointPort[] = [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }];
  public readonly allowed: Array<{ peer: NetworkPeer; options?: AllowFromOptions; whenRestricted: boolean }> = [];

  public allowFrom(peer: NetworkPeer, options?: AllowFromOptions): void {
    this.allowed.push({ peer, options, whenRestricted: false });
  }

  public allowWhenRestricted(peer: NetworkPeer, options?: AllowFromOptions): void {
    this.allowed.push({ peer, options, whenRestricted: true });
  }
}

describe('IServiceEndpoint implemented by a user class', () => {
  test('GIVEN a user class WHEN a workload connects to it THEN the URL is set and its allowFrom() gets the caller and the target port', () => {
    // GIVEN
    const { stack } = makeStack();
    const legacy = new LegacyService(stack, 'legacy');
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    // WHEN
    web.connectTo(legacy);
    // THEN
    expect(containerOf(synth(stack), 'web').env).toEqual([{ name: 'LEGACY_URL', value: 'http://legacy-svc.test.svc.cluster.local' }]);
    expect(legacy.allowed).toEqual([{ peer: NetworkPeer.pods(web, 'test'), options: { ports: [{ port: 8080, protocol: Protocol.TCP }] }, whenRestricted: false }]);
  });

  test('GIVEN a user class WHEN it is an Ingress backend THEN the Ingress routes to its Service and calls allowWhenRestricted() for the controller', () => {
    // GIVEN
    const { stack } = makeStack();
    const legacy = new LegacyService(stack, 'legacy');
    // WHEN
    new Ingress(stack, 'ing', { rules: [{ paths: [{ backend: legacy }] }] });
    // THEN
    const paths = findObject(synth(stack), 'Ingress', 'ing').spec.rules[0].http.paths;
    expect(paths[0].backend).toEqual({ service: { name: 'legacy-svc', port: { number: 80 } } });
    expect(legacy.allowed).toEqual([{ peer: NetworkPeer.allNamespaces(), options: { ports: [{ port: 8080 }] }, whenRestricted: true }]);
  });
});

describe('ServiceEndpoint.fromServiceName()', () => {
  test('GIVEN an imported Service WHEN a workload connects to it THEN the URL names it and no NetworkPolicy is rendered', () => {
    // GIVEN
    const { stack } = makeStack();
    const search = ServiceEndpoint.fromServiceName(stack, 'search', { serviceName: 'opensearch', namespace: 'search', ports: [{ port: 9200 }] });
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    // WHEN
    web.connectTo(search);
    const objects = synth(stack);
    // THEN
    expect(containerOf(objects, 'web').env).toEqual([{ name: 'OPENSEARCH_URL', value: 'http://opensearch.search.svc.cluster.local:9200' }]);
    expect(findObjects(objects, 'NetworkPolicy')).toEqual([]);
  });

  test('GIVEN no namespace WHEN imported in a stack THEN the Service is in the stack\'s namespace', () => {
    const { stack } = makeStack();
    const svc = ServiceEndpoint.fromServiceName(stack, 'svc', { serviceName: 'cache', ports: [{ port: 6379, name: 'redis' }] });
    expect(svc.namespace).toBe('test');
    expect(svc.dnsName).toBe('cache.test.svc.cluster.local');
    expect(svc.endpointPorts).toEqual([{ name: 'redis', port: 6379, targetPort: 6379, protocol: 'TCP' }]);
  });

  test('GIVEN a default-deny namespace and selector labels WHEN connected THEN only the caller\'s egress rule to the Service\'s pods is added', () => {
    // GIVEN
    const { stack } = makeStack({ namespaceOptions: { defaultDenyNetwork: true } });
    const search = ServiceEndpoint.fromServiceName(stack, 'search', {
      serviceName: 'opensearch', namespace: 'search', ports: [{ port: 9200, targetPort: 9201 }], selectorLabels: { app: 'opensearch' },
    });
    const worker = new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000 });
    // WHEN
    worker.connectTo(search);
    const objects = synth(stack);
    // THEN
    expect(findObjects(objects, 'NetworkPolicy').map((o) => o.metadata.name)).toEqual(['default-deny', 'w']);
    expect(findObject(objects, 'NetworkPolicy', 'w').spec.egress[1]).toEqual({
      to: [{ podSelector: { matchLabels: { app: 'opensearch' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'search' } } }],
      ports: [{ port: 9201, protocol: 'TCP' }],
    });
  });

  test('GIVEN a default-deny namespace and no selector labels WHEN connected THEN the caller\'s egress goes to the Service\'s namespace', () => {
    // GIVEN
    const { stack } = makeStack({ namespaceOptions: { defaultDenyNetwork: true } });
    const search = ServiceEndpoint.fromServiceName(stack, 'search', { serviceName: 'opensearch', namespace: 'search', ports: [{ port: 9200 }] });
    const worker = new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000 });
    // WHEN
    worker.connectTo(search);
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'w').spec.egress[1]).toEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'search' } } }],
      ports: [{ port: 9200, protocol: 'TCP' }],
    });
  });

  test('GIVEN an imported Service WHEN allowFrom() is called on it THEN a PropError says its pods are not rendered here', () => {
    const { stack } = makeStack();
    const search = ServiceEndpoint.fromServiceName(stack, 'search', { serviceName: 'opensearch', ports: [{ port: 9200 }] });
    expectPropError(() => search.allowFrom(NetworkPeer.namespace('monitoring')), {
      path: 'test/search', prop: 'allowFrom()', received: '{"source":{"kind":"namespace","namespace":"monitoring"}}', allowed: 'not rendered by this app',
    });
  });

  test('GIVEN an imported Service as an Ingress backend WHEN synthesized THEN it is routed to, and no finding reports it missing', () => {
    // GIVEN
    const { stack } = makeStack();
    const legacy = ServiceEndpoint.fromServiceName(stack, 'legacy', { serviceName: 'legacy', ports: [{ port: 80, targetPort: 8080 }] });
    // WHEN
    new Ingress(stack, 'ing', { rules: [{ paths: [{ backend: legacy }] }] });
    // THEN
    expect(findObject(synth(stack), 'Ingress', 'ing').spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'legacy', port: { number: 80 } } });
    expect(findObjects(synth(stack), 'NetworkPolicy')).toEqual([]);
    expect(synthFindings(stack).filter((f) => f.rule === 'reference-missing')).toEqual([]);
  });

  test('GIVEN an imported Service WHEN its external reference is read THEN it is a Service of that name', () => {
    const { stack } = makeStack();
    const svc = ServiceEndpoint.fromServiceName(stack, 'svc', { serviceName: 'cache', ports: [{ port: 6379 }] });
    expect(externalReferenceOf(svc as unknown as Construct)).toEqual({ kind: 'Service', name: 'cache' });
  });

  test('GIVEN a Service name that is not a DNS-1035 label WHEN imported THEN a PropError names serviceName', () => {
    const { stack } = makeStack();
    expectPropError(() => ServiceEndpoint.fromServiceName(stack, 'svc', { serviceName: '1cache', ports: [{ port: 6379 }] }), {
      path: 'test/svc', prop: 'serviceName', received: '"1cache"',
    });
  });

  test('GIVEN no ports WHEN imported THEN a PropError names ports', () => {
    const { stack } = makeStack();
    expectPropError(() => ServiceEndpoint.fromServiceName(stack, 'svc', { serviceName: 'cache', ports: [] }), {
      path: 'test/svc', prop: 'ports', received: '[]', allowed: 'a non-empty array',
    });
  });

  test('GIVEN a port out of range WHEN imported THEN a PropError names the port', () => {
    const { stack } = makeStack();
    expectPropError(() => ServiceEndpoint.fromServiceName(stack, 'svc', { serviceName: 'cache', ports: [{ port: 70000 }] }), {
      path: 'test/svc', prop: 'ports[0].port', received: '70000',
    });
  });

  test('GIVEN an invalid selector label WHEN imported THEN a PropError names selectorLabels', () => {
    const { stack } = makeStack();
    expectPropError(() => ServiceEndpoint.fromServiceName(stack, 'svc', { serviceName: 'cache', ports: [{ port: 6379 }], selectorLabels: { app: 'my app' } }), {
      path: 'test/svc', prop: 'selectorLabels.app', received: '"my app"',
    });
  });

  test('GIVEN no namespace WHEN imported outside a stack THEN a PropError asks for the namespace', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    expectPropError(() => ServiceEndpoint.fromServiceName(app, 'svc', { serviceName: 'cache', ports: [{ port: 6379 }] }), {
      path: 'svc', prop: 'namespace', received: 'undefined', allowed: 'namespace',
    });
  });
});

describe('Workload.allowWhenRestricted()', () => {
  test('GIVEN a workload whose ingress is not restricted WHEN allowWhenRestricted() is called THEN no NetworkPolicy is rendered', () => {
    // GIVEN
    const { stack } = makeStack();
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES });
    // WHEN
    api.allowWhenRestricted(NetworkPeer.namespace('monitoring'));
    // THEN
    expect(findObjects(synth(stack), 'NetworkPolicy')).toEqual([]);
  });

  test('GIVEN a standing rule WHEN allowFrom() later restricts the ingress THEN the standing rule comes first, on every Service port, then the new one', () => {
    // GIVEN
    const { stack } = makeStack();
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES, port: 9000 });
    api.allowWhenRestricted(NetworkPeer.namespace('monitoring'));
    // WHEN
    api.allowFrom(NetworkPeer.namespace('front'), { ports: [{ port: 9000 }] });
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'api').spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9000, protocol: 'TCP' }] },
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } } }], ports: [{ port: 9000, protocol: 'TCP' }] },
    ]);
  });
});
