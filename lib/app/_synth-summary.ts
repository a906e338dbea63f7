import type { IConstruct } from 'constructs';

/** What one synth wrote, counted as it was written. */
export interface SynthCounts {
  /** The environments written (none for an app without environments). */
  readonly environments: readonly string[];
  /** Whether the environments were selected (`--env`), not all of the app's. */
  readonly selected: boolean;
  /** The objects written, the GitOps objects included. */
  readonly objects: number;
  /** The files written: one per object, and each folder's kustomization.yaml and README.md. */
  readonly files: number;
  /** The output folder, as the app was given it. */
  readonly outdir: string;
}

const COUNTS = Symbol.for('cdk8s-platform.synthCounts');

/** Records what the last synth of `app` wrote, for `takeSynthCounts()`. */
export function recordSynthCounts(app: IConstruct, counts: SynthCounts): void {
  Object.defineProperty(app, COUNTS, { value: counts, configurable: true });
}

/** What the last synth of `app` wrote, or undefined when it wrote nothing (`synth --stdout`, or no synth yet). */
export function takeSynthCounts(app: IConstruct): SynthCounts | undefined {
  return (app as unknown as Record<symbol, SynthCounts | undefined>)[COUNTS];
}

/** `entries`, counting each one into `counter.files` as it is taken. */
export function* counted<T>(entries: Iterable<T>, counter: { files: number }): Generator<T> {
  for (const entry of entries) {
    counter.files++;
    yield entry;
  }
}

/** `n` and a noun, in the plural unless `n` is 1. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The first word of the summary line: how `cdk8s-platform synth` recognizes that the app printed one. */
export const SUMMARY_LINE = /^Synthesized \d/;

/**
 * The line `PlatformApp.run()` prints last, on standard error: `Synthesized 3 environments, 156 objects in 162 files
 * into dist/ in 1.2 s`. Selected environments are named; an app without environments says only objects and files.
 *
 * @param seconds the time the synth took, measured
 */
export function synthSummaryLine(counts: SynthCounts, seconds: number): string {
  const names = counts.selected ? ` (${counts.environments.join(', ')})` : '';
  const environments = counts.environments.length > 0 ? `${count(counts.environments.length, 'environment')}${names}, ` : '';
  const folder = /[\\/]$/.test(counts.outdir) ? counts.outdir : `${counts.outdir}/`;
  return `Synthesized ${environments}${count(counts.objects, 'object')} in ${count(counts.files, 'file')} into ${folder} in ${seconds.toFixed(1)} s`;
}
