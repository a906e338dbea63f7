import { ManifestObject, PlatformApp } from '../../lib';
import { containersOf, podReferencesOf, podTemplateOf, POD_KINDS } from '../../lib/core/pod-spec';
import { environmentReadme } from '../../lib/output/environment-readme';
import { referencesOf } from '../../lib/validation/_references';
import { defineExamples } from '../../apps/examples';

const SPEC = { containers: [{ name: 'app', image: 'nginx:1.27' }] };
const TEMPLATE = { metadata: { labels: { app: 'x' } }, spec: SPEC };

/** A manifest object of the given kind. */
function object(apiVersion: string, kind: string, rest: Record<string, any>): ManifestObject {
  return { apiVersion, kind, metadata: { name: 'x', namespace: 'ns' }, ...rest } as ManifestObject;
}

describe('podTemplateOf', () => {
  test.each([
    ['v1', 'Pod', { spec: SPEC }, 'metadata', 'spec'],
    ['v1', 'PodTemplate', { template: TEMPLATE }, 'template.metadata', 'template.spec'],
    ['v1', 'ReplicationController', { spec: { template: TEMPLATE } }, 'spec.template.metadata', 'spec.template.spec'],
    ['apps/v1', 'Deployment', { spec: { template: TEMPLATE } }, 'spec.template.metadata', 'spec.template.spec'],
    ['apps/v1', 'ReplicaSet', { spec: { template: TEMPLATE } }, 'spec.template.metadata', 'spec.template.spec'],
    ['apps/v1', 'StatefulSet', { spec: { template: TEMPLATE } }, 'spec.template.metadata', 'spec.template.spec'],
    ['apps/v1', 'DaemonSet', { spec: { template: TEMPLATE } }, 'spec.template.metadata', 'spec.template.spec'],
    ['batch/v1', 'Job', { spec: { template: TEMPLATE } }, 'spec.template.metadata', 'spec.template.spec'],
    ['batch/v1', 'CronJob', { spec: { jobTemplate: { spec: { template: TEMPLATE } } } }, 'spec.jobTemplate.spec.template.metadata', 'spec.jobTemplate.spec.template.spec'],
  ])('GIVEN a %s %s WHEN its pod template is asked for THEN it is found at its field path', (apiVersion, kind, rest, metadataPath, specPath) => {
    // GIVEN
    const o = object(apiVersion, kind, rest);
    // WHEN
    const pod = podTemplateOf(o);
    // THEN
    expect(pod).toMatchObject({ metadataPath, specPath });
    expect(pod!.spec).toBe(SPEC);
    expect(POD_KINDS).toContain(kind);
  });

  test('GIVEN a kind with a pod template in another API group WHEN asked for THEN it has none', () => {
    // GIVEN a custom resource named Deployment
    const o = object('example.com/v1', 'Deployment', { spec: { template: TEMPLATE } });
    // WHEN / THEN
    expect(podTemplateOf(o)).toBeUndefined();
  });

  test('GIVEN a Service WHEN its pod template is asked for THEN it has none', () => {
    // GIVEN / WHEN / THEN
    expect(podTemplateOf(object('v1', 'Service', { spec: { selector: { app: 'x' } } }))).toBeUndefined();
  });

  test('GIVEN a Pod without metadata WHEN its template is asked for THEN the metadata is empty', () => {
    // GIVEN
    const o = { apiVersion: 'v1', kind: 'Pod', spec: SPEC } as unknown as ManifestObject;
    // WHEN / THEN
    expect(podTemplateOf(o)!.metadata).toEqual({});
  });
});

describe('containersOf', () => {
  test('GIVEN containers, init containers and ephemeral containers WHEN listed THEN each is there with its path and list', () => {
    // GIVEN
    const pod = podTemplateOf(object('v1', 'Pod', { spec: { containers: [{ name: 'a' }], initContainers: [{ name: 'b' }], ephemeralContainers: [{ name: 'c' }] } }))!;
    // WHEN
    const list = containersOf(pod).map((c) => [c.container.name, c.type, c.path]);
    // THEN
    expect(list).toEqual([['a', 'containers', 'spec.containers[0]'], ['b', 'initContainers', 'spec.initContainers[0]'], ['c', 'ephemeralContainers', 'spec.ephemeralContainers[0]']]);
  });
});

