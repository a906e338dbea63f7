import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { parse } from 'yaml';
import { PlatformError } from '../core/errors';
import { diffManifests, diffToJson, formatDiff, hasChanges } from '../diff/manifest-diff';
import { loadManifestFolder, loadManifestsFromGit } from '../diff/manifest-set';
import { maxInputSizeOption } from './_input-options';
import type { CommandContext } from './command-context';

/** The output folder of `cdk8s.yaml` in `cwd` (a regular file of at most 1 MiB), else `dist`. */
function defaultOutput(cwd: string): string {
  try {
    const file = path.join(cwd, 'cdk8s.yaml');
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > 1024 * 1024) return 'dist';
    const config = parse(fs.readFileSync(file, 'utf8')) as { output?: unknown } | null;
    if (typeof config?.output === 'string') return config.output;
  } catch {
    // no cdk8s.yaml: the default
  }
  return 'dist';
}

/**
 * Whether the folder `folder` existed at the Git revision `ref` (which was checked already): `git cat-file -e
 * <ref>:./<folder>`, run from the nearest folder that exists, so that Git resolves the path from where it stands.
 */
function existsAtRevision(ref: string, folder: string): boolean {
  let cwd = folder;
  while (!fs.existsSync(cwd)) cwd = path.dirname(cwd);
  const relative = path.relative(cwd, folder).split(path.sep).join('/');
  return spawnSync('git', ['cat-file', '-e', `${ref}:./${relative}`], { cwd, stdio: 'ignore' }).status === 0;
}

/**
 * `cdk8s-platform diff BEFORE AFTER` and `cdk8s-platform diff --git <ref> [AFTER]`: compares two folders of
 * manifests offline (no cluster), as `terraform plan -detailed-exitcode` does: exit code 0 when nothing changes, 2
 * when something does, 1 on error. With `--git`, a folder that did not exist at the revision is an error (exit 1)
 * saying to commit the output, rather than every object reported as added.
 */
export function diffCommand(context: CommandContext): Command {
  return new Command('diff')
    .description('Compare two folders of manifests offline: added, pruned and changed objects, field by field, with a warning on each immutable field change. Exit code 0: no change, 2: changes, 1: error (with --git: also when the folder is not in Git at that revision)')
    .argument('[before]', 'the folder of the previous manifests (e.g. a checkout of the last release); with --git: the folder to compare (default: output of cdk8s.yaml, else dist)')
    .argument('[after]', 'the folder of the new manifests (e.g. a fresh dist/)')
    .option('-g, --git <ref>', 'take the previous manifests from this Git revision (the same folder, at that commit), without a checkout')
    .option('--json', 'print the diff as JSON')
    .addOption(maxInputSizeOption())
    .action((first: string | undefined, second: string | undefined, options: { git?: string; json?: boolean; maxInputSize: number }) => {
      const { io } = context;
      const reading = { maxInputSize: options.maxInputSize };
      const resolve = (p: string): string => path.resolve(io.cwd, p);
      let before;
      let after;
      if (options.git !== undefined) {
        if (second !== undefined) throw new PlatformError('with --git, give at most one folder (the new manifests); the previous ones come from the Git revision');
        const folder = resolve(first ?? defaultOutput(io.cwd));
        after = loadManifestFolder(folder, reading);
        before = loadManifestsFromGit(options.git, folder, reading);
        if (before.objects.size === 0 && !existsAtRevision(options.git, folder)) {
          const shown = `${path.relative(io.cwd, folder) || '.'}/`;
          throw new PlatformError(`${shown} does not exist at ${options.git}: commit the output (git add ${shown.slice(0, -1)}) so diff --git can compare against it; ` +
            'nothing was compared (exit code 1)');
        }
      } else {
        if (first === undefined || second === undefined) {
          throw new PlatformError('give two folders (cdk8s-platform diff BEFORE AFTER), or a Git revision for the previous ones (cdk8s-platform diff --git <ref> [AFTER])');
        }
        before = loadManifestFolder(resolve(first), reading);
        after = loadManifestFolder(resolve(second), reading);
      }
      const diff = diffManifests(before, after);
      io.stdout(options.json ? `${JSON.stringify(diffToJson(diff), null, 2)}\n` : formatDiff(diff));
      if (!options.json) {
        for (const set of [before, after]) {
          const linked = set.linkedFiles?.length ?? 0;
          if (linked > 0) io.stdout(`${linked} file(s) of ${set.source} read through symbolic links\n`);
        }
      }
      context.setExitCode(hasChanges(diff) ? 2 : 0);
    });
}
