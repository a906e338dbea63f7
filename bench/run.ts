// `npm run bench`: runs every variant for every N, each run in a fresh process (5 runs, or `--runs=<k>`), and
// reports wall-clock medians. `ours` and `floor` are timed in two modes: a synth into an empty output folder
// ("fresh", as CI on a fresh clone) and a re-synth over the previous output ("re-synth", as a developer's). Then the
// one-service cold synth (`bench/cold.ts`). `npm run bench:quick` (`--quick`): N = 100 and 1000, one run each,
// without the cold synth, for a fast look. Flags for a partial run (which prints the table but does not write
// bench/results.json): `--sizes=100,3000`, `--variants=ours,floor,plus,cold`, `--runs=<k>`.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { median, scratch, VariantResult } from './_measure';

/** One N's medians, as bench/results.json keeps them. Fields without a mode are the re-synth's. */
interface Run {
  readonly n: number;
  readonly objects: number;
  readonly ours_ms: number;
  readonly ours_fresh_ms: number;
  readonly plus_ms: number;
  readonly floor_ms: number;
  readonly floor_fresh_ms: number;
  readonly ours_rss_mb: number;
  readonly ours_fresh_rss_mb: number;
  /** The objects `plus` writes, when they differ in number from `ours`. */
  readonly plus_objects: number;
}

const SIZES = [100, 1000, 3000];
const VARIANTS = ['ours', 'floor', 'plus', 'cold'] as const;
type Variant = (typeof VARIANTS)[number];

/** The value of `--<name>=<value>`, if given. */
function flag(name: string): string | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3);
}

