// A with/without measurement of a change to the library, in one run: `node -r @swc-node/register bench/_ab.ts
// --base=<git revision> --paths=<file>,<file>... [--n=100,3000] [--runs=5]`.
//
// Variant A is the working tree's lib/ with the given paths as they are at the revision (a path absent there is left
// out); variant B is the working tree's lib/ as it is. Both are compiled to JavaScript with SWC (as the package ships
// compiled code) into a temporary folder, so neither pays for a TypeScript loader. For each N, each repeat runs in
// fresh processes, interleaved: A, B, plus (cdk8s-plus-27) and the floor (B's output written as bare YAML), then the
// order A/B is swapped on the next repeat. It prints the median wall-clock and CPU times of each, and of loading the
// library alone (`require()` of lib/index.js, measured in its own processes, interleaved the same way).
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { transformSync } from '@swc/core';
import { median, scratch, VariantResult } from './_measure';

const ROOT = path.join(__dirname, '..');

function option(name: string, fallback?: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg === undefined ? fallback : arg.slice(name.length + 3);
  if (value === undefined) throw new Error(`missing --${name}=`);
  return value;
}

const base = option('base');
const paths = option('paths').split(',').filter((p) => p !== '');
const sizes = option('n', '100,3000').split(',').map(Number);
const repeats = Number(option('runs', '5'));
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(repeats) || repeats < 1) {
  throw new Error('--n= takes positive integers separated by commas, --runs= a positive integer');
}

/** Compiles a TypeScript file to CommonJS JavaScript at `out`. */
function compile(source: string, out: string): void {
  const { code } = transformSync(source, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    filename: out,
  });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, code);
}

/** Every .ts file under `dir` (relative to ROOT). */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** The file at `rel` as it is at the base revision, or undefined if it is not there. */
function atBase(rel: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${base}:${rel}`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  } catch {
    return undefined;
  }
}

/** A variant's folder: lib/ and bench/ compiled, node_modules linked to ours. */
function build(dir: string, replaced: ReadonlyMap<string, string | undefined>): void {
  for (const rel of [...sources('lib'), ...sources('bench')]) {
    if (replaced.has(rel)) continue;
    compile(fs.readFileSync(path.join(ROOT, rel), 'utf8'), path.join(dir, rel.replace(/\.ts$/, '.js')));
  }
  for (const [rel, text] of replaced) if (text !== undefined) compile(text, path.join(dir, rel.replace(/\.ts$/, '.js')));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
}

function run(dir: string, script: string, args: string[]): VariantResult {
  spawnSync('sync');
  const result = spawnSync(process.execPath, [path.join(dir, 'bench', script), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${dir} ${script} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as VariantResult;
}

/** Wall-clock and CPU milliseconds to require() lib/index.js in a fresh process. */
function loadTime(dir: string): { ms: number; cpuMs: number } {
  const code = `const t = process.hrtime.bigint(), c = process.cpuUsage(); require(${JSON.stringify(path.join(dir, 'lib', 'index.js'))});` +
    'const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6, cpuMs: (u.user + u.system) / 1000 }));';
  const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loading ${dir} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as { ms: number; cpuMs: number };
}

const work = scratch('ab');
try {
  const dirs = { A: path.join(work, 'A'), B: path.join(work, 'B') };
  build(dirs.A, new Map(paths.map((p) => [p, atBase(p)])));
  build(dirs.B, new Map());
  const show = (xs: number[]): string => `${Math.round(median(xs))}`.padStart(6);

  const loads: Record<'A' | 'B', Array<{ ms: number; cpuMs: number }>> = { A: [], B: [] };
  for (let r = 0; r < repeats * 2; r++) {
    for (const v of r % 2 ? ['B', 'A'] as const : ['A', 'B'] as const) loads[v].push(loadTime(dirs[v]));
  }
  const load = (v: 'A' | 'B'): string => `${show(loads[v].map((x) => x.ms))} ms (cpu ${show(loads[v].map((x) => x.cpuMs))})`;
  process.stdout.write(`require(lib): A ${load('A')}, B ${load('B')} (medians of ${repeats * 2})\n`);

  for (const n of sizes) {
    const ms: Record<string, number[]> = { A: [], B: [], plus: [], floor: [] };
    const cpu: Record<string, number[]> = { A: [], B: [], plus: [], floor: [] };
    const note = (v: string, x: VariantResult): void => {
      ms[v].push(x.ms);
      cpu[v].push(x.cpuMs);
    };
    for (let r = 0; r < repeats; r++) {
      for (const v of r % 2 ? ['B', 'A'] as const : ['A', 'B'] as const) {
        note(v, run(dirs[v], 'ours.js', [String(n), path.join(work, `${v}-${n}`)]));
      }
      note('plus', run(dirs.B, 'plus.js', [String(n), path.join(work, `plus-${n}`)]));
      note('floor', run(dirs.B, 'floor.js', [path.join(work, `B-${n}`), path.join(work, `floor-${n}`)]));
      process.stderr.write(`  n=${n} run ${r + 1}/${repeats}: ${Object.keys(ms).map((v) => `${v} ${Math.round(ms[v][r])}`).join(', ')}\n`);
    }
    const line = Object.keys(ms).map((v) => `${v} ${show(ms[v])} ms (cpu ${show(cpu[v])})`).join(', ');
    const ratio = (v: string, w: string): string => (median(ms[v]) / median(ms[w])).toFixed(2);
    process.stdout.write(`n=${n}: ${line}; A/plus ${ratio('A', 'plus')}, B/plus ${ratio('B', 'plus')}, ` +
      `A/floor ${ratio('A', 'floor')}, B/floor ${ratio('B', 'floor')} (medians of ${repeats})\n`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