describe('podReferencesOf', () => {
  /** The references of a Pod with this spec, as `via kind name key? (field)`. */
  const refs = (spec: Record<string, any>) => podReferencesOf(podTemplateOf(object('v1', 'Pod', { spec }))!)
    .map((r) => `${r.via} ${r.kind} ${r.name}${r.key ? ` ${r.key}` : ''}${r.optional ? ' optional' : ''} (${r.field})`);

  test('GIVEN env valueFrom keys WHEN walked THEN the ConfigMap and Secret keys are references', () => {
    // GIVEN / WHEN / THEN
    expect(refs({ containers: [{ name: 'a', env: [
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } },
      { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'p', optional: true } } },
      { name: 'C', value: 'plain' },
    ] }] })).toEqual([
      'env ConfigMap cm k (spec.containers[0].env[0].valueFrom.configMapKeyRef)',
      'env Secret s p optional (spec.containers[0].env[1].valueFrom.secretKeyRef)',
    ]);
  });

  test('GIVEN envFrom sources WHEN walked THEN the ConfigMap and Secret are references', () => {
    // GIVEN / WHEN / THEN
    expect(refs({ containers: [{ name: 'a', envFrom: [{ configMapRef: { name: 'cm' } }, { secretRef: { name: 's' } }] }] })).toEqual([
      'envFrom ConfigMap cm (spec.containers[0].envFrom[0].configMapRef)',
      'envFrom Secret s (spec.containers[0].envFrom[1].secretRef)',
    ]);
  });

  test('GIVEN configMap, secret and claim volumes WHEN walked THEN each is a reference, items with their keys', () => {
    // GIVEN / WHEN / THEN
    expect(refs({ containers: [], volumes: [
      { name: 'a', configMap: { name: 'cm', items: [{ key: 'k', path: 'k' }] } },
      { name: 'b', secret: { secretName: 's' } },
      { name: 'c', persistentVolumeClaim: { claimName: 'data' } },
    ] })).toEqual([
      'volume ConfigMap cm (spec.volumes[0].configMap)',
      'volume ConfigMap cm k (spec.volumes[0].configMap.items[0].key)',
      'volume Secret s (spec.volumes[1].secret)',
      'volume PersistentVolumeClaim data (spec.volumes[2].persistentVolumeClaim.claimName)',
    ]);
  });

  test('GIVEN a projected volume WHEN walked THEN its ConfigMap and Secret sources are references', () => {
    // GIVEN / WHEN / THEN
    expect(refs({ containers: [], volumes: [{ name: 'p', projected: { sources: [{ configMap: { name: 'cm' } }, { secret: { name: 's', optional: true } }, { serviceAccountToken: { path: 't' } }] } }] })).toEqual([
      'volume ConfigMap cm (spec.volumes[0].projected.sources[0].configMap)',
      'volume Secret s optional (spec.volumes[0].projected.sources[1].secret)',
    ]);
  });

  test('GIVEN image pull secrets and a service account WHEN walked THEN both are references', () => {
    // GIVEN / WHEN / THEN
    expect(refs({ containers: [], imagePullSecrets: [{ name: 'registry' }], serviceAccountName: 'runner' })).toEqual([
      'imagePullSecret Secret registry (spec.imagePullSecrets[0].name)',
      'serviceAccount ServiceAccount runner (spec.serviceAccountName)',
    ]);
  });

  test('GIVEN the deprecated serviceAccount field WHEN walked THEN it is the reference', () => {
    // GIVEN / WHEN / THEN
    expect(refs({ containers: [], serviceAccount: 'old' })).toEqual(['serviceAccount ServiceAccount old (spec.serviceAccount)']);
  });

  test('GIVEN the default service account WHEN walked THEN it is not a reference', () => {
    // GIVEN / WHEN / THEN
    expect(refs({ containers: [], serviceAccountName: 'default' })).toEqual([]);
  });

  test('GIVEN init and ephemeral containers reading a Secret WHEN walked THEN their references count too', () => {
    // GIVEN / WHEN / THEN
    expect(refs({ containers: [], initContainers: [{ name: 'i', envFrom: [{ secretRef: { name: 'a' } }] }], ephemeralContainers: [{ name: 'e', envFrom: [{ configMapRef: { name: 'b' } }] }] })).toEqual([
      'envFrom Secret a (spec.initContainers[0].envFrom[0].secretRef)',
      'envFrom ConfigMap b (spec.ephemeralContainers[0].envFrom[0].configMapRef)',
    ]);
  });

  test('GIVEN names that are empty or not strings WHEN walked THEN they are skipped', () => {
    // GIVEN / WHEN / THEN
    expect(refs({ containers: [{ name: 'a', envFrom: [{ configMapRef: { name: '' } }, { secretRef: { name: 3 } }] }], volumes: [{ name: 'v', secret: {} }] })).toEqual([]);
  });
});

