// The one-service cold synth: the project `cdk8s-platform init` writes, installed from this repository's tarball,
// timed as its user runs it: `npm run synth` (npm, the command line, the app's Node process, its TypeScript loader,
// the library's load, the synth and the write), each run a fresh set of processes.
//
//   node -r @swc-node/register bench/cold.ts [--runs=<k>]      prints each run and the median
//
// The tarball is packed from the working tree (`npm pack`, which builds it) and installed with no network, as the
// package test does (test/package/_offline-install.ts); everything is written to a temporary folder, deleted at the end.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { npm, packLibrary, ROOT, writeOfflineLock } from '../test/package/_offline-install';
import { median } from './_measure';

/** What `measureColdSynth()` measured. */
export interface ColdSynthResult {
  /** The median of `runs_ms`. */
  readonly median_ms: number;
  /** Each timed run's wall-clock milliseconds, in order (the warm-up run excluded). */
  readonly runs_ms: number[];
}

/** The environment of the project's commands: not the one of an npm script or a CI running this. */
function projectEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name === 'CI' || name === 'NODE_OPTIONS' || name.startsWith('npm_') || name.startsWith('JEST_')) delete env[name];
  }
  return env;
}

/** Runs `npm run synth` in `dir` and returns its wall-clock milliseconds; throws with its output if it fails. */
function timedSynth(dir: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync('npm', ['run', 'synth', '--silent'], { cwd: dir, encoding: 'utf8', env: projectEnv() });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`npm run synth failed in ${dir} (${result.error ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  }
  return ms;
}

/**
 * Packs this repository, writes `init`'s project into a temporary folder, installs it offline from the npm cache,
 * then runs its `npm run synth` `runs` + 1 times: the first run (the file system's and npm's caches warming up) is
 * discarded. The temporary folder is deleted, whatever happens.
 *
 * @param options.runs the timed runs (a positive integer)
 * @param options.log where progress lines go; default: nowhere
 */
export async function measureColdSynth(options: { runs: number; log?: (line: string) => void }): Promise<ColdSynthResult> {
  const { runs } = options;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`measureColdSynth: runs received ${runs}; allowed: a positive integer`);
  const log = options.log ?? (() => undefined);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-platform-cold-'));
  try {
    log('cold synth: packing the library');
    const tarball = packLibrary(fs.mkdirSync(path.join(work, 'pack'), { recursive: true })!);
    const app = path.join(work, 'shop');
    fs.mkdirSync(app);
    log('cold synth: init and an offline install');
    const init = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk8s-platform.js'), 'init', '--from', tarball], { cwd: app, encoding: 'utf8', env: projectEnv() });
    if (init.status !== 0) throw new Error(`cdk8s-platform init failed in ${app}:\n${init.stdout}${init.stderr}`);
    writeOfflineLock(app);
    // Optional dependencies included: @swc/core's binary for this platform is one.
    npm(app, ['ci', '--offline', '--loglevel=error']);
    timedSynth(app);
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      runsMs.push(timedSynth(app));
      log(`cold synth: run ${i + 1}/${runs}: ${runsMs[i].toFixed(0)} ms`);
    }
    return { median_ms: median(runsMs), runs_ms: runsMs };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const flag = process.argv.slice(2).find((a) => a.startsWith('--runs='));
  const runs = flag === undefined ? 7 : Number(flag.slice('--runs='.length));
  measureColdSynth({ runs, log: (line) => process.stderr.write(`${line}\n`) }).then((result) => {
    process.stdout.write(`one-service cold synth (npm run synth of init's project): median ${result.median_ms.toFixed(0)} ms over ${result.runs_ms.length} runs\n`);
  }, (e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
