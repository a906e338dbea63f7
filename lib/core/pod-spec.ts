import { groupOf } from './_api-version';
import { ManifestObject } from './manifest-object';

/**
 * The one walk of pod templates and what they reference, shared by validation (its pod rules, its object index and
 * its reference checks) and the environment README (its workload table and diagram), in the manner of kube-linter's
 * `pkg/extract`: the pod template of any object that has one, every container of a pod spec, and every object a pod
 * spec names.
 */

/** The kinds that carry a pod template (or are a Pod): Pod, PodTemplate, ReplicationController, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob. @internal */
export const POD_KINDS: readonly string[] = ['Pod', 'PodTemplate', 'ReplicationController', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

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
  /** The container, as written. */
  readonly container: Record<string, any>;
  /** Its field path in the object, e.g. `spec.template.spec.initContainers[0]`. */
  readonly path: string;
  /** The list it is in. */
  readonly type: 'containers' | 'initContainers' | 'ephemeralContainers';
}

/** What a pod spec names: a ConfigMap, Secret, PersistentVolumeClaim or ServiceAccount of its namespace. @internal */
export interface PodReference {
  /** The kind of the object named. */
  readonly kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount';
  /** Its name. */
  readonly name: string;
  /** The key read from the ConfigMap or Secret, if one. */
  readonly key?: string;
  /** Whether the reference is marked `optional: true`. */
  readonly optional: boolean;
  /** Where the reference is, as a field path in the object. */
  readonly field: string;
  /**
   * How the pod uses it: an env var's `valueFrom`, a container's `envFrom`, a volume (also a projected source),
   * `imagePullSecrets`, or the pod's service account.
   */
  readonly via: 'env' | 'envFrom' | 'volume' | 'imagePullSecret' | 'serviceAccount';
}

const templates = new WeakMap<object, PodTemplateRef | null>();
const containerLists = new WeakMap<object, ContainerRef[]>();
const referenceLists = new WeakMap<object, PodReference[]>();

/** The object `podTemplateOf()` was last asked for, and its template (replaced by the next object asked for). */
const last: { object?: object; ref?: PodTemplateRef | null } = {};

/**
 * The pod template of an object that has one (`spec.template` of a Deployment, ReplicaSet, StatefulSet, DaemonSet,
 * Job or ReplicationController, `spec.jobTemplate.spec.template` of a CronJob, `template` of a PodTemplate), or the
 * Pod itself; `undefined` for any other object, or one of another API group. The same object gives the same
 * reference every time.
 *
 * @internal
 */
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

function findTemplate(o: ManifestObject): PodTemplateRef | null {
  const group = groupOf(o.apiVersion);
  const pack = (holder: unknown, path: string): PodTemplateRef | null => {
    if (!isRecord(holder) || !isRecord(holder.spec)) return null;
    return {
      metadata: isRecord(holder.metadata) ? holder.metadata : {},
      spec: holder.spec,
      metadataPath: path ? `${path}.metadata` : 'metadata',
      specPath: path ? `${path}.spec` : 'spec',
    };
  };
  if (o.kind === 'Pod' && group === '') return pack(o, '');
  if (o.kind === 'PodTemplate' && group === '') return pack(o.template, 'template');
  if (TEMPLATE_AT_SPEC[o.kind] === group) return isRecord(o.spec) ? pack(o.spec.template, 'spec.template') : null;
  if (o.kind === 'CronJob' && group === 'batch') {
    const job = isRecord(o.spec) ? o.spec.jobTemplate : undefined;
    return isRecord(job) && isRecord(job.spec) ? pack(job.spec.template, 'spec.jobTemplate.spec.template') : null;
  }
  return null;
}

/** Every container of a pod template: `containers`, then `initContainers`, then `ephemeralContainers`. @internal */
export function containersOf(pod: PodTemplateRef): ContainerRef[] {
  let list = containerLists.get(pod.spec);
  if (!list) {
    list = [];
    for (const type of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
      listOf(pod.spec[type]).forEach((c, i) => {
        if (isRecord(c)) list!.push({ container: c, path: `${pod.specPath}.${type}[${i}]`, type });
      });
    }
    containerLists.set(pod.spec, list);
  }
  return list;
}

