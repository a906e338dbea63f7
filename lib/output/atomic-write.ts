import * as fs from 'fs';
import * as path from 'path';
import { ParallelFs, removeFolder } from './_parallel-fs';

/** The suffix of a previous output moved aside by `writeFolderAtomically()`, next to the output folder. */
const PREVIOUS_SUFFIX = '.previous';

/**
 * Per output folder (see `startOutputCleanup()`): the deletion of older previous outputs running in a worker thread,
 * and the previous output claimed to be reused as the next staging folder.
 */
const cleanups = new Map<string, { sweeper?: ParallelFs; folders: string[]; reusable?: string }>();

/**
 * Starts the housekeeping of the previous outputs that earlier writes of `outdir` moved aside
 * (`.<name>.staging-*.previous` next to it): the newest is claimed to be reused as the next write's staging folder,
 * and any others (left by a write that failed or was interrupted) are deleted in a worker thread, while the caller
 * renders the next output. `writeFolderAtomically()` starts it if it is not running and finishes it before it
 * returns; a caller that starts it earlier (as `PlatformApp.synth()` does, before rendering) must call
 * `finishOutputCleanup()`, also on errors.
 *
 * @param outdir the output folder, as passed to `writeFolderAtomically()`
 */
export function startOutputCleanup(outdir: string): void {
  const target = path.resolve(outdir);
  if (cleanups.has(target)) return;
  const parent = path.dirname(target);
  const prefix = `.${path.basename(target)}.staging-`;
  let folders: string[];
  try {
    folders = fs.readdirSync(parent).filter((n) => n.startsWith(prefix) && n.endsWith(PREVIOUS_SUFFIX)).map((n) => path.join(parent, n));
  } catch {
    return;
  }
  if (folders.length === 0) return;
  // The newest is the most like the next output: the fewest files to rewrite.
  const newest = folders.map((f) => ({ f, t: modifiedAt(f) })).sort((a, b) => b.t - a.t || a.f.localeCompare(b.f))[0].f;
  let reusable: string | undefined = newest.slice(0, -PREVIOUS_SUFFIX.length);
  try {
    fs.renameSync(newest, reusable);
  } catch {
    reusable = undefined;
  }
  const older = folders.filter((f) => !reusable || f !== newest);
  let sweeper: ParallelFs | undefined;
  if (older.length > 0) {
    sweeper = new ParallelFs(0, true);
    for (const folder of older) sweeper.remove(folder);
  }
  cleanups.set(target, { sweeper, folders: older, reusable });
}

/**
 * Waits for the deletion `startOutputCleanup(outdir)` started, and deletes what is left of it. A claimed previous
 * output that no write reused is put back, for the next one. Does nothing when none is running.
 *
 * @param outdir the output folder, as passed to `startOutputCleanup()`
 */
export function finishOutputCleanup(outdir: string): void {
  const target = path.resolve(outdir);
  const cleanup = cleanups.get(target);
  if (!cleanup) return;
  cleanups.delete(target);
  if (cleanup.sweeper) settle(cleanup.sweeper);
  for (const folder of cleanup.folders) fs.rmSync(folder, { recursive: true, force: true });
  if (cleanup.reusable) putAside(cleanup.reusable);
}

/**
 * Writes a folder of files so that it appears all at once: the files are written to a staging folder next to
 * `outdir`, which then replaces `outdir` by renames. If anything fails, `outdir` is left as it was.
 *
 * The previous output is moved aside (to `.<name>.staging-*.previous` next to `outdir`), and the next write reuses
 * it as its staging folder: a file that already holds what is to be written is left as it is (not rewritten, its
 * modification time kept), the others are written, and what the new output no longer has is deleted. Re-writing an
 * output that changed little thus costs reading it, not creating and deleting tens of thousands of files.
 *
 * @param outdir the folder to write
 * @param files file contents by path relative to `outdir` (with `/` separators): a Map, or any iterable of pairs
 *   (read once; each file is written as it is reached, so a generator need not hold every file in memory)
 */
export function writeFolderAtomically(outdir: string, files: Iterable<readonly [string, string]>): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  startOutputCleanup(target);
  try {
    const cleanup = cleanups.get(target);
    const reusable = cleanup?.reusable;
    if (cleanup) cleanup.reusable = undefined;
    writeAndSwap(target, parent, outdir, files, reusable);
  } finally {
    finishOutputCleanup(target);
  }
}

