import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { parse } from 'yaml';
import { PlatformError } from '../core/errors';
import { diffManifests, diffToJson, formatDiff, hasChanges } from '../diff/manifest-diff';
import { loadManifestFolder, loadManifestsFromGit } from '../diff/manifest-set';
import type { CommandContext } from './index';

/** The output folder of `cdk8s.yaml` in `cwd`, else `dist`. */
function defaultOutput(cwd: string): string {
  try {
    const config = parse(fs.readFileSync(path.join(cwd, 'cdk8s.yaml'), 'utf8')) as { output?: unknown } | null;
    if (typeof config?.output === 'string') return config.output;
  } catch {
    // no cdk8s.yaml: the default
  }
  return 'dist';
}

/**
 * `cdk8s-platform diff BEFORE AFTER` and `cdk8s-platform diff --git <ref> [AFTER]`: compares two folders of
 * manifests offline (no cluster), as `terraform plan -detailed-exitcode` does: exit code 0 when nothing changes, 2
 * when something does, 1 on error.
 */
export function diffCommand(context: CommandContext): Command {
  return new Command('diff')
    .description('Compare two folders of manifests offline: added, pruned and changed objects, field by field, with a warning on each immutable field change. Exit code 0: no change, 2: changes, 1: error')
    .argument('[before]', 'the folder of the previous manifests (e.g. a checkout of the last release); with --git: the folder to compare (default: output of cdk8s.yaml, else dist)')
    .argument('[after]', 'the folder of the new manifests (e.g. a fresh dist/)')
    .option('-g, --git <ref>', 'take the previous manifests from this Git revision (the same folder, at that commit), without a checkout')
    .option('--json', 'print the diff as JSON')
    .action((first: string | undefined, second: string | undefined, options: { git?: string; json?: boolean }) => {
      const { io } = context;
      const resolve = (p: string): string => path.resolve(io.cwd, p);
      let before;
      let after;
      if (options.git !== undefined) {
        if (second !== undefined) throw new PlatformError('with --git, give at most one folder (the new manifests); the previous ones come from the Git revision');
        const folder = resolve(first ?? defaultOutput(io.cwd));
        after = loadManifestFolder(folder);
        before = loadManifestsFromGit(options.git, folder);
      } else {
        if (first === undefined || second === undefined) {
          throw new PlatformError('give two folders (cdk8s-platform diff BEFORE AFTER), or a Git revision for the previous ones (cdk8s-platform diff --git <ref> [AFTER])');
        }
        before = loadManifestFolder(resolve(first));
        after = loadManifestFolder(resolve(second));
      }
      const diff = diffManifests(before, after);
      io.stdout(options.json ? `${JSON.stringify(diffToJson(diff), null, 2)}\n` : formatDiff(diff));
      context.setExitCode(hasChanges(diff) ? 2 : 0);
    });
}
