import { ManifestObject } from './manifest-object';
import { SUPPORTED_KUBERNETES_VERSIONS } from './kubernetes-version';
import { groupOf } from './_api-version';

/** Whether objects of a kind live in a namespace (`Namespaced`) or in the cluster as a whole (`Cluster`). */
export type ResourceScope = 'Cluster' | 'Namespaced';

/**
 * Every built-in kind of Kubernetes 1.27 to 1.36, by API group and kind: its scope, and the first and last of those
 * versions that have it in some version of its group (served, or alpha/beta behind a feature gate). The scope of a
 * kind never changes between versions of its group.
 *
 * Source: `kubectl api-resources --namespaced=false` (and `--namespaced=true`) of each version, as the Kubernetes API
 * reference (https://kubernetes.io/docs/reference/kubernetes-api/) lists them; subresource kinds (Binding, Eviction,
 * Scale, TokenRequest) take their parent's scope. A test checks it against the served kinds of the schema tables
 * (`validation/schema/k8s-kinds.ts`), so that every kind of every version is classified.
 */
const BUILT_IN: ReadonlyArray<readonly [group: string, kind: string, scope: ResourceScope, since: string, until: string]> = [
  ['', 'Binding', 'Namespaced', '1.27', '1.36'],
  ['', 'ComponentStatus', 'Cluster', '1.27', '1.36'],
  ['', 'ConfigMap', 'Namespaced', '1.27', '1.36'],
  ['', 'Endpoints', 'Namespaced', '1.27', '1.36'],
  ['', 'Event', 'Namespaced', '1.27', '1.36'],
  ['', 'LimitRange', 'Namespaced', '1.27', '1.36'],
  ['', 'Namespace', 'Cluster', '1.27', '1.36'],
  ['', 'Node', 'Cluster', '1.27', '1.36'],
  ['', 'PersistentVolume', 'Cluster', '1.27', '1.36'],
  ['', 'PersistentVolumeClaim', 'Namespaced', '1.27', '1.36'],
  ['', 'Pod', 'Namespaced', '1.27', '1.36'],
  ['', 'PodTemplate', 'Namespaced', '1.27', '1.36'],
  ['', 'ReplicationController', 'Namespaced', '1.27', '1.36'],
  ['', 'ResourceQuota', 'Namespaced', '1.27', '1.36'],
  ['', 'Secret', 'Namespaced', '1.27', '1.36'],
  ['', 'Service', 'Namespaced', '1.27', '1.36'],
  ['', 'ServiceAccount', 'Namespaced', '1.27', '1.36'],
  ['admissionregistration.k8s.io', 'MutatingAdmissionPolicy', 'Cluster', '1.32', '1.36'],
  ['admissionregistration.k8s.io', 'MutatingAdmissionPolicyBinding', 'Cluster', '1.32', '1.36'],
  ['admissionregistration.k8s.io', 'MutatingWebhookConfiguration', 'Cluster', '1.27', '1.36'],
  // GA (v1) in 1.30; v1alpha1/v1beta1 behind feature gates before.
  ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicy', 'Cluster', '1.27', '1.36'],
  ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBinding', 'Cluster', '1.27', '1.36'],
  ['admissionregistration.k8s.io', 'ValidatingWebhookConfiguration', 'Cluster', '1.27', '1.36'],
  ['apiextensions.k8s.io', 'CustomResourceDefinition', 'Cluster', '1.27', '1.36'],
  ['apiregistration.k8s.io', 'APIService', 'Cluster', '1.27', '1.36'],
  ['apps', 'ControllerRevision', 'Namespaced', '1.27', '1.36'],
  ['apps', 'DaemonSet', 'Namespaced', '1.27', '1.36'],
  ['apps', 'Deployment', 'Namespaced', '1.27', '1.36'],
  ['apps', 'ReplicaSet', 'Namespaced', '1.27', '1.36'],
  ['apps', 'StatefulSet', 'Namespaced', '1.27', '1.36'],
  ['authentication.k8s.io', 'TokenRequest', 'Namespaced', '1.27', '1.36'],
  ['autoscaling', 'HorizontalPodAutoscaler', 'Namespaced', '1.27', '1.36'],
  ['autoscaling', 'Scale', 'Namespaced', '1.27', '1.36'],
  ['batch', 'CronJob', 'Namespaced', '1.27', '1.36'],
  ['batch', 'Job', 'Namespaced', '1.27', '1.36'],
  ['certificates.k8s.io', 'CertificateSigningRequest', 'Cluster', '1.27', '1.36'],
  ['certificates.k8s.io', 'ClusterTrustBundle', 'Cluster', '1.27', '1.36'],
  ['certificates.k8s.io', 'PodCertificateRequest', 'Namespaced', '1.34', '1.36'],
  ['coordination.k8s.io', 'Lease', 'Namespaced', '1.27', '1.36'],
  ['coordination.k8s.io', 'LeaseCandidate', 'Namespaced', '1.31', '1.36'],
  ['discovery.k8s.io', 'EndpointSlice', 'Namespaced', '1.27', '1.36'],
  ['events.k8s.io', 'Event', 'Namespaced', '1.27', '1.36'],
  ['flowcontrol.apiserver.k8s.io', 'FlowSchema', 'Cluster', '1.27', '1.36'],
  ['flowcontrol.apiserver.k8s.io', 'PriorityLevelConfiguration', 'Cluster', '1.27', '1.36'],
  ['internal.apiserver.k8s.io', 'StorageVersion', 'Cluster', '1.27', '1.36'],
  ['networking.k8s.io', 'ClusterCIDR', 'Cluster', '1.27', '1.28'],
  ['networking.k8s.io', 'IPAddress', 'Cluster', '1.27', '1.36'],
  ['networking.k8s.io', 'Ingress', 'Namespaced', '1.27', '1.36'],
  ['networking.k8s.io', 'IngressClass', 'Cluster', '1.27', '1.36'],
  ['networking.k8s.io', 'NetworkPolicy', 'Namespaced', '1.27', '1.36'],
  ['networking.k8s.io', 'ServiceCIDR', 'Cluster', '1.29', '1.36'],
  ['node.k8s.io', 'RuntimeClass', 'Cluster', '1.27', '1.36'],
  ['policy', 'Eviction', 'Namespaced', '1.27', '1.36'],
  ['policy', 'PodDisruptionBudget', 'Namespaced', '1.27', '1.36'],
  ['rbac.authorization.k8s.io', 'ClusterRole', 'Cluster', '1.27', '1.36'],
  ['rbac.authorization.k8s.io', 'ClusterRoleBinding', 'Cluster', '1.27', '1.36'],
  ['rbac.authorization.k8s.io', 'Role', 'Namespaced', '1.27', '1.36'],
  ['rbac.authorization.k8s.io', 'RoleBinding', 'Namespaced', '1.27', '1.36'],
  ['resource.k8s.io', 'DeviceClass', 'Cluster', '1.31', '1.36'],
  ['resource.k8s.io', 'DeviceTaintRule', 'Cluster', '1.33', '1.36'],
  ['resource.k8s.io', 'PodSchedulingContext', 'Namespaced', '1.27', '1.31'],
  ['resource.k8s.io', 'ResourceClaim', 'Namespaced', '1.27', '1.36'],
  ['resource.k8s.io', 'ResourceClaimParameters', 'Namespaced', '1.30', '1.30'],
  ['resource.k8s.io', 'ResourceClaimTemplate', 'Namespaced', '1.27', '1.36'],
  ['resource.k8s.io', 'ResourceClass', 'Cluster', '1.27', '1.30'],
  ['resource.k8s.io', 'ResourceClassParameters', 'Namespaced', '1.30', '1.30'],
  ['resource.k8s.io', 'ResourcePoolStatusRequest', 'Cluster', '1.36', '1.36'],
  ['resource.k8s.io', 'ResourceSlice', 'Cluster', '1.30', '1.36'],
  ['scheduling.k8s.io', 'PodGroup', 'Namespaced', '1.36', '1.36'],
  ['scheduling.k8s.io', 'PriorityClass', 'Cluster', '1.27', '1.36'],
  ['scheduling.k8s.io', 'Workload', 'Namespaced', '1.35', '1.36'],
  ['storage.k8s.io', 'CSIDriver', 'Cluster', '1.27', '1.36'],
  ['storage.k8s.io', 'CSINode', 'Cluster', '1.27', '1.36'],
  ['storage.k8s.io', 'CSIStorageCapacity', 'Namespaced', '1.27', '1.36'],
  ['storage.k8s.io', 'StorageClass', 'Cluster', '1.27', '1.36'],
  ['storage.k8s.io', 'VolumeAttachment', 'Cluster', '1.27', '1.36'],
  ['storage.k8s.io', 'VolumeAttributesClass', 'Cluster', '1.29', '1.36'],
  ['storagemigration.k8s.io', 'StorageVersionMigration', 'Cluster', '1.30', '1.36'],
];

