/**
 * What the code generator of `cdk8s-platform import` knows of one input object, and the helpers every kind's mapping
 * uses (metadata, labels the library adds, the result of a workload's mapping).
 */
import { FieldStep } from './addition-field';
import { AdditionKind, Json, asObject, asStrings } from './_import-context';
import { Printable } from './_source-text';

/** One object of the input, with where it goes. */
export interface Item {
  readonly object: Json;
  readonly source: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** What it became; undefined until decided. */
  done?: boolean;
}

/** The keys of `metadata` besides name, namespace, labels and annotations (which no construct takes). */
export function metadataProblems(object: Json): string[] {
  const meta = asObject(object.metadata) ?? {};
  const out = Object.keys(meta).filter((k) => !['name', 'namespace', 'labels', 'annotations'].includes(k)).map((k) => `metadata.${k}`);
  if (meta.labels !== undefined && asStrings(meta.labels) === undefined) out.push('metadata.labels');
  if (meta.annotations !== undefined && asStrings(meta.annotations) === undefined) out.push('metadata.annotations');
  return out;
}

/** The `metadata` prop of a construct: the object's labels and annotations. */
export function metadataProp(object: Json): Record<string, Printable> {
  const meta = asObject(object.metadata) ?? {};
  const out: Record<string, Printable> = {};
  const labels = asStrings(meta.labels);
  const annotations = asStrings(meta.annotations);
  if (labels && Object.keys(labels).length > 0) out.labels = labels;
  if (annotations && Object.keys(annotations).length > 0) out.annotations = annotations;
  return Object.keys(out).length > 0 ? { metadata: out } : {};
}

export const RECOMMENDED = ['name', 'instance', 'version', 'component', 'part-of', 'managed-by'].map((l) => `app.kubernetes.io/${l}`);
/** The labels the synth walk gives every object of a stack that its constructs do not label themselves (raw ones). */
export const STACK_LABELS = ['name', 'instance', 'part-of', 'managed-by'].map((l) => `app.kubernetes.io/${l}`);

/**
 * The labels the library adds under `path` (a metadata object) that the object does not set: each label, or the
 * whole `labels` when the object has none.
 */
export function labelPaths(object: Json, path: string[], added: readonly string[] = RECOMMENDED): FieldStep[][] {
  let at: unknown = object;
  for (const p of path) at = asObject(at)?.[p];
  const labels = asStrings(asObject(at)?.labels);
  if (labels === undefined || Object.keys(labels).length === 0) return [[...path, 'labels']];
  return added.filter((l) => labels[l] === undefined).map((l) => [...path, 'labels', l]);
}

export interface WorkloadCode {
  readonly construct: string;
  readonly props: Record<string, Printable>;
  readonly unsupported: string[];
  readonly additions: Array<[AdditionKind, FieldStep[][]]>;
  /** The main container's name. */
  readonly containerName: string;
  /** Whether the HorizontalPodAutoscaler given became the workload's `autoscaling`. */
  readonly usesHpa?: boolean;
  /** Whether the PodDisruptionBudget given became the workload's `disruptionBudget`. */
  readonly usesPdb?: boolean;
}

/** The `AccessMode` factory of each access mode. */
export const ACCESS_MODES: Readonly<Record<string, string>> = { ReadWriteOnce: 'readWriteOnce', ReadWriteOncePod: 'readWriteOncePod', ReadOnlyMany: 'readOnlyMany', ReadWriteMany: 'readWriteMany' };

/** Whether two label maps are equal. */
export function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}
