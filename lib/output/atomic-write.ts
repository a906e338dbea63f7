import * as fs from 'fs';
import * as path from 'path';
import { ParallelFs, removeFolder } from './_parallel-fs';

/** The suffix of a previous output moved aside by `writeFolderAtomically()`, next to the output folder. */
const PREVIOUS_SUFFIX = '.previous';

/** The background deletions of previous outputs, by output folder (see `startOutputCleanup()`). */
const cleanups = new Map<string, { sweeper: ParallelFs; folders: string[] }>();

/**
 * Starts deleting, in a worker thread, the previous outputs that earlier writes of `outdir` moved aside
 * (`.<name>.staging-*.previous` next to it), so that the deletion runs while the caller renders the next output.
 * `writeFolderAtomically()` starts it if it is not running and waits for it before it returns; a caller that starts
 * it earlier (as `PlatformApp.synth()` does, before rendering) must call `finishOutputCleanup()`, also on errors.
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
  const sweeper = new ParallelFs(0, true);
  for (const folder of folders) sweeper.remove(folder);
  cleanups.set(target, { sweeper, folders });
}

/**
 * Waits for the deletion `startOutputCleanup(outdir)` started, and deletes what is left of it. Does nothing when none
 * is running.
 *
 * @param outdir the output folder, as passed to `startOutputCleanup()`
 */
export function finishOutputCleanup(outdir: string): void {
  const target = path.resolve(outdir);
  const cleanup = cleanups.get(target);
  if (!cleanup) return;
  cleanups.delete(target);
  settle(cleanup.sweeper);
  for (const folder of cleanup.folders) fs.rmSync(folder, { recursive: true, force: true });
}

/**
 * Writes a folder of files so that it appears all at once: the files are written to a new folder next to
 * `outdir`, which then replaces `outdir` by renames. If anything fails, `outdir` is left as it was and the new
 * folder is removed.
 *
 * The previous output is moved aside (to `.<name>.staging-*.previous` next to `outdir`) and deleted by the next
 * write, in a worker thread while that write (or, see `startOutputCleanup()`, the synth before it) runs: deleting
 * tens of thousands of files then costs the caller little time.
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
    writeAndSwap(target, parent, outdir, files);
  } finally {
    finishOutputCleanup(target);
  }
}

function writeAndSwap(target: string, parent: string, outdir: string, files: Iterable<readonly [string, string]>): void {
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.staging-`));
  const writer = new ParallelFs();
  try {
    for (const [rel, content] of files) {
      const file = path.join(staging, ...rel.split('/'));
      if (!file.startsWith(staging + path.sep)) throw new Error(`output file "${rel}" would be written outside ${outdir}`);
      writer.write(file, content);
    }
    writer.finish();
  } catch (e) {
    settle(writer);
    fs.rmSync(staging, { recursive: true, force: true });
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
        const file = path.join(root, ...rel.split('/'));
        if (!file.startsWith(root + path.sep)) throw new Error(`output file "${rel}" would be written outside ${path.join(outdir, name)}`);
        writer.write(file, content);
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
