import { ImportContext, Json } from '../../lib/import/_import-context';
import { Item } from '../../lib/import/_import-item';
import { httpRouteCode, RouteBackendWorkload } from '../../lib/import/_http-route-code';
import { print } from '../../lib/import/_source-text';

/** The workloads of the module, by Service name: `web` (ports 80 and 9090) and `web-canary` (port 80). */
const WORKLOADS = new Map<string, RouteBackendWorkload>([
  ['web', { variable: 'web', ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'admin', port: 9090 }] }],
  ['web-canary', { variable: 'webCanary', ports: [{ name: 'http', port: 80, targetPort: 8080 }] }],
]);

/** Construct ids as a stack with no other construct gives them: the one wanted. */
const ID = (wanted: string): string => wanted;

const GATEWAY = { name: 'public', namespace: 'gateway-system' };
const RULE = { backendRefs: [{ name: 'web', port: 80 }] };

/** An HTTPRoute `shop` of namespace `shop` with `spec` (one Gateway and one rule unless given), as an input item. */
function route(spec: Json = {}, object: Json = {}): Item {
  return {
    object: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'shop', namespace: 'shop' },
      spec: { parentRefs: [GATEWAY], rules: [RULE], ...spec },
      ...object,
    },
    source: 'in.yaml#1',
    kind: 'HTTPRoute',
    namespace: 'shop',
    name: 'shop',
  };
}

/** The mapping of `item`, printed as the generator prints props (or the reason it stays raw). */
function mapped(item: Item, ctx = new ImportContext()): string {
  const result = httpRouteCode(ctx, item, WORKLOADS, ID);
  return typeof result === 'string' ? `raw: ${result}` : print(result);
}

