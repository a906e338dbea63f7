import { diffManifests, diffToJson, formatDiff, hasChanges, ManifestObject, ManifestSet, objectId } from '../../lib';

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

  test('GIVEN changes WHEN as JSON THEN added, removed, changed and the immutable count are there', () => {
    const after = deployment({ spec: { ...deployment().spec, selector: { matchLabels: { app: 'x' } } } });
    const json = diffToJson(diffManifests(set([deployment()]), set([after])));
    expect(json).toEqual(expect.objectContaining({ added: [], removed: [], unchanged: 0, immutableChanges: 1 }));
    expect((json.changed as any[])[0]).toEqual(expect.objectContaining({ kind: 'Deployment', name: 'api', namespace: 'shop', environment: 'prod' }));
  });
});
