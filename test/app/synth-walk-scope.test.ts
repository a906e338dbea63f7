import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { AppStack, Environment, PlatformApp, SynthError } from '../../lib';
import { synthesizeCharts } from '../../lib/app/_synth-walk';
import { makeStack } from '../_helpers';

/** The objects the walk renders below `root`, with no step or with one that knows `crds`. */
function render(root: Parameters<typeof synthesizeCharts>[0], crds?: any[]): any[] {
  const step = crds && ((): any => ({ annotationsOf: () => undefined, check: () => undefined, customResourceDefinitions: crds }));
  return synthesizeCharts(root, step).flatMap((c) => c.objects);
}

/** A CustomResourceDefinition of `Widget` in group example.com, of the given scope. */
function widgetCrd(scope: 'Cluster' | 'Namespaced'): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com', scope, names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
}

const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
const find = (objects: any[], kind: string): any => objects.find((o) => o.kind === kind);

describe('the synth walk: scope', () => {
  test('GIVEN a raw ClusterRole in an AppStack WHEN rendered THEN it has no namespace', () => {
    // GIVEN
    const { stack } = makeStack();
    new ApiObject(stack, 'reader', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] });
    // WHEN
    const role = find(render(stack), 'ClusterRole');
    // THEN
    expect(role.metadata.namespace).toBeUndefined();
  });

  test('GIVEN a raw ConfigMap in an AppStack WHEN rendered THEN it keeps the stack\'s namespace', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    expect(find(render(stack), 'ConfigMap').metadata.namespace).toBe('test');
  });

  test('GIVEN a custom resource whose CRD in the stack says Cluster WHEN rendered THEN it has no namespace', () => {
    // GIVEN
    const { stack } = makeStack();
    new ApiObject(stack, 'crd', widgetCrd('Cluster'));
    new ApiObject(stack, 'w', widget);
    // WHEN
    const objects = render(stack);
    // THEN
    expect(find(objects, 'Widget').metadata.namespace).toBeUndefined();
    expect(find(objects, 'CustomResourceDefinition').metadata.namespace).toBeUndefined();
  });

  test('GIVEN a custom resource whose CRD in the stack says Namespaced WHEN rendered THEN it keeps the stack\'s namespace', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'crd', widgetCrd('Namespaced'));
    new ApiObject(stack, 'w', widget);
    expect(find(render(stack), 'Widget').metadata.namespace).toBe('test');
  });

  test('GIVEN a custom resource whose CRD the step gives (validation.crds) says Cluster WHEN rendered THEN it has no namespace', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'w', widget);
    expect(find(render(stack, [widgetCrd('Cluster')]), 'Widget').metadata.namespace).toBeUndefined();
  });

  test('GIVEN a custom resource with no CRD known WHEN rendered THEN it keeps the stack\'s namespace', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'w', widget);
    expect(find(render(stack), 'Widget').metadata.namespace).toBe('test');
  });

  test('GIVEN a CRD in another Environment\'s output WHEN an environment is rendered THEN it says nothing about its kind there', () => {
    // GIVEN
    const app = new PlatformApp({ capacitySummary: false });
    new ApiObject(new AppStack(new Environment(app, 'dev'), 'crds', { namespace: 'crds' }), 'crd', widgetCrd('Cluster'));
    const prod = new Environment(app, 'prod');
    new ApiObject(new AppStack(prod, 'shop', { namespace: 'shop' }), 'w', widget);
    // WHEN
    const objects = render(prod);
    // THEN
    expect(find(objects, 'Widget').metadata.namespace).toBe('shop');
  });

  test('GIVEN a built-in kind the target version does not have WHEN rendered THEN its namespace is left as given', () => {
    // GIVEN ServiceCIDR (cluster-scoped, from 1.29) at 1.28
    const app = new PlatformApp({ kubernetesVersion: '1.28', capacitySummary: false });
    const stack = new AppStack(app, 'net', { namespace: 'net' });
    new ApiObject(stack, 'cidr', { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'c' } });
    // WHEN / THEN
    expect(find(render(stack), 'ServiceCIDR').metadata.namespace).toBe('net');
  });

  test('GIVEN a namespaced object in a Chart without a namespace WHEN rendered THEN a SynthError names its path, kind and what to do', () => {
    // GIVEN
    const chart = new Chart(new App(), 'plain');
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    // WHEN / THEN
    expect(() => render(chart)).toThrow(SynthError);
    expect(() => render(chart)).toThrow('[plain/cm] ConfigMap "cm" (v1) is namespaced, but has no namespace: define it in an AppStack');
  });

  test('GIVEN a namespaced custom resource without a namespace WHEN rendered THEN a SynthError names it', () => {
    const chart = new Chart(new App(), 'plain');
    new ApiObject(chart, 'crd', widgetCrd('Namespaced'));
    new ApiObject(chart, 'w', widget);
    expect(() => render(chart)).toThrow('Widget "w" (example.com/v1) is namespaced, but has no namespace');
  });

  test('GIVEN a namespaced object whose namespace a patch removed WHEN rendered THEN a SynthError names it', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } }).addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    expect(() => render(stack)).toThrow('[test/cm] ConfigMap "cm" (v1) is namespaced, but has no namespace');
  });

  test('GIVEN a cluster-scoped object in a Chart without a namespace WHEN rendered THEN it is accepted as it is', () => {
    const chart = new Chart(new App(), 'plain');
    new ApiObject(chart, 'sc', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'x' });
    expect(find(render(chart), 'StorageClass').metadata).toEqual(expect.not.objectContaining({ namespace: expect.anything() }));
  });
});