/** The position of a supported version, for comparisons. */
function rank(version: string): number {
  return SUPPORTED_KUBERNETES_VERSIONS.indexOf(version);
}

const BY_GROUP_KIND = new Map(BUILT_IN.map(([group, kind, scope, since, until]) => [`${group}/${kind}`, { scope, since: rank(since), until: rank(until) }]));

/**
 * The scope of the built-in kind `kind` of the group of `apiVersion` at the Kubernetes minor `kubernetesVersion`
 * (`"1.27"` to `"1.36"`), or undefined when that version has no such kind (a custom kind, or one added later or
 * removed earlier).
 */
export function builtInScopeOf(apiVersion: string, kind: string, kubernetesVersion: string): ResourceScope | undefined {
  const entry = BY_GROUP_KIND.get(`${groupOf(apiVersion)}/${kind}`);
  const at = rank(kubernetesVersion);
  return entry && at >= entry.since && at <= entry.until ? entry.scope : undefined;
}

/**
 * The built-in kinds as `[group, kind, scope, since, until]`, for tests and tools.
 *
 * @internal
 */
export function builtInScopes(): ReadonlyArray<readonly [string, string, ResourceScope, string, string]> {
  return BUILT_IN;
}

/**
 * The scopes of custom kinds, by group and kind, as their CustomResourceDefinitions (`apiextensions.k8s.io/v1`)
 * declare them in `spec.scope`. Objects that are not well-formed CRDs are skipped (validation reports them).
 */
