import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '../..');

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly [field: string]: unknown;
}

/** Flags that describe this repository's tree, not the new project's: npm recomputes them. */
const TREE_FLAGS = ['dev', 'optional', 'devOptional', 'peer'];

/** Runs npm in `cwd` and returns its standard output; on failure, throws with npm's output. */
export function npm(cwd: string, args: string[]): string {
  try {
    return execFileSync('npm', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
    });
  } catch (e: any) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/**
 * Packs this repository (`npm pack`, which builds it first) into `destination`.
 *
 * @returns the tarball's path
 */
export function packLibrary(destination: string): string {
  npm(ROOT, ['pack', '--pack-destination', destination, '--loglevel=error']);
  const tarballs = fs.readdirSync(destination).filter((f) => f.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`expected one tarball in ${destination}, found: ${tarballs.join(', ')}`);
  return path.join(destination, tarballs[0]);
}

/**
 * Writes a `package-lock.json` for the project in `dir`, taken from this repository's lock file, so that
 * `npm ci --offline` can install it: every registry package its `package.json` needs (dependencies, dev
 * dependencies, their dependencies and peer dependencies) at the version this repository locks, whose tarballs are
 * in the npm cache that `npm ci` filled here. A `file:` dependency on a tarball (the packed library) is locked
 * from the tarball itself, with its own dependencies; a `git+file://` one (a local clone of this repository) at its
 * HEAD commit, from the `package.json` committed there.
 *
 * Why a lock file: npm resolves a version range, and a package's peer dependencies, from the registry's package
 * document, and `npm ci` caches tarballs but not those documents, so `npm install --offline` fails with ENOTCACHED
 * even for exact versions. `npm ci` installs what a lock file says without asking the registry.
 */
export function writeOfflineLock(dir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const ours: Record<string, LockEntry> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')).packages;
  const direct: Record<string, string> = { ...manifest.dependencies, ...manifest.devDependencies };
  const root: Record<string, unknown> = {
    name: manifest.name,
    version: manifest.version,
    dependencies: manifest.dependencies,
    devDependencies: manifest.devDependencies,
  };
  const packages: Record<string, LockEntry> = {};

  // Node's module resolution, over the lock file's `node_modules/...` keys.
  const locate = (from: string, name: string): string | undefined => {
    let base = from;
    for (;;) {
      const key = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (ours[key]) return key;
      if (!base) return undefined;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  // Packages reached only through optional dependencies are marked `optional`, so `--omit=optional` skips them.
  const add = (from: string, name: string, required: boolean, optional: boolean): void => {
    const key = locate(from, name);
    if (!key) {
      if (required) throw new Error(`package-lock.json has no "${name}" reachable from "${from || 'the root'}"`);
      return;
    }
    if (packages[key] && (optional || !packages[key].optional)) return;
    const entry: Record<string, unknown> = { ...ours[key] };
    for (const flag of TREE_FLAGS) delete entry[flag];
    if (optional) entry.optional = true;
    packages[key] = entry as LockEntry;
    const e = ours[key];
    for (const dep of Object.keys(e.dependencies ?? {})) add(key, dep, true, optional);
    for (const dep of Object.keys(e.optionalDependencies ?? {})) add(key, dep, false, true);
    for (const dep of Object.keys(e.peerDependencies ?? {})) {
      const optionalPeer = e.peerDependenciesMeta?.[dep]?.optional === true;
      if (!optionalPeer) add(key, dep, true, optional);
    }
  };
  for (const [dep, spec] of Object.entries(direct)) {
    let packed: LockEntry;
    let source: Record<string, string>;
    if (spec.startsWith('file:')) {
      const tarball = path.resolve(dir, spec.slice('file:'.length));
      packed = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
      source = { resolved: spec, integrity: `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}` };
    } else if (spec.startsWith('git+file://')) {
      // A local Git repository: locked at its HEAD commit, as npm locks a Git dependency (no integrity).
      const repository = new URL(spec.slice('git+'.length)).pathname;
      packed = JSON.parse(execFileSync('git', ['-C', repository, 'show', 'HEAD:package.json'], { encoding: 'utf8' }));
      const commit = execFileSync('git', ['-C', repository, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
      source = { resolved: `${spec}#${commit}` };
    } else {
      add('', dep, true, false);
      continue;
    }
    const key = `node_modules/${dep}`;
    packages[key] = {
      version: packed.version,
      ...source,
      ...pick(packed, ['license', 'dependencies', 'bin', 'engines', 'peerDependencies', 'peerDependenciesMeta']),
    };
    for (const d of Object.keys(packed.dependencies ?? {})) add(key, d, true, false);
    for (const d of Object.keys(packed.peerDependencies ?? {})) {
      if (packed.peerDependenciesMeta?.[d]?.optional !== true) add(key, d, true, false);
    }
  }

  const sorted = Object.fromEntries(Object.keys(packages).sort().map((k) => [k, packages[k]]));
  fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': root, ...sorted },
  }, null, 2) + '\n');
}

function pick(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

/** The version of `name` this repository locks. */
export function lockedVersion(name: string): string {
  const ours = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')).packages;
  const entry = ours[`node_modules/${name}`];
  if (!entry) throw new Error(`package-lock.json has no "${name}"`);
  return entry.version;
}
