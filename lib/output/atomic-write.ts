import { spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { fsErrorCode, fsErrorReason } from '../core/_fs-error';
import { PlatformError } from '../core/errors';
import { CLI_PID_VARIABLE } from '../core/synth-variables';
import { checkOutputFolder, OUTPUT_MARKER_FILE, OUTPUT_MARKER_TEXT } from './output-folder';

/** The tag in the names of what a write puts next to the output folder while it runs. */
const TAG = 'cdk8s-platform';

/** The paths next to the output folder `target` that a write uses. */
function siblings(target: string): { parent: string; base: string; lock: string; staging: string; previous: string } {
  const parent = path.dirname(target);
  const base = path.basename(target);
  const id = crypto.randomBytes(6).toString('hex');
  return {
    parent,
    base,
    lock: path.join(parent, `.${base}.${TAG}-lock`),
    staging: path.join(parent, `.${base}.${TAG}-staging-${id}`),
    previous: path.join(parent, `.${base}.${TAG}-previous-${id}`),
  };
}

/**
 * What the entry `name` next to the output folder `base` is, if a write made it: a staging folder, a previous
 * output, a lock file being created, or a folder an earlier version of this library left
 * (`.<base>.staging-XXXXXX[.previous]`).
 */
function leftoverKind(name: string, base: string): 'staging' | 'previous' | 'lock' | 'legacy' | undefined {
  const prefix = `.${base}.`;
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  if (/^cdk8s-platform-staging-[0-9a-f]{12}$/.test(rest)) return 'staging';
  if (/^cdk8s-platform-previous-[0-9a-f]{12}$/.test(rest)) return 'previous';
  if (/^cdk8s-platform-lock-[0-9a-f]{12}$/.test(rest)) return 'lock';
  if (/^staging-[A-Za-z0-9]{6}(\.previous)?$/.test(rest)) return 'legacy';
  return undefined;
}

/**
 * Writes a folder of files so that it replaces `outdir` as a whole, all at once, and returns warnings (leftovers it
 * could not remove).
 *
 * The steps, each a single file system call or a sequence that is invisible until the next one:
 *
 * 1. `outdir` is checked (`checkOutputFolder()`): synth replaces only a folder it wrote, never the project.
 * 2. A lock file next to it (`.<name>.cdk8s-platform-lock`) is created, so that two writes never overlap.
 * 3. What an interrupted write left next to it is cleared: if `outdir` is missing and a previous output was moved
 *    aside, it is renamed back first; then every staging folder and previous output is deleted.
 * 4. The new output is written in full to a new staging folder next to `outdir` (never inside it), marker file
 *    first. On any error the staging folder is deleted and the error is thrown: `outdir` has not changed.
 * 5. Swap: `outdir` is renamed to `.<name>.cdk8s-platform-previous-<id>`, then the staging folder to `outdir`.
 * 6. The previous output is deleted (from 1,000 files, by a detached process the write does not wait for), and the
 *    lock file.
 *
 * A reader sees the old output until step 5 and the new one after it. Between its two renames (two consecutive
 * system calls, with nothing in between) `outdir` does not exist: POSIX has no call that replaces a non-empty
 * folder (Linux's `renameat2(RENAME_EXCHANGE)` does, but Node.js does not expose it). A write killed exactly there
 * leaves the previous output in place next to it, and the next write (step 3) puts it back before anything else.
 *
 * @param outdir the folder to write
 * @param files file contents by path relative to `outdir` (with `/` separators): a Map, or any iterable of pairs
 *   (read once; each file is written as it is reached, so a generator need not hold every file in memory)
 * @returns warnings: leftovers of this or an earlier write that could not be removed
 * @throws PlatformError when `outdir` is refused, another write holds the lock, or a file cannot be written (the
 *   output is then unchanged)
 */
export function writeFolderAtomically(outdir: string, files: Iterable<readonly [string, string]>): string[] {
  return writeOutput(outdir, files);
}

/**
 * Replaces some sub-folders of `outdir` and keeps everything else in it, all at once: the new output is the
 * sub-folders given plus the other entries of the current `outdir` (hard links to its files, or copies where the file
 * system has no links), written and swapped in exactly as `writeFolderAtomically()` does.
 *
 * @param outdir the folder holding the sub-folders (created if missing)
 * @param folders the files of each sub-folder, by the sub-folder's name (one path segment), each by path relative
 * to that sub-folder (with `/` separators)
 * @returns warnings: leftovers of this or an earlier write that could not be removed
 * @throws PlatformError as `writeFolderAtomically()` does, and when a name is not one path segment
 */
export function replaceSubfoldersAtomically(outdir: string, folders: ReadonlyMap<string, Iterable<readonly [string, string]>>): string[] {
  for (const name of folders.keys()) {
    if (!name || name === '.' || name === '..' || /[\\/]/.test(name) || name === OUTPUT_MARKER_FILE) {
      throw new PlatformError(`"${name}" is not a sub-folder name; allowed: one path segment, not "." or ".."`);
    }
  }
  const files = function* prefixed(): Generator<readonly [string, string]> {
    for (const [name, entries] of folders) {
      for (const [rel, content] of entries) {
        const joined = path.posix.join(name, rel);
        if (!joined.startsWith(`${name}/`)) {
          throw new PlatformError(`The output file ${JSON.stringify(rel)} would be written outside its folder "${path.join(outdir, name)}".`);
        }
        yield [joined, content];
      }
    }
  };
  return writeOutput(outdir, files(), new Set(folders.keys()));
}

/** The one write path of both functions above; `replaced`: the top-level entries replaced, the others kept. */
function writeOutput(outdir: string, files: Iterable<readonly [string, string]>, replaced?: ReadonlySet<string>): string[] {
  const target = checkOutputFolder(outdir);
  const paths = siblings(target);
  try {
    fs.mkdirSync(paths.parent, { recursive: true });
  } catch (e) {
    throw new PlatformError(`Cannot create the folder of the output folder "${outdir}": ${fsErrorReason(e)}.`);
  }
  const unlock = lock(paths.lock, outdir);
  const warnings: string[] = [];
  let fileCount = 0;
  try {
    recover(target, paths.parent, paths.base, warnings);
    checkOutputFolder(outdir);
    fs.mkdirSync(paths.staging);
    fs.writeFileSync(path.join(paths.staging, OUTPUT_MARKER_FILE), OUTPUT_MARKER_TEXT);
    fileCount = writeFiles(paths.staging, files, outdir);
    if (replaced && exists(target)) fileCount += carryOver(target, paths.staging, replaced);
    checkCommandAlive(outdir);
    swap(target, paths.staging, paths.previous);
  } catch (e) {
    removeQuietly(paths.staging);
    unlock();
    throw outputError(e, outdir, paths.staging);
  }
  // The previous output is about as large as the new one.
  if (fileCount >= BACKGROUND_REMOVAL_FROM) removeInBackground(paths.previous, warnings);
  else remove(paths.previous, warnings);
  unlock();
  return warnings;
}

/**
 * From how many files the previous output is deleted by a process of its own, which the write does not wait for:
 * deleting files is mostly waiting for the file system (21,900 files took 3 s on an idle benchmark machine, 0.6 s of
 * it CPU; a minute on a busy one), and nothing needs the previous output once the new one is in place. Below it,
 * deleting here costs less than starting a process.
 */
const BACKGROUND_REMOVAL_FROM = 1000;

/**
 * Step 6 for a large output: deletes `folder` with `rm -rf` in a detached process (a program, not JavaScript: nothing
 * is compiled from a string), so that the write returns at once; a folder it has not finished when the next write
 * starts is deleted by that write (step 3). On Windows, which has no `rm`, and if the process cannot be started, the
 * folder is deleted here.
 */
function removeInBackground(folder: string, warnings: string[]): void {
  if (process.platform === 'win32') {
    remove(folder, warnings);
    return;
  }
  try {
    const child = spawn('rm', ['-rf', '--', folder], { detached: true, stdio: 'ignore', env: process.env });
    // An `rm` that cannot be found fails after the write has returned: the next write deletes the folder (step 3).
    child.on('error', () => undefined);
    child.unref();
  } catch {
    remove(folder, warnings);
  }
}

/**
 * Step 2: creates the lock file, holding this process's id, or throws when a live process holds it. The file is
 * written under another name and linked into place, so the lock never exists without its process id.
 *
 * @returns what releases it
 */
function lock(file: string, outdir: string): () => void {
  for (let attempt = 0; ; attempt++) {
    try {
      createWithContent(file, `${process.pid}\n`);
      return () => {
        try {
          fs.rmSync(file, { force: true });
        } catch {
          // a lock left behind is taken over by the next write: its process is gone
        }
      };
    } catch (e) {
      if (fsErrorCode(e) !== 'EEXIST' || attempt > 0) {
        throw new PlatformError(`Cannot lock the output folder "${outdir}" (${file}): ${fsErrorReason(e)}.`);
      }
      const holder = lockHolder(file);
      if (holder !== undefined) {
        throw new PlatformError(`Another synth (${holder > 0 ? `process ${holder}` : 'starting right now'}) is writing the output folder "${outdir}": ` +
          `wait for it to finish. If none is running, delete ${file}.`);
      }
      fs.rmSync(file, { force: true });
    }
  }
}

/** The errors of `link()` on a file system without hard links. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** Creates `file` with `content`, or throws EEXIST when it exists: by a hard link where the file system has them. */
function createWithContent(file: string, content: string): void {
  const temporary = `${file}-${crypto.randomBytes(6).toString('hex')}`;
  fs.writeFileSync(temporary, content);
  let linked = false;
  try {
    fs.linkSync(temporary, file);
    linked = true;
  } catch (e) {
    if (!NO_HARD_LINKS.has(fsErrorCode(e) ?? '')) throw e;
  } finally {
    removeQuietly(temporary);
  }
  if (linked) return;
  // No hard links here: an exclusive create, then the content (a lock briefly empty).
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
}

/** The live process that holds the lock file (0: one that is creating it), or undefined when it is stale. */
function lockHolder(file: string): number | undefined {
  let text: string;
  let age: number;
  try {
    text = fs.readFileSync(file, 'utf8');
    age = Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const pid = Number(text.trim());
  // An empty lock: a write creating it without hard links, unless it was killed right then, a while ago.
  if (!Number.isInteger(pid) || pid <= 0) return age < 10_000 ? 0 : undefined;
  // Writes are synchronous: a lock of this very process is left from a write that cannot be running any more.
  return pid !== process.pid && isAlive(pid) ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return fsErrorCode(e) === 'EPERM';
  }
}

/** Step 3: puts back a previous output an interrupted swap left, and deletes the other leftovers. */
function recover(target: string, parent: string, base: string, warnings: string[]): void {
  let leftovers = fs.readdirSync(parent).filter((n) => leftoverKind(n, base) !== undefined).map((n) => path.join(parent, n));
  if (!exists(target)) {
    const previous = leftovers.filter((p) => leftoverKind(path.basename(p), base) === 'previous')
      .sort((a, b) => modifiedAt(b) - modifiedAt(a));
    if (previous.length > 0) {
      fs.renameSync(previous[0], target);
      leftovers = leftovers.filter((p) => p !== previous[0]);
    }
  }
  for (const leftover of leftovers) remove(leftover, warnings);
}

/**
 * Step 4: writes every file below `staging`, refusing paths outside it and a path used twice or as file and folder.
 * Each folder is made once, before its first file. Files are written one after the other by this thread: a second
 * thread writing half of them gained nothing measurable on two cores (BENCHMARKS.md, "Output I/O").
 *
 * @returns how many files it wrote
 */
function writeFiles(staging: string, files: Iterable<readonly [string, string]>, outdir: string): number {
  const fileKeys = new Set<string>([OUTPUT_MARKER_FILE]);
  const folderKeys = new Set<string>();
  const made = new Set<string>();
  for (const [rel, content] of files) {
    const { file, key } = outputPath(staging, rel, outdir);
    if (fileKeys.has(key) || folderKeys.has(key)) throw new PlatformError(`The output file "${key}" is written twice, or where a folder of other output files goes.`);
    fileKeys.add(key);
    for (let slash = key.indexOf('/'); slash !== -1; slash = key.indexOf('/', slash + 1)) {
      const folder = key.slice(0, slash);
      if (fileKeys.has(folder)) throw new PlatformError(`The output file "${key}" needs a folder where the output file "${folder}" goes.`);
      folderKeys.add(folder);
    }
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    try {
      fs.writeFileSync(file, content);
    } catch (e) {
      // Errors of writing (ENOSPC) name no file: name it.
      if (e && !(e as NodeJS.ErrnoException).path) (e as NodeJS.ErrnoException).path = file;
      throw e;
    }
  }
  return fileKeys.size;
}

/**
 * Step 4, when some sub-folders are replaced: links every other entry of the current output into the staging folder.
 *
 * @returns how many files it linked (or copied)
 */
function carryOver(target: string, staging: string, replaced: ReadonlySet<string>): number {
  let count = 0;
  for (const name of fs.readdirSync(target)) {
    // An earlier version's staging folder inside the output is never carried over.
    if (replaced.has(name) || name === OUTPUT_MARKER_FILE || /^\.staging-[A-Za-z0-9]{6}$/.test(name)) continue;
    count += linkTree(path.join(target, name), path.join(staging, name));
  }
  return count;
}

/**
 * Recreates `from` at `to`: folders as folders, files as hard links (copies where links fail), links as links.
 *
 * @returns how many files and links it recreated
 */
function linkTree(from: string, to: string): number {
  const stat = fs.lstatSync(from);
  if (stat.isDirectory()) {
    fs.mkdirSync(to);
    let count = 0;
    for (const name of fs.readdirSync(from)) count += linkTree(path.join(from, name), path.join(to, name));
    return count;
  } else if (stat.isFile()) {
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  } else if (stat.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(from), to);
  } else {
    throw new PlatformError(`The output folder holds "${from}", which is neither a file, a folder nor a link: remove it.`);
  }
  return 1;
}

