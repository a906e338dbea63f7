import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { fsErrorReason } from '../core/_fs-error';
import { PlatformError } from '../core/errors';
import { initFiles, InitProject, mergePackageJson } from './_init-templates';
import { fromOptionSpec, installSpec, isLocalOrGitSpec } from './_install-source';
import { ownManifest } from './_own-package';
import { projectName } from './_project-name';
import type { CommandContext } from './command-context';

/**
 * The development tools a new app repo gets, at the versions this package is developed with: swc transpiles its
 * TypeScript for synth (`cdk8s-platform/register`) and jest (`@swc/jest`), and TypeScript type-checks it in `npm test`.
 */
const DEV_TOOLS = ['@swc/core', '@swc/jest', '@types/jest', '@types/node', 'jest', 'typescript'];

/** A caret range from a version or range: `2.70.106` → `^2.70.106`; ranges stay as they are. */
function caret(spec: string): string {
  return /^\d/.test(spec) ? `^${spec}` : spec;
}

/**
 * The dependencies of a new app repo: this package (as `dependency` says, else at its version from the registry), its
 * peers and the dev tools, as tested here.
 */
function projectDependencies(dependency: string | undefined): Pick<InitProject, 'dependencies' | 'devDependencies'> {
  const own = ownManifest();
  const tested = own.devDependencies ?? {};
  const dependencies: Record<string, string> = { [own.name]: dependency ?? `^${own.version}` };
  for (const [peer, range] of Object.entries(own.peerDependencies)) {
    if (own.peerDependenciesMeta?.[peer]?.optional === true) continue;
    dependencies[peer] = tested[peer] ? caret(tested[peer]) : range;
  }
  const devDependencies: Record<string, string> = {};
  for (const tool of DEV_TOOLS) {
    if (!tested[tool]) throw new Error(`cdk8s-platform's package.json has no devDependency "${tool}" to take the version from`);
    devDependencies[tool] = caret(tested[tool]);
  }
  return { dependencies, devDependencies };
}

/** What `scaffold()` does. */
export interface InitOptions {
  /**
   * The project's name (its npm name, stack id and namespace), made a DNS-1123 label: accents dropped, camel case
   * split, lower case, other characters as `-` (`My_App` → `my-app`).
   * @default the folder's name, made a DNS-1123 label the same way
   */
  readonly name?: string;
  /** Overwrite files that exist (regular files only: never a link, a folder or anything else). @default false: refuse, writing nothing */
  readonly force?: boolean;
  /**
   * Where the project takes cdk8s-platform from: a tarball or folder path (written as a `file:` path relative to the
   * project), a Git URL, or a version range.
   * @default how the running cdk8s-platform was installed: the tarball or Git URL it came from, else `^<its version>`
   * from the registry
   */
  readonly from?: string;
}

/**
 * Writes the files of a new app repo into `dir`: package.json, tsconfig.json, cdk8s.yaml, apps/main.ts with one
 * WebService, a jest config and a test with an assertion and a snapshot, and .gitignore.
 *
 * Every path is checked before anything is written, without following links: a file that exists (a link too, even
 * one to nothing) is refused unless `force` is set, and even then only a regular file is replaced; a link is never
 * written through nor replaced, and a folder on a file's path must be a real folder. Each file is then written to a
 * temporary file beside it and renamed over its path once all are written, so an interrupted init leaves no file
 * half-written (the next init removes the temporary files it left); if writing fails, the files and folders init
 * created are removed again.
 *
 * @returns the paths written, relative to `dir`
 * @throws PlatformError when no DNS-1123 label can be made of the name (see `projectName()`) or when a path cannot be written (naming each path,
 * what is there and what is allowed): nothing is written then; or when writing fails (naming the file and the
 * system's reason): nothing is left written then, but for files that `force` already replaced
 */
export function scaffold(dir: string, options: InitOptions = {}): string[] {
  const name = projectName(dir, options.name);
  const dependency = options.from !== undefined ? fromOptionSpec(options.from, dir, dir) : installSpec(dir);
  const files = initFiles({ name, ...projectDependencies(dependency) });
  if (options.force === true) mergeExistingPackageJson(dir, files);
  const plan = planFiles(dir, files, options.force === true);
  writePlan(dir, plan);
  return [...files.keys()];
}

/**
 * With `--force`, init's package.json merged into the project's regular file `package.json` (see
 * `mergePackageJson()`), so that its fields, scripts and dependencies stay; anything else there is left to the plan.
 */
