import { findObject, ManifestObject, PlatformAnnotations, Probe, SidecarMode, synthFindings, validateObjects, WebService, Worker } from '../../lib';
import { makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

describe('Probe.none() needs no suppression', () => {
  test('GIVEN livenessProbe: Probe.none() WHEN synthesized THEN the Deployment names it in the probes-off annotation', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, livenessProbe: Probe.none() });
    // THEN
    const deployment = findObject(synth(stack), 'Deployment', 'web');
    expect(deployment.metadata.annotations).toEqual({ [PlatformAnnotations.PROBES_OFF]: 'web: livenessProbe' });
    expect(deployment.spec.template.metadata.annotations?.[PlatformAnnotations.PROBES_OFF]).toBeUndefined();
  });

  test('GIVEN both probes none WHEN validated THEN probes-set reports nothing', () => {
    const { stack } = makeStack();
    new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, readinessProbe: Probe.none(), livenessProbe: Probe.none() });
    expect(synthFindings(stack).filter((f) => f.rule === 'probes-set')).toEqual([]);
  });

  test('GIVEN a container without probes and no annotation WHEN validated THEN probes-set still reports it', () => {
    // GIVEN a Deployment from elsewhere
    const deployment = (annotations?: Record<string, string>): ManifestObject => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'n', annotations },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'x', image: 'x:1' }] } } },
    });
    // WHEN
    const without = validateObjects([deployment()]).findings.filter((f) => f.rule === 'probes-set');
    const withOne = validateObjects([deployment({ [PlatformAnnotations.PROBES_OFF]: 'x: livenessProbe' })]).findings.filter((f) => f.rule === 'probes-set');
    const other = validateObjects([deployment({ [PlatformAnnotations.PROBES_OFF]: 'y: livenessProbe, readinessProbe' })]).findings.filter((f) => f.rule === 'probes-set');
    // THEN
    expect(without.map((f) => f.message)).toEqual([expect.stringContaining('received no readinessProbe or livenessProbe')]);
    expect(withOne.map((f) => f.message)).toEqual([expect.stringContaining('received no readinessProbe;')]);
    expect(other).toHaveLength(1);
  });

  test('GIVEN a classic sidecar with Probe.none() WHEN validated THEN probes-set reports nothing for it', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, sidecarMode: SidecarMode.classic() });
    web.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', resources: RESOURCES, readinessProbe: Probe.none(), livenessProbe: Probe.none() });
    const objects = synth(stack);
    expect(podSpecOf(objects, 'web').containers.map((c: any) => c.name)).toEqual(['web', 'proxy']);
    expect(findObject(objects, 'Deployment', 'web').metadata.annotations).toEqual({ [PlatformAnnotations.PROBES_OFF]: 'proxy: livenessProbe, readinessProbe' });
    expect(synthFindings(stack).filter((f) => f.rule === 'probes-set')).toEqual([]);
  });

  test('GIVEN no Probe.none() WHEN synthesized THEN no probes-off annotation is written', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expect(findObject(synth(stack), 'Deployment', 'web').metadata.annotations).toBeUndefined();
  });
});

describe('init containers and workloadDefaults', () => {
  test('GIVEN an init container without resources WHEN defaults have resources THEN it inherits them', () => {
    const { stack } = makeStack({ workloadDefaults: { resources: { requests: { cpu: '50m', memory: '64Mi' } } } });
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, initContainers: [{ name: 'init', image: 'busybox:1.36.1' }] });
    expect(podSpecOf(synth(stack), 'web').initContainers[0].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } });
  });

  test('GIVEN addInitContainer() without resources WHEN defaults have resources THEN it inherits them', () => {
    const { stack } = makeStack({ workloadDefaults: { resources: { requests: { cpu: '50m', memory: '64Mi' } } } });
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    web.addInitContainer({ name: 'migrate', image: IMAGE });
    expect(podSpecOf(synth(stack), 'web').initContainers[0].resources.requests).toEqual({ cpu: '50m', memory: '64Mi' });
  });
});
