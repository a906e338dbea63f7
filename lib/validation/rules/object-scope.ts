import { builtInScopeOf } from '../../core/resource-scope';
import { Rule } from '../rule';
import { crdIndexOf } from '../_crd-index';
import { isObject, received } from '../_util';

/**
 * A cluster-scoped object (ClusterRole, StorageClass, CustomResourceDefinition, PriorityClass, ... : the built-in
 * kinds that `kubectl api-resources --namespaced=false` lists for the target version, and custom kinds whose known
 * CRD says `scope: Cluster`) has no `metadata.namespace`.
 * The API server drops it without a word, so the object is not where its file, its folder or a `namespace:` of
 * Kustomize says it is, and tools that compare by namespace (diff, prune) take it for another object. A synth never
 * writes one: the synth walk removes the namespace that cdk8s gives every object of a chart; this rule is for YAML
 * from elsewhere (`check`).
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.33/staging/src/k8s.io/apiserver/pkg/registry/rest/meta.go (EnsureObjectNamespaceMatchesRequestNamespace)
 */
export const objectScope: Rule = {
  id: 'object-scope',
  description: 'A cluster-scoped object has no metadata.namespace (the API server would drop it).',
  remediation: 'Remove `metadata.namespace` from the cluster-scoped object (cdk8s-platform\'s synth does it for every object it writes).',
  layer: 'policy',
  severity: 'warning',
  check(o, ctx) {
    if (!isObject(o.metadata) || o.metadata.namespace === undefined) return;
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return;
    const scope = builtInScopeOf(o.apiVersion, o.kind, ctx.kubernetesVersion) ?? crdIndexOf(ctx).kindOf(o)?.scope;
    if (scope !== 'Cluster') return;
    ctx.report('metadata.namespace', received(o.metadata.namespace, `no namespace: ${o.kind} is cluster-scoped in Kubernetes ${ctx.kubernetesVersion}`));
  },
};
