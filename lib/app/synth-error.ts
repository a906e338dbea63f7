import { PlatformError } from '../core/errors';

/** One problem found when the construct tree is validated. */
export interface SynthProblem {
  /** The construct path. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
}

const SYNTH_ERROR = Symbol.for('cdk8s-platform.SynthError');

/** Problems found when the finished construct tree was validated: nothing was written. */
export class SynthError extends PlatformError {
  /** Whether `x` is a `SynthError`, also across copies of this package. */
  public static isSynthError(x: unknown): x is SynthError {
    return x !== null && typeof x === 'object' && SYNTH_ERROR in x;
  }

  /** The problems, each with its construct path. */
  public readonly problems: readonly SynthProblem[];

  constructor(problems: SynthProblem[]) {
    super(`Synthesis failed; nothing was written. ${problems.length} problem(s):\n` +
      problems.map((p) => `  - [${p.path}] ${p.message}`).join('\n'));
    this.name = 'SynthError';
    this.problems = problems;
    Object.defineProperty(this, SYNTH_ERROR, { value: true });
  }
}
