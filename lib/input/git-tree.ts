import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PlatformError } from '../core/errors';
import { fsErrorReason } from '../core/_fs-error';
import { ByteSource, iterableInput, UnreadableInput } from './document-stream';
import { isManifestFileName } from './manifest-files';

/** A manifest file of a folder at a Git revision. @internal */
export interface GitManifestFile {
  readonly type: 'file';
  /** Its path below the folder, with `/` separators. */
  readonly relative: string;
  /** Whether a symbolic link was followed to reach it (the file is one, or a folder on the way is). */
  readonly throughLink: boolean;
  /** Its content: the size is known (from `git ls-tree -l`), and the blob is read only if it is not above the limit. */
  readonly source: ByteSource;
}

/** An entry of the folder that cannot be read at that revision (a dangling or looping link, a link cycle). @internal */
export interface GitProblem {
  readonly type: 'problem';
  /** Its path below the folder, with `/` separators. */
  readonly relative: string;
  /** What is wrong, in one line. */
  readonly message: string;
}

/** The manifest files of a folder at a Git revision. @internal */
export interface GitManifestFiles {
  /** `<ref>:<path in the repository>`, for messages (`.` for the repository's top folder). */
  readonly source: string;
  /** The files and problems, in name order (as `findManifestFiles()` gives them). */
  readonly entries: ReadonlyArray<GitManifestFile | GitProblem>;
}

/** Runs git in `cwd`; its failure is a PlatformError with git's reason. */
function git(cwd: string, args: string[], input?: string, maxBuffer = 64 * 1024 * 1024): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PlatformError('git is needed for --git, but it is not installed (or not on the PATH)');
    throw new PlatformError(`git ${args[0]}: ${fsErrorReason(r.error)}`);
  }
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim().split('\n')[0] };
}

/** Runs git in `cwd` and returns its output; a failure is a PlatformError with git's reason. */
function gitOutput(cwd: string, args: string[], input?: string, maxBuffer?: number): Buffer {
  const r = git(cwd, args, input, maxBuffer);
  if (!r.ok) throw new PlatformError(`git ${args[0]}: ${r.stderr}`);
  return r.stdout;
}

/** One entry of `git ls-tree -r -z -l`. */
interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly sha: string;
  readonly size: number;
  /** The path below the tree listed. */
  readonly name: string;
}

/**
 * The entries of a tree (recursively: its files, without its folders). Each record is `<mode> <type> <sha> <size>\t<path>`, NUL-terminated; the path
 * (which may hold tabs, line breaks, any byte but NUL) is everything after the first tab.
 */
function listTree(top: string, tree: string, recursive = true): TreeEntry[] {
  const out = gitOutput(top, ['ls-tree', ...(recursive ? ['-r'] : []), '-z', '-l', tree], undefined, 1 << 30).toString('utf8');
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, type, sha, size] = record.slice(0, tab).split(' ').filter((s) => s !== '');
    entries.push({ mode, type, sha, size: size === '-' ? 0 : Number(size), name: record.slice(tab + 1) });
  }
  return entries;
}

/** What a path of a commit's tree is, symbolic links followed. */
type Resolved =
  | { readonly kind: 'object'; readonly sha: string; readonly type: string; readonly size: number }
  | { readonly kind: 'missing' | 'dangling' | 'loop' | 'notdir' | 'outside'; readonly detail: string };

/** How many symbolic links one path may go through, as Linux allows (`ELOOP` above). */
const MAX_LINKS = 40;

/**
 * Resolves paths in the tree of a commit as the file system resolves them in a checkout: a symbolic link (mode
 * 120000, its blob the target) in any component is followed, `.` and `..` included, within the repository.
 * `git cat-file --follow-symlinks` cannot follow a link to `.`; this reads the trees on the way (`git ls-tree`,
 * once each) and the links' targets instead.
 */
class TreeResolver {
  private readonly trees = new Map<string, Map<string, TreeEntry>>();
  private readonly targets = new Map<string, string>();
  private readonly root: string;

  constructor(private readonly top: string, commit: string) {
    this.root = gitOutput(top, ['rev-parse', `${commit}^{tree}`]).toString('utf8').trim();
  }