/** Before step 5: an app whose `cdk8s-platform synth` is gone (killed) must not change the output. */
function checkCommandAlive(outdir: string): void {
  const pid = Number(process.env[CLI_PID_VARIABLE]);
  if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) {
    throw new PlatformError(`The cdk8s-platform command that started this synth (process ${pid}) has exited, so the output folder "${outdir}" is left as it was.`);
  }
}

/** Step 5: the two renames; if the second fails, the first is undone. */
function swap(target: string, staging: string, previous: string): void {
  const hadOutput = exists(target);
  if (hadOutput) fs.renameSync(target, previous);
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    if (hadOutput) fs.renameSync(previous, target);
    throw e;
  }
}

/** Deletes a leftover (folder or file); a failure becomes a warning, and the next write tries again. */
function remove(leftover: string, warnings: string[]): void {
  try {
    if (!exists(leftover)) return;
    fs.rmSync(leftover, { recursive: true, force: true });
  } catch (e) {
    warnings.push(`could not remove ${leftover}, left by writing the output: ${fsErrorReason(e)}. The next synth tries again; or remove it by hand.`);
  }
}

/** Deletes a file or folder the write made, if it can; what it cannot, the next write removes (step 3). */
function removeQuietly(made: string): void {
  try {
    fs.rmSync(made, { recursive: true, force: true });
  } catch {
    // left for the next write
  }
}