describe('one walk for validation and the README', () => {
  const app = new PlatformApp();
  defineExamples(app);
  const manifests = [...app.synthManifests()];

  test('GIVEN the example app WHEN validation and the README walk its objects THEN they see the same pods and references', () => {
    for (const [env, objects] of manifests) {
      // GIVEN the pods and references the walker finds
      const withPods = objects.filter((o) => podTemplateOf(o) !== undefined);
      // WHEN the README is made
      const readme = environmentReadme(env, objects);
      // THEN validation's references of each object with a pod are the walker's
      for (const o of withPods) {
        const pod = podTemplateOf(o)!;
        expect(referencesOf(o)).toEqual(podReferencesOf(pod));
      }
      // and the README has a row for each, and a link to each ConfigMap and Secret it references
      for (const o of withPods) {
        expect(readme).toContain(`| ${o.metadata.namespace ?? ''} | ${o.kind} ${o.metadata.name} |`);
        const id = `${o.kind}_${o.metadata.namespace ?? ''}_${o.metadata.name}`.replace(/[^A-Za-z0-9_]/g, '_');
        for (const r of podReferencesOf(podTemplateOf(o)!)) {
          if (r.kind !== 'ConfigMap' && r.kind !== 'Secret') continue;
          expect(readme).toContain(`${id} -.-> ${`${r.kind}_${o.metadata.namespace ?? ''}_${r.name}`.replace(/[^A-Za-z0-9_]/g, '_')}`);
        }
      }
      // and no other workload rows or links
      const rows = readme.split('\n').filter((l) => /^\| [^|]* \| \S+ \S+ \| /.test(l) && !l.includes('**total**') && !l.startsWith('| namespace'));
      expect(rows).toHaveLength(withPods.length);
      const links = readme.split('\n').filter((l) => l.includes(' -.-> '));
      const expected = new Set(withPods.flatMap((o) => podReferencesOf(podTemplateOf(o)!).filter((r) => r.kind === 'ConfigMap' || r.kind === 'Secret')
        .map((r) => `${o.kind}/${o.metadata.name}/${r.kind}/${r.name}`)));
      expect(links).toHaveLength(expected.size);
    }
  });

  test('GIVEN the example app WHEN walked THEN it has pods and references to walk', () => {
    // GIVEN / WHEN
    const all = manifests.flatMap(([, objects]) => objects);
    const pods = all.filter((o) => podTemplateOf(o) !== undefined);
    // THEN the comparison above is not vacuous
    expect(pods.length).toBeGreaterThan(5);
    expect(pods.some((o) => podReferencesOf(podTemplateOf(o)!).some((r) => r.kind === 'ConfigMap'))).toBe(true);
  });
});