  /** What `path` (from the repository's top, `/`-separated, `''` for the top) is. */
  public resolve(path: string): Resolved {
    const folders: string[] = [];
    const pending = path.split('/').filter((c) => c !== '');
    let links = 0;
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (name === '.') continue;
      if (name === '..') {
        if (folders.length === 0) return { kind: 'outside', detail: path };
        folders.pop();
        continue;
      }
      const entry = this.entries(folders.length === 0 ? this.root : folders[folders.length - 1]).get(name);
      if (!entry) return { kind: links === 0 ? 'missing' : 'dangling', detail: path };
      if (entry.mode === '120000') {
        if (++links > MAX_LINKS) return { kind: 'loop', detail: path };
        const target = this.target(entry.sha);
        if (target.startsWith('/')) return { kind: 'outside', detail: target };
        pending.unshift(...target.split('/').filter((c) => c !== ''));
      } else if (entry.type === 'tree') {
        folders.push(entry.sha);
      } else if (pending.some((c) => c !== '.')) {
        return { kind: 'notdir', detail: path };
      } else {
        return { kind: 'object', sha: entry.sha, type: entry.type, size: entry.size };
      }
    }
    return { kind: 'object', sha: folders.length === 0 ? this.root : folders[folders.length - 1], type: 'tree', size: 0 };
  }

  /** The entries of one tree (not recursive), by name. */
  private entries(tree: string): Map<string, TreeEntry> {
    let entries = this.trees.get(tree);
    if (!entries) {
      entries = new Map(listTree(this.top, tree, false).map((e) => [e.name, e]));
      this.trees.set(tree, entries);
    }
    return entries;
  }

  /** The target of a symbolic link, from its blob. */
  private target(sha: string): string {
    let target = this.targets.get(sha);
    if (target === undefined) {
      target = gitOutput(this.top, ['cat-file', 'blob', sha]).toString('utf8');
      this.targets.set(sha, target);
    }
    return target;
  }
}