/** A write error as one clear message: what failed, where in the output, and that the output is unchanged. */
function outputError(e: unknown, outdir: string, staging: string): PlatformError {
  if (PlatformError.isPlatformError(e)) return e;
  const at = (e as NodeJS.ErrnoException).path;
  if (fsErrorCode(e) === 'EBUSY' && typeof at === 'string' && path.resolve(at) === path.resolve(outdir)) {
    return new PlatformError(`Cannot write the output folder "${outdir}": it is a mount point (EBUSY): synth replaces the output folder itself, ` +
      'so choose a folder inside it. The output folder is unchanged.');
  }
  const where = typeof at === 'string' && at.startsWith(staging)
    ? ` (at ${path.join(outdir, path.relative(staging, at))})` : typeof at === 'string' ? ` (at ${at})` : '';
  return new PlatformError(`Cannot write the output folder "${outdir}": ${fsErrorReason(e)}${where}. The output folder is unchanged.`);
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function modifiedAt(p: string): number {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
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
 * @throws PlatformError if the file would be outside `root`, or would be `root` itself
 */
function outputPath(root: string, rel: string, shown: string): { file: string; key: string } {
  const prefix = root + path.sep;
  // The common case, without join()'s normalization: plain names separated by single slashes.
  if (SIMPLE_PATH.test(rel)) return { file: prefix + (path.sep === '/' ? rel : rel.split('/').join(path.sep)), key: rel };
  const file = path.join(root, ...rel.split('/'));
  if (!file.startsWith(prefix)) throw new PlatformError(`The output file ${JSON.stringify(rel)} would be written outside the output folder "${shown}".`);
  return { file, key: file.slice(prefix.length).split(path.sep).join('/') };
}
