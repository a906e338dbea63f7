import { brand, hasBrand } from '../core/_brand';

/** Options of a rolling update. */
export interface RollingUpdateOptions {
  /**
   * How many pods may exist above the desired count during an update: a number, or a percentage of the desired
   * count as `"25%"` (rounded up).
   *
   * @default "25%"
   */
  readonly maxSurge?: number | string;

  /**
   * How many pods may be unavailable during an update: a number, or a percentage as `"25%"` (rounded down).
   * With 0, an old pod is removed only after its replacement is ready: no capacity is lost.
   *
   * @default 0
   */
  readonly maxUnavailable?: number | string;
}

/**
 * How a Deployment replaces its pods when the template changes.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy
 */
export class DeploymentStrategy {
  /**
   * Replace pods gradually, never dropping below the desired count of ready pods by default (zero downtime).
   */
  public static rollingUpdate(options: RollingUpdateOptions = {}): DeploymentStrategy {
    return new DeploymentStrategy('RollingUpdate', options?.maxSurge ?? '25%', options?.maxUnavailable ?? 0, options);
  }

  /**
   * Stop every old pod before starting new ones: downtime, but never two versions at once (for apps that cannot
   * run side by side, e.g. holding a lock on a volume).
   */
  public static recreate(): DeploymentStrategy {
    return new DeploymentStrategy('Recreate');
  }

  /** Whether `x` is a `DeploymentStrategy`, also across copies of this package. */
  public static isDeploymentStrategy(x: unknown): x is DeploymentStrategy {
    return hasBrand(x, 'DeploymentStrategy');
  }

  private constructor(
    /** `RollingUpdate` or `Recreate`. */
    public readonly type: 'RollingUpdate' | 'Recreate',
    /** The rolling update's `maxSurge`, if a rolling update. */
    public readonly maxSurge?: number | string,
    /** The rolling update's `maxUnavailable`, if a rolling update. */
    public readonly maxUnavailable?: number | string,
    /** The options object given to `rollingUpdate()`, whose keys are checked. @internal */
    public readonly _options?: RollingUpdateOptions,
  ) {}
}

brand(DeploymentStrategy, 'DeploymentStrategy');

/** Whether an int-or-percent value is zero (`0` or `"0%"`). @internal */
export function isZero(value: number | string): boolean {
  return value === 0 || value === '0%';
}
