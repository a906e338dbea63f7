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
 * This package's own package.json, read when asked: found by walking up from this file (lib/cli in the repository,
 * build/lib/cli in the installed package) to the first package.json named cdk8s-platform.
 */
export function ownManifest(): OwnManifest {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (manifest.name === 'cdk8s-platform') return manifest;
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the package.json of cdk8s-platform above ${__dirname}`);
  }
}
