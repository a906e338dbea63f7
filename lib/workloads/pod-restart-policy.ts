import { brand, hasBrand } from '../core/_brand';

/**
 * What the kubelet does when a bare Pod's container exits.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy
 */
export class PodRestartPolicy {
  /** The container is restarted whenever it exits: a pod that runs until it is deleted. */
  public static readonly ALWAYS = new PodRestartPolicy('Always');
  /** The container is restarted only when it fails: a pod that runs to completion, retried in place. */
  public static readonly ON_FAILURE = new PodRestartPolicy('OnFailure');
  /** The container is never restarted: a pod that runs once. */
  public static readonly NEVER = new PodRestartPolicy('Never');

  /** Whether `x` is a `PodRestartPolicy`, also across copies of this package. */
  public static isPodRestartPolicy(x: unknown): x is PodRestartPolicy {
    return hasBrand(x, 'PodRestartPolicy');
  }

  private constructor(
    /** The pod's `restartPolicy`. */
    public readonly value: 'Always' | 'OnFailure' | 'Never',
  ) {}
}

brand(PodRestartPolicy, 'PodRestartPolicy');
