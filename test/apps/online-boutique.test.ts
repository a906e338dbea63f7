import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ManifestObject, PlatformApp, synthFindings, synthObjects } from '../../lib';
import { OnlineBoutique } from '../../apps/online-boutique';
import { tmpdir } from '../_helpers';

/**
 * The "done when": Google's Online Boutique ported with the library needs no raw ApiObject and no
 * suppression, its output passes validation, and every address it sets is in the form the service reads.
 */

function boutique(): { app: PlatformApp; stack: OnlineBoutique } {
  const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
  return { app, stack: new OnlineBoutique(app, 'boutique') };
}

/** The env of container `container` of the workload `name`, as `{ NAME: value }` (values only). */
function envOf(objects: ManifestObject[], name: string, container = name, init = false): Record<string, string> {
  const o = objects.find((x) => ['Deployment'].includes(x.kind) && x.metadata.name === name);
  const spec = (o as any).spec.template.spec;
  const c = (init ? spec.initContainers : spec.containers).find((x: any) => x.name === container);
  return Object.fromEntries((c.env ?? []).filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));
}

/** Whether `c` (or a construct above it, below the stack) is one of the library's constructs, not a bare ApiObject. */
function madeByLibrary(c: IConstruct, stack: IConstruct): boolean {
  return c.node.scope !== stack;
}

describe('the Online Boutique port', () => {
  test('GIVEN the port WHEN its construct tree is read THEN no API object was made by hand (every one belongs to a library construct)', () => {
    // GIVEN
    const { stack } = boutique();
    // WHEN the API objects directly under the stack are listed (a hand-made ApiObject would be one)
    const handMade = stack.node.findAll().filter((c) => ApiObject.isApiObject(c) && !madeByLibrary(c, stack));
    // THEN there are none
    expect(handMade.map((c) => c.node.path)).toEqual([]);
  });

  test('GIVEN the port with no suppression WHEN validated THEN there is no finding at all, error or warning', () => {
    // GIVEN the app (no validation options: no suppression)
    const { stack } = boutique();
    // WHEN / THEN
    expect(synthFindings(stack).map((f) => `${f.severity} [${f.rule}] ${f.kind}/${f.name} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test('GIVEN the frontend WHEN synthesized THEN each backend address is host:port of that backend\'s Service', () => {
    // GIVEN / WHEN
    const objects = synthObjects(boutique().stack);
    const env = envOf(objects, 'frontend');
    // THEN gRPC clients get `<service>.<namespace>.svc.cluster.local:<service port>`
    expect(env).toMatchObject({
      PRODUCT_CATALOG_SERVICE_ADDR: 'productcatalogservice.boutique.svc.cluster.local:3550',
      CURRENCY_SERVICE_ADDR: 'currencyservice.boutique.svc.cluster.local:7000',
      CART_SERVICE_ADDR: 'cartservice.boutique.svc.cluster.local:7070',
      RECOMMENDATION_SERVICE_ADDR: 'recommendationservice.boutique.svc.cluster.local:8080',
      SHIPPING_SERVICE_ADDR: 'shippingservice.boutique.svc.cluster.local:50051',
      CHECKOUT_SERVICE_ADDR: 'checkoutservice.boutique.svc.cluster.local:5050',
      AD_SERVICE_ADDR: 'adservice.boutique.svc.cluster.local:9555',
    });
  });

  test('GIVEN checkout, cart and the load generator WHEN synthesized THEN their addresses have no scheme (email on its Service port 5000; redis; the frontend for the init container too)', () => {
    const objects = synthObjects(boutique().stack);
    expect(envOf(objects, 'checkoutservice').EMAIL_SERVICE_ADDR).toBe('emailservice.boutique.svc.cluster.local:5000');
    expect(envOf(objects, 'cartservice').REDIS_ADDR).toBe('redis-cart.boutique.svc.cluster.local:6379');
    expect(envOf(objects, 'loadgenerator').FRONTEND_ADDR).toBe('frontend.boutique.svc.cluster.local:80');
    expect(envOf(objects, 'loadgenerator', 'frontend-check', true).FRONTEND_ADDR).toBe('frontend.boutique.svc.cluster.local:80');
  });

  test('GIVEN the frontend WHEN synthesized THEN a public LoadBalancer Service frontend-external on port 80 selects its pods beside the ClusterIP frontend', () => {
    const objects = synthObjects(boutique().stack);
    const external = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'frontend-external') as any;
    const internal = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'frontend') as any;
    expect(external.spec.type).toBe('LoadBalancer');
    expect(external.spec.ports.map((p: any) => p.port)).toEqual([80]);
    expect(external.spec.selector).toEqual(internal.spec.selector);
  });

  test('GIVEN every workload WHEN synthesized THEN each runs as its own ServiceAccount, without a mounted token', () => {
    const objects = synthObjects(boutique().stack);
    const accounts = objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name).sort();
    expect(accounts).toEqual(['adservice', 'cartservice', 'checkoutservice', 'currencyservice', 'emailservice', 'frontend',
      'loadgenerator', 'paymentservice', 'productcatalogservice', 'recommendationservice', 'shippingservice']);
    for (const name of accounts) {
      const pod = (objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name) as any).spec.template.spec;
      expect([name, pod.serviceAccountName, pod.automountServiceAccountToken]).toEqual([name, name, false]);
    }
  });

  test('GIVEN the frontend\'s ingress restricted by the load generator\'s connectTo() WHEN synthesized THEN its public Service\'s target port stays open to any address', () => {
    const objects = synthObjects(boutique().stack);
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'frontend') as any;
    expect(policy.spec.ingress).toContainEqual({ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 8080, protocol: 'TCP' }] });
  });
});
