import { ManifestObject } from '../core/manifest-object';

/**
 * The kinds in the order they are applied, as Helm installs them: priority classes, namespaces and policies first, then identities
 * and RBAC, configuration and storage, services, workloads, autoscalers and finally ingresses. `SealedSecret` and
 * `ExternalSecret` come right after `Secret`, as they produce Secrets. Other kinds come last.
 *
 * @see https://github.com/helm/helm/blob/main/pkg/releaseutil/kind_sorter.go
 */
export const APPLY_ORDER: readonly string[] = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'SealedSecret',
  'ExternalSecret',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const RANK = new Map(APPLY_ORDER.map((kind, i) => [kind, i]));

/** Where `kind` is applied: its index in `APPLY_ORDER`, or after every listed kind. */
export function applyRank(kind: string): number {
  return RANK.get(kind) ?? APPLY_ORDER.length;
}

/**
 * The indexes of `objects` in apply order: by kind (`APPLY_ORDER`; other kinds last, by kind name), then by
 * namespace, then by name; objects equal in all of these keep their order.
 */
export function applyOrderIndexes(objects: readonly ManifestObject[]): number[] {
  const key = (o: ManifestObject): [number, string, string, string] =>
    [applyRank(o.kind), RANK.has(o.kind) ? '' : o.kind, o.metadata.namespace ?? '', o.metadata.name];
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const keys = objects.map(key); // once per object, not once per comparison
  return objects.map((_, i) => i).sort((i, j) => {
    const a = keys[i];
    const b = keys[j];
    return a[0] - b[0] || compare(a[1], b[1]) || compare(a[2], b[2]) || compare(a[3], b[3]) || i - j;
  });
}

/** `objects` in apply order (see `applyOrderIndexes()`), as a new array. */
export function sortForApply<T extends ManifestObject>(objects: readonly T[]): T[] {
  return applyOrderIndexes(objects).map((i) => objects[i]);
}
