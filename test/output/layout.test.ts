import { execFileSync } from 'child_process';
import * as path from 'path';
import { parse } from 'yaml';
import { AppStack, layoutFiles, ManifestObject, objectFile, PlacedObject, PlatformApp, PlatformError, WebService } from '../../lib';
import { RESOURCES, tmpdir } from '../_helpers';

function placed(kind: string, name: string, namespace?: string, constructPath = `s/${name}`): PlacedObject {
  return { object: { apiVersion: 'v1', kind, metadata: { name, namespace } }, constructPath };
}

describe('layout', () => {
  test('GIVEN a namespaced object WHEN placed THEN it goes to <namespace>/<kind>-<name>.yaml, the kind in lower case', () => {
    expect(objectFile(placed('ConfigMap', 'cfg', 'shop').object)).toBe('shop/configmap-cfg.yaml');
  });

  test('GIVEN a Namespace WHEN placed THEN it goes in its own folder', () => {
    expect(objectFile(placed('Namespace', 'shop').object)).toBe('shop/namespace-shop.yaml');
  });

  test('GIVEN a cluster-scoped object WHEN placed THEN it goes to _cluster/', () => {
    expect(objectFile(placed('ClusterRole', 'reader').object)).toBe('_cluster/clusterrole-reader.yaml');
  });

  test('GIVEN objects WHEN laid out THEN the kustomization lists every file in apply order, and each file holds its object', () => {
    // GIVEN
    const objects = [placed('Deployment', 'web', 'shop'), placed('Service', 'web', 'shop'), placed('Namespace', 'shop')];
    // WHEN
    const files = layoutFiles(objects);
    // THEN
    expect([...files.keys()]).toEqual(['kustomization.yaml', 'shop/namespace-shop.yaml', 'shop/service-web.yaml', 'shop/deployment-web.yaml']);
    expect(parse(files.get('kustomization.yaml')!)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      sortOptions: { order: 'fifo' },
      resources: ['shop/namespace-shop.yaml', 'shop/service-web.yaml', 'shop/deployment-web.yaml'],
    });
    expect(parse(files.get('shop/service-web.yaml')!)).toEqual(objects[1].object);
  });

  test('GIVEN two objects that map to the same file WHEN laid out THEN the error names both construct paths', () => {
    const a = { object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' } }, constructPath: 'prod/shop/web' };
    const b = { object: { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' } }, constructPath: 'prod/shop/legacy' };
    expect(() => layoutFiles([a, b])).toThrow(PlatformError);
    expect(() => layoutFiles([a, b])).toThrow(/same file "shop\/ingress-web.yaml".*"prod\/shop\/web".*"prod\/shop\/legacy"/);
  });

  test('GIVEN a synthesized app WHEN kubectl kustomize builds its folder THEN it yields exactly the synthesized objects, in apply order', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    const app = new PlatformApp({ outdir });
    const stack = new AppStack(app, 'web', { namespace: 'web' });
    new WebService(stack, 'site', { image: 'nginx:1.25', resources: RESOURCES });
    const expected: ManifestObject[] = app.synthManifests().get('')!;
    app.synth();
    // WHEN
    const built = execFileSync('kubectl', ['kustomize', outdir], { encoding: 'utf8' });
    // THEN
    const objects = built.split(/^---\n/m).map((doc) => parse(doc));
    const key = (o: ManifestObject): string => `${o.kind}/${o.metadata.name}`;
    expect(objects.map(key)).toEqual(expected.map(key));
    for (const o of objects) expect(o).toEqual(expected.find((e) => key(e) === key(o)));
  });
});