/**
 * Every object a pod spec names, in this order: each container's (of every kind) `envFrom` sources and env
 * `valueFrom` ConfigMap and Secret keys; the volumes' ConfigMaps and Secrets (with their `items` keys, also in projected
 * sources) and claims; `imagePullSecrets`; the service account (`serviceAccountName`, else the deprecated
 * `serviceAccount`), unless it is `default`. Names that are not non-empty strings are skipped. Computed once per
 * pod spec.
 *
 * @internal
 */
export function podReferencesOf(pod: PodTemplateRef): PodReference[] {
  let refs = referenceLists.get(pod.spec);
  if (!refs) {
    refs = collectReferences(pod);
    referenceLists.set(pod.spec, refs);
  }
  return refs;
}

function collectReferences(pod: PodTemplateRef): PodReference[] {
  const out: PodReference[] = [];
  const add = (via: PodReference['via'], kind: PodReference['kind'], name: unknown, field: string, optional: unknown, key?: unknown): void => {
    if (typeof name === 'string' && name !== '') {
      out.push({ kind, name, field, optional: optional === true, key: typeof key === 'string' ? key : undefined, via });
    }
  };
  const spec = pod.spec;
  for (const { container, path } of containersOf(pod)) {
    listOf(container.envFrom).forEach((src, i) => {
      if (!isRecord(src)) return;
      if (isRecord(src.configMapRef)) add('envFrom', 'ConfigMap', src.configMapRef.name, `${path}.envFrom[${i}].configMapRef`, src.configMapRef.optional);
      if (isRecord(src.secretRef)) add('envFrom', 'Secret', src.secretRef.name, `${path}.envFrom[${i}].secretRef`, src.secretRef.optional);
    });
    listOf(container.env).forEach((env, i) => {
      const from = isRecord(env) && isRecord(env.valueFrom) ? env.valueFrom : undefined;
      if (!from) return;
      const at = `${path}.env[${i}].valueFrom`;
      if (isRecord(from.configMapKeyRef)) add('env', 'ConfigMap', from.configMapKeyRef.name, `${at}.configMapKeyRef`, from.configMapKeyRef.optional, from.configMapKeyRef.key);
      if (isRecord(from.secretKeyRef)) add('env', 'Secret', from.secretKeyRef.name, `${at}.secretKeyRef`, from.secretKeyRef.optional, from.secretKeyRef.key);
    });
  }
  listOf(spec.volumes).forEach((v, i) => {
    if (!isRecord(v)) return;
    const at = `${pod.specPath}.volumes[${i}]`;
    const withItems = (src: Record<string, any>, kind: 'ConfigMap' | 'Secret', name: unknown, field: string): void => {
      add('volume', kind, name, field, src.optional);
      listOf(src.items).forEach((item, j) => {
        if (isRecord(item)) add('volume', kind, name, `${field}.items[${j}].key`, src.optional, item.key);
      });
    };
    if (isRecord(v.configMap)) withItems(v.configMap, 'ConfigMap', v.configMap.name, `${at}.configMap`);
    if (isRecord(v.secret)) withItems(v.secret, 'Secret', v.secret.secretName, `${at}.secret`);
    if (isRecord(v.persistentVolumeClaim)) add('volume', 'PersistentVolumeClaim', v.persistentVolumeClaim.claimName, `${at}.persistentVolumeClaim.claimName`, false);
    if (isRecord(v.projected)) {
      listOf(v.projected.sources).forEach((s, j) => {
        if (!isRecord(s)) return;
        if (isRecord(s.configMap)) withItems(s.configMap, 'ConfigMap', s.configMap.name, `${at}.projected.sources[${j}].configMap`);
        if (isRecord(s.secret)) withItems(s.secret, 'Secret', s.secret.name, `${at}.projected.sources[${j}].secret`);
      });
    }
  });
  listOf(spec.imagePullSecrets).forEach((s, i) => {
    if (isRecord(s)) add('imagePullSecret', 'Secret', s.name, `${pod.specPath}.imagePullSecrets[${i}].name`, false);
  });
  const sa = spec.serviceAccountName ?? spec.serviceAccount;
  if (sa !== 'default') add('serviceAccount', 'ServiceAccount', sa, `${pod.specPath}.${spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount'}`, false);
  return out;
}

function isRecord(x: unknown): x is Record<string, any> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function listOf(x: unknown): any[] {
  return Array.isArray(x) ? x : [];
}
