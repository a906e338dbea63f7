/**
 * The only module that imports cdk8s-plus-27, and only its types: nothing of it is loaded at runtime.
 *
 * The library renders Kubernetes objects of cdk8s-plus-27's generated L1 types (`KubeDeploymentProps`,
 * `KubeServiceProps`, ...), which are typed from the Kubernetes 1.27 OpenAPI schema: a typo or an unknown field in our
 * rendering is a compile error. The objects themselves are the library's (`createL1Object()`: a cdk8s `ApiObject`
 * with the kind's apiVersion and kind), converted to Kubernetes JSON by the table generated from the package
 * (`_l1-convert.ts`), so the package's 2.5 MB module of classes is never loaded. Its L2 constructs are not used:
 * their output carries hashed names, selectors on the construct path, default resources, no seccomp profile and
 * `CAP_`-prefixed capabilities.
 *
 * Moving to a newer cdk8s-plus (or to cdk8s's own imports) is a change to this file and to the package the table is
 * generated from. Public types of this library never expose a cdk8s-plus-27 type.
 *
 * @internal
 */
import type * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { createApiObject } from './_render';

export type { k8s };

/**
 * The apiVersion and kind of each L1 class the library creates objects of (the classes' `GVK`; a test compares
 * them with the package's).
 *
 * @internal
 */
export const L1_KINDS = {
  KubeClusterRole: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  KubeClusterRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
  KubeConfigMap: { apiVersion: 'v1', kind: 'ConfigMap' },
  KubeEndpointSlice: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' },
  KubeHorizontalPodAutoscalerV2: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  KubeIngress: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
  KubeLimitRange: { apiVersion: 'v1', kind: 'LimitRange' },
  KubeNamespace: { apiVersion: 'v1', kind: 'Namespace' },
  KubeNetworkPolicy: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  KubePersistentVolumeClaim: { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
  KubePodDisruptionBudget: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  KubePriorityClass: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' },
  KubeResourceQuota: { apiVersion: 'v1', kind: 'ResourceQuota' },
  KubeRole: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  KubeRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  KubeSecret: { apiVersion: 'v1', kind: 'Secret' },
  KubeService: { apiVersion: 'v1', kind: 'Service' },
  KubeServiceAccount: { apiVersion: 'v1', kind: 'ServiceAccount' },
} as const;

/** An L1 class the library creates objects of. @internal */
export type L1Kind = keyof typeof L1_KINDS;

/** The props of the L1 class `K` (`KubeDeploymentProps` for `KubeDeployment`). @internal */
export type L1Props<K extends L1Kind> = NonNullable<ConstructorParameters<(typeof k8s)[K]>[2]>;

/**
 * An API object of the kind of the L1 class `kind`, with `props` typed as that class's props: what
 * `new k8s.<kind>(scope, id, props)` renders, and the fields its 1.27 types do not know (see `_render.ts`).
 *
 * @internal
 */
export function createL1Object<K extends L1Kind>(scope: Construct, id: string, kind: K, props: L1Props<K>): ApiObject {
  const gvk = L1_KINDS[kind];
  return createApiObject(scope, id, { apiVersion: gvk.apiVersion, kind: gvk.kind, ...props }, `${kind}Props`);
}

/**
 * An `IntOrString` of the L1 types, as the conversion reads one (`{ value }`), without loading cdk8s-plus-27's class.
 *
 * @internal
 */
export const IntOrString = {
  /** A number, as `k8s.IntOrString.fromNumber()`. */
  fromNumber: (value: number): k8s.IntOrString => ({ value }) as k8s.IntOrString,
  /** A string (a percentage, a port name), as `k8s.IntOrString.fromString()`. */
  fromString: (value: string): k8s.IntOrString => ({ value }) as k8s.IntOrString,
};

/**
 * A `Quantity` of the L1 types, as the conversion reads one (`{ value }`), without loading cdk8s-plus-27's class.
 *
 * @internal
 */
export const Quantity = {
  /** A number, as `k8s.Quantity.fromNumber()`. */
  fromNumber: (value: number): k8s.Quantity => ({ value }) as k8s.Quantity,
  /** A string (`500m`, `1Gi`), as `k8s.Quantity.fromString()`. */
  fromString: (value: string): k8s.Quantity => ({ value }) as k8s.Quantity,
};
