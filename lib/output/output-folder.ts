import * as fs from 'fs';
import * as path from 'path';
import { fsErrorCode, fsErrorReason } from '../core/_fs-error';
import { PlatformError } from '../core/errors';

/**
 * The file synth writes at the top of every output folder. Synth replaces a folder only when it holds this file (or
 * is empty), so it never deletes a folder it did not write.
 */
export const OUTPUT_MARKER_FILE = '.cdk8s-platform-output';

/** What the marker file says. The same bytes every time, so that it never shows as a change in Git. @internal */
export const OUTPUT_MARKER_TEXT =
  'This folder is written by cdk8s-platform synth, which replaces it as a whole at every synth: keep nothing else in it.\n' +
  'Synth replaces a folder only when it holds this file (or is empty): delete this file and synth refuses to touch the folder.\n';

/** The files that mark a folder as a project: the output folder may be inside it, never it or above it. */
const PROJECT_FILES = ['package.json', 'cdk8s.yaml', '.git'];

/**
 * The folders an output folder must never be, nor hold: the working folder, the folder of the app's entry script,
 * and the project around the working folder (the nearest folder above it, itself included, with a `package.json`,
 * `cdk8s.yaml` or `.git`).
 *
 * @internal
 */
export function protectedFolders(cwd: string = process.cwd()): string[] {
  const folders = [cwd];
  const main = require.main?.filename;
  if (main) folders.push(path.dirname(main));
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (PROJECT_FILES.some((f) => fs.existsSync(path.join(dir, f)))) {
      folders.push(dir);
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  return [...new Set(folders.map(realPath))];
}

/** `p` with symbolic links resolved as far as it exists, the rest as given. */
function realPath(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  for (let dir = abs; ; dir = path.dirname(dir)) {
    try {
      return path.join(fs.realpathSync(dir), ...rest.reverse());
    } catch {
      if (path.dirname(dir) === dir) return abs;
      rest.push(path.basename(dir));
    }
  }
}

/** `inner` is `outer` or below it. */
function isSameOrInside(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : `${outer}${path.sep}`);
}

/** Where `checkOutputFolder()` resolves the output folder from, and what it protects. */
export interface OutputFolderCheckOptions {
  /**
   * The folder a relative output folder is resolved from.
   *
   * @default the process's working folder
   */
  readonly cwd?: string;

  /**
   * The folders the output folder must neither be nor hold.
   *
   * @default the working folder, the folder of the app's entry script, and the project around the working folder
   * (the nearest folder above it, itself included, with a package.json, cdk8s.yaml or .git)
   */
  readonly protect?: readonly string[];
}

/**
 * Checks that synth may replace the folder `outdir` as a whole, before anything is rendered or written, and returns
 * its absolute path.
 *
 * Refused, each with a message that says why and what to do: an empty path; the root of the file system; the
 * working folder, the app's folder or the project, or a folder above any of them; a path that is a file or a
 * symbolic link; and an existing folder that synth did not write (it holds files but no `OUTPUT_MARKER_FILE`). A
 * folder that does not exist, or is empty, is fine.
 *
 * @param outdir the output folder, relative to `options.cwd` or absolute
 * @throws PlatformError when the folder is refused
 */
export function checkOutputFolder(outdir: string, options: OutputFolderCheckOptions = {}): string {
  const allowed = 'a folder inside the project that synth writes alone, such as "dist"';
  if (typeof outdir !== 'string' || outdir.trim() === '') {
    throw new PlatformError(`The output folder received ${JSON.stringify(outdir)}; allowed: ${allowed}.`);
  }
  const cwd = options.cwd ?? process.cwd();
  const protect = options.protect ?? protectedFolders(cwd);
  const abs = path.resolve(cwd, outdir);
  const real = realPath(abs);
  const shown = JSON.stringify(outdir);
  if (path.parse(real).root === real) {
    throw new PlatformError(`The output folder ${shown} is the root of the file system; allowed: ${allowed}. Synth replaces its output folder as a whole.`);
  }
  for (const folder of protect.map(realPath)) {
    if (isSameOrInside(folder, real)) {
      const what = folder === real ? 'is' : 'holds';
      throw new PlatformError(`The output folder ${shown} ${what} the project or the app (${folder}); allowed: ${allowed}. ` +
        'Synth replaces its output folder as a whole, so it would delete them.');
    }
  }
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(abs);
  } catch (e) {
    if (fsErrorCode(e) === 'ENOENT') return abs;
    throw new PlatformError(`The output folder ${shown} cannot be used: ${fsErrorReason(e)}.`);
  }
  if (stat.isSymbolicLink()) {
    throw new PlatformError(`The output folder ${shown} is a symbolic link; allowed: a real folder (give the path it points to, ${JSON.stringify(fs.readlinkSync(abs))}).`);
  }
  if (!stat.isDirectory()) {
    throw new PlatformError(`The output folder ${shown} is a file, not a folder; allowed: ${allowed}. Synth does not replace files.`);
  }
  if (!isOurs(abs)) {
    throw new PlatformError(`The output folder ${shown} exists and was not written by cdk8s-platform synth (it has no ${OUTPUT_MARKER_FILE} file), ` +
      'so synth will not replace it: that would delete everything in it. Choose another folder, or, if it is the output of an ' +
      'earlier version of cdk8s-platform, delete it once.');
  }
  return abs;
}

/** Whether synth may replace the existing folder `dir`: it is empty, or holds the marker file. */
function isOurs(dir: string): boolean {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (e) {
    throw new PlatformError(`The output folder "${dir}" cannot be read: ${fsErrorReason(e)}.`);
  }
  if (entries.length === 0) return true;
  try {
    return fs.lstatSync(path.join(dir, OUTPUT_MARKER_FILE)).isFile();
  } catch {
    return false;
  }
}
