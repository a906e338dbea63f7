import { ApiObject, JsonPatch } from 'cdk8s';
import { AppStack, CronTask, findObject, Job, ManifestObject, Metric, NetworkPeer, PlatformAnnotations, Probe, ServiceType, StatefulService, WebService, Worker, Workload } from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const METADATA = { labels: { team: 'shop' }, annotations: { 'example.com/owner': 'shop-team' } };

/** One workload of each kind, named `w`, with `props` added. */
const KINDS: Array<[string, string, (stack: AppStack, props: object) => Workload]> = [
  ['WebService', 'Deployment', (s, p) => new WebService(s, 'w', { image: IMAGE, resources: RESOURCES, ...p })],
  ['Worker', 'Deployment', (s, p) => new Worker(s, 'w', { image: IMAGE, resources: RESOURCES, readinessProbe: Probe.none(), livenessProbe: Probe.none(), ...p })],
  ['StatefulService', 'StatefulSet', (s, p) => new StatefulService(s, 'w', { image: IMAGE, resources: RESOURCES, ...p })],
  ['Job', 'Job', (s, p) => new Job(s, 'w', { image: IMAGE, resources: RESOURCES, ...p })],
  ['CronTask', 'CronJob', (s, p) => new CronTask(s, 'w', { image: IMAGE, resources: RESOURCES, schedule: '0 2 * * *', ...p })],
];

/** The workload's objects in the output, by kind. */
function objectsOf(objects: ManifestObject[], kinds: string[]): ManifestObject[] {
  return kinds.map((kind) => findObject(objects, kind, 'w'));
}

describe('workload metadata', () => {
  test.each(KINDS)('GIVEN a %s with metadata WHEN synthesized THEN its %s carries the labels and annotations', (name, kind, make) => {
    // GIVEN
    const { stack } = makeStack();
    make(stack, { metadata: METADATA });
    // WHEN
    const obj = findObject(synth(stack), kind, 'w');
    // THEN
    expect(obj.metadata.labels?.team).toBe('shop');
    // (the Worker here switches its probes off, which its Deployment records)
    const probesOff = name === 'Worker' ? { [PlatformAnnotations.PROBES_OFF]: 'w: livenessProbe, readinessProbe' } : {};
    expect(obj.metadata.annotations).toEqual({ ...METADATA.annotations, ...probesOff });
  });

  test('GIVEN a WebService with metadata, a disruption budget, an autoscaler and a NetworkPolicy WHEN synthesized THEN every object carries them', () => {
    // GIVEN
    const { stack } = makeStack();
    const web = new WebService(stack, 'w', { image: IMAGE, resources: RESOURCES, metadata: METADATA });
    // WHEN: objects added after construction too
    web.autoscale({ minReplicas: 2, maxReplicas: 4, metrics: [Metric.cpu(70)] });
    web.allowFrom(NetworkPeer.namespace('monitoring'));
    const objects = objectsOf(synth(stack), ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy']);
    // THEN
    for (const obj of objects) {
      expect(obj.metadata.labels?.team).toBe('shop');
      expect(obj.metadata.annotations).toEqual(METADATA.annotations);
    }
  });

  test('GIVEN a StatefulService with metadata WHEN synthesized THEN its headless Service carries them', () => {
    const { stack } = makeStack();
    new StatefulService(stack, 'w', { image: IMAGE, resources: RESOURCES, metadata: METADATA });
    const service = findObject(synth(stack), 'Service', 'w');
    expect(service.metadata.labels?.team).toBe('shop');
    expect(service.metadata.annotations).toEqual(METADATA.annotations);
  });

  test('GIVEN metadata labels WHEN synthesized THEN they are not on the pods', () => {
    const { stack } = makeStack();
    new WebService(stack, 'w', { image: IMAGE, resources: RESOURCES, metadata: METADATA });
    const template = findObject(synth(stack), 'Deployment', 'w').spec.template.metadata;
    expect(template.labels.team).toBeUndefined();
    expect(template.annotations?.['example.com/owner']).toBeUndefined();
  });

  test('GIVEN a CronTask with metadata labels WHEN synthesized THEN its job template carries them too', () => {
    const { stack } = makeStack();
    new CronTask(stack, 'w', { image: IMAGE, resources: RESOURCES, schedule: '0 2 * * *', metadata: METADATA });
    expect(findObject(synth(stack), 'CronJob', 'w').spec.jobTemplate.metadata.labels.team).toBe('shop');
  });

  test('GIVEN a LoadBalancer service with metadata and service type annotations WHEN synthesized THEN the service type wins on a shared key', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'w', {
      image: IMAGE,
      resources: RESOURCES,
      metadata: { annotations: { 'example.com/owner': 'shop-team', 'example.com/lb': 'workload' } },
      serviceType: ServiceType.loadBalancer({ annotations: { 'example.com/lb': 'service-type' } }),
    });
    // WHEN
    const service = findObject(synth(stack), 'Service', 'w');
    // THEN
    expect(service.metadata.annotations).toEqual({ 'example.com/owner': 'shop-team', 'example.com/lb': 'service-type' });
  });

  test('GIVEN an invalid label key in metadata.labels WHEN created THEN a PropError names metadata.labels', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'w', { image: IMAGE, resources: RESOURCES, metadata: { labels: { 'bad key': 'x' } } }), {
      path: 'test/w', prop: 'metadata.labels key', received: '"bad key"',
    });
  });

  test('GIVEN a label of the selector in metadata.labels WHEN created THEN it is refused', () => {
    const { stack } = makeStack();
    expectPropError(() => new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000, metadata: { labels: { 'app.kubernetes.io/name': 'other' } } }), {
      path: 'test/w', prop: 'metadata.labels.app.kubernetes.io/name', received: '"other"', allowed: 'selects its pods by it',
    });
  });

  test('GIVEN the old labels prop WHEN a workload is created THEN it is refused, naming metadata.labels', () => {
    const { stack } = makeStack();
    const props = { image: IMAGE, resources: RESOURCES, labels: { team: 'shop' } } as unknown as ConstructorParameters<typeof WebService>[2];
    expectPropError(() => new WebService(stack, 'w', props), { path: 'test/w', prop: 'labels', received: '{"team":"shop"}', allowed: 'metadata.labels' });
  });
});

describe('workload escape hatch', () => {
  test.each(KINDS)('GIVEN a %s WHEN ApiObject.of() is called on it THEN it returns its %s', (_name, kind, make) => {
    const { stack } = makeStack();
    const workload = make(stack, {});
    const obj = ApiObject.of(workload);
    expect(obj).toBe(workload.apiObject);
    expect(obj.kind).toBe(kind);
  });

  test.each(KINDS)('GIVEN a %s WHEN a JSON patch is added through ApiObject.of() THEN it lands in the %s', (_name, kind, make) => {
    // GIVEN
    const { stack } = makeStack();
    const workload = make(stack, {});
    // WHEN
    ApiObject.of(workload).addJsonPatch(JsonPatch.add('/metadata/annotations', { 'example.com/patched': 'yes' }));
    // THEN
    expect(findObject(synth(stack), kind, 'w').metadata.annotations).toEqual({ 'example.com/patched': 'yes' });
  });

  test('GIVEN a WebService autoscaled after construction WHEN apiObjects is read THEN it lists every object, the Deployment first', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'w', { image: IMAGE, resources: RESOURCES });
    web.autoscale({ minReplicas: 3, maxReplicas: 6, metrics: [Metric.cpu(70)] });
    expect(web.apiObjects.map((o) => o.kind)).toEqual(['Deployment', 'Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']);
  });
});
