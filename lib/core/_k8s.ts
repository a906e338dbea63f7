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
export * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
