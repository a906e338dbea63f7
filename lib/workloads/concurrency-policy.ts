import { brand, hasBrand } from '../core/_brand';

/**
 * What a CronJob does when a run is due while the previous one is still running.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#concurrency-policy
 */
export class ConcurrencyPolicy {
  /** Skip the new run. */
  public static readonly FORBID = new ConcurrencyPolicy('Forbid');
  /** Stop the running job and start the new one. */
  public static readonly REPLACE = new ConcurrencyPolicy('Replace');
  /** Run both. */
  public static readonly ALLOW = new ConcurrencyPolicy('Allow');

  /** Whether `x` is a `ConcurrencyPolicy`, also across copies of this package. */
  public static isConcurrencyPolicy(x: unknown): x is ConcurrencyPolicy {
    return hasBrand(x, 'ConcurrencyPolicy');
  }

  private constructor(
    /** The field's value. */
    public readonly value: 'Forbid' | 'Replace' | 'Allow',
  ) {}
}

brand(ConcurrencyPolicy, 'ConcurrencyPolicy');
