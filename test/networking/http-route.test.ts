import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppStack, ExternalService, externalReferenceOf, findObject, findObjects, Gateway, HttpPathMatch, HttpRoute, NetworkPeer, PlatformApp,
  ServiceEndpoint, synthFindings, WebService,
} from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const HTTPROUTE_CRD = path.join(__dirname, '..', 'fixtures', 'crds', 'gateway.networking.k8s.io_httproutes.yaml');

/** A stack with a Gateway reference and a web service. */
function fixture(props: Record<string, unknown> = {}): { app: PlatformApp; stack: AppStack; gateway: ReturnType<typeof Gateway.fromGatewayName>; web: WebService } {
  const { app, stack } = makeStack(props);
  const gateway = Gateway.fromGatewayName(stack, 'public', { gatewayName: 'public', namespace: 'gateway-system' });
  const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, port: 8080 });
  return { app, stack, gateway, web };
}

describe('HttpRoute', () => {
  test('GIVEN a Gateway, host names and rules WHEN synthesized THEN an HTTPRoute (gateway.networking.k8s.io/v1) attaches to the Gateway and routes to the Services', () => {
    // GIVEN
    const { stack, gateway, web } = fixture();
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES, port: 9000 });
    // WHEN
    new HttpRoute(stack, 'shop', {
      gateways: [gateway],
      hostnames: ['shop.example.com'],
      rules: [{ matches: [HttpPathMatch.prefix('/api')], backends: [{ backend: api }] }, { backends: [{ backend: web }] }],
    });
    const route = findObject(synth(stack), 'HTTPRoute', 'shop');
    // THEN
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system' }],
      hostnames: ['shop.example.com'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'api', port: 9000 }] },
        { backendRefs: [{ name: 'web', port: 8080 }] },
      ],
    });
  });

  test('GIVEN each kind of path match WHEN synthesized THEN each is written with its type', () => {
    const { stack, gateway, web } = fixture();
    new HttpRoute(stack, 'r', {
      gateways: [gateway],
      rules: [{ matches: [HttpPathMatch.prefix('/a'), HttpPathMatch.exact('/healthz'), HttpPathMatch.regularExpression('^/v[0-9]+/')], backends: [{ backend: web }] }],
    });
    expect(findObject(synth(stack), 'HTTPRoute', 'r').spec.rules[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/a' } }, { path: { type: 'Exact', value: '/healthz' } }, { path: { type: 'RegularExpression', value: '^/v[0-9]+/' } },
    ]);
  });

  test('GIVEN weights WHEN synthesized THEN each backend carries its weight', () => {
    const { stack, gateway, web } = fixture();
    const canary = new WebService(stack, 'web-canary', { image: IMAGE, resources: RESOURCES, port: 8080 });
    new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: web, weight: 9 }, { backend: canary, weight: 1 }] }] });
    expect(findObject(synth(stack), 'HTTPRoute', 'r').spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 8080, weight: 9 }, { name: 'web-canary', port: 8080, weight: 1 }]);
  });

  test('GIVEN a section name WHEN synthesized THEN the parent reference names the listener', () => {
    const { stack, web } = fixture();
    const https = Gateway.fromGatewayName(stack, 'https', { gatewayName: 'public', namespace: 'gateway-system', sectionName: 'https' });
    new HttpRoute(stack, 'r', { gateways: [https], rules: [{ backends: [{ backend: web }] }] });
    expect(findObject(synth(stack), 'HTTPRoute', 'r').spec.parentRefs[0].sectionName).toBe('https');
  });

  test('GIVEN a Gateway without a namespace WHEN imported in a stack THEN it is in the stack\'s namespace', () => {
    const { stack } = makeStack();
    expect(Gateway.fromGatewayName(stack, 'gw', { gatewayName: 'shared' }).namespace).toBe('test');
  });

  test('GIVEN a backend port WHEN synthesized THEN the backend reference uses that Service port', () => {
    const { stack, gateway } = fixture();
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES, port: 9000, extraPorts: [{ name: 'admin', port: 9001, servicePort: 9001 }] });
    new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: api, port: 9001 }] }] });
    expect(findObject(synth(stack), 'HTTPRoute', 'r').spec.rules[0].backendRefs).toEqual([{ name: 'api', port: 9001 }]);
  });

  test('GIVEN no name WHEN synthesized THEN the route is named after the construct id, and is the construct\'s default child', () => {
    const { stack, gateway, web } = fixture();
    const route = new HttpRoute(stack, 'shop-route', { gateways: [gateway], rules: [{ backends: [{ backend: web }] }] });
    expect([route.name, ApiObject.of(route)]).toEqual(['shop-route', route.apiObject]);
  });

  test('GIVEN a Gateway imported by name WHEN its external reference is read THEN it is a Gateway of that name, and validation reports nothing missing', () => {
    const { stack, gateway, web } = fixture();
    new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: web }] }] });
    expect(externalReferenceOf(gateway as unknown as Construct)).toEqual({ kind: 'Gateway', name: 'public' });
    expect(synthFindings(stack).filter((f) => f.rule === 'reference-missing')).toEqual([]);
  });

  test('GIVEN an imported Service as a backend WHEN synthesized THEN the route sends to it', () => {
    const { stack, gateway } = fixture();
    const legacy = ServiceEndpoint.fromServiceName(stack, 'legacy', { serviceName: 'legacy', ports: [{ port: 80, targetPort: 8080 }] });
    new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: legacy }] }] });
    expect(findObject(synth(stack), 'HTTPRoute', 'r').spec.rules[0].backendRefs).toEqual([{ name: 'legacy', port: 80 }]);
  });

  test('GIVEN an app with the HTTPRoute CRD in validation.crds WHEN a route is synthesized THEN it passes its CRD\'s schema', () => {
    // GIVEN
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, validation: { crds: [HTTPROUTE_CRD] } });
    const stack = new AppStack(app, 'shop', { namespace: 'shop' });
    const gateway = Gateway.fromGatewayName(stack, 'public', { gatewayName: 'public', namespace: 'gateway-system', sectionName: 'https' });
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, port: 8080 });
    const canary = new WebService(stack, 'web-canary', { image: IMAGE, resources: RESOURCES, port: 8080 });
    new HttpRoute(stack, 'shop', {
      gateways: [gateway],
      hostnames: ['shop.example.com', '*.shop.example.com'],
      rules: [
        { matches: [HttpPathMatch.exact('/healthz'), HttpPathMatch.regularExpression('^/v[0-9]+/')], backends: [{ backend: web, port: 8080 }] },
        { backends: [{ backend: web, weight: 9 }, { backend: canary, weight: 1 }] },
      ],
    });
    // WHEN
    const findings = synthFindings(stack).filter((f) => f.kind === 'HTTPRoute');
    // THEN: only the warning that the CRD's CEL rules were not evaluated
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['crd-validation-rules', 'warning']]);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('HttpRoute and NetworkPolicies', () => {
  test('GIVEN a backend whose ingress is not restricted WHEN routed to THEN no NetworkPolicy is rendered', () => {
    const { stack, gateway, web } = fixture();
    new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: web }] }] });
    expect(findObjects(synth(stack), 'NetworkPolicy')).toEqual([]);
  });

  test('GIVEN a backend whose ingress a connectTo() restricts WHEN routed to THEN every namespace (the Gateway\'s pods) may reach its container port', () => {
    // GIVEN
    const { stack, gateway, web } = fixture();
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES, port: 9000 });
    new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: api }] }] });
    // WHEN
    web.connectTo(api);
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'api').spec.ingress[0]).toEqual({ from: [{ namespaceSelector: {} }], ports: [{ port: 9000, protocol: 'TCP' }] });
  });

  test('GIVEN a gatewayPeer WHEN the backend\'s ingress is restricted THEN the Gateway\'s namespace only is admitted', () => {
    // GIVEN
    const { stack, gateway, web } = fixture({ namespaceOptions: { defaultDenyNetwork: true } });
    // WHEN
    new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: web }] }], gatewayPeer: NetworkPeer.namespace('gateway-system') });
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'web').spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway-system' } } }], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });

  test('GIVEN one backend in two rules WHEN restricted THEN the Gateway is admitted once', () => {
    const { stack, gateway, web } = fixture({ namespaceOptions: { defaultDenyNetwork: true } });
    new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ matches: [HttpPathMatch.prefix('/a')], backends: [{ backend: web }] }, { backends: [{ backend: web }] }] });
    expect(findObject(synth(stack), 'NetworkPolicy', 'web').spec.ingress).toHaveLength(1);
  });
});

