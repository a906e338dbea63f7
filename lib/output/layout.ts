import { formatValue, PlatformError } from '../core/errors';
import { isDns1123Label, isValidPathSegmentName } from '../core/names';
import { ManifestObject } from '../core/manifest-object';
import { applyOrderIndexes } from './apply-order';
import { toYamlDocument } from './yaml';

/** A synthesized object and the construct path it came from. */
export interface PlacedObject {
  /** The object. */
  readonly object: ManifestObject;
  /** The construct path of the API object that rendered it. */
  readonly constructPath: string;
}

/**
 * The folder of objects without a namespace other than Namespaces: the cluster-scoped ones (ClusterRoles,
 * StorageClasses, CRDs, custom kinds of a `Cluster` CRD), whose namespace the synth removes.
 */
export const CLUSTER_FOLDER = '_cluster';

/** The name of the Kustomize file in each output folder. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** The longest file name most file systems take, in bytes. */
const MAX_FILE_NAME_BYTES = 255;

/** A kind, as the API server takes it (a CRD's kind, lower-cased, is an RFC 1035 label): also safe in a file name. */
const KIND = /^[A-Za-z]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?$/;

/**
 * Why the object `o` cannot be written to a file of its own, if it cannot: its kind, namespace and name become a
 * path, so each must be what the API server accepts and must not leave its folder, and the file name must fit the
 * file system.
 */
function fileProblems(o: ManifestObject): string[] {
  const problems: string[] = [];
  const kind: unknown = o.kind;
  const name: unknown = o.metadata?.name;
  const namespace: unknown = o.kind === 'Namespace' ? name : o.metadata?.namespace;
  if (typeof kind !== 'string' || !KIND.test(kind)) {
    problems.push(`kind received ${JSON.stringify(kind)}; allowed: a kind of letters, digits and "-", starting with a letter, at most 63 characters`);
  }
  if (typeof name !== 'string' || name === '') {
    problems.push(`metadata.name received ${JSON.stringify(name)}; allowed: a name (every object in the output has one)`);
  } else {
    const reasons = isValidPathSegmentName(name);
    if (/[\u0000-\u001f\u007f\\]/.test(name)) reasons.push('may not contain control characters or "\\"');
    if (reasons.length > 0) problems.push(`metadata.name received ${JSON.stringify(name)} (${reasons.join('; ')}); allowed: a name the API server accepts`);
  }
  if (namespace !== undefined) {
    const reasons = typeof namespace === 'string' ? isDns1123Label(namespace) : ['not a string'];
    if (reasons.length > 0) problems.push(`${o.kind === 'Namespace' ? 'metadata.name' : 'metadata.namespace'} received ${JSON.stringify(namespace)} (${reasons.join('; ')}); allowed: a namespace name (a DNS-1123 label)`);
  }
  if (problems.length === 0) {
    const base = fileName(o);
    const bytes = Buffer.byteLength(base);
    if (bytes > MAX_FILE_NAME_BYTES) {
      problems.push(`metadata.name received a name of ${(name as string).length} characters, which makes the file name "${base.slice(0, 40)}..." ` +
        `${bytes} bytes long; allowed: a name of at most ${MAX_FILE_NAME_BYTES - (bytes - Buffer.byteLength(name as string))} bytes for this kind, ` +
        `so that the file name fits the file system's ${MAX_FILE_NAME_BYTES} bytes`);
    }
  }
  return problems;
}

/** `<kind>-<name>.yaml`, the kind in lower case. */
function fileName(o: ManifestObject): string {
  return `${o.kind.toLowerCase()}-${o.metadata.name}.yaml`;
}

/**
 * The file one object is written to, relative to its environment's folder: `<namespace>/<kind>-<name>.yaml`, the
 * kind in lower case. A Namespace goes in its own folder (`shop/namespace-shop.yaml`); other objects without a
 * namespace go in `_cluster/`.
 *
 * @throws PlatformError when the kind, namespace or name cannot be part of a path (see `layoutFiles()`)
 */
