import { brand, hasBrand } from '../core/_brand';
import { isPlainRecord, PropChecker } from '../core/_props';
import { isQualifiedName } from '../core/names';
import { k8s } from '../core/_k8s';

/**
 * The effect of a node taint that a toleration tolerates.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export class TaintEffect {
  /** Whether `x` is a `TaintEffect`, also across copies of this package. */
  public static isTaintEffect(x: unknown): x is TaintEffect {
    return hasBrand(x, 'TaintEffect');
  }

  /** New pods are not scheduled on the node. */
  public static readonly NO_SCHEDULE = new TaintEffect('NoSchedule');
  /** The scheduler avoids the node if it can. */
  public static readonly PREFER_NO_SCHEDULE = new TaintEffect('PreferNoSchedule');
  /** Running pods are evicted from the node, and new pods are not scheduled on it. */
  public static readonly NO_EXECUTE = new TaintEffect('NoExecute');

  private constructor(
    /** The `effect` field's value. */
    public readonly value: string,
  ) {}
}

brand(TaintEffect, 'TaintEffect');

/** Options of a toleration. */
export interface TolerationOptions {
  /**
   * The taint effect tolerated.
   *
   * @default every effect
   */
  readonly effect?: TaintEffect;

  /**
   * For `NoExecute` taints: how long the pod stays on the node after the taint appears.
   *
   * @default forever
   */
  readonly tolerationSeconds?: number;
}

/**
 * Lets pods run on nodes with a matching taint (dedicated node pools, GPU nodes, spot instances).
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 * @example
 * tolerations: [Toleration.equal('dedicated', 'shop', { effect: TaintEffect.NO_SCHEDULE })]
 */
export class Toleration {
  /** Whether `x` is a `Toleration`, also across copies of this package. */
  public static isToleration(x: unknown): x is Toleration {
    return hasBrand(x, 'Toleration');
  }

  /** Tolerates the taint `key=value`. */
  public static equal(key: string, value: string, options: TolerationOptions = {}): Toleration {
    return new Toleration(key, 'Equal', value, options);
  }

  /** Tolerates any taint with `key`, whatever its value. */
  public static exists(key: string, options: TolerationOptions = {}): Toleration {
    return new Toleration(key, 'Exists', undefined, options);
  }

  private constructor(
    /** The taint key. */
    public readonly key: string,
    /** `Equal` or `Exists`. */
    public readonly operator: 'Equal' | 'Exists',
    /** The taint value, for `Equal`. */
    public readonly value: string | undefined,
    private readonly options: TolerationOptions,
  ) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    check.syntax(`${prop} key`, this.key, isQualifiedName, "a taint key such as 'dedicated' or 'nvidia.com/gpu'");
    if (this.operator === 'Equal' && typeof this.value !== 'string') check.fail(`${prop} value`, this.value, 'a string');
    const o = this.options ?? {};
    if (!isPlainRecord(o)) {
      check.fail(`${prop} options`, o, 'an options object');
      return;
    }
    check.knownKeys(prop, o, 'TolerationOptions');
    if (o.effect !== undefined && !TaintEffect.isTaintEffect(o.effect)) {
      check.fail(`${prop}.effect`, o.effect, 'TaintEffect.NO_SCHEDULE, TaintEffect.PREFER_NO_SCHEDULE or TaintEffect.NO_EXECUTE');
    }
    if (o.tolerationSeconds !== undefined) {
      check.integer(`${prop}.tolerationSeconds`, o.tolerationSeconds, 0, 'int64');
      if (o.effect !== TaintEffect.NO_EXECUTE) {
        check.fail(`${prop}.tolerationSeconds`, o.tolerationSeconds, 'no tolerationSeconds unless effect is TaintEffect.NO_EXECUTE');
      }
    }
  }

  /** @internal */
  public _render(): k8s.Toleration {
    return {
      key: this.key,
      operator: this.operator,
      value: this.value,
      effect: this.options.effect?.value,
      tolerationSeconds: this.options.tolerationSeconds,
    };
  }
}

brand(Toleration, 'Toleration');
