import { findObject, Ingress, PathType, PlatformApp, AppStack, Provider, Secret, WebService, Worker } from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

function services() {
  const { stack } = makeStack();
  const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, servicePort: 80 });
  const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES, port: 9000, servicePort: 80 });
  return { stack, web, api };
}

describe('Ingress', () => {
  test('GIVEN host and path rules with TLS WHEN synthesized THEN the networking.k8s.io/v1 Ingress routes to the Services', () => {
    // GIVEN
    const { stack, web, api } = services();
    // WHEN
    new Ingress(stack, 'shop', {
      ingressClassName: 'nginx',
      rules: [{ host: 'shop.example.com', paths: [{ path: '/api', backend: api }, { path: '/', backend: web }] }],
      tls: [{ hosts: ['shop.example.com'], secret: Secret.fromSecretName(stack, 'tls', 'shop-tls') }],
    });
    const ing = findObject(synth(stack), 'Ingress', 'shop');
    // THEN
    expect(ing.apiVersion).toBe('networking.k8s.io/v1');
    expect(ing.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ host: 'shop.example.com', http: { paths: [
        { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } },
        { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
      ] } }],
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
    });
  });

  test('GIVEN no ingress class WHEN the provider has one THEN it is used', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, provider: Provider.k3s() });
    const stack = new AppStack(app, 's', { namespace: 's' });
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    new Ingress(stack, 'i', { rules: [{ paths: [{ backend: web, pathType: PathType.EXACT }] }] });
    const spec = findObject(synth(stack), 'Ingress', 'i').spec;
    expect([spec.ingressClassName, spec.rules[0].http.paths[0].pathType, spec.rules[0].http.paths[0].path]).toEqual(['traefik', 'Exact', '/']);
  });

  test('GIVEN a backend whose ingress is restricted WHEN routed THEN it accepts the controller from every namespace', () => {
    const { stack, web } = services();
    const probe = new Worker(stack, 'probe', { image: IMAGE, resources: RESOURCES, port: 9100 });
    new Ingress(stack, 'i', { rules: [{ paths: [{ backend: web }] }] });
    probe.connectTo(web);
    const ingress = findObject(synth(stack), 'NetworkPolicy', 'web').spec.ingress;
    expect(ingress[0]).toEqual({ from: [{ namespaceSelector: {} }], ports: [{ port: 8080, protocol: 'TCP' }] });
  });

  test('GIVEN a backend that is not restricted WHEN routed THEN no NetworkPolicy is made', () => {
    const { stack, web } = services();
    new Ingress(stack, 'i', { rules: [{ paths: [{ backend: web }] }] });
    expect(synth(stack).some((o) => o.kind === 'NetworkPolicy')).toBe(false);
  });

  test('GIVEN a TLS host without a rule WHEN created THEN a PropError lists the rule hosts', () => {
    const { stack, web } = services();
    expectPropError(() => new Ingress(stack, 'i', {
      rules: [{ host: 'a.example.com', paths: [{ backend: web }] }],
      tls: [{ hosts: ['b.example.com'], secret: Secret.fromSecretName(stack, 'tls', 'tls') }],
    }), { path: 'test/i', prop: 'tls[0].hosts[0]', received: '"b.example.com"', allowed: 'a.example.com' });
  });

  test('GIVEN a bad host and path WHEN created THEN PropErrors name them', () => {
    const { stack, web } = services();
    const e = expectPropError(() => new Ingress(stack, 'i', { rules: [{ host: 'Shop_Example', paths: [{ path: 'api', backend: web }] }] }),
      { path: 'test/i', prop: 'rules[0].host', received: '"Shop_Example"' });
    expect(e.problems.map((p) => p.prop)).toContain('rules[0].paths[0].path');
  });

  test('GIVEN a port the backend does not expose WHEN created THEN a PropError lists its ports', () => {
    const { stack, web } = services();
    expectPropError(() => new Ingress(stack, 'i', { rules: [{ paths: [{ backend: web, port: 8443 }] }] }),
      { path: 'test/i', prop: 'rules[0].paths[0].port', received: '8443', allowed: 'one of the Service ports of "web": 80' });
  });
});

describe('Ingress in a default-deny namespace', () => {
  test('GIVEN a backend nobody connects to WHEN routed THEN it still accepts the controller', () => {
    // GIVEN
    const { stack } = makeStack({ namespaceOptions: { defaultDenyNetwork: true } });
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    // WHEN
    new Ingress(stack, 'i', { rules: [{ paths: [{ backend: web }] }] });
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'web').spec.ingress).toEqual([{ from: [{ namespaceSelector: {} }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });
});
