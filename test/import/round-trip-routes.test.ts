import * as path from 'path';
import { ManifestObject, validateObjects } from '../../lib';
import { readCrdFiles } from '../../lib/input/crd-files';
import { KubeObject } from './_kubernetes-defaults';
import { rawObjects, RoundTripSet, useRoundTrips } from './_round-trip';

/**
 * The routes set (test/fixtures/import/README.md): a storefront and its canary, an API with an admin port, an
 * HTTPRoute on the cluster's shared Gateway (in another namespace, not among the inputs) splitting the storefront
 * 9 to 1, an ExternalName Service for a managed database, and an HTTP-to-HTTPS redirect route (a filter).
 */
const ROUTES = path.join(__dirname, '..', 'fixtures', 'import', 'routes');

const SETS: RoundTripSet[] = [{ name: 'routes', paths: [ROUTES] }];

const roundTrip = useRoundTrips(SETS);

/** The synthesized object of `kind` and `name`. */
function output(kind: string, name: string): KubeObject {
  const found = roundTrip('routes').output.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} "${name}" among ${roundTrip('routes').output.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found;
}

describe('the routes set: the constructs used', () => {
  test('GIVEN the module WHEN read THEN the Deployments and Services are WebServices and the route to them an HttpRoute on a Gateway reference', () => {
    // GIVEN
    const { source } = roundTrip('routes').result;
    // WHEN
    const counts = ['new WebService(', 'new HttpRoute(', 'Gateway.fromGatewayName('].map((c) => source.split(c).length - 1);
    // THEN
    expect(counts).toEqual([3, 2, 2]);
  });

  test('GIVEN the ExternalName Service WHEN imported THEN it is an ExternalService', () => {
    expect(roundTrip('routes').result.source).toContain("new ExternalService(this, 'orders-db', {");
  });

  test('GIVEN the module WHEN read THEN the only raw object is the redirect route (a filter)', () => {
    expect(rawObjects(roundTrip('routes').result.source)).toEqual(['HTTPRoute/shop-http-redirect']);
  });

  test('GIVEN the redirect route WHEN imported THEN it is one problem, and it is in the output as given', () => {
    // GIVEN / WHEN
    const problems = roundTrip('routes').result.problems.filter((p) => p.source.startsWith(path.join('test', 'fixtures', 'import', 'routes', 'redirect.yaml')));
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe('kept as a raw ApiObject: HttpRoute cannot express spec.rules[0].filters');
    expect(output('HTTPRoute', 'shop-http-redirect').spec.rules).toEqual([{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
  });
});

describe('the routes set: the HTTPRoute', () => {
  test('GIVEN the canary split 9 to 1 WHEN synthesized THEN the storefront rule keeps both backends and their weights', () => {
    // GIVEN / WHEN
    const rule = output('HTTPRoute', 'shop').spec.rules[2];
    // THEN
    expect(rule.backendRefs).toEqual([{ name: 'storefront', port: 80, weight: 9 }, { name: 'storefront-canary', port: 80, weight: 1 }]);
  });

  test('GIVEN the shared Gateway in gateway-system WHEN synthesized THEN the route attaches to its HTTPS listener', () => {
    expect(output('HTTPRoute', 'shop').spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system', sectionName: 'https' }]);
  });

  test('GIVEN two routes on the same Gateway listener WHEN synthesized THEN each attaches to it (their Gateway references have ids of their own)', () => {
    // GIVEN / WHEN
    const parents = ['shop', 'shop-status'].map((name) => output('HTTPRoute', name).spec.parentRefs);
    // THEN
    expect(parents[1]).toEqual(parents[0]);
  });

  test('GIVEN a regular expression match WHEN synthesized THEN it is kept with its type', () => {
    expect(output('HTTPRoute', 'shop-status').spec.rules[0].matches).toEqual([{ path: { type: 'RegularExpression', value: '^/v[0-9]+/status$' } }]);
  });

  test('GIVEN a backend on the API\'s admin port WHEN synthesized THEN it routes to that Service port', () => {
    expect(output('HTTPRoute', 'shop').spec.rules[1].backendRefs).toEqual([{ name: 'api', port: 9090, weight: 1 }]);
  });
});

describe('the routes set: the HTTPRoutes against their CRD', () => {
  test('GIVEN the synthesized HTTPRoutes WHEN validated with the Gateway API CRD THEN its schema finds no error', () => {
    // GIVEN
    const crds = readCrdFiles([path.join(__dirname, '..', 'fixtures', 'crds', 'gateway.networking.k8s.io_httproutes.yaml')]);
    const routes = roundTrip('routes').output.filter((o) => o.kind === 'HTTPRoute') as ManifestObject[];
    // WHEN
    const errors = validateObjects(routes, { customResourceDefinitions: crds }).findings.filter((f) => f.severity === 'error');
    // THEN
    expect(routes).toHaveLength(3);
    expect(errors).toEqual([]);
  });
});

describe('the routes set: a backend that other workloads call', () => {
  test('GIVEN the storefront calling the API (API_URL) WHEN imported THEN it is a connectTo() call', () => {
    expect(roundTrip('routes').result.source).toContain("storefront.connectTo(api, { as: Address.url('http') });");
  });

  test('GIVEN the API restricted to its callers by connectTo() WHEN synthesized THEN its NetworkPolicy still admits the Gateway (every namespace) on the ports the route sends to', () => {
    // GIVEN / WHEN
    const ingress: unknown[] = output('NetworkPolicy', 'api').spec.ingress;
    // THEN its distinct rules (each route adds the Gateway's rule for its own ports)
    expect([...new Set(ingress.map((r) => JSON.stringify(r)))].map((r) => JSON.parse(r))).toEqual([
      { from: [{ podSelector: { matchLabels: { app: 'storefront', track: 'stable' } } }], ports: [{ port: 8080, protocol: 'TCP' }] },
      { from: [{ namespaceSelector: {} }], ports: [{ port: 8080, protocol: 'TCP' }] },
      { from: [{ namespaceSelector: {} }], ports: [{ port: 9090, protocol: 'TCP' }] },
    ]);
  });
});
