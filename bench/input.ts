// `node -r @swc-node/register bench/input.ts [docs] [mode]`: the reading that `check` and `diff` do (lib/input), on a
// stream of small ConfigMap documents made in memory chunk by chunk (never held whole). Modes, each one JSON line:
//   check  (default) `check -` with --max-input-size raised: documents per second through reading and validation
//   read   readObjects() alone, every object dropped: the reader's own rate, and that its memory stays flat
//   refuse `check -` of a 60 MB stream and `check /dev/zero` with the default limit: how long each takes to refuse
// Peak RSS (`rssMb`) is the whole process's, read from /proc (Linux) when available, else the current RSS.
import * as fs from 'fs';
import { main } from '../lib/cli';
import { fileSource } from '../lib/input/manifest-files';
import { readObjects } from '../lib/input/manifest-objects';
import { stdinSource } from '../lib/input/standard-input';
import { startTimer } from './_measure';

const docs = Number(process.argv[2] ?? 50000);
const mode = process.argv[3] ?? 'check';

/** A small, valid ConfigMap named `c<i>`. */
function configMap(i: number): string {
  return `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: shop\n  labels:\n    app: web\ndata:\n  key: value-${i}\n`;
}

/** `n` documents, 1,000 a chunk, made as they are read. */
function* stream(n: number): Generator<Uint8Array> {
  for (let i = 0; i < n; i += 1000) {
    yield Buffer.from(Array.from({ length: Math.min(1000, n - i) }, (_, k) => configMap(i + k)).join(''));
  }
}

/** Peak resident set size of the process, in MiB. */
function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.memoryUsage().rss / 2 ** 20);
}

async function check(argv: string[], stdin: () => Iterable<Uint8Array>): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(argv, { stdout: (t) => { out += t; }, stderr: (t) => { out += t; }, cwd: process.cwd(), env: process.env, stdin });
  return { code, out };
}

async function run(): Promise<void> {
  if (mode === 'check') {
    const time = startTimer();
    const { code, out } = await check(['check', '-', '--max-input-size', '1GiB'], () => stream(docs));
    const t = time();
    if (code !== 0 || !out.includes(`in ${docs} object(s)`)) throw new Error(`unexpected result: ${out.slice(-300)}`);
    process.stdout.write(`${JSON.stringify({ mode, docs, ms: Math.round(t.ms), cpuMs: Math.round(t.cpuMs), docsPerSecond: Math.round(docs / t.ms * 1000),
      docsPerCpuSecond: Math.round(docs / t.cpuMs * 1000), rssMb: peakRssMb() })}\n`);
  } else if (mode === 'read') {
    const time = startTimer();
    let objects = 0;
    for (const item of readObjects(stdinSource(() => stream(docs)), { maxInputSize: 2 ** 40 })) if (item.type === 'object') objects++;
    const t = time();
    if (objects !== docs) throw new Error(`read ${objects} of ${docs} objects`);
    process.stdout.write(`${JSON.stringify({ mode, docs, ms: Math.round(t.ms), cpuMs: Math.round(t.cpuMs), docsPerSecond: Math.round(docs / t.ms * 1000),
      docsPerCpuSecond: Math.round(docs / t.cpuMs * 1000), rssMb: peakRssMb() })}\n`);
  } else if (mode === 'refuse') {
    const big = startTimer();
    const streamed = await check(['check', '-'], () => stream(600000));
    const b = big();
    const zero = startTimer();
    const devZero = [...readObjects(fileSource('/dev/zero'), { maxInputSize: 32 * 2 ** 20 })];
    const z = zero();
    const zeroCli = startTimer();
    const devZeroCheck = await check(['check', '/dev/zero'], () => []);
    const zc = zeroCli();
    if (!streamed.out.includes('--max-input-size') || devZero.length !== 1 || devZeroCheck.code !== 1) throw new Error('not refused');
    process.stdout.write(`${JSON.stringify({ mode, stream60MbMs: Math.round(b.ms), devZeroOpenMs: Math.round(z.ms), devZeroCheckMs: Math.round(zc.ms), rssMb: peakRssMb() })}\n`);
  } else {
    throw new Error(`unknown mode ${JSON.stringify(mode)}: check, read or refuse`);
  }
}

run().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