describe('the synth walk: labels', () => {
  test('GIVEN a raw object without app.kubernetes.io/name WHEN rendered THEN it gets its own name', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    expect(find(render(stack), 'ConfigMap').metadata.labels['app.kubernetes.io/name']).toBe('settings');
  });

  test('GIVEN a raw object with its own app.kubernetes.io/name WHEN rendered THEN it keeps it', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { 'app.kubernetes.io/name': 'shop' } } });
    expect(find(render(stack), 'ConfigMap').metadata.labels['app.kubernetes.io/name']).toBe('shop');
  });

  test('GIVEN a raw object whose name is not a label value WHEN rendered THEN it gets no app.kubernetes.io/name', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'r', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:reader' }, rules: [] });
    expect(find(render(stack), 'ClusterRole').metadata.labels['app.kubernetes.io/name']).toBeUndefined();
  });

  test('GIVEN a raw object WHEN rendered THEN its labels stay sorted by key', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { zone: 'a' } } });
    const keys = Object.keys(find(render(stack), 'ConfigMap').metadata.labels);
    expect(keys).toEqual([...keys].sort());
  });

  test('GIVEN an object in a plain Chart inside an AppStack WHEN rendered THEN it gets the stack\'s labels', () => {
    // GIVEN
    const app = new PlatformApp({ capacitySummary: false });
    const stack = new AppStack(new Environment(app, 'prod'), 'shop', { namespace: 'shop', metadata: { labels: { team: 'payments' } } });
    new ApiObject(new Chart(stack, 'inner', { namespace: 'shop' }), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    // WHEN
    const labels = find(render(stack), 'ConfigMap').metadata.labels;
    // THEN
    expect(labels).toEqual(expect.objectContaining({
      team: 'payments', 'cdk8s-platform.io/environment': 'prod', 'app.kubernetes.io/instance': 'shop',
      'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/managed-by': 'cdk8s-platform',
    }));
  });

  test('GIVEN an object in a plain Chart of an Environment, outside any AppStack WHEN rendered THEN it gets managed-by and the environment', () => {
    // GIVEN
    const app = new PlatformApp({ capacitySummary: false });
    const env = new Environment(app, 'prod');
    new ApiObject(new Chart(env, 'plain', { namespace: 'tools' }), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    // WHEN
    const labels = find(render(env), 'ConfigMap').metadata.labels;
    // THEN
    expect(labels).toEqual({ 'app.kubernetes.io/managed-by': 'cdk8s-platform', 'app.kubernetes.io/name': 'cm', 'cdk8s-platform.io/environment': 'prod' });
  });
});