export function objectFile(o: ManifestObject): string {
  const problems = fileProblems(o);
  if (problems.length > 0) throw new PlatformError(`${describeObject(o)} cannot be written to a file: ${problems.join('; ')}.`);
  return pathOf(o);
}

function pathOf(o: ManifestObject): string {
  const folder = o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace ?? CLUSTER_FOLDER;
  return `${folder}/${fileName(o)}`;
}

/**
 * The files of one output folder: one YAML file per object (see `objectFile()`) and a `kustomization.yaml` that
 * lists them in apply order, so that `kubectl kustomize <folder>` and `kubectl apply -k <folder>` build them in that
 * order (`sortOptions: { order: fifo }`, Kustomize 5.0 or later, as in kubectl 1.27).
 *
 * @param objects the objects, each with its construct path (for error messages)
 * @returns file contents by path relative to the folder, the kustomization first and then in apply order
 * @throws PlatformError when two objects would be written to the same file, naming both construct paths
 */
export function layoutFiles(objects: readonly PlacedObject[]): Map<string, string> {
  return new Map(layoutFileEntries(objects));
}

/**
 * The files of `layoutFiles()`, each object's YAML serialized only when its entry is reached, so that a writer can
 * write every file before the next is made instead of holding them all (the kustomization comes first). File names
 * are checked when this is called.
 *
 * @throws PlatformError when two objects would be written to the same file
 */
export function layoutFileEntries(objects: readonly PlacedObject[]): Iterable<[string, string]> {
  return planEntries(planLayout(objects), '');
}

/**
 * The files of a plan (see `planLayout()`), each path after `prefix`: the kustomization, then each object's YAML,
 * serialized when its entry is reached.
 *
 * @internal
 */
export function* planEntries(plan: ReturnType<typeof planLayout>, prefix: string): Generator<[string, string]> {
  yield [`${prefix}${KUSTOMIZATION_FILE}`, plan.kustomization];
  for (const [file, object] of plan.files) yield [`${prefix}${file}`, toYamlDocument(object)];
}

/**
 * The files of `layoutFileEntries()`, before the objects are serialized: the kustomization's text, and each object
 * by file in apply order (the kustomization lists them in that order).
 *
 * @throws PlatformError when two objects would be written to the same file
 * @internal
 */
export function planLayout(objects: readonly PlacedObject[]): { kustomization: string; files: Array<[string, ManifestObject]> } {
  const problems = objects.flatMap((p) => fileProblems(p.object).map((problem) => `  - ${describe(p)}: ${problem}`));
  if (problems.length > 0) {
    throw new PlatformError(`Objects that cannot be written to files of their own (the kind, namespace and name make the file's path):\n${problems.join('\n')}`);
  }
  // By file name in lower case: two names that differ only in case are one file on macOS and Windows.
  const byFile = new Map<string, PlacedObject>();
  const files: Array<[string, ManifestObject]> = [];
  for (const i of applyOrderIndexes(objects.map((p) => p.object))) {
    const placed = objects[i];
    const file = pathOf(placed.object);
    const other = byFile.get(file.toLowerCase());
    if (other) {
      throw new PlatformError(
        `Two objects would be written to the same file "${file}"${pathOf(other.object) !== file ? ` (and "${pathOf(other.object)}", the same file where case does not count)` : ''}: ` +
          `${describe(other)} and ${describe(placed)}. Give them different names (objects of one kind need distinct names in a namespace).`,
      );
    }
    byFile.set(file.toLowerCase(), placed);
    files.push([file, placed.object]);
  }
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    // Keep the listed (apply) order in `kustomize build`, instead of Kustomize's own kind order (kustomize >= 5.0).
    sortOptions: { order: 'fifo' },
    resources: files.map(([file]) => file),
  };
  return { kustomization: toYamlDocument(kustomization), files };
}

function describe(p: PlacedObject): string {
  return `${describeObject(p.object)} from "${p.constructPath}"`;
}

function describeObject(o: ManifestObject): string {
  return `${o.apiVersion} ${o.kind} ${formatValue(o.metadata?.name)}`;
}
