import { ManifestObject } from '../core/manifest-object';
import { isObject } from './_util';

// The pod walk is core/pod-spec.ts, shared with the environment README; the rules import it from here.
export { containersOf, podReferencesOf, podTemplateOf, POD_KINDS } from '../core/pod-spec';
export type { ContainerRef, PodReference, PodTemplateRef } from '../core/pod-spec';

/** The number of replicas a workload runs: `spec.replicas` (default 1) for the kinds that have it. @internal */
export function replicasOf(o: ManifestObject): number | undefined {
  if (!['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(o.kind)) return undefined;
  const r = isObject(o.spec) ? o.spec.replicas : undefined;
  return typeof r === 'number' ? r : 1;
}
