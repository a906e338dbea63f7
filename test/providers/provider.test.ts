import { AppStack, findObject, PersistentVolumeClaim, PlatformApp, Provider, ServiceType, WebService } from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/web:1.2.3';

function lbAnnotations(provider: Provider, internal: boolean) {
  const { stack } = makeStack({ provider });
  new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, serviceType: ServiceType.loadBalancer({ internal }) });
  return findObject(synth(stack), 'Service', 'web').metadata.annotations ?? {};
}

describe('Provider', () => {
  test.each([
    ['eks', Provider.eks(), { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' }],
    ['gke', Provider.gke(), { 'networking.gke.io/load-balancer-type': 'Internal' }],
    ['aks', Provider.aks(), { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' }],
    ['digitalOcean', Provider.digitalOcean(), { 'service.beta.kubernetes.io/do-loadbalancer-network': 'INTERNAL' }],
  ])('GIVEN %s WHEN an internal load balancer is asked THEN its annotation is set', (_name, provider, expected) => {
    expect(lbAnnotations(provider, true)).toMatchObject(expected);
  });

  test('GIVEN eks WHEN an external load balancer is asked THEN it is an internet-facing NLB in IP mode', () => {
    expect(lbAnnotations(Provider.eks(), false)).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
    });
  });

  test('GIVEN no provider WHEN a load balancer is made THEN it has no annotations (generic)', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, serviceType: ServiceType.loadBalancer() });
    expect(findObject(synth(stack), 'Service', 'web').metadata.annotations).toBeUndefined();
  });

  test('GIVEN k3s WHEN an internal load balancer is asked THEN a PropError says it has none', () => {
    const { stack } = makeStack({ provider: Provider.k3s() });
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, serviceType: ServiceType.loadBalancer({ internal: true }) }),
      { path: 'test/web', prop: 'serviceType.internal', received: 'true', allowed: 'provider "k3s" has no internal load balancers' });
  });

  test('GIVEN own annotations WHEN merged with the provider THEN the own ones win', () => {
    const { stack } = makeStack({ provider: Provider.eks() });
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, serviceType: ServiceType.loadBalancer({ annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } }) });
    expect(findObject(synth(stack), 'Service', 'web').metadata.annotations?.['service.beta.kubernetes.io/aws-load-balancer-scheme']).toBe('internal');
  });

  test('GIVEN a provider on the app WHEN a claim names no storage class THEN the provider default is used', () => {
    const app = new PlatformApp({ outdir: tmpdir(), provider: Provider.gke() });
    const stack = new AppStack(app, 's', { namespace: 's' });
    new PersistentVolumeClaim(stack, 'data', { size: '1Gi' });
    expect(findObject(synth(stack), 'PersistentVolumeClaim', 'data').spec.storageClassName).toBe('standard-rwo');
  });

  test('GIVEN a stack provider WHEN the app has another THEN the stack one wins', () => {
    const app = new PlatformApp({ outdir: tmpdir(), provider: Provider.gke() });
    const stack = new AppStack(app, 's', { namespace: 's', provider: Provider.k3s({ storageClassName: 'longhorn' }) });
    expect(Provider.of(stack).storageClassName).toBe('longhorn');
    expect(Provider.of(stack).ingressClassName).toBe('traefik');
  });

  test('GIVEN a provider prop that is not a Provider WHEN the stack is created THEN it is refused', () => {
    expect(() => makeStack({ provider: 'eks' as any })).toThrow(/provider received eks; allowed: Provider.eks\(\)/);
  });
});