function mergeExistingPackageJson(dir: string, files: Map<string, string>): void {
  const abs = path.join(dir, 'package.json');
  if (!lstatOrNothing(abs, 'package.json')?.isFile()) return;
  let existing: string;
  try {
    existing = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    throw new PlatformError(`init: cannot read package.json: ${fsErrorReason(e)}; nothing was written.`);
  }
  files.set('package.json', mergePackageJson(existing, files.get('package.json')!, isLocalOrGitSpec));
}

/** What init writes: the folders to create (parents first) and each file with what stands at its path now. */
interface InitPlan {
  readonly folders: string[];
  readonly files: Array<{ readonly file: string; readonly content: string; readonly replacedMode?: number }>;
}

/** What stands at `abs`, without following a link: `undefined` when nothing does. */
function lstatOrNothing(abs: string, rel: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PlatformError(`init: cannot read ${rel}: ${fsErrorReason(e)}; nothing was written.`);
  }
}

/** What `stat` is, in words: "a file", "a folder", "a symbolic link (to "x")", ... */
function whatIsAt(abs: string, stat: fs.Stats): string {
  if (stat.isSymbolicLink()) {
    let target = '';
    try {
      target = ` (to ${JSON.stringify(fs.readlinkSync(abs))}${fs.existsSync(abs) ? '' : ', which does not exist'})`;
    } catch {
      // The link's target is only shown when it can be read.
    }
    return `a symbolic link${target}`;
  }
  if (stat.isFile()) return 'a file';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

/**
 * Checks every path init would write below `dir` and returns what to do, or throws one PlatformError listing every
 * path that cannot be written. Nothing is changed.
 */
function planFiles(dir: string, files: ReadonlyMap<string, string>, force: boolean): InitPlan {
  // The project folder itself may be reached through a link (the shell's current folder often is).
  const top = lstatOrNothing(dir, dir);
  if (!top || !(top.isDirectory() || (top.isSymbolicLink() && fs.existsSync(dir) && fs.statSync(dir).isDirectory()))) {
    throw new PlatformError(`init: ${dir} is ${top ? whatIsAt(dir, top) : 'missing'}; allowed: a folder to create the project in.`);
  }
  const problems = new Map<string, string>();
  const folders: string[] = [];
  const checkedFolders = new Map<string, boolean>();
  const planned: Array<{ file: string; content: string; replacedMode?: number }> = [];
  for (const [file, content] of files) {
    // Each folder on the way, from the top: a real folder, or nothing (init creates it).
    const parts = file.split('/');
    let usable = true;
    for (let i = 1; i < parts.length && usable; i++) {
      const folder = parts.slice(0, i).join('/');
      if (!checkedFolders.has(folder)) {
        const abs = path.join(dir, ...parts.slice(0, i));
        const stat = lstatOrNothing(abs, folder);
        const ok = stat === undefined || stat.isDirectory();
        if (stat === undefined) folders.push(folder);
        if (!ok) {
          problems.set(folder, `found ${whatIsAt(abs, stat!)}; allowed: a folder, or nothing (init writes ${file} into it${stat!.isSymbolicLink() ? ', and never through a link' : ''})`);
        }
        checkedFolders.set(folder, ok);
      }
      usable = checkedFolders.get(folder)!;
    }
    if (!usable) continue;
    const abs = path.join(dir, ...parts);
    const stat = lstatOrNothing(abs, file);
    if (stat === undefined) {
      planned.push({ file, content });
    } else if (stat.isSymbolicLink()) {
      problems.set(file, `found ${whatIsAt(abs, stat)}; allowed: nothing, or a regular file${force ? '' : ' with --force'} (init never writes through a link nor replaces one: remove it first)`);
    } else if (!stat.isFile()) {
      problems.set(file, `found ${whatIsAt(abs, stat)}; allowed: nothing, or a regular file${force ? '' : ' with --force'}`);
    } else if (!force) {
      problems.set(file, 'found a file; allowed: nothing, or --force to overwrite it');
    } else {
      planned.push({ file, content, replacedMode: stat.mode & 0o7777 });
    }
  }
  if (problems.size > 0) {
    const lines = [...problems].map(([p, problem]) => `  - ${p}: ${problem}`);
    throw new PlatformError(`init: nothing was written in ${dir}:\n${lines.join('\n')}`);
  }
  return { folders, files: planned };
}

/**
 * Writes `plan`: creates its folders, writes each file to a temporary file beside it (created exclusively, so never
 * through a link) and, once all are written, renames each over its path. On failure, removes what it created.
 */
function writePlan(dir: string, plan: InitPlan): void {
  const createdFolders: string[] = [];
  const staged: Array<{ file: string; temp: string }> = [];
  const renamed: string[] = [];
  let step = '';
  try {
    for (const folder of plan.folders) {
      step = `create the folder ${folder}`;
      fs.mkdirSync(path.join(dir, ...folder.split('/')));
      createdFolders.push(folder);
    }
    for (const { file, content, replacedMode } of plan.files) {
      step = `write ${file}`;
      const abs = path.join(dir, ...file.split('/'));
      const temp = path.join(path.dirname(abs), `.${path.basename(abs)}${TEMP_INFIX}${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
      staged.push({ file, temp });
      writeNewFile(temp, content, replacedMode);
    }
    for (const { file, temp } of staged) {
      step = `write ${file}`;
      fs.renameSync(temp, path.join(dir, ...file.split('/')));
      renamed.push(file);
    }
  } catch (e) {
    const replaced = new Set(plan.files.filter((f) => f.replacedMode !== undefined).map((f) => f.file));
    for (const { temp } of staged) fs.rmSync(temp, { force: true });
    for (const file of renamed) if (!replaced.has(file)) fs.rmSync(path.join(dir, ...file.split('/')), { force: true });
    for (const folder of createdFolders.reverse()) {
      try {
        fs.rmdirSync(path.join(dir, ...folder.split('/')));
      } catch {
        // Not empty (something else wrote into it meanwhile): left as it is.
      }
    }
    const overwritten = renamed.filter((f) => replaced.has(f));
    const what = overwritten.length > 0 ? `only ${overwritten.join(', ')} (overwritten, as --force asked) were written` : 'nothing was written';
    throw new PlatformError(`init: cannot ${step} in ${dir}: ${fsErrorReason(e)}; ${what}.`);
  }
  try {
    removeLeftovers(dir, plan);
  } catch {
    // The project is written; a leftover temporary file that cannot be removed does no harm.
  }
}

/** What the temporary file of `x` is named: `.x.init-<pid>-<8 hex digits>.tmp`, beside it. */
const TEMP_INFIX = '.init-';
const TEMP_FILE = /^\.(.+)\.init-\d+-[0-9a-f]{8}\.tmp$/;

/** Removes the temporary files an interrupted init left beside the files of `plan` (regular files only). */
function removeLeftovers(dir: string, plan: InitPlan): void {
  const byFolder = new Map<string, Set<string>>();
  for (const { file } of plan.files) {
    const folder = path.dirname(path.join(dir, ...file.split('/')));
    if (!byFolder.has(folder)) byFolder.set(folder, new Set());
    byFolder.get(folder)!.add(path.basename(file));
  }
  for (const [folder, names] of byFolder) {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const m = TEMP_FILE.exec(entry.name);
      if (m && names.has(m[1]) && entry.isFile()) fs.rmSync(path.join(folder, entry.name), { force: true });
    }
  }
}

/** Writes `content` to a file that must not exist yet, with `mode` if given, and flushes it to disk. */
function writeNewFile(file: string, content: string, mode: number | undefined): void {
  const fd = fs.openSync(file, 'wx', mode ?? 0o666);
  try {
    fs.writeFileSync(fd, content);
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * `cdk8s-platform init [--name <name>] [--force]`: scaffolds a new app repo in the current folder.
 */
export function initCommand(context: CommandContext): Command {
  return new Command('init')
    .description('Scaffold a new app repo in the current folder: package.json, tsconfig.json, cdk8s.yaml, apps/main.ts with one WebService, and a jest test')
    .option('-n, --name <name>', 'the project name: npm name, stack id and namespace (default: the folder name)')
    .option('-f, --force', 'overwrite regular files that exist, never links or folders (by default init refuses and writes nothing); package.json is merged: its fields and dependencies stay')
    .option('--from <spec>', 'where the project takes cdk8s-platform from: a tarball path, a Git URL or a version range (default: where this cdk8s-platform was installed from)')
    .action((options: { name?: string; force?: boolean; from?: string }) => {
      const { io } = context;
      const written = scaffold(io.cwd, options);
      io.stdout(`Created ${written.join(', ')}.\n\nNext:\n  npm install\n  npm run synth   # writes dist/: commit it (Argo CD, Flux and diff --git read it from Git)\n  npm test        # type-checks, checks the stack and writes its first snapshot: commit it\n`);
    });
}