describe('httpRouteCode: what becomes an HttpRoute', () => {
  test('GIVEN a route on a Gateway listener with host names and a path rule WHEN mapped THEN the props name the Gateway, the hosts, the match and the workload', () => {
    // GIVEN
    const item = route({
      parentRefs: [{ ...GATEWAY, sectionName: 'https' }],
      hostnames: ['shop.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'web', port: 80 }] }],
    });
    // WHEN
    const text = mapped(item);
    // THEN
    expect(text).toBe([
      '{',
      '  gateways: [',
      "    Gateway.fromGatewayName(this, 'shop-gateway', { gatewayName: 'public', namespace: 'gateway-system', sectionName: 'https' }),",
      '  ],',
      "  hostnames: ['shop.example.com'],",
      "  rules: [{ matches: [HttpPathMatch.prefix('/api')], backends: [{ backend: web }] }],",
      '}',
    ].join('\n'));
  });

  test('GIVEN the route WHEN mapped THEN the module imports Gateway and HttpPathMatch', () => {
    // GIVEN
    const ctx = new ImportContext();
    // WHEN
    mapped(route({ rules: [{ matches: [{ path: { value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] }] }), ctx);
    // THEN
    expect(ctx.libraryImports()).toEqual(['Gateway', 'HttpPathMatch']);
  });

  test('GIVEN references that spell out the CRD defaults (group, kind) WHEN mapped THEN they map as references that leave them out', () => {
    // GIVEN
    const spelled = route({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...GATEWAY }],
      rules: [{ backendRefs: [{ group: '', kind: 'Service', name: 'web', port: 80 }] }],
    });
    // WHEN / THEN
    expect(mapped(spelled)).toBe(mapped(route()));
  });

  test.each([
    ['a PathPrefix path', { type: 'PathPrefix', value: '/api' }, "HttpPathMatch.prefix('/api')"],
    ['a path without type (PathPrefix by default)', { value: '/api' }, "HttpPathMatch.prefix('/api')"],
    ['a path without value ("/" by default)', { type: 'Exact' }, "HttpPathMatch.exact('/')"],
    ['an Exact path', { type: 'Exact', value: '/healthz' }, "HttpPathMatch.exact('/healthz')"],
    ['a RegularExpression path', { type: 'RegularExpression', value: '^/v[0-9]+/' }, "HttpPathMatch.regularExpression('^/v[0-9]+/')"],
  ])('GIVEN a match on %s WHEN mapped THEN it is the HttpPathMatch of that type and value', (_what, path, expected) => {
    // GIVEN
    const item = route({ rules: [{ matches: [{ path }], backendRefs: [{ name: 'web', port: 80 }] }] });
    // WHEN / THEN
    expect(mapped(item)).toContain(`matches: [${expected}]`);
  });

  test('GIVEN a match without path WHEN mapped THEN it matches every path (the CRD default)', () => {
    // GIVEN
    const item = route({ rules: [{ matches: [{}], backendRefs: [{ name: 'web', port: 80 }] }] });
    // WHEN / THEN
    expect(mapped(item)).toContain("matches: [HttpPathMatch.prefix('/')]");
  });

  test('GIVEN a rule without matches WHEN mapped THEN the rule has no matches prop', () => {
    // GIVEN / WHEN
    const text = mapped(route());
    // THEN
    expect(text).toContain('rules: [{ backends: [{ backend: web }] }]');
  });

  test('GIVEN a weighted split between two workloads WHEN mapped THEN each backend keeps its weight', () => {
    // GIVEN
    const item = route({ rules: [{ backendRefs: [{ name: 'web', port: 80, weight: 9 }, { name: 'web-canary', port: 80, weight: 1 }] }] });
    // WHEN / THEN
    expect(mapped(item)).toContain('backends: [{ backend: web, weight: 9 }, { backend: webCanary, weight: 1 }]');
  });

  test('GIVEN a backend on a Service port other than the first WHEN mapped THEN the port is written', () => {
    // GIVEN
    const item = route({ rules: [{ backendRefs: [{ name: 'web', port: 9090 }] }] });
    // WHEN / THEN
    expect(mapped(item)).toContain('backends: [{ backend: web, port: 9090 }]');
  });

  test('GIVEN two listeners of one Gateway WHEN mapped THEN each is a Gateway reference with an id of its own', () => {
    // GIVEN
    const item = route({ parentRefs: [{ ...GATEWAY, sectionName: 'http' }, { ...GATEWAY, sectionName: 'https' }] });
    // WHEN
    const text = mapped(item);
    // THEN
    expect(text).toContain("Gateway.fromGatewayName(this, 'shop-gateway-1', { gatewayName: 'public', namespace: 'gateway-system', sectionName: 'http' })");
    expect(text).toContain("Gateway.fromGatewayName(this, 'shop-gateway-2', { gatewayName: 'public', namespace: 'gateway-system', sectionName: 'https' })");
  });

  test('GIVEN labels and annotations WHEN mapped THEN they are the metadata prop', () => {
    // GIVEN
    const item = route({}, { metadata: { name: 'shop', namespace: 'shop', labels: { app: 'shop' }, annotations: { team: 'web' } } });
    // WHEN / THEN
    expect(mapped(item)).toContain("metadata: { labels: { app: 'shop' }, annotations: { team: 'web' } }");
  });
});

describe('httpRouteCode: what keeps an HTTPRoute raw, with the field', () => {
  test.each([
    ['an older apiVersion', route({}, { apiVersion: 'gateway.networking.k8s.io/v1beta1' }), 'apiVersion gateway.networking.k8s.io/v1beta1'],
    ['a status', route({}, { status: { parents: [] } }), 'status'],
    ['metadata the construct has no prop for', route({}, { metadata: { name: 'shop', namespace: 'shop', ownerReferences: [] } }), 'metadata.ownerReferences'],
    ['no parentRefs', route({ parentRefs: undefined }), 'spec.parentRefs'],
    ['a parentRef without namespace', route({ parentRefs: [{ name: 'public' }] }), 'spec.parentRefs[0].namespace'],
    ['a parentRef with a port', route({ parentRefs: [{ ...GATEWAY, port: 443 }] }), 'spec.parentRefs[0].port'],
    ['a parentRef to a Service (GAMMA)', route({ parentRefs: [{ group: '', kind: 'Service', name: 'web', namespace: 'shop' }] }), 'spec.parentRefs[0].group'],
    ['one Gateway twice', route({ parentRefs: [GATEWAY, GATEWAY] }), 'spec.parentRefs[1] (the same Gateway twice)'],
    ['no rules', route({ rules: undefined }), 'spec.rules'],
    ['a rule with filters', route({ rules: [{ ...RULE, filters: [{ type: 'RequestHeaderModifier' }] }] }), 'spec.rules[0].filters'],
    ['a rule with timeouts', route({ rules: [{ ...RULE, timeouts: { request: '10s' } }] }), 'spec.rules[0].timeouts'],
    ['a named rule', route({ rules: [{ ...RULE, name: 'all' }] }), 'spec.rules[0].name'],
    ['a header match', route({ rules: [{ ...RULE, matches: [{ headers: [{ name: 'x-canary', value: 'true' }] }] }] }), 'spec.rules[0].matches[0].headers'],
    ['a query match', route({ rules: [{ ...RULE, matches: [{ queryParams: [{ name: 'v', value: '2' }] }] }] }), 'spec.rules[0].matches[0].queryParams'],
    ['a method match', route({ rules: [{ ...RULE, matches: [{ method: 'GET' }] }] }), 'spec.rules[0].matches[0].method'],
    ['an empty list of matches', route({ rules: [{ ...RULE, matches: [] }] }), 'spec.rules[0].matches'],
    ['an unknown path type', route({ rules: [{ ...RULE, matches: [{ path: { type: 'Prefix', value: '/' } }] }] }), 'spec.rules[0].matches[0].path.type'],
    ['a rule without backends', route({ rules: [{ matches: [{ path: { value: '/' } }] }] }), 'spec.rules[0].backendRefs'],
    ['a backend that is no Service of the module', route({ rules: [{ backendRefs: [{ name: 'legacy', port: 80 }] }] }), 'spec.rules[0].backendRefs[0].name'],
    ['a backend in another namespace', route({ rules: [{ backendRefs: [{ name: 'web', namespace: 'other', port: 80 }] }] }), 'spec.rules[0].backendRefs[0].namespace'],
    ['a backend of another kind', route({ rules: [{ backendRefs: [{ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'web', port: 80 }] }] }), 'spec.rules[0].backendRefs[0]'],
    ['a backend without port', route({ rules: [{ backendRefs: [{ name: 'web' }] }] }), 'spec.rules[0].backendRefs[0].port'],
    ['a backend on a port its Service lacks', route({ rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] }), 'spec.rules[0].backendRefs[0].port'],
    ['a backend with filters', route({ rules: [{ backendRefs: [{ name: 'web', port: 80, filters: [] }] }] }), 'spec.rules[0].backendRefs[0].filters'],
    ['a fractional weight', route({ rules: [{ backendRefs: [{ name: 'web', port: 80, weight: 0.5 }] }] }), 'spec.rules[0].backendRefs[0].weight'],
  ])('GIVEN %s WHEN mapped THEN the route stays raw, the reason naming the field', (_what, item, field) => {
    // GIVEN / WHEN
    const text = mapped(item);
    // THEN
    expect(text.startsWith(`raw: ${field}`)).toBe(true);
  });

  test('GIVEN a backend that is no Service of the module WHEN mapped THEN the reason names the Service', () => {
    // GIVEN
    const item = route({ rules: [{ backendRefs: [{ name: 'legacy', port: 80 }] }] });
    // WHEN / THEN
    expect(mapped(item)).toBe('raw: spec.rules[0].backendRefs[0].name (legacy: not the Service of a workload of the module)');
  });
});
