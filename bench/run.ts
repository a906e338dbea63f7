// `npm run bench`: runs every variant for every N, each run in a fresh process (5 runs, or `--runs=<k>`), and
// reports wall-clock medians. `npm run bench:quick` (`--quick`): N = 100 and 1000, one run each, for a fast look.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { scratch, VariantResult } from './_measure';

interface Run {
  readonly n: number;
  readonly objects: number;
  readonly ours_ms: number;
  readonly plus_ms: number;
  readonly floor_ms: number;
  readonly ours_rss_mb: number;
  /** The objects `plus` writes, when they differ in number from `ours`. */
  readonly plus_objects: number;
}

const quick = process.argv.includes('--quick');
const sizes = quick ? [100, 1000] : [100, 1000, 3000];
const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const repeats = runsArg ? Number(runsArg.slice('--runs='.length)) : quick ? 1 : 5;
if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--runs= needs a positive integer, got ${runsArg}`);

/**
 * Waits until no previous output is being deleted in the background in `work` (a synth deletes a large previous
 * output after it returns), so that the deletion does not slow down the next run.
 */
function waitForBackgroundRemovals(): void {
  const deadline = Date.now() + 120_000;
  const pending = (): boolean => fs.readdirSync(work).some((n) => n.includes('.cdk8s-platform-previous-'));
  while (pending() && Date.now() < deadline) spawnSync('sleep', ['0.1']);
}

/** Runs one variant in a fresh Node.js process with the same TypeScript loader as this one. */
function runVariant(script: string, args: string[]): VariantResult {
  // Dirty pages of the previous run are flushed first, so that their write-back does not slow this one down.
  waitForBackgroundRemovals();
  spawnSync('sync');
  const result = spawnSync(process.execPath, [...process.execArgv, path.join(__dirname, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${script} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  }
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as VariantResult;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (x: number): number => Math.round(x);
const work = scratch('run');
const runs: Run[] = [];
try {
  for (const n of sizes) {
    const dirs = { ours: path.join(work, `ours-${n}`), plus: path.join(work, `plus-${n}`), floor: path.join(work, `floor-${n}`) };
    const ours: VariantResult[] = [];
    const plus: VariantResult[] = [];
    const floor: VariantResult[] = [];
    for (let r = 0; r < repeats; r++) {
      ours.push(runVariant('ours.ts', [String(n), dirs.ours]));
      floor.push(runVariant('floor.ts', [dirs.ours, dirs.floor]));
      plus.push(runVariant('plus.ts', [String(n), dirs.plus]));
      const show = (x: VariantResult): string => `${round(x.ms)} ms (cpu ${round(x.cpuMs)})`;
      process.stderr.write(`  n=${n} run ${r + 1}/${repeats}: ours ${show(ours[r])}, floor ${show(floor[r])}, plus ${show(plus[r])}\n`);
    }
    if (floor[0].objects !== ours[0].objects) {
      throw new Error(`floor read ${floor[0].objects} objects from ours' output, but ours made ${ours[0].objects}`);
    }
    runs.push({
      n,
      objects: ours[0].objects,
      ours_ms: round(median(ours.map((x) => x.ms))),
      plus_ms: round(median(plus.map((x) => x.ms))),
      floor_ms: round(median(floor.map((x) => x.ms))),
      ours_rss_mb: round(Math.max(...ours.map((x) => x.rssMb))),
      plus_objects: plus[0].objects,
    });
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const rows = [['n', 'objects', 'ours ms', 'plus ms', 'floor ms', 'ours RSS MB', 'plus/ours', 'ours/floor']];
for (const r of runs) {
  rows.push([r.n, r.objects, r.ours_ms, r.plus_ms, r.floor_ms, r.ours_rss_mb, (r.plus_ms / r.ours_ms).toFixed(2), (r.ours_ms / r.floor_ms).toFixed(2)].map(String));
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i])).join('  '));

const at = (n: number): Run | undefined => runs.find((r) => r.n === n);
const [r1000, r3000] = [at(1000), at(3000)];
if (r1000 && r3000) {
  const checks: Array<[string, number, string, boolean]> = [
    ['ours(3000) / ours(1000)', r3000.ours_ms / r1000.ours_ms, '<= 3.3', r3000.ours_ms / r1000.ours_ms <= 3.3],
    ['ours(3000) / floor(3000)', r3000.ours_ms / r3000.floor_ms, '<= 2.5', r3000.ours_ms / r3000.floor_ms <= 2.5],
    ['plus(3000) / ours(3000)', r3000.plus_ms / r3000.ours_ms, '>= 4', r3000.plus_ms / r3000.ours_ms >= 4],
    ['ours RSS MB at 3000', r3000.ours_rss_mb, '<= 400', r3000.ours_rss_mb <= 400],
  ];
  console.log('');
  for (const [name, value, target, ok] of checks) console.log(`${ok ? 'ok  ' : 'MISS'}  ${name} = ${value.toFixed(2)} (target ${target})`);
}
if (!quick) {
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify({ runs }, null, 2)}\n`);
  console.log('\nwrote bench/results.json');
}
