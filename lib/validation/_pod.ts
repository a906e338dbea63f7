import { ManifestObject } from '../core/manifest-object';
import { arrayOf, groupOf, isObject } from './_util';

/** The kinds that carry a pod template, and where. @internal */
export const POD_KINDS = ['Pod', 'PodTemplate', 'ReplicationController', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/** Kinds whose pod template lives at `spec.template`, by API group. */
const TEMPLATE_AT_SPEC: Record<string, string> = {
  ReplicationController: '', Deployment: 'apps', ReplicaSet: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', Job: 'batch',
};

/** A pod template (or a Pod) inside an object: its metadata and spec, with their field paths. */
export interface PodTemplateRef {
  /** The pod template's metadata (empty when it has none). */
  readonly metadata: Record<string, any>;
  /** The pod spec. */
  readonly spec: Record<string, any>;
  /** The field path of the metadata in the object, e.g. `spec.template.metadata`. */
  readonly metadataPath: string;
  /** The field path of the pod spec in the object, e.g. `spec.template.spec`. */
  readonly specPath: string;
}

/** One container of a pod spec, with its field path. @internal */
export interface ContainerRef {
  readonly container: Record<string, any>;
  readonly path: string;
  readonly type: 'containers' | 'initContainers' | 'ephemeralContainers';
}

const templates = new WeakMap<object, PodTemplateRef | null>();
const containerLists = new WeakMap<object, ContainerRef[]>();

/** The pod template of a workload (or the Pod itself), if the object has one. @internal */
export function podTemplateOf(o: ManifestObject): PodTemplateRef | undefined {
  // Every pod rule asks for the object being validated, one after another.
  if (o === last.object) return last.ref ?? undefined;
  let ref = templates.get(o);
  if (ref === undefined) {
    ref = findTemplate(o);
    templates.set(o, ref);
  }
  last.object = o;
  last.ref = ref;
  return ref ?? undefined;
}

/** The object `podTemplateOf()` was last asked for, and its template (replaced by the next object asked for). */
const last: { object?: object; ref?: PodTemplateRef | null } = {};

function findTemplate(o: ManifestObject): PodTemplateRef | null {
  const group = groupOf(o.apiVersion);
  const pack = (holder: unknown, path: string): PodTemplateRef | null => {
    if (!isObject(holder) || !isObject(holder.spec)) return null;
    return {
      metadata: isObject(holder.metadata) ? holder.metadata : {},
      spec: holder.spec,
      metadataPath: path ? `${path}.metadata` : 'metadata',
      specPath: path ? `${path}.spec` : 'spec',
    };
  };
  if (o.kind === 'Pod' && group === '') return pack(o, '');
  if (o.kind === 'PodTemplate' && group === '') return pack(o.template, 'template');
  if (TEMPLATE_AT_SPEC[o.kind] === group) return isObject(o.spec) ? pack(o.spec.template, 'spec.template') : null;
  if (o.kind === 'CronJob' && group === 'batch') {
    const job = isObject(o.spec) ? o.spec.jobTemplate : undefined;
    return isObject(job) && isObject(job.spec) ? pack(job.spec.template, 'spec.jobTemplate.spec.template') : null;
  }
  return null;
}

/** Every container of a pod template: `containers`, `initContainers` and `ephemeralContainers`. @internal */
export function containersOf(pod: PodTemplateRef): ContainerRef[] {
  let list = containerLists.get(pod.spec);
  if (!list) {
    list = [];
    for (const type of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
      arrayOf(pod.spec[type]).forEach((c, i) => {
        if (isObject(c)) list!.push({ container: c, path: `${pod.specPath}.${type}[${i}]`, type });
      });
    }
    containerLists.set(pod.spec, list);
  }
  return list;
}

/** The number of replicas a workload runs: `spec.replicas` (default 1) for the kinds that have it. @internal */
export function replicasOf(o: ManifestObject): number | undefined {
  if (!['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(o.kind)) return undefined;
  const r = isObject(o.spec) ? o.spec.replicas : undefined;
  return typeof r === 'number' ? r : 1;
}
