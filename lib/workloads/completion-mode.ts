import { brand, hasBrand } from '../core/_brand';

/**
 * When a Job is complete, and whether its pods know which part of the work is theirs.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#completion-mode
 */
export class CompletionMode {
  /** The Job is complete when `completions` pods have succeeded; its pods are interchangeable. */
  public static readonly NON_INDEXED = new CompletionMode('NonIndexed');

  /**
   * Each pod gets an index from 0 to `completions - 1` (the `JOB_COMPLETION_INDEX` environment variable, the
   * `batch.kubernetes.io/job-completion-index` annotation and label) and the Job is complete when there is one
   * successful pod for each index. Needs `completions`; allows `backoffLimitPerIndex` and `successPolicy`.
   */
  public static readonly INDEXED = new CompletionMode('Indexed');

  /** Whether `x` is a `CompletionMode`, also across copies of this package. */
  public static isCompletionMode(x: unknown): x is CompletionMode {
    return hasBrand(x, 'CompletionMode');
  }

  private constructor(
    /** The Job's `completionMode`. */
    public readonly value: 'NonIndexed' | 'Indexed',
  ) {}
}

brand(CompletionMode, 'CompletionMode');
