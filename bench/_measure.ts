import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

/** What one variant reports for one run, as one JSON line on stdout. */
export interface VariantResult {
  /** Wall-clock milliseconds of the timed work. */
  readonly ms: number;
  /** CPU milliseconds (user and system) of the timed work: less disturbed than wall-clock time on a busy machine. */
  readonly cpuMs: number;
  /** The Kubernetes objects written. */
  readonly objects: number;
  /** Peak resident set size of the whole process, in MiB. */
  readonly rssMb: number;
}

/** The arguments every variant takes: `<n> <outdir>`. */
export function variantArgs(): { n: number; outdir: string } {
  const [n, outdir] = process.argv.slice(2);
  if (!/^[1-9][0-9]*$/.test(n ?? '') || !outdir) {
    throw new Error(`usage: ${path.basename(process.argv[1])} <n> <outdir>`);
  }
  return { n: Number(n), outdir };
}

/** Starts the timer of the timed work; call the returned function when the work is done. */
export function startTimer(): () => { ms: number; cpuMs: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
}

/** Prints a variant's result for the runner. */
export function report(time: { ms: number; cpuMs: number }, objects: number): void {
  const result: VariantResult = { ...time, objects, rssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A fresh empty scratch folder under the OS temporary folder. */
export function scratch(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-platform-bench-${prefix}-`));
}

/** The median of `values` (not empty). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
