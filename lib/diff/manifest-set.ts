import { groupOf } from '../core/_api-version';
import { forTerminal } from '../core/_terminal';
import { PlatformError } from '../core/errors';
import { PlatformLabels } from '../core/labels';
import { ManifestObject } from '../core/manifest-object';
import { ByteSource } from '../input/document-stream';
import { gitManifestFiles } from '../input/git-tree';
import { DEFAULT_MAX_INPUT_SIZE } from '../input/input-size';
import { fileSource, findManifestFiles } from '../input/manifest-files';
import { readObjects } from '../input/manifest-objects';

/** One object of a manifest set, with where it was read from. */
export interface ManifestEntry {
  /** The object. */
  readonly object: ManifestObject;
  /** The file it was read from, relative to the set's root (with `/` separators). */
  readonly file: string;
  /** The line of the file its document starts on (1-based). */
  readonly line: number;
}

/** The Kubernetes objects of a folder of manifests, by identity (see `objectId()`). */
export interface ManifestSet {
  /** Where the objects were read from, for messages: a folder, or `<ref>:<path>` for a Git ref. */
  readonly source: string;
  /** The objects, by `objectId()`, in the order they were read. */
  readonly objects: ReadonlyMap<string, ManifestEntry>;
  /**
   * The files read through a symbolic link (the file is one, or a folder on the way is), relative to the root.
   *
   * @default none
   */
  readonly linkedFiles?: readonly string[];
}

/**
 * The identity of an object across two versions of the output: its environment (the `cdk8s-platform.io/environment`
 * label), API group (not version: moving from `v1beta1` to `v1` is a change, not a replacement), kind, namespace and
 * name.
 */
export function objectId(o: ManifestObject): string {
  const group = groupOf(o.apiVersion);
  const env = o.metadata.labels?.[PlatformLabels.ENVIRONMENT] ?? '';
  return [env, group, o.kind, o.metadata.namespace ?? '', o.metadata.name].join('|');
}

/** How a manifest set is read. */
export interface ManifestReadOptions {
  /**
   * The largest file (or Git blob) read, in bytes: a larger one is an error, found before it is read.
   *
   * @default 33554432 (32 MiB)
   */
  readonly maxInputSize?: number;
}

/** A file of a manifest set, and its documents' source. */
interface SetFile {
  readonly relative: string;
  readonly throughLink: boolean;
  readonly source: ByteSource;
}

/**
 * Reads the objects of the files of a manifest set (see `readObjects()`: YAML 1.1 as kubectl reads it, into JSON
 * data; empty documents and kustomize's configuration skipped, a `List`'s items read).
 *
 * @throws PlatformError naming `file:line` for the first problem: YAML that does not parse or is not JSON data, a
 * file that cannot be read, is too large or is not text, a document that is not a Kubernetes object (no apiVersion,
 * kind or metadata.name), or the same object in two places
 */
function parseSet(source: string, files: Iterable<SetFile | { readonly relative: string; readonly message: string }>, maxInputSize: number): ManifestSet {
  const objects = new Map<string, ManifestEntry>();
  const linkedFiles: string[] = [];
  // File names and object names in messages are escaped: a line break in them must not fake a line of output.
  const at = (file: string, line?: number): string => forTerminal(`${source}/${file}${line === undefined ? '' : `:${line}`}`);
  for (const f of files) {
    const file = f.relative;
    if ('message' in f) throw new PlatformError(`${at(file)}: ${f.message}`);
    if (f.throughLink) linkedFiles.push(file);
    for (const item of readObjects(f.source, { maxInputSize })) {
      if (item.type === 'problem') throw new PlatformError(`${at(file, item.line)}: ${item.message}`);
      const { object: o, line } = item;
      if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' ||
        typeof o.metadata !== 'object' || o.metadata === null || Array.isArray(o.metadata) || typeof o.metadata.name !== 'string') {
        throw new PlatformError(`${at(file, line)}: not a Kubernetes object (it needs apiVersion, kind and metadata.name)`);
      }
      const id = objectId(o);
      const other = objects.get(id);
      if (other) {
        throw new PlatformError(`${at(file, line)}: ${forTerminal(o.kind)} ${forTerminal(JSON.stringify(o.metadata.name))} is also defined at ${at(other.file, other.line)}`);
      }
      objects.set(id, { object: o, file, line });
    }
  }
  return { source, objects, ...(linkedFiles.length > 0 ? { linkedFiles } : {}) };
}

/**
 * Reads every `.yaml`, `.yml` and `.json` file below `dir` (recursively, in file name order, following symbolic
 * links; `kustomization.yaml` files are skipped), each of at most `options.maxInputSize` bytes.
 *
 * @throws PlatformError when `dir` is not a folder, or a file cannot be read or does not parse (with `file:line`)
 */
export function loadManifestFolder(dir: string, options: ManifestReadOptions = {}): ManifestSet {
  const root = dir.replace(/(.)\/+$/, '$1');
  const found = [...findManifestFiles(dir)];
  const first = found[0];
  if (first?.relative === '') {
    const shown = forTerminal(JSON.stringify(dir));
    throw new PlatformError(first.type === 'file' ? `${shown} is not a folder` : `${shown} is not a folder: ${first.message}`);
  }
  const files = found.map((f) => (f.type === 'file' ? { relative: f.relative, throughLink: f.throughLink, source: fileSource(f.path) } : f));
  return parseSet(root, files, options.maxInputSize ?? DEFAULT_MAX_INPUT_SIZE);
}

/**
 * Reads the manifests that the folder `dir` (of a Git working tree) held at the Git revision `ref`, without a
 * checkout (`git ls-tree` and `git cat-file`), as `loadManifestFolder()` reads a folder: file names may hold any
 * character, symbolic links are followed inside the repository, and a blob above `options.maxInputSize` is an error
 * before it is read. A folder that did not exist at `ref` gives an empty set.
 *
 * @throws PlatformError when `dir` is not in a Git repository, `ref` is not a commit in it (saying why), or a file
 * cannot be read or does not parse
 */
export function loadManifestsFromGit(ref: string, dir: string, options: ManifestReadOptions = {}): ManifestSet {
  const maxInputSize = options.maxInputSize ?? DEFAULT_MAX_INPUT_SIZE;
  const tree = gitManifestFiles(ref, dir, maxInputSize);
  return parseSet(tree.source, tree.entries, maxInputSize);
}
