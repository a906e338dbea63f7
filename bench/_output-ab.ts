// An A/B measurement of the output machinery (issue 19): the same `ours` synth (bench/ours.ts) run from two or more
// checkouts of the library that differ only in how the output is written, interleaved (A B C A B C ...) so that a
// busy machine slows every variant alike. For each N and each variant, one run writes into an empty output folder
// (fresh, as CI on a new clone) and the next replaces that output (re-synth); both are timed by the synth itself
// (wall-clock and CPU of the process, as `npm run bench` reports them). After each run it also waits until no
// previous output is left beside the output folder (a variant may delete it in the background after the synth
// returns) and reports that time too, so that deferred work is seen.
//
// usage: node -r @swc-node/register bench/_output-ab.ts --runs=5 --n=100,3000 name=/checkout/a name=/checkout/b ...
// Each checkout holds `lib/`, `bench/` and `node_modules/` (a link to this repository's is enough). The output folders
// go to the OS temporary folder: TMPDIR=/dev/shm (a tmpfs) takes the disk, and other processes' use of it, out of the
// figures, leaving the CPU and kernel time a writer spends.
//
// With --writer, only the write is timed, in this one process, many times over: the files of a synth's output (made
// once by the first checkout's bench/ours.ts, their YAML parsed before timing), serialized again with the library's
// emitter as each checkout's `writeFolderAtomically()` writes them, as a synth does; the rest of a synth (loading
// TypeScript, defining and validating the platform) adds only noise to a difference of the writer.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { scratch, VariantResult } from './_measure';

const option = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const runs = Number(option('runs', '5'));
const sizes = option('n', '100,3000').split(',').map(Number);
const variants = process.argv.slice(2).filter((a) => !a.startsWith('--')).map((a) => {
  const [name, root] = a.split('=');
  if (!name || !root || !fs.existsSync(path.join(root, 'bench', 'ours.ts'))) throw new Error(`expected name=<checkout with bench/ours.ts>, got ${a}`);
  return { name, root: path.resolve(root) };
});
if (variants.length < 2 || !Number.isInteger(runs) || runs < 1 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  throw new Error('usage: _output-ab.ts [--runs=5] [--n=100,3000] a=<checkout> b=<checkout> ...');
}

/** Milliseconds until nothing of an earlier output is left beside `outdir` (at most a minute). */
function settle(outdir: string): number {
  const start = performance.now();
  const parent = path.dirname(outdir);
  const prefix = `.${path.basename(outdir)}.`;
  while (fs.readdirSync(parent).some((n) => n.startsWith(prefix) && !n.endsWith('-lock')) && performance.now() - start < 60_000) {
    spawnSync('sleep', ['0.02']);
  }
  return performance.now() - start;
}