/** Compares two `/`-separated paths as a folder walk in name order meets them: folder by folder. */
function byFolderOrder(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** How much blob content is read from git at once, at most (one blob above it is read alone). */
const BATCH_BYTES = 16 * 1024 * 1024;

/**
 * The manifest files that the folder `dir` (of a Git working tree) held at the Git revision `ref`, without a
 * checkout (`git ls-tree` and `git cat-file`), as `findManifestFiles()` finds them in a folder: recursively, in
 * name order, symbolic links followed (inside the repository) with cycles reported. File names may hold any byte
 * but NUL. A blob above `maxInputSize` (known from `git ls-tree -l`) is never read; the others are read in batches
 * of at most 16 MiB, when their documents are read. A folder that did not exist at `ref` has no files.
 *
 * @throws PlatformError when `dir` is not in a Git repository, or `ref` is not a commit in it (saying why)
 * @internal
 */
export function gitManifestFiles(ref: string, dir: string, maxInputSize: number): GitManifestFiles {
  if (ref === '' || ref.startsWith('-')) {
    throw new PlatformError(`--git: received ${JSON.stringify(ref)}; allowed: a Git revision (a branch, tag or commit), not empty and not starting with "-"`);
  }
  const abs = path.resolve(dir);
  let cwd = abs;
  while (!fs.existsSync(cwd)) cwd = path.dirname(cwd);
  const shown = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!shown.ok) throw new PlatformError(`--git: ${dir} is not in a Git repository (git rev-parse: ${shown.stderr})`);
  const top = shown.stdout.toString('utf8').replace(/\n$/, '');
  const joined = path.join(path.relative(fs.realpathSync(top), fs.realpathSync(cwd)), path.relative(cwd, abs)).split(path.sep).join('/');
  const rel = joined === '.' ? '' : joined;
  const source = `${ref}:${rel || '.'}`;
  const commit = verifyCommit(top, ref);
  const resolver = new TreeResolver(top, commit);
  const root = resolver.resolve(rel);
  if (root.kind === 'missing' || root.kind === 'dangling') return { source, entries: [] };
  if (root.kind !== 'object') throw new PlatformError(`${source}: ${linkProblem(root, ref)}`);
  if (root.type !== 'tree') throw new PlatformError(`${source}: is a ${root.type === 'blob' ? 'file' : root.type} at ${ref}, not a folder`);

  const found: Array<{ relative: string; throughLink: boolean; sha: string; size: number } | GitProblem> = [];
  const expand = (tree: string, prefix: string, above: readonly string[], throughLink: boolean): void => {
    const links: TreeEntry[] = [];
    for (const e of listTree(top, tree)) {
      if (e.mode === '120000') links.push(e);
      else if (e.type === 'blob' && isManifestFileName(e.name.slice(e.name.lastIndexOf('/') + 1))) {
        found.push({ relative: prefix + e.name, throughLink, sha: e.sha, size: e.size });
      }
    }
    for (const l of links) {
      const relative = prefix + l.name;
      const r = resolver.resolve(`${rel === '' ? '' : `${rel}/`}${relative}`);
      if (r.kind !== 'object') {
        found.push({ type: 'problem', relative, message: linkProblem(r, ref) });
      } else if (r.type === 'tree') {
        if (above.includes(r.sha)) {
          found.push({ type: 'problem', relative, message: `symbolic link cycle: it leads back to a folder above it, which contains it (not followed)` });
        } else {
          expand(r.sha, `${relative}/`, [...above, r.sha], true);
        }
      } else if (r.type === 'blob' && isManifestFileName(l.name.slice(l.name.lastIndexOf('/') + 1))) {
        found.push({ relative, throughLink: true, sha: r.sha, size: r.size });
      }
    }
  };
  expand(root.sha, '', [root.sha], false);
  found.sort((a, b) => byFolderOrder(a.relative, b.relative));

  const files = found.filter((f): f is { relative: string; throughLink: boolean; sha: string; size: number } => !('type' in f));
  const loaded = new Map<string, Buffer>();
  /** Reads the blob of `files[index]`, with the next ones that fit in a batch (those within the limit). */
  const load = (index: number): void => {
    const batch: typeof files = [];
    let bytes = 0;
    for (let i = index; i < files.length; i++) {
      const f = files[i];
      if (f.size > maxInputSize || loaded.has(f.sha)) continue;
      if (batch.length > 0 && bytes + f.size > BATCH_BYTES) break;
      batch.push(f);
      bytes += f.size;
    }
    const out = gitOutput(top, ['cat-file', '--batch'], batch.map((f) => `${f.sha}\n`).join(''), bytes + batch.length * 128 + 1024);
    let at = 0;
    for (const f of batch) {
      const headerEnd = out.indexOf(0x0a, at);
      const size = Number(out.subarray(at, headerEnd).toString('utf8').split(' ')[2]);
      loaded.set(f.sha, out.subarray(headerEnd + 1, headerEnd + 1 + size));
      at = headerEnd + 1 + size + 1;
    }
  };
  let next = 0;
  const entries = found.map((f): GitManifestFile | GitProblem => {
    if ('type' in f) return f;
    const index = next++;
    return {
      type: 'file',
      relative: f.relative,
      throughLink: f.throughLink,
      source: {
        unreadable: `cannot read the blob ${f.sha}`,
        open: () => {
          if (f.size <= maxInputSize && !loaded.has(f.sha)) load(index);
          const blob = f.size <= maxInputSize ? loaded.get(f.sha) : undefined;
          if (f.size <= maxInputSize && blob === undefined) throw new UnreadableInput(`git cat-file did not give the blob ${f.sha}`);
          return { ...iterableInput(blob ? [blob] : [], f.size), close: () => { loaded.delete(f.sha); } };
        },
      },
    };
  });
  return { source, entries };
}

/** Why a symbolic link cannot be followed at `ref`. */
function linkProblem(r: Exclude<Resolved, { kind: 'object' }>, ref: string): string {
  switch (r.kind) {
    case 'outside': return `a symbolic link leads outside the repository (${JSON.stringify(r.detail)}): not in Git at ${ref}`;
    case 'loop': return `too many levels of symbolic links at ${ref} (a loop)`;
    case 'notdir': return `symbolic link through a file that is not a folder at ${ref}`;
    default: return `dangling symbolic link: its target does not exist at ${ref}`;
  }
}

/** The commit `ref` names in the repository `top`; a clear PlatformError when it names none. */
function verifyCommit(top: string, ref: string): string {
  const r = git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (r.ok) return r.stdout.toString('utf8').trim();
  const any = git(top, ['rev-parse', '--verify', '--quiet', ref]);
  if (any.ok) {
    const type = git(top, ['cat-file', '-t', any.stdout.toString('utf8').trim()]).stdout.toString('utf8').trim();
    throw new PlatformError(`--git: "${ref}" is not a commit in ${top}: it names a ${type || 'Git object'}`);
  }
  const head = git(top, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  const why = head.ok ? 'no branch, tag or commit has that name' : 'the repository has no commits yet';
  throw new PlatformError(`--git: "${ref}" is not a commit in ${top}: ${why}`);
}
