import * as fs from 'fs';
import * as path from 'path';
import { PlatformError } from '../core/errors';
import { ownPackageRoot } from './_own-package';

/** The name this package is installed under. */
const PACKAGE = 'cdk8s-platform';

/** Whether `spec` is a dependency that npm does not take from the registry: a tarball, a folder, a Git URL, a link. */
export function isLocalOrGitSpec(spec: string): boolean {
  return /^(file:|link:|git(\+[a-z]+)?:|github:|gitlab:|bitbucket:|gist:|https?:|\.{0,2}\/|~\/)/.test(spec)
    || /^[^@/\s:]+\/[^/\s:]+(#.*)?$/.test(spec) // user/repo: a GitHub repository
    || /\.(tgz|tar\.gz|tar)$/.test(spec);
}

/** The path of a dependency on a tarball or folder (`file:x`, `link:x`, `./x`, `/x`, `x.tgz`), else `undefined`. */
function pathOf(spec: string): string | undefined {
  const m = /^(?:file:|link:)(.*)$/.exec(spec);
  if (m) return m[1];
  if (/^\.{0,2}\//.test(spec) || (/\.(tgz|tar\.gz|tar)$/.test(spec) && !/^[a-z+]+:/.test(spec))) return spec;
  return undefined;
}

/** `spec` as it reads from `projectDir`: a path relative to `from` as a `file:` path relative to `projectDir`; anything else as it is. */
function rebase(spec: string, from: string, projectDir: string): string {
  const file = pathOf(spec);
  if (file === undefined) return spec;
  const relative = path.relative(projectDir, path.resolve(from, file)).split(path.sep).join('/') || '.';
  return `${spec.startsWith('link:') ? 'link:' : 'file:'}${relative}`;
}

/** Reads a JSON file, or `undefined` when it is missing or not JSON. */
function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Where the running copy of this package came from, as a dependency spec for a project in `projectDir`: what the
 * project that installed it asked for (its `package.json`), else what npm resolved (its lock file or the hidden lock
 * file `node_modules/.package-lock.json`, as `npx` and `npm exec` leave them): a tarball (a `file:` path relative to
 * `projectDir`) or a Git URL. `undefined` when it came from the registry, or runs from a checkout of its repository.
 */
export function installSpec(projectDir: string): string | undefined {
  const root = ownPackageRoot();
  const parent = path.dirname(root);
  if (path.basename(parent) !== 'node_modules' || path.basename(root) !== PACKAGE) return undefined;
  const installRoot = path.dirname(parent);
  const asked = readJson(path.join(installRoot, 'package.json'));
  const askedSpec = asked?.dependencies?.[PACKAGE] ?? asked?.devDependencies?.[PACKAGE];
  if (typeof askedSpec === 'string' && isLocalOrGitSpec(askedSpec)) return rebase(askedSpec, installRoot, projectDir);
  for (const lock of ['package-lock.json', 'npm-shrinkwrap.json', path.join('node_modules', '.package-lock.json')]) {
    const resolved = readJson(path.join(installRoot, lock))?.packages?.[`node_modules/${PACKAGE}`]?.resolved;
    if (typeof resolved !== 'string') continue;
    if (pathOf(resolved) !== undefined) return rebase(resolved, installRoot, projectDir);
    // A Git dependency is locked at a commit: the project gets the repository, as it was asked for.
    if (/^git(\+[a-z]+)?:/.test(resolved)) return resolved.replace(/#[0-9a-f]{40}$/, '');
    return undefined;
  }
  return undefined;
}

/**
 * The dependency spec of `--from`, given in `cwd`: a tarball or folder path (a `file:` path relative to `projectDir`),
 * a Git URL, or a version range, as given.
 *
 * @throws PlatformError when it is empty, or a path to nothing
 */
export function fromOptionSpec(from: string, cwd: string, projectDir: string): string {
  const spec = from.trim();
  const allowed = 'allowed: a tarball made by `npm pack`, a Git URL or a version range of cdk8s-platform';
  if (spec === '') throw new PlatformError(`init: --from received ""; ${allowed}`);
  const file = pathOf(spec);
  if (file !== undefined && !fs.existsSync(path.resolve(cwd, file))) {
    throw new PlatformError(`init: --from received ${JSON.stringify(from)}, and ${path.resolve(cwd, file)} does not exist; ${allowed}`);
  }
  return rebase(spec, cwd, projectDir);
}