/** One synth of `variant` into `outdir`: the synth's own figures, and how long deferred deletion took after it. */
function synth(root: string, n: number, outdir: string): VariantResult & { settleMs: number } {
  spawnSync('sync');
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join(root, 'bench', 'ours.ts'), String(n), outdir], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${root}: ours.ts ${n} failed (exit ${result.status}):\n${result.stderr}`);
  const measured = JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as VariantResult;
  return { ...measured, settleMs: settle(outdir) };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r = Math.round;

/** The output files of a synth of `n` services, YAML parsed, as pairs of path and content (text or documents). */
function outputOf(root: string, n: number): Array<[string, string | unknown[]]> {
  const dir = path.join(work, `source-${n}`);
  synth(root, n, dir);
  const { loadAll }: typeof import('js-yaml') = require('js-yaml');
  const list = (d: string, prefix: string): string[] => fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => e.isDirectory() ? list(path.join(d, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
  return list(dir, '').filter((rel) => rel !== '.cdk8s-platform-output').map((rel) => {
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    return [rel, rel.endsWith('.yaml') && !rel.endsWith('kustomization.yaml') ? loadAll(text) : text];
  });
}

/** --writer: each checkout's writer, alternating, in this process. */
function writerOnly(): void {
  type Writer = (outdir: string, files: Iterable<readonly [string, string]>) => string[];
  const writers = variants.map((v) => ({
    name: v.name,
    write: (require(path.join(v.root, 'lib', 'output', 'atomic-write')) as { writeFolderAtomically: Writer }).writeFolderAtomically,
  }));
  const { toYaml }: typeof import('../lib/output/yaml') = require(path.join(variants[0].root, 'lib', 'output', 'yaml'));
  for (const n of sizes) {
    const files = outputOf(variants[0].root, n);
    const serialized = function* each(): Generator<readonly [string, string]> {
      for (const [rel, content] of files) yield [rel, typeof content === 'string' ? content : toYaml(content as never)];
    };
    const seen = new Map(writers.map((w) => [w.name, { fresh: [] as number[], resynth: [] as number[], freshCpu: [] as number[], resynthCpu: [] as number[], settle: [] as number[] }]));
    /** Wall-clock and CPU milliseconds (this process, all threads) of `work`. */
    const timed = (work: () => void): { ms: number; cpuMs: number } => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      work();
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
    };
    for (let run = 0; run < runs; run++) {
      for (const w of writers.map((_, i) => writers[(i + run) % writers.length])) {
        const outdir = path.join(work, `${w.name}-${n}`);
        fs.rmSync(outdir, { recursive: true, force: true });
        spawnSync('sync');
        const fresh = timed(() => w.write(outdir, serialized()));
        spawnSync('sync');
        const again = timed(() => w.write(outdir, serialized()));
        const deferred = settle(outdir);
        const s = seen.get(w.name)!;
        s.fresh.push(fresh.ms);
        s.freshCpu.push(fresh.cpuMs);
        s.resynth.push(again.ms);
        s.resynthCpu.push(again.cpuMs);
        s.settle.push(deferred);
        process.stderr.write(`writer n=${n} run ${run + 1}/${runs} ${w.name}: fresh ${r(fresh.ms)} ms (cpu ${r(fresh.cpuMs)}), ` +
          `re-synth ${r(again.ms)} ms (cpu ${r(again.cpuMs)}), previous output gone ${r(deferred)} ms later\n`);
      }
    }
    for (const [name, s] of seen) {
      process.stdout.write(`writer n=${n} (${files.length} files) ${name}: fresh median ${r(median(s.fresh))} ms (cpu ${r(median(s.freshCpu))}), ` +
        `re-synth median ${r(median(s.resynth))} ms (cpu ${r(median(s.resynthCpu))}), ` +
        `deferred deletion median ${r(median(s.settle))} ms; fresh [${s.fresh.map(r).join(', ')}], re-synth [${s.resynth.map(r).join(', ')}]\n`);
    }
  }
}

const work = scratch('output-ab');
try {
  if (process.argv.includes('--writer')) writerOnly();
  else for (const n of sizes) {
    const seen = new Map(variants.map((v) => [v.name, { fresh: [] as number[], resynth: [] as number[], freshCpu: [] as number[], resynthCpu: [] as number[], settle: [] as number[] }]));
    for (let run = 0; run < runs; run++) {
      // Rotate the order each run, so that no variant always follows the same one.
      const order = variants.map((_, i) => variants[(i + run) % variants.length]);
      for (const v of order) {
        const outdir = path.join(work, `${v.name}-${n}`);
        fs.rmSync(outdir, { recursive: true, force: true });
        const fresh = synth(v.root, n, outdir);
        const again = synth(v.root, n, outdir);
        const s = seen.get(v.name)!;
        s.fresh.push(fresh.ms);
        s.freshCpu.push(fresh.cpuMs);
        s.resynth.push(again.ms);
        s.resynthCpu.push(again.cpuMs);
        s.settle.push(again.settleMs);
        process.stderr.write(`n=${n} run ${run + 1}/${runs} ${v.name}: fresh ${r(fresh.ms)} ms (cpu ${r(fresh.cpuMs)}), ` +
          `re-synth ${r(again.ms)} ms (cpu ${r(again.cpuMs)}), previous output gone ${r(again.settleMs)} ms later\n`);
      }
    }
    for (const [name, s] of seen) {
      process.stdout.write(`n=${n} ${name}: fresh median ${r(median(s.fresh))} ms (cpu ${r(median(s.freshCpu))}), ` +
        `re-synth median ${r(median(s.resynth))} ms (cpu ${r(median(s.resynthCpu))}), deferred deletion median ${r(median(s.settle))} ms; ` +
        `fresh [${s.fresh.map(r).join(', ')}], re-synth [${s.resynth.map(r).join(', ')}]\n`);
    }
  }
} finally {
  for (const v of variants) for (const n of sizes) settle(path.join(work, `${v.name}-${n}`));
  fs.rmSync(work, { recursive: true, force: true });
}
