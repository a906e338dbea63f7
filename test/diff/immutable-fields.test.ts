import { diffFields, immutableChanges, ManifestObject } from '../../lib';

/** The paths of the immutable changes from `before` to `after`. */
function immutablePaths(before: ManifestObject, after: ManifestObject): string[] {
  return immutableChanges(before, diffFields(before, after)).map((c) => c.path);
}

function obj(kind: string, fields: Record<string, unknown>, apiVersion = 'v1'): ManifestObject {
  return { apiVersion, kind, metadata: { name: 'x', namespace: 'n' }, ...fields };
}

describe('immutable fields', () => {
  test.each(['Deployment', 'DaemonSet', 'ReplicaSet'])('GIVEN a %s WHEN its selector changes THEN it is immutable; replicas are not', (kind) => {
    const before = obj(kind, { spec: { replicas: 1, selector: { matchLabels: { a: '1' } } } }, 'apps/v1');
    expect(immutablePaths(before, obj(kind, { spec: { replicas: 2, selector: { matchLabels: { a: '2' } } } }, 'apps/v1')))
      .toEqual(['/spec/selector/matchLabels/a']);
  });

  test('GIVEN a StatefulSet WHEN serviceName and volumeClaimTemplates change THEN both are immutable; template and replicas are not', () => {
    const before = obj('StatefulSet', { spec: { replicas: 1, serviceName: 'db', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }], template: { spec: { a: 1 } } } }, 'apps/v1');
    const after = obj('StatefulSet', { spec: { replicas: 3, serviceName: 'db2', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '2Gi' } } } }], template: { spec: { a: 2 } } } }, 'apps/v1');
    expect(immutablePaths(before, after)).toEqual(['/spec/serviceName', '/spec/volumeClaimTemplates/0/spec/resources/requests/storage']);
  });

  test('GIVEN a Job WHEN its pod template changes THEN it is immutable', () => {
    expect(immutablePaths(obj('Job', { spec: { template: { spec: { image: 'a' } } } }, 'batch/v1'), obj('Job', { spec: { template: { spec: { image: 'b' } } } }, 'batch/v1')))
      .toEqual(['/spec/template/spec/image']);
  });

  test('GIVEN a Service WHEN its clusterIP changes THEN it is immutable; ports are not', () => {
    expect(immutablePaths(obj('Service', { spec: { clusterIP: '10.0.0.1', ports: [{ port: 80 }] } }), obj('Service', { spec: { clusterIP: 'None', ports: [{ port: 81 }] } })))
      .toEqual(['/spec/clusterIP']);
  });

  test('GIVEN a PVC WHEN storage class and access modes change THEN they are immutable; a larger request is not', () => {
    const before = obj('PersistentVolumeClaim', { spec: { storageClassName: 'gp2', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    const after = obj('PersistentVolumeClaim', { spec: { storageClassName: 'gp3', accessModes: ['ReadWriteMany'], resources: { requests: { storage: '2Gi' } } } });
    expect(immutablePaths(before, after)).toEqual(['/spec/storageClassName', '/spec/accessModes/0']);
  });

  test('GIVEN a PVC WHEN its storage request shrinks THEN it is flagged', () => {
    const pvc = (storage: string): ManifestObject => obj('PersistentVolumeClaim', { spec: { resources: { requests: { storage } } } });
    expect(immutableChanges(pvc('2Gi'), diffFields(pvc('2Gi'), pvc('1Gi')))).toEqual([{ path: '/spec/resources/requests/storage', reason: expect.stringContaining('can grow but not shrink') }]);
  });

  test.each(['RoleBinding', 'ClusterRoleBinding'])('GIVEN a %s WHEN its roleRef changes THEN it is immutable; subjects are not', (kind) => {
    const rb = (role: string, user: string): ManifestObject => obj(kind, { roleRef: { kind: 'Role', name: role }, subjects: [{ kind: 'User', name: user }] }, 'rbac.authorization.k8s.io/v1');
    expect(immutablePaths(rb('a', 'u1'), rb('b', 'u2'))).toEqual(['/roleRef/name']);
  });

  test.each(['ConfigMap', 'Secret'])('GIVEN an immutable %s WHEN its data changes THEN it is immutable; a mutable one is not', (kind) => {
    const o = (immutable: boolean, v: string): ManifestObject => obj(kind, { immutable, data: { k: v } });
    expect(immutablePaths(o(true, 'a'), o(true, 'b'))).toEqual(['/data/k']);
    expect(immutablePaths(o(false, 'a'), o(false, 'b'))).toEqual([]);
  });
});
