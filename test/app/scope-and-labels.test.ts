import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { Deployment } from 'cdk8s-plus-27';
import { parse } from 'yaml';
import { AppStack, Environment, PlatformApp, PodSecurityLevel } from '../../lib';
import { EXAMPLE_GITOPS } from '../../apps/examples';
import { tmpdir } from '../_helpers';

/** The labels the README's prune command selects on, and the instance label it names. */
const PRUNE_LABELS = ['app.kubernetes.io/managed-by', 'app.kubernetes.io/part-of', 'app.kubernetes.io/instance', 'cdk8s-platform.io/environment'];

/** A CRD of the cluster-scoped kind Widget (example.com). */
const WIDGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com', scope: 'Cluster', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    versions: [{
      name: 'v1', served: true, storage: true,
      schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
    }],
  },
};

/** Every object file below `dir`, by path relative to it (kustomizations aside), parsed. */
function objectFiles(dir: string): Map<string, any> {
  return new Map(fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml') && e.name !== 'kustomization.yaml')
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .map((f) => [f, parse(fs.readFileSync(path.join(dir, f), 'utf8'))]));
}

describe('scope and labels of every object', () => {
  const outdir = path.join(tmpdir(), 'dist');
  // GIVEN a stack with a raw ClusterRole, a raw custom resource with its CRD, a cdk8s-plus-27 Deployment, and the
  // example GitOps setup
  const app = new PlatformApp({ outdir, gitOps: EXAMPLE_GITOPS, capacitySummary: false });
  for (const env of ['dev', 'prod']) {
    const stack = new AppStack(new Environment(app, env), 'shop', { namespace: 'shop', namespaceOptions: { podSecurity: PodSecurityLevel.BASELINE } });
    new ApiObject(stack, 'reader', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'shop-reader' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
    });
    new ApiObject(stack, 'widget-crd', WIDGET_CRD);
    new ApiObject(stack, 'widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'big' }, spec: { size: 3 } });
    new Deployment(stack, 'plus', { containers: [{ image: 'nginx:1.25.3', portNumber: 8080 }], metadata: { name: 'plus' } });
  }
  // WHEN
  app.synth();
  const files = objectFiles(outdir);

  test('GIVEN the stack and GitOps WHEN synthesized THEN every object carries the prune labels', () => {
    const lacking = [...files].map(([file, o]) => [file, PRUNE_LABELS.filter((l) => !(l in (o.metadata.labels ?? {})))]).filter(([, missing]) => missing.length > 0);
    expect(lacking).toEqual([]);
  });

  test('GIVEN the stack WHEN synthesized THEN every object outside _gitops carries its environment and the stack\'s part-of and instance', () => {
    for (const [file, o] of files) {
      if (file.startsWith('_gitops/')) continue;
      expect([file, o.metadata.labels]).toEqual([file, expect.objectContaining({
        'cdk8s-platform.io/environment': file.split('/')[0], 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/instance': 'shop',
      })]);
    }
  });

  test('GIVEN objects our constructs did not build WHEN synthesized THEN each has app.kubernetes.io/name from its own name', () => {
    for (const file of ['prod/_cluster/clusterrole-shop-reader.yaml', 'prod/_cluster/widget-big.yaml', 'prod/shop/deployment-plus.yaml']) {
      const o = files.get(file);
      expect([file, o?.metadata.labels['app.kubernetes.io/name']]).toEqual([file, o?.metadata.name]);
    }
  });

  test('GIVEN a raw ClusterRole in the stack WHEN synthesized THEN it is under _cluster/ with no namespace', () => {
    const role = files.get('prod/_cluster/clusterrole-shop-reader.yaml');
    expect(role?.kind).toBe('ClusterRole');
    expect(role.metadata.namespace).toBeUndefined();
    expect([...files.keys()].filter((f) => f.includes('clusterrole-'))).toEqual(['dev/_cluster/clusterrole-shop-reader.yaml', 'prod/_cluster/clusterrole-shop-reader.yaml']);
  });

  test('GIVEN a custom resource whose CRD in the stack is cluster-scoped WHEN synthesized THEN it and its CRD are under _cluster/ with no namespace', () => {
    expect(files.get('prod/_cluster/widget-big.yaml')?.metadata.namespace).toBeUndefined();
    expect(files.get('prod/_cluster/customresourcedefinition-widgets.example.com.yaml')?.metadata.namespace).toBeUndefined();
  });

  test('GIVEN a cdk8s-plus-27 Deployment WHEN synthesized THEN it stays in the stack\'s namespace folder', () => {
    expect(files.get('prod/shop/deployment-plus.yaml')?.metadata.namespace).toBe('shop');
  });
});

describe('scope from validation.crds', () => {
  test('GIVEN a cluster-scoped CRD in validation.crds WHEN a custom resource of its kind is synthesized THEN it is under _cluster/ with no namespace', () => {
    // GIVEN
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'widgets.json'), JSON.stringify(WIDGET_CRD));
    const outdir = path.join(dir, 'dist');
    const app = new PlatformApp({ outdir, capacitySummary: false, validation: { crds: [path.join(dir, 'widgets.json')] } });
    new ApiObject(new AppStack(app, 'shop', { namespace: 'shop' }), 'widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'big' } });
    // WHEN
    app.synth();
    // THEN
    expect(parse(fs.readFileSync(path.join(outdir, '_cluster', 'widget-big.yaml'), 'utf8')).metadata.namespace).toBeUndefined();
  });
});
