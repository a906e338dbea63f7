import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { PlatformError } from '../core/errors';
import { isDns1123Label } from '../core/names';
import { initFiles, InitProject } from './_init-templates';
import type { CommandContext } from './index';

/** The development tools a new app repo gets, at the versions this package is developed with. */
const DEV_TOOLS = ['@types/jest', '@types/node', 'jest', 'ts-jest', 'ts-node', 'typescript'];

/** This package's own package.json: found by walking up from this file (lib/cli in the repository, build/lib/cli in the package). */
function ownManifest(): { name: string; version: string; peerDependencies: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }>; devDependencies?: Record<string, string> } {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (manifest.name === 'cdk8s-platform') return manifest;
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the package.json of cdk8s-platform above ${__dirname}`);
  }
}

/** A caret range from a version or range: `2.70.106` → `^2.70.106`; ranges stay as they are. */
function caret(spec: string): string {
  return /^\d/.test(spec) ? `^${spec}` : spec;
}

/** The dependencies of a new app repo: this package at its version, its peers and the dev tools, as tested here. */
function projectDependencies(): Pick<InitProject, 'dependencies' | 'devDependencies'> {
  const own = ownManifest();
  const tested = own.devDependencies ?? {};
  const dependencies: Record<string, string> = { [own.name]: `^${own.version}` };
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

/** A project name from a folder name: lower case, runs of other characters as one '-', at most 63 characters. */
function nameFromFolder(folder: string): string {
  return path.basename(folder).toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 63).replace(/^-+|-+$/g, '');
}

/** What `scaffold()` does. */
export interface InitOptions {
  /** The project's name (its npm name, stack id and namespace). @default the folder's name, made a DNS-1123 label */
  readonly name?: string;
  /** Overwrite files that exist. @default false: refuse, writing nothing */
  readonly force?: boolean;
}

/**
 * Writes the files of a new app repo into `dir`: package.json, tsconfig.json, cdk8s.yaml, apps/main.ts with one
 * WebService, a jest config and a test with an assertion and a snapshot, and .gitignore.
 *
 * @returns the paths written, relative to `dir`
 * @throws PlatformError when the name is not a DNS-1123 label, or when files exist and `force` is not set (nothing
 * is written then)
 */
export function scaffold(dir: string, options: InitOptions = {}): string[] {
  const name = options.name ?? nameFromFolder(dir);
  const reasons = isDns1123Label(name);
  if (reasons.length > 0) {
    const source = options.name !== undefined ? '--name' : `the folder name "${path.basename(dir)}"`;
    throw new PlatformError(`init: ${source} gives the project name ${JSON.stringify(name)} (${reasons.join('; ')}); ` +
      'allowed: a DNS-1123 label (lower case letters, digits and "-"), it names the npm package, the stack and its namespace; pass --name');
  }
  const files = initFiles({ name, ...projectDependencies() });
  const existing = [...files.keys()].filter((f) => fs.existsSync(path.join(dir, f)));
  if (existing.length > 0 && options.force !== true) {
    throw new PlatformError(`init: ${existing.join(', ')} already exist(s) in ${dir}; nothing was written. Pass --force to overwrite.`);
  }
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return [...files.keys()];
}

/**
 * `cdk8s-platform init [--name <name>] [--force]`: scaffolds a new app repo in the current folder.
 */
export function initCommand(context: CommandContext): Command {
  return new Command('init')
    .description('Scaffold a new app repo in the current folder: package.json, tsconfig.json, cdk8s.yaml, apps/main.ts with one WebService, and a jest test')
    .option('-n, --name <name>', 'the project name: npm name, stack id and namespace (default: the folder name)')
    .option('-f, --force', 'overwrite files that exist (by default init refuses and writes nothing)')
    .action((options: { name?: string; force?: boolean }) => {
      const { io } = context;
      const written = scaffold(io.cwd, options);
      io.stdout(`Created ${written.join(', ')}.\n\nNext:\n  npm install\n  npm run synth   # writes dist/\n  npm test        # type-checks, checks the stack and writes its first snapshot: commit it\n`);
    });
}