describe('HttpRoute props', () => {
  test('GIVEN no gateways WHEN created THEN a PropError names gateways', () => {
    const { stack, web } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [], rules: [{ backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'gateways', received: '[]', allowed: '1 to 32 Gateways',
    });
  });

  test('GIVEN a gateway that is not one WHEN created THEN a PropError names it', () => {
    const { stack, web } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: ['public' as any], rules: [{ backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'gateways[0]', received: '"public"', allowed: 'Gateway.fromGatewayName()',
    });
  });

  test('GIVEN one Gateway twice without section names WHEN created THEN a PropError asks for a listener of its own', () => {
    const { stack, gateway, web } = fixture();
    const again = Gateway.fromGatewayName(stack, 'again', { gatewayName: 'public', namespace: 'gateway-system' });
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway, again], rules: [{ backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'gateways[1]', received: '"gateway-system/public"', allowed: 'a sectionName of its own',
    });
  });

  test('GIVEN one Gateway\'s listener twice WHEN created THEN a PropError names the second', () => {
    const { stack, web } = fixture();
    const https = Gateway.fromGatewayName(stack, 'https', { gatewayName: 'public', namespace: 'gateway-system', sectionName: 'https' });
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [https, https], rules: [{ backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'gateways[1]', received: '"gateway-system/public/https"', allowed: 'a sectionName of its own',
    });
  });

  test('GIVEN two listeners of one Gateway WHEN synthesized THEN the route attaches to both', () => {
    const { stack, web } = fixture();
    const http = Gateway.fromGatewayName(stack, 'http', { gatewayName: 'public', namespace: 'gateway-system', sectionName: 'http' });
    const https = Gateway.fromGatewayName(stack, 'https', { gatewayName: 'public', namespace: 'gateway-system', sectionName: 'https' });
    new HttpRoute(stack, 'r', { gateways: [http, https], rules: [{ backends: [{ backend: web }] }] });
    expect(findObject(synth(stack), 'HTTPRoute', 'r').spec.parentRefs.map((p: any) => p.sectionName)).toEqual(['http', 'https']);
  });

  test('GIVEN no rules WHEN created THEN a PropError names rules', () => {
    const { stack, gateway } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [] }), { path: 'test/r', prop: 'rules', received: '[]', allowed: '1 to 16 rules' });
  });

  test('GIVEN a rule without backends WHEN created THEN a PropError names its backends', () => {
    const { stack, gateway } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [] }] }), {
      path: 'test/r', prop: 'rules[0].backends', received: '[]', allowed: '1 to 16 backends',
    });
  });

  test('GIVEN an IP address as host name WHEN created THEN a PropError names it', () => {
    const { stack, gateway, web } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], hostnames: ['10.0.0.1'], rules: [{ backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'hostnames[0]', received: '"10.0.0.1"', allowed: 'not an IP address',
    });
  });

  test('GIVEN an upper-case host name WHEN created THEN a PropError names it', () => {
    const { stack, gateway, web } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], hostnames: ['Shop.example.com'], rules: [{ backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'hostnames[0]', received: '"Shop.example.com"', allowed: 'a lower-case DNS name',
    });
  });

  test.each([
    ['api', 'it must start with "/"'],
    ['/a//b', 'it must not contain "//"'],
    ['/a/../b', 'it must not contain "/../"'],
    ['/a%2Fb', 'it must not contain "%2F"'],
    ['/a#b', 'it must not contain "#"'],
    ['/a/.', 'it must not end with "/." or "/.."'],
    ['/a b', 'it must hold only path characters'],
  ])('GIVEN the prefix %s WHEN created THEN a PropError says why it is refused', (value, reason) => {
    const { stack, gateway, web } = fixture();
    const e = expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ matches: [HttpPathMatch.prefix(value)], backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'rules[0].matches[0]', received: JSON.stringify(value), allowed: 'an absolute, normalized path',
    });
    expect(e.message).toContain(reason);
  });

  test('GIVEN an empty regular expression WHEN created THEN a PropError names the match', () => {
    const { stack, gateway, web } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ matches: [HttpPathMatch.regularExpression('')], backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'rules[0].matches[0]', received: '""', allowed: '1 to 1024 characters',
    });
  });

  test('GIVEN a match that is not an HttpPathMatch WHEN created THEN a PropError names it', () => {
    const { stack, gateway, web } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ matches: ['/api' as any], backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'rules[0].matches[0]', received: '"/api"', allowed: 'HttpPathMatch.prefix()',
    });
  });

  test('GIVEN more than 128 matches across the rules WHEN created THEN a PropError says the limit', () => {
    const { stack, gateway, web } = fixture();
    const rule = { matches: Array.from({ length: 64 }, (_, i) => HttpPathMatch.exact(`/p${i}`)), backends: [{ backend: web }] };
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [rule, rule, { matches: [HttpPathMatch.exact('/x')], backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'rules', received: '"129 matches"', allowed: 'at most 128 matches',
    });
  });

  test('GIVEN a weight out of range WHEN created THEN a PropError names it', () => {
    const { stack, gateway, web } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: web, weight: -1 }] }] }), {
      path: 'test/r', prop: 'rules[0].backends[0].weight', received: '-1', allowed: 'an integer from 0 to 1000000',
    });
  });

  test('GIVEN a port the backend does not have WHEN created THEN a PropError lists its ports', () => {
    const { stack, gateway, web } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: web, port: 81 }] }] }), {
      path: 'test/r', prop: 'rules[0].backends[0].port', received: '81', allowed: 'one of the Service ports of "web": 8080',
    });
  });

  test('GIVEN a backend in another namespace WHEN created THEN a PropError names the route\'s namespace', () => {
    const { stack, gateway } = fixture();
    const other = ServiceEndpoint.fromServiceName(stack, 'other', { serviceName: 'other', namespace: 'elsewhere', ports: [{ port: 80 }] });
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: other }] }] }), {
      path: 'test/r', prop: 'rules[0].backends[0].backend', received: '"other"', allowed: 'a service in the route\'s namespace "test"',
    });
  });

  test('GIVEN an ExternalName ExternalService as a backend WHEN created THEN a PropError says gateways do not route to it', () => {
    const { stack, gateway } = fixture();
    const db = new ExternalService(stack, 'partner', { externalName: 'api.partner.example', ports: [{ port: 443 }] });
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: db }] }] }), {
      path: 'test/r', prop: 'rules[0].backends[0].backend', received: '"partner"', allowed: 'do not route to an ExternalName Service',
    });
  });

  test('GIVEN a gatewayPeer that is not a NetworkPeer WHEN created THEN a PropError names it', () => {
    const { stack, gateway, web } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: web }] }], gatewayPeer: 'gateway-system' as any }), {
      path: 'test/r', prop: 'gatewayPeer', received: '"gateway-system"', allowed: 'a NetworkPeer',
    });
  });

  test('GIVEN a route name that is not a DNS subdomain WHEN created THEN a PropError names name', () => {
    const { stack, gateway, web } = fixture();
    expectPropError(() => new HttpRoute(stack, 'r', { name: 'Shop', gateways: [gateway], rules: [{ backends: [{ backend: web }] }] }), {
      path: 'test/r', prop: 'name', received: '"Shop"', allowed: 'DNS-1123 subdomain',
    });
  });

  test('GIVEN an HttpRoute WHEN tested with isHttpRoute THEN it is one, and a plain object is not', () => {
    const { stack, gateway, web } = fixture();
    const route = new HttpRoute(stack, 'r', { gateways: [gateway], rules: [{ backends: [{ backend: web }] }] });
    expect([HttpRoute.isHttpRoute(route), HttpRoute.isHttpRoute({ name: 'r' })]).toEqual([true, false]);
  });
});

