import { brand, hasBrand } from '../core/_brand';

/**
 * When a Job starts a replacement for a pod that failed or is being deleted. Needs Kubernetes 1.29 or later
 * (`JobPodReplacementPolicy`, beta and on by default from 1.29, GA in 1.34).
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-replacement-policy
 */
export class PodReplacementPolicy {
  /**
   * As soon as the old pod is terminating or has failed (what Kubernetes does without a policy): for a while both
   * may run.
   */
  public static readonly TERMINATING_OR_FAILED = new PodReplacementPolicy('TerminatingOrFailed');

  /**
   * Only once the old pod has fully terminated (its phase is Failed): never two pods for the same work at once, as
   * a job that holds a lock or writes to one place needs.
   */
  public static readonly FAILED = new PodReplacementPolicy('Failed');

  /** Whether `x` is a `PodReplacementPolicy`, also across copies of this package. */
  public static isPodReplacementPolicy(x: unknown): x is PodReplacementPolicy {
    return hasBrand(x, 'PodReplacementPolicy');
  }

  private constructor(
    /** The Job's `podReplacementPolicy`. */
    public readonly value: 'TerminatingOrFailed' | 'Failed',
  ) {}
}

brand(PodReplacementPolicy, 'PodReplacementPolicy');