export class CustomResourceScopes {
  private readonly scopes = new Map<string, ResourceScope>();

  constructor(crds: Iterable<ManifestObject> = []) {
    for (const crd of crds) this.add(crd);
  }

  /** Adds the kind `crd` defines, if it is a CustomResourceDefinition with a group, a kind and a scope. */
  public add(crd: ManifestObject): void {
    if (!isCrd(crd)) return;
    const spec = crd.spec as { group?: unknown; scope?: unknown; names?: { kind?: unknown } };
    const kind = spec.names?.kind;
    if (typeof spec.group !== 'string' || typeof kind !== 'string' || (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced')) return;
    this.scopes.set(`${spec.group}/${kind}`, spec.scope);
  }

  /** The scope of the custom kind `kind` of the group of `apiVersion`, if a CRD defines it. */
  public scopeOf(apiVersion: string, kind: string): ResourceScope | undefined {
    return this.scopes.get(`${groupOf(apiVersion)}/${kind}`);
  }
}

/** Whether `o` is a CustomResourceDefinition of `apiextensions.k8s.io/v1`. */
export function isCrd(o: ManifestObject): boolean {
  return o?.kind === 'CustomResourceDefinition' && o.apiVersion === 'apiextensions.k8s.io/v1' && o.spec !== null && typeof o.spec === 'object';
}

/**
 * The scope of the object `o` at `kubernetesVersion`: its built-in kind's, else its CRD's among `custom`; undefined
 * when neither is known (a custom kind whose CRD is not given).
 */
export function scopeOfObject(o: ManifestObject, kubernetesVersion: string, custom?: CustomResourceScopes): ResourceScope | undefined {
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return undefined;
  return builtInScopeOf(o.apiVersion, o.kind, kubernetesVersion) ?? custom?.scopeOf(o.apiVersion, o.kind);
}
