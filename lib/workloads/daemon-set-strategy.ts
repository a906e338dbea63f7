import { brand, hasBrand } from '../core/_brand';
import { PropChecker } from '../core/_props';
import { intOrPercentProblem } from '../core/int-or-percent';
import { isZero } from './deployment-strategy';

/** Options of a DaemonSet's rolling update. */
export interface DaemonSetRollingUpdateOptions {
  /**
   * On how many nodes at once the old pod may be stopped before its replacement is ready: a number, or a
   * percentage of the nodes as `"10%"` (rounded up).
   *
   * @default 1
   */
  readonly maxUnavailable?: number | string;

  /**
   * On how many nodes at once the new pod may start beside the old one (rounded up when a percentage): no node is
   * then without an agent during the update. A pod that binds a host port or the node's network cannot run twice on
   * one node, so a surge is refused with those host accesses.
   *
   * @default 0: the old pod stops first
   */
  readonly maxSurge?: number | string;
}

/**
 * How a DaemonSet replaces its pods when the template changes: a rolling update, node by node, or only when a pod
 * is deleted.
 *
 * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
 */
export class DaemonSetStrategy {
  /** Replace the pods node by node: by default one node at a time, the old pod stopping before the new one starts. */
  public static rollingUpdate(options: DaemonSetRollingUpdateOptions = {}): DaemonSetStrategy {
    return new DaemonSetStrategy('RollingUpdate', options?.maxUnavailable ?? 1, options?.maxSurge ?? 0, options);
  }

  /** Replace a node's pod only when it is deleted (`kubectl delete pod`, a node drain): updates are done by hand. */
  public static onDelete(): DaemonSetStrategy {
    return new DaemonSetStrategy('OnDelete');
  }

  /** Whether `x` is a `DaemonSetStrategy`, also across copies of this package. */
  public static isDaemonSetStrategy(x: unknown): x is DaemonSetStrategy {
    return hasBrand(x, 'DaemonSetStrategy');
  }

  private constructor(
    /** `RollingUpdate` or `OnDelete`. */
    public readonly type: 'RollingUpdate' | 'OnDelete',
    /** The rolling update's `maxUnavailable`, if a rolling update. */
    public readonly maxUnavailable?: number | string,
    /** The rolling update's `maxSurge`, if a rolling update. */
    public readonly maxSurge?: number | string,
    /** The options object given to `rollingUpdate()`, whose keys are checked. */
    private readonly options?: DaemonSetRollingUpdateOptions,
  ) {}

  /** Whether new pods may start beside old ones on the same node. @internal */
  public get _surges(): boolean {
    return this.type === 'RollingUpdate' && !isZero(this.maxSurge!);
  }

  /** Checks the strategy as the API server does (ValidateRollingUpdateDaemonSet). @internal */
  public _check(check: PropChecker, prop: string): void {
    if (this.type !== 'RollingUpdate') return;
    check.knownKeys(prop, this.options, 'DaemonSetRollingUpdateOptions');
    const unavailableProblem = intOrPercentProblem(this.maxUnavailable, true);
    if (unavailableProblem) check.fail(`${prop}.maxUnavailable`, this.maxUnavailable, unavailableProblem);
    const surgeProblem = intOrPercentProblem(this.maxSurge, true);
    if (surgeProblem) check.fail(`${prop}.maxSurge`, this.maxSurge, surgeProblem);
    if (!unavailableProblem && !surgeProblem && isZero(this.maxUnavailable!) && isZero(this.maxSurge!)) {
      check.fail(prop, { maxUnavailable: this.maxUnavailable, maxSurge: this.maxSurge },
        'maxUnavailable and maxSurge not both 0 (the update could never replace a pod)');
    }
  }

  /** The `updateStrategy` field. @internal */
  public _render(): { type: string; rollingUpdate?: { maxUnavailable: number | string; maxSurge: number | string } } {
    if (this.type === 'OnDelete') return { type: 'OnDelete' };
    return { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: this.maxUnavailable!, maxSurge: this.maxSurge! } };
  }
}

brand(DaemonSetStrategy, 'DaemonSetStrategy');