describe('Gateway.fromGatewayName()', () => {
  test('GIVEN a Gateway name that is not a DNS subdomain WHEN imported THEN a PropError names gatewayName', () => {
    const { stack } = makeStack();
    expectPropError(() => Gateway.fromGatewayName(stack, 'gw', { gatewayName: 'Public' }), { path: 'test/gw', prop: 'gatewayName', received: '"Public"' });
  });

  test('GIVEN a section name that is not a DNS subdomain WHEN imported THEN a PropError names sectionName', () => {
    const { stack } = makeStack();
    expectPropError(() => Gateway.fromGatewayName(stack, 'gw', { gatewayName: 'public', sectionName: 'HTTPS' }), { path: 'test/gw', prop: 'sectionName', received: '"HTTPS"' });
  });

  test('GIVEN no namespace WHEN imported outside a stack THEN a PropError asks for the namespace', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    expectPropError(() => Gateway.fromGatewayName(app, 'gw', { gatewayName: 'public' }), { path: 'gw', prop: 'namespace', received: 'undefined', allowed: 'namespace' });
  });

  test('GIVEN an imported Gateway WHEN tested with isGateway THEN it is one', () => {
    const { stack } = makeStack();
    expect(Gateway.isGateway(Gateway.fromGatewayName(stack, 'gw', { gatewayName: 'public' }))).toBe(true);
  });
});
