import { brand, hasBrand } from '../core/_brand';

/**
 * What the kubelet does when a Job's container fails.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-backoff-failure-policy
 */
export class JobRestartPolicy {
  /** A failed pod is kept (with its logs) and a new pod is started, up to `backoffLimit` times. */
  public static readonly NEVER = new JobRestartPolicy('Never');
  /** The failed container is restarted in the same pod. */
  public static readonly ON_FAILURE = new JobRestartPolicy('OnFailure');

  /** Whether `x` is a `JobRestartPolicy`, also across copies of this package. */
  public static isJobRestartPolicy(x: unknown): x is JobRestartPolicy {
    return hasBrand(x, 'JobRestartPolicy');
  }

  private constructor(
    /** The pod's `restartPolicy`. */
    public readonly value: 'Never' | 'OnFailure',
  ) {}
}

brand(JobRestartPolicy, 'JobRestartPolicy');
