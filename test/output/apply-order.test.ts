import { APPLY_ORDER, applyRank, ManifestObject, sortForApply } from '../../lib';

function obj(kind: string, name: string, namespace?: string): ManifestObject {
  return { apiVersion: 'v1', kind, metadata: { name, namespace } };
}

const label = (o: ManifestObject): string => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

describe('apply order', () => {
  test('GIVEN objects in tree order WHEN sorted THEN namespaces, quotas, identities, config, services, workloads, autoscalers and ingresses come in Helm order', () => {
    // GIVEN
    const objects = ['Ingress', 'HorizontalPodAutoscaler', 'Deployment', 'Service', 'RoleBinding', 'Role', 'ConfigMap', 'Secret',
      'ServiceAccount', 'ResourceQuota', 'Namespace'].map((k) => obj(k, 'x', 'ns'));
    // WHEN
    const sorted = sortForApply(objects).map((o) => o.kind);
    // THEN
    expect(sorted).toEqual(['Namespace', 'ResourceQuota', 'ServiceAccount', 'Secret', 'ConfigMap', 'Role', 'RoleBinding',
      'Service', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress']);
  });

  test('GIVEN kinds not in the list WHEN sorted THEN they come last, by kind name', () => {
    const sorted = sortForApply([obj('Widget', 'a'), obj('Application', 'a'), obj('Deployment', 'a')]).map((o) => o.kind);
    expect(sorted).toEqual(['Deployment', 'Application', 'Widget']);
    expect(applyRank('Widget')).toBe(APPLY_ORDER.length);
  });

  test('GIVEN objects of one kind WHEN sorted THEN they are ordered by namespace, then name', () => {
    const sorted = sortForApply([obj('Service', 'b', 'y'), obj('Service', 'a', 'y'), obj('Service', 'z', 'x')]).map(label);
    expect(sorted).toEqual(['Service/x/z', 'Service/y/a', 'Service/y/b']);
  });

  test('GIVEN objects equal in kind, namespace and name WHEN sorted THEN they keep their order', () => {
    const first = { ...obj('Ingress', 'a', 'n'), apiVersion: 'networking.k8s.io/v1' };
    const second = { ...obj('Ingress', 'a', 'n'), apiVersion: 'extensions/v1beta1' };
    expect(sortForApply([first, second])).toEqual([first, second]);
  });
});
