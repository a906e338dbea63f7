import { PlatformError } from '../core/errors';
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

/** The folder of objects without a namespace other than Namespaces (ClusterRoles, StorageClasses, ...). */
export const CLUSTER_FOLDER = '_cluster';

/** The name of the Kustomize file in each output folder. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/**
 * The file one object is written to, relative to its environment's folder: `<namespace>/<kind>-<name>.yaml`, the
 * kind in lower case. A Namespace goes in its own folder (`shop/namespace-shop.yaml`); other objects without a
 * namespace go in `_cluster/`.
 */
export function objectFile(o: ManifestObject): string {
  const folder = o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace ?? CLUSTER_FOLDER;
  return `${folder}/${o.kind.toLowerCase()}-${o.metadata.name}.yaml`;
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
  const byFile = new Map<string, PlacedObject>();
  const files: Array<[string, ManifestObject]> = [];
  for (const i of applyOrderIndexes(objects.map((p) => p.object))) {
    const placed = objects[i];
    const file = objectFile(placed.object);
    const other = byFile.get(file);
    if (other) {
      throw new PlatformError(
        `Two objects would be written to the same file "${file}": ${describe(other)} and ${describe(placed)}. ` +
          'Give them different names (objects of one kind need distinct names in a namespace).',
      );
    }
    byFile.set(file, placed);
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
  const o = p.object;
  return `${o.apiVersion} ${o.kind} "${o.metadata.name}" from "${p.constructPath}"`;
}
