import { ManifestObject } from '../core/manifest-object';
import { ByteSource, DocumentStreamOptions, readDocuments, StreamProblem } from './document-stream';

/** One object read from a YAML (or JSON) document. @internal */
export interface ReadObject {
  readonly type: 'object';
  /** The object, as JSON data. Not checked: it may lack `apiVersion`, `kind` or `metadata`. */
  readonly object: ManifestObject;
  /** The line its document starts on (for an item of a `List`, the `List`'s). */
  readonly line: number;
  /**
   * The line of one of its fields, given as keys and indexes (or of the deepest field on the way that exists); only
   * when fields were asked to be located.
   */
  readonly locate?: (path: ReadonlyArray<string | number>) => number;
}

/** What `readObjects()` gives, in order. @internal */
export type ObjectItem = ReadObject | StreamProblem;

/** kustomize's configuration objects (Kustomization, Component) are build instructions, not Kubernetes objects. */
const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io/';

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** The JSON type of a value, for a message: `a string`, `a list`. */
function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : `${typeof value}`;
}

/**
 * The objects in the YAML documents of `source` (see `readDocuments()`: bounded, streamed, JSON data), as both
 * `check` and `diff` read them: empty documents (and comments only) are skipped, a `kind: List` gives its items,
 * kustomize's configuration objects are skipped, and a document that is not a map (a string, a list) is a problem,
 * as are a `List`'s items that are not maps. A problem without a line refuses the whole input: the objects given
 * before it must then be dropped.
 *
 * @internal
 */
export function* readObjects(source: ByteSource, options: DocumentStreamOptions): Generator<ObjectItem, void> {
  for (const item of readDocuments(source, options)) {
    if (item.type === 'problem') {
      yield item;
      continue;
    }
    const { value, line, locate } = item;
    if (value === null || value === undefined) continue;
    if (!isRecord(value)) {
      yield { type: 'problem', line, message: `not a Kubernetes object: the document is ${typeOf(value)}, not a map` };
      continue;
    }
    if (typeof value.apiVersion === 'string' && value.apiVersion.startsWith(KUSTOMIZE_GROUP)) continue;
    if (value.kind === 'List' && Array.isArray(value.items)) {
      const items = value.items as unknown[];
      for (let i = 0; i < items.length; i++) {
        const o = items[i];
        if (!isRecord(o)) {
          yield { type: 'problem', line: locate ? locate(['items', i]) : line, message: `not a Kubernetes object: items[${i}] of the List is ${typeOf(o)}, not a map` };
          continue;
        }
        yield { type: 'object', object: o as ManifestObject, line, ...(locate ? { locate: (p) => locate(['items', i, ...p]) } : {}) };
      }
      continue;
    }
    yield { type: 'object', object: value as ManifestObject, line, ...(locate ? { locate } : {}) };
  }
}
