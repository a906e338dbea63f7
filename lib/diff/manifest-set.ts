import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { PlatformError } from '../core/errors';
import { PlatformLabels } from '../core/labels';
import { ManifestObject } from '../core/manifest-object';

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
}

/** An object that only configures a tool (Kustomize), not a Kubernetes object. */
function isToolConfig(o: ManifestObject): boolean {
  return typeof o.apiVersion === 'string' && o.apiVersion.startsWith('kustomize.config.k8s.io/');
}

/**
 * The identity of an object across two versions of the output: its environment (the `cdk8s-platform.io/environment`
 * label), API group (not version: moving from `v1beta1` to `v1` is a change, not a replacement), kind, namespace and
 * name.
 */
export function objectId(o: ManifestObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  const env = o.metadata.labels?.[PlatformLabels.ENVIRONMENT] ?? '';
  return [env, group, o.kind, o.metadata.namespace ?? '', o.metadata.name].join('|');
}

/** A source file's text, by its path relative to the set's root. */
type SourceFiles = Iterable<[string, string]>;

function isManifestFile(file: string): boolean {
  const base = file.split('/').pop()!;
  return /\.(ya?ml|json)$/i.test(base) && !/^kustomization\.ya?ml$/i.test(base);
}

/**
 * Parses the files of a manifest set.
 *
 * @throws PlatformError naming `file:line` for YAML that does not parse, a document that is not a Kubernetes object
 * (no apiVersion, kind or metadata.name), or the same object in two places
 */
function parseSet(source: string, files: SourceFiles): ManifestSet {
  const objects = new Map<string, ManifestEntry>();
  for (const [file, text] of files) {
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter, version: '1.1' });
    if (!Array.isArray(docs)) throw new PlatformError(`${source}/${file}: not a YAML stream`);
    for (const doc of docs) {
      const line = lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line;
      if (doc.errors.length > 0) {
        const e = doc.errors[0];
        throw new PlatformError(`${source}/${file}:${e.linePos?.[0].line ?? line}: invalid YAML: ${e.message.split('\n')[0]}`);
      }
      const value = doc.toJS() as unknown;
      if (value === null || value === undefined) continue;
      const o = value as ManifestObject;
      if (typeof o !== 'object' || Array.isArray(o) || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' ||
        typeof o.metadata !== 'object' || o.metadata === null || typeof o.metadata.name !== 'string') {
        throw new PlatformError(`${source}/${file}:${line}: not a Kubernetes object (it needs apiVersion, kind and metadata.name)`);
      }
      if (isToolConfig(o)) continue;
      const id = objectId(o);
      const other = objects.get(id);
      if (other) {
        throw new PlatformError(`${source}/${file}:${line}: ${o.kind} "${o.metadata.name}" is also defined at ${source}/${other.file}:${other.line}`);
      }
      objects.set(id, { object: o, file, line });
    }
  }
  return { source, objects };
}

/**
 * Reads every `.yaml`, `.yml` and `.json` file below `dir` (recursively, in file name order; `kustomization.yaml`
 * files are skipped).
 *
 * @throws PlatformError when `dir` is not a folder, or a file does not parse (with `file:line`)
 */
export function loadManifestFolder(dir: string): ManifestSet {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new PlatformError(`"${dir}" is not a folder`);
  const files: Array<[string, string]> = [];
  const walk = (rel: string): void => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && isManifestFile(e.name)) files.push([child, fs.readFileSync(path.join(dir, child), 'utf8')]);
    }
  };
  walk('');
  return parseSet(dir.replace(/\/+$/, ''), files);
}

function git(cwd: string, args: string[], input?: Buffer): Buffer {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (r.error) throw new PlatformError(`git ${args[0]}: ${r.error.message}`);
  if (r.status !== 0) throw new PlatformError(`git ${args.join(' ')}: ${r.stderr.toString('utf8').trim()}`);
  return r.stdout;
}

/**
 * Reads the manifests that the folder `dir` (of a Git working tree) held at the Git revision `ref`, without a
 * checkout (`git ls-tree` and `git cat-file --batch`). A folder that did not exist at `ref` gives an empty set.
 *
 * @throws PlatformError when `dir` is not in a Git repository, `ref` is unknown, or a file does not parse
 */
export function loadManifestsFromGit(ref: string, dir: string): ManifestSet {
  const abs = path.resolve(dir);
  let cwd = abs;
  while (!fs.existsSync(cwd)) cwd = path.dirname(cwd);
  const top = git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  const joined = path.join(path.relative(fs.realpathSync(top), fs.realpathSync(cwd)), path.relative(cwd, abs)).split(path.sep).join('/');
  const rel = joined === '.' ? '' : joined;
  git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const listing = git(top, ['ls-tree', '-r', '-z', ref, '--', rel === '' ? '.' : rel]).toString('utf8');
  const blobs = listing.split('\0').filter((l) => l !== '').map((l) => {
    const [meta, file] = l.split('\t');
    const [, type, sha] = meta.split(' ');
    return { type, sha, file };
  }).filter((b) => b.type === 'blob' && isManifestFile(b.file)).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const files: Array<[string, string]> = [];
  if (blobs.length > 0) {
    const out = git(top, ['cat-file', '--batch'], Buffer.from(blobs.map((b) => b.sha).join('\n') + '\n'));
    let at = 0;
    for (const b of blobs) {
      const headerEnd = out.indexOf(0x0a, at);
      const size = Number(out.subarray(at, headerEnd).toString('utf8').split(' ')[2]);
      const start = headerEnd + 1;
      const prefix = rel === '' ? '' : `${rel}/`;
      files.push([b.file.startsWith(prefix) ? b.file.slice(prefix.length) : b.file, out.subarray(start, start + size).toString('utf8')]);
      at = start + size + 1;
    }
  }
  return parseSet(`${ref}:${rel || '.'}`, files);
}
