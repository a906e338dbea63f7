import { diffManifests, diffToJson, formatDiff, hasChanges, ManifestObject, ManifestSet, objectId } from '../../lib';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function set(objects: ManifestObject[]): ManifestSet {
  return { source: 'test', objects: new Map(objects.map((o, i) => [objectId(o), { object: o, file: `f${i}.yaml`, line: 1 }])) };
}

function deployment(over: Record<string, unknown> = {}): ManifestObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop', labels: { 'cdk8s-platform.io/environment': 'prod' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } } } },
    ...over,
  };
}

describe('diffManifests', () => {
  test('GIVEN identical sets WHEN diffed THEN there is no change', () => {
    const diff = diffManifests(set([deployment()]), set([deployment()]));
    expect(hasChanges(diff)).toBe(false);
    expect(formatDiff(diff)).toBe('No changes. 1 object(s) identical.\n');
  });

  test('GIVEN an added and a removed object WHEN diffed THEN they are listed as new and as a prune', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' } };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'old', namespace: 'shop' } };
    const diff = diffManifests(set([svc]), set([cm]));
    expect(diff.added.map((d) => d.name)).toEqual(['cfg']);
    expect(diff.removed.map((d) => d.name)).toEqual(['old']);
    expect(formatDiff(diff)).toContain('+ ConfigMap shop/cfg  (new, f0.yaml)');
    expect(formatDiff(diff)).toContain('- Service shop/old  (prune: no longer in the output; deleted on apply with prune)');
  });

  test('GIVEN a changed selector WHEN diffed THEN the change is flagged immutable', () => {
    const after = deployment({ spec: { ...deployment().spec, selector: { matchLabels: { app: 'api-v2' } } } });
    const diff = diffManifests(set([deployment()]), set([after]));
    expect(diff.changed[0].immutable).toEqual([{ path: '/spec/selector/matchLabels/app', reason: expect.stringContaining('the selector of a Deployment cannot change') }]);
    const text = formatDiff(diff);
    expect(text).toContain('~ Deployment shop/api [prod]');
    expect(text).toContain('/spec/selector/matchLabels/app: "api" -> "api-v2"');
    expect(text).toContain('! immutable field /spec/selector/matchLabels/app');
    expect(text).toContain('WARNING: 1 immutable field change(s) will fail on apply.');
  });

  test('GIVEN a changed replica count WHEN diffed THEN it is a change and not immutable', () => {
    const diff = diffManifests(set([deployment()]), set([deployment({ spec: { ...deployment().spec, replicas: 5 } })]));
    expect(diff.changed[0].changes).toEqual([{ path: '/spec/replicas', before: 2, after: 5 }]);
    expect(diff.changed[0].immutable).toEqual([]);
    expect(formatDiff(diff)).not.toContain('immutable');
  });

  test('GIVEN the same object in two environments WHEN diffed THEN they are different objects', () => {
    const dev = deployment({ metadata: { ...deployment().metadata, labels: { 'cdk8s-platform.io/environment': 'dev' } } });
    expect(diffManifests(set([deployment(), dev]), set([deployment(), dev])).unchanged).toBe(2);
  });

  test('GIVEN an apiVersion change of one object WHEN diffed THEN it is a change, not a replacement', () => {
    const diff = diffManifests(set([{ ...deployment(), apiVersion: 'apps/v1beta2' }]), set([deployment()]));
    expect(diff.changed[0].changes).toEqual([{ path: '/apiVersion', before: 'apps/v1beta2', after: 'apps/v1' }]);
  });

  test('GIVEN changed Secret data WHEN formatted or as JSON THEN the values are hidden', () => {
    const secret = (v: string): ManifestObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'n' }, data: { k: v } });
    const diff = diffManifests(set([secret('b2xk')]), set([secret('bmV3')]));
    expect(formatDiff(diff)).toContain('/data/k: (hidden) -> (hidden)');
    expect(JSON.stringify(diffToJson(diff))).not.toMatch(/b2xk|bmV3/);
  });

  test('GIVEN a changed last-applied configuration of a Secret WHEN formatted or as JSON THEN it is reported as changed, hidden', () => {
    // GIVEN the annotation kubectl keeps, with the base64 of the password in it
    const secret = (v: string): ManifestObject => ({
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'n', annotations: { [LAST_APPLIED]: JSON.stringify({ data: { password: v } }) } },
    });
    // WHEN
    const diff = diffManifests(set([secret('b2xk')]), set([secret('bmV3')]));
    // THEN
    expect(formatDiff(diff)).toContain('/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration: (hidden) -> (hidden)');
    expect(JSON.stringify(diffToJson(diff))).not.toMatch(/b2xk|bmV3/);
  });

  test('GIVEN annotations added to a Secret with its last-applied configuration WHEN formatted THEN the whole map is hidden', () => {
    const before: ManifestObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } };
    const after: ManifestObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: { [LAST_APPLIED]: '{"data":{"k":"b2xk"}}' } } };
    expect(formatDiff(diffManifests(set([before]), set([after])))).toContain('/metadata/annotations: (none) -> (hidden)');
  });

  test('GIVEN changed SealedSecret and ExternalSecret values WHEN formatted or as JSON THEN they are hidden', () => {
    // GIVEN
    const sealed = (v: string): ManifestObject => ({
      apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 's', namespace: 'n' },
      spec: { encryptedData: { k: `Ag${v}` }, template: { data: { 'app.conf': `password=${v}` } } },
    });
    const external = (v: string): ManifestObject => ({
      apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'e', namespace: 'n' },
      spec: { target: { template: { data: { url: `db://${v}` }, templateFrom: [{ literal: `token: ${v}` }] } } },
    });
    // WHEN
    const diff = diffManifests(set([sealed('OLDVALUE'), external('OLDVALUE')]), set([sealed('NEWVALUE'), external('NEWVALUE')]));
    // THEN
    const text = formatDiff(diff);
    for (const p of ['/spec/encryptedData/k', '/spec/template/data/app.conf', '/spec/target/template/data/url', '/spec/target/template/templateFrom/0/literal']) {
      expect(text).toContain(`${p}: (hidden) -> (hidden)`);
    }
    expect(text + JSON.stringify(diffToJson(diff))).not.toMatch(/OLDVALUE|NEWVALUE/);
  });

  test('GIVEN a changed last-applied configuration of a ConfigMap WHEN formatted THEN its values are shown', () => {
    const cm = (v: string): ManifestObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { [LAST_APPLIED]: v } } });
    expect(formatDiff(diffManifests(set([cm('{"a":1}')]), set([cm('{"a":2}')])))).toContain('"{\\"a\\":1}" -> "{\\"a\\":2}"');
  });

  test('GIVEN control characters in kind, name, environment, file, path and values WHEN formatted THEN each is escaped', () => {
    // GIVEN
    const hostile = 'x\u001b[2J\rfake\nfake line\u202e';
    const cm = (v: string): ManifestObject => ({
      apiVersion: 'v1', kind: `ConfigMap${hostile}`, metadata: { name: hostile, namespace: hostile, labels: { 'cdk8s-platform.io/environment': hostile } }, data: { [hostile]: v },
    });
    const before = set([cm(`a${hostile}`)]);
    const after: ManifestSet = { source: 'test', objects: new Map([...set([cm(`b${hostile}`)]).objects].map(([id, e]) => [id, { ...e, file: `${hostile}.yaml` }])) };
    // WHEN
    const text = formatDiff(diffManifests(before, after));
    // THEN
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(text.split('\n').filter((l) => l.startsWith('fake'))).toEqual([]);
    expect(text).toContain('~ ConfigMapx\\x1b[2J\\rfake\\nfake line\\u202e x\\x1b[2J');
  });

  test('GIVEN changes WHEN as JSON THEN added, removed, changed and the immutable count are there', () => {
    const after = deployment({ spec: { ...deployment().spec, selector: { matchLabels: { app: 'x' } } } });
    const json = diffToJson(diffManifests(set([deployment()]), set([after])));
    expect(json).toEqual(expect.objectContaining({ added: [], removed: [], unchanged: 0, immutableChanges: 1 }));
    expect((json.changed as any[])[0]).toEqual(expect.objectContaining({ kind: 'Deployment', name: 'api', namespace: 'shop', environment: 'prod' }));
  });
});