function parseArgs(): { quick: boolean; sizes: number[]; variants: Set<Variant>; repeats: number; complete: boolean } {
  const known = ['--quick', '--sizes=', '--variants=', '--runs='];
  const unknown = process.argv.slice(2).find((a) => !known.some((k) => (k.endsWith('=') ? a.startsWith(k) : a === k)));
  if (unknown) throw new Error(`unknown argument ${unknown}: allowed are --quick, --sizes=<n,...>, --variants=<${VARIANTS.join(',')}>, --runs=<k>`);
  const quick = process.argv.includes('--quick');

  const sizesArg = flag('sizes');
  const sizes = sizesArg === undefined ? (quick ? [100, 1000] : SIZES) : sizesArg.split(',').map((s) => s.trim());
  for (const n of sizes) {
    if (!/^[1-9][0-9]*$/.test(String(n))) throw new Error(`--sizes= takes positive integers separated by commas, got ${JSON.stringify(sizesArg)}`);
  }

  const variantsArg = flag('variants');
  const variants = new Set<Variant>();
  for (const v of variantsArg === undefined ? (quick ? ['ours', 'floor', 'plus'] : VARIANTS) : variantsArg.split(',').map((s) => s.trim())) {
    if (!(VARIANTS as readonly string[]).includes(v)) throw new Error(`--variants= takes ${VARIANTS.join(', ')}, got ${JSON.stringify(v)}`);
    variants.add(v as Variant);
  }

  const runsArg = flag('runs');
  const repeats = runsArg === undefined ? (quick ? 1 : 5) : Number(runsArg);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--runs= takes a positive integer, got ${JSON.stringify(runsArg)}`);

  const complete = !quick && sizesArg === undefined && variantsArg === undefined;
  return { quick, sizes: sizes.map(Number), variants, repeats, complete };
}

const MARKER = '.cdk8s-platform-output';

/**
 * Waits until no previous output is being deleted in the background in `work` (a synth may delete a large previous
 * output after it returns), so that the deletion does not slow down the next run.
 */
function waitForBackgroundRemovals(work: string): void {
  const deadline = Date.now() + 120_000;
  const pending = (): boolean => fs.readdirSync(work).some((n) => n.includes('.cdk8s-platform-previous-'));
  while (pending() && Date.now() < deadline) spawnSync('sleep', ['0.1']);
}

/**
 * Prepares `outdir` for a run of `mode`: for "fresh", an empty folder (whatever was there is deleted first, outside
 * the timing); for "re-synth", the folder must hold the previous run's output (its marker file).
 */
function prepareOutput(outdir: string, mode: 'fresh' | 're-synth'): void {
  if (mode === 'fresh') {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.mkdirSync(outdir);
    if (fs.readdirSync(outdir).length !== 0) throw new Error(`${outdir} is not empty before a fresh run`);
  } else if (!fs.existsSync(path.join(outdir, MARKER))) {
    throw new Error(`${outdir} holds no previous output (${MARKER}) before a re-synth`);
  }
}

/** Runs one variant in a fresh Node.js process with the same TypeScript loader as this one. */
function runVariant(work: string, script: string, args: string[]): VariantResult {
  waitForBackgroundRemovals(work);
  // Dirty pages of the previous run are flushed first, so that their write-back does not slow this one down.
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

const round = (x: number): number => Math.round(x);
const show = (x: VariantResult | undefined): string => (x ? `${round(x.ms)} ms (cpu ${round(x.cpuMs)})` : '-');

/** The runs of one N, by variant and mode. */
interface Samples {
  oursFresh: VariantResult[];
  oursResynth: VariantResult[];
  floorFresh: VariantResult[];
  floorResynth: VariantResult[];
  plus: VariantResult[];
}

/**
 * Times the variants at one N, interleaved: each repeat runs ours fresh, ours re-synth, floor fresh, floor re-synth
 * and plus, in this order, so that a slow minute of the machine falls on every variant alike.
 */
function measureSize(work: string, n: number, variants: Set<Variant>, repeats: number): Samples {
  const dirs = { ours: path.join(work, `ours-${n}`), plus: path.join(work, `plus-${n}`), floor: path.join(work, `floor-${n}`) };
  const s: Samples = { oursFresh: [], oursResynth: [], floorFresh: [], floorResynth: [], plus: [] };
  if (variants.has('floor') && !variants.has('ours')) {
    // The floor writes the objects ours wrote: one untimed run of ours makes them.
    prepareOutput(dirs.ours, 'fresh');
    runVariant(work, 'ours.ts', [String(n), dirs.ours]);
  }
  for (let r = 0; r < repeats; r++) {
    if (variants.has('ours')) {
      prepareOutput(dirs.ours, 'fresh');
      s.oursFresh.push(runVariant(work, 'ours.ts', [String(n), dirs.ours]));
      prepareOutput(dirs.ours, 're-synth');
      s.oursResynth.push(runVariant(work, 'ours.ts', [String(n), dirs.ours]));
    }
    if (variants.has('floor')) {
      prepareOutput(dirs.floor, 'fresh');
      s.floorFresh.push(runVariant(work, 'floor.ts', [dirs.ours, dirs.floor]));
      prepareOutput(dirs.floor, 're-synth');
      s.floorResynth.push(runVariant(work, 'floor.ts', [dirs.ours, dirs.floor]));
    }
    if (variants.has('plus')) s.plus.push(runVariant(work, 'plus.ts', [String(n), dirs.plus]));
    process.stderr.write(
      `  n=${n} run ${r + 1}/${repeats}: ours fresh ${show(s.oursFresh[r])}, re-synth ${show(s.oursResynth[r])}; ` +
        `floor fresh ${show(s.floorFresh[r])}, re-synth ${show(s.floorResynth[r])}; plus ${show(s.plus[r])}\n`,
    );
  }
  const objects = [...s.oursFresh, ...s.oursResynth].map((x) => x.objects);
  const floorObjects = [...s.floorFresh, ...s.floorResynth].map((x) => x.objects);
  if (objects.length && floorObjects.length && floorObjects.some((o) => o !== objects[0])) {
    throw new Error(`floor read ${floorObjects[0]} objects from ours' output, but ours made ${objects[0]}`);
  }
  return s;
}

/** The medians of one N (NaN for a variant not run). */
function summarize(n: number, s: Samples): Run {
  const ms = (xs: VariantResult[]): number => (xs.length ? round(median(xs.map((x) => x.ms))) : NaN);
  const rss = (xs: VariantResult[]): number => (xs.length ? round(Math.max(...xs.map((x) => x.rssMb))) : NaN);
  return {
    n,
    objects: (s.oursResynth[0] ?? s.floorResynth[0])?.objects ?? NaN,
    ours_ms: ms(s.oursResynth),
    ours_fresh_ms: ms(s.oursFresh),
    plus_ms: ms(s.plus),
    floor_ms: ms(s.floorResynth),
    floor_fresh_ms: ms(s.floorFresh),
    ours_rss_mb: rss(s.oursResynth),
    ours_fresh_rss_mb: rss(s.oursFresh),
    plus_objects: s.plus[0]?.objects ?? NaN,
  };
}

