/**
 * The only module that imports cdk8s-plus-27.
 *
 * The library renders every Kubernetes object through cdk8s-plus-27's generated L1 classes (`k8s.KubeDeployment`,
 * `k8s.KubeService`, ...), which are typed from the Kubernetes 1.27 OpenAPI schema: a typo or an unknown field in
 * our rendering is a compile error. Its L2 constructs are not used: their output carries hashed names, selectors on
 * the construct path, default resources, no seccomp profile and `CAP_`-prefixed capabilities.
 *
 * Moving to a newer cdk8s-plus (or to cdk8s's own imports) is a change to this file only. Public types of this
 * library never expose a cdk8s-plus-27 type.
 *
 * @internal
 */
import * as k8sModule from 'cdk8s-plus-27/lib/imports/k8s';

// Each L1 class's constructor passes `{ ...Class.GVK, ...props }` to ApiObject. V8 (Node.js 20) gives an object
// made by spreading an unfrozen plain object and then adding properties a map (hidden class) of its own, so every
// API object's props had one, which made defining and rendering objects slower and larger (BENCHMARKS.md). A frozen
// GVK is spread without that. The GVKs are constants: nothing writes to them.
for (const value of Object.values(k8sModule)) {
  const gvk = typeof value === 'function' ? (value as { GVK?: unknown }).GVK : undefined;
  if (gvk !== null && typeof gvk === 'object') Object.freeze(gvk);
}

export { k8sModule as k8s };