function writeAndSwap(target: string, parent: string, outdir: string, files: Iterable<readonly [string, string]>, reusable: string | undefined): void {
  const staging = reusable ?? fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.staging-`));
  const writer = new ParallelFs();
  try {
    const tree = reusable ? new StagingTree(staging) : undefined;
    for (const [rel, content] of files) {
      const { file, key } = outputPath(staging, rel, outdir);
      writer.write(file, content, tree?.keep(key) ?? false);
    }
    writer.finish();
    if (tree) tree.removeUnkept();
  } catch (e) {
    settle(writer);
    // A reused folder is still good for reuse, whatever it holds now; a new one is not worth keeping.
    if (reusable) putAside(staging);
    else fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  let previous: string | undefined;
  if (fs.existsSync(target)) {
    previous = `${staging}${PREVIOUS_SUFFIX}`;
    fs.renameSync(target, previous);
  }
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    if (previous) fs.renameSync(previous, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/**
 * A relative path that needs no normalization: names of letters, digits, `.`, `_` and `-` (none of them `.` or
 * `..`), separated by single slashes.
 */
const SIMPLE_PATH = /^(?!\.\.?(?:\/|$))[\w.-]+(?:\/(?!\.\.?(?:\/|$))[\w.-]+)*$/;

/**
 * Where the output file `rel` (relative, with `/` separators) goes below the folder `root`, and its path relative to
 * `root` as `join()` normalizes it (no `.` or `..` segments).
 *
 * @param shown the folder to name in the error
 * @throws if the file would be outside `root`
 */
function outputPath(root: string, rel: string, shown: string): { file: string; key: string } {
  const prefix = root + path.sep;
  // The common case, without join()'s normalization: plain names separated by single slashes.
  if (SIMPLE_PATH.test(rel)) return { file: prefix + (path.sep === '/' ? rel : rel.split('/').join(path.sep)), key: rel };
  const file = path.join(root, ...rel.split('/'));
  if (!file.startsWith(prefix)) throw new Error(`output file "${rel}" would be written outside ${shown}`);
  return { file, key: file.slice(prefix.length).split(path.sep).join('/') };
}

/** What a path in a reused staging folder is. */
type EntryKind = 'file' | 'folder' | 'other';

/**
 * The contents of a previous output reused as a staging folder, listed once before writing: which files can be
 * compared instead of created, what stands where a folder (or a file) must go, and, after writing, what is left over.
 */
class StagingTree {
  /** Every entry, by path relative to the root with `/` separators; symbolic links are not followed. */
  private readonly entries = new Map<string, EntryKind>();
  /** The paths of the new output: the files written and their folders. */
  private readonly kept = new Map<string, 'file' | 'folder'>();
  /** The folder of the last file kept. */
  private lastFolder?: string;

  constructor(private readonly root: string) {
    const pending = [''];
    while (pending.length > 0) {
      const rel = pending.pop() as string;
      for (const e of fs.readdirSync(rel ? path.join(root, ...rel.split('/')) : root, { withFileTypes: true })) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          this.entries.set(child, 'folder');
          pending.push(child);
        } else {
          this.entries.set(child, e.isFile() ? 'file' : 'other');
        }
      }
    }
  }

  /**
   * Records that the file `rel` is part of the new output, and clears what stands in its way: a file (or link)
   * where one of its folders goes, a folder (or link) where it goes.
   *
   * @returns whether a file is already there, to be compared before it is written
   */
  public keep(rel: string): boolean {
    const slash = rel.lastIndexOf('/');
    // Files come folder by folder: the folders of the last one need no second look.
    if (slash === -1 || rel.slice(0, slash) !== this.lastFolder) this.keepFolders(rel, slash);
    if (this.kept.get(rel) === 'folder') throw new Error(`output file "${rel}" goes where a folder of other output files goes`);
    const kind = this.entries.get(rel);
    if (kind !== undefined && kind !== 'file') this.clear(rel);
    this.kept.set(rel, 'file');
    return kind === 'file';
  }

  /** The folders of the file `rel` (whose last `/` is at `slash`), as `keep()` needs them. */
  private keepFolders(rel: string, slash: number): void {
    this.lastFolder = slash === -1 ? undefined : rel.slice(0, slash);
    const parts = rel.split('/');
    let folder = '';
    for (let i = 0; i < parts.length - 1; i++) {
      folder = folder ? `${folder}/${parts[i]}` : parts[i];
      const planned = this.kept.get(folder);
      if (planned === 'folder') continue;
      if (planned === 'file') throw new Error(`output file "${rel}" needs a folder where the output file "${folder}" goes`);
      const kind = this.entries.get(folder);
      if (kind !== undefined && kind !== 'folder') this.clear(folder);
      this.kept.set(folder, 'folder');
    }
  }

  /** Deletes every entry the new output does not have (each left-over folder as a whole). */
  public removeUnkept(): void {
    const remover = new ParallelFs();
    for (const rel of this.entries.keys()) {
      if (this.kept.has(rel)) continue;
      const slash = rel.lastIndexOf('/');
      if (slash === -1 || this.kept.has(rel.slice(0, slash))) remover.remove(path.join(this.root, ...rel.split('/')));
    }
    remover.finish();
  }

  /** Deletes the entry `rel` (and, for a folder, everything below it) now, and forgets it. */
  private clear(rel: string): void {
    fs.rmSync(path.join(this.root, ...rel.split('/')), { recursive: true, force: true });
    this.entries.delete(rel);
    const below = `${rel}/`;
    for (const other of [...this.entries.keys()]) if (other.startsWith(below)) this.entries.delete(other);
  }
}

/** Moves a staging folder aside as a previous output, for the next write to reuse; deletes it if that fails. */
function putAside(folder: string): void {
  try {
    fs.renameSync(folder, `${folder}${PREVIOUS_SUFFIX}`);
  } catch {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function modifiedAt(folder: string): number {
  try {
    return fs.statSync(folder).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Replaces some sub-folders of `outdir` and leaves everything else in it untouched: every sub-folder is first
 * written in full to a staging folder inside `outdir`, and only then swapped in by renames. If writing fails,
 * nothing in `outdir` has changed; if a swap fails, the sub-folders already swapped are put back.
 *
 * @param outdir the folder holding the sub-folders (created if missing)
 * @param folders the files of each sub-folder, by the sub-folder's name (one path segment), each by path relative
 * to that sub-folder (with `/` separators)
 */
export function replaceSubfoldersAtomically(outdir: string, folders: ReadonlyMap<string, Iterable<readonly [string, string]>>): void {
  const target = path.resolve(outdir);
  for (const name of folders.keys()) {
    if (!name || name === '.' || name === '..' || /[\\/]/.test(name)) throw new Error(`"${name}" is not a folder name`);
  }
  fs.mkdirSync(target, { recursive: true });
  const staging = fs.mkdtempSync(path.join(target, '.staging-'));
  const swapped: Array<{ dest: string; previous?: string }> = [];
  const writer = new ParallelFs();
  try {
    for (const [name, files] of folders) {
      const root = path.join(staging, 'new', name);
      fs.mkdirSync(root, { recursive: true });
      for (const [rel, content] of files) {
        writer.write(outputPath(root, rel, path.join(outdir, name)).file, content);
      }
    }
    writer.finish();
    fs.mkdirSync(path.join(staging, 'old'));
    for (const name of folders.keys()) {
      const dest = path.join(target, name);
      const entry: { dest: string; previous?: string } = { dest };
      if (fs.existsSync(dest)) {
        entry.previous = path.join(staging, 'old', name);
        fs.renameSync(dest, entry.previous);
      }
      swapped.push(entry);
      fs.renameSync(path.join(staging, 'new', name), dest);
    }
  } catch (e) {
    settle(writer);
    for (const s of swapped.reverse()) {
      fs.rmSync(s.dest, { recursive: true, force: true });
      if (s.previous && fs.existsSync(s.previous)) fs.renameSync(s.previous, s.dest);
    }
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  removeFolder(staging);
}

/** Waits for what the writer still has in flight, after an error: its own error, if any, is not the first. */
function settle(writer: ParallelFs): void {
  try {
    writer.finish();
  } catch {
    // the error being handled is reported instead
  }
}