/** Prints rows as right-aligned columns. */
function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i])).join('  '));
}

/** The targets of issue 19, for each mode, as far as the runs made give the numbers they need. */
function checkTargets(runs: Run[], coldMs: number | undefined): Array<[string, number, string, boolean]> {
  const at = (n: number): Run | undefined => runs.find((r) => r.n === n);
  const [r100, r1000, r3000] = [at(100), at(1000), at(3000)];
  const checks: Array<[string, number, string, boolean]> = [];
  const add = (name: string, value: number, target: string, ok: (v: number) => boolean): void => {
    if (Number.isFinite(value)) checks.push([name, value, target, ok(value)]);
  };
  for (const [mode, ours, floor, rss] of [
    ['fresh', 'ours_fresh_ms', 'floor_fresh_ms', 'ours_fresh_rss_mb'],
    ['re-synth', 'ours_ms', 'floor_ms', 'ours_rss_mb'],
  ] as const) {
    if (r100) add(`${mode}: ours(100) / plus(100)`, r100[ours] / r100.plus_ms, '<= 0.5', (v) => v <= 0.5);
    if (r3000) {
      add(`${mode}: plus(3000) / ours(3000)`, r3000.plus_ms / r3000[ours], '>= 4', (v) => v >= 4);
      add(`${mode}: ours(3000) / floor(3000)`, r3000[ours] / r3000[floor], '<= 2.5', (v) => v <= 2.5);
      if (r1000) add(`${mode}: ours(3000) / ours(1000)`, r3000[ours] / r1000[ours], '<= 3.3', (v) => v <= 3.3);
      add(`${mode}: ours RSS MB at 3000`, r3000[rss], '<= 400', (v) => v <= 400);
    }
  }
  if (coldMs !== undefined) add('one-service cold synth ms (median)', coldMs, '<= 800', (v) => v <= 800);
  return checks;
}

async function main(): Promise<void> {
  const { sizes, variants, repeats, complete } = parseArgs();
  const work = scratch('run');
  const runs: Run[] = [];
  try {
    const perSize = variants.has('ours') || variants.has('floor') || variants.has('plus');
    for (const n of perSize ? sizes : []) runs.push(summarize(n, measureSize(work, n, variants, repeats)));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  let coldMs: number | undefined;
  if (variants.has('cold')) {
    const { measureColdSynth }: typeof import('./cold') = require('./cold');
    const cold = await measureColdSynth({ runs: repeats, log: (line: string) => process.stderr.write(`  ${line}\n`) });
    coldMs = round(cold.median_ms);
  }

  const cell = (x: number): string => (Number.isFinite(x) ? String(x) : '-');
  const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? (a / b).toFixed(2) : '-');
  if (runs.length) {
    const rows = [['n', 'objects', 'mode', 'ours ms', 'floor ms', 'plus ms', 'ours RSS MB', 'plus/ours', 'ours/floor']];
    for (const r of runs) {
      rows.push([cell(r.n), cell(r.objects), 'fresh', cell(r.ours_fresh_ms), cell(r.floor_fresh_ms), cell(r.plus_ms), cell(r.ours_fresh_rss_mb), ratio(r.plus_ms, r.ours_fresh_ms), ratio(r.ours_fresh_ms, r.floor_fresh_ms)]);
      rows.push(['', '', 're-synth', cell(r.ours_ms), cell(r.floor_ms), '', cell(r.ours_rss_mb), ratio(r.plus_ms, r.ours_ms), ratio(r.ours_ms, r.floor_ms)]);
    }
    printTable(rows);
  }
  if (coldMs !== undefined) console.log(`\none-service cold synth (init's project, npm run synth): ${coldMs} ms median of ${repeats}`);

  const checks = checkTargets(runs, coldMs);
  if (checks.length) console.log('');
  for (const [name, value, target, ok] of checks) console.log(`${ok ? 'ok  ' : 'MISS'}  ${name} = ${value.toFixed(2)} (target ${target})`);

  if (complete) {
    fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify({ cold_synth_ms: coldMs, runs }, null, 2)}\n`);
    console.log('\nwrote bench/results.json');
  } else {
    console.log('\nbench/results.json not written (a quick or partial run)');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
