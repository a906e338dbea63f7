import * as fs from 'fs';
import * as path from 'path';

/** What the command line reads of this package's own package.json. */
export interface OwnManifest {
  readonly name: string;
  readonly version: string;
  readonly peerDependencies: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly devDependencies?: Record<string, string>;
}

/**
 * The folder of this package's own package.json: found by walking up from this file (lib/cli in the repository,
 * build/lib/cli in the installed package) to the first package.json named cdk8s-platform.
 */
export function ownPackageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).name === 'cdk8s-platform') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the package.json of cdk8s-platform above ${__dirname}`);
  }
}

/** This package's own package.json (in `ownPackageRoot()`), read when asked. */
export function ownManifest(): OwnManifest {
  return JSON.parse(fs.readFileSync(path.join(ownPackageRoot(), 'package.json'), 'utf8'));
}
