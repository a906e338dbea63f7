import { brand, hasBrand } from '../core/_brand';
import { PropChecker } from '../core/_props';
import { isQualifiedName, isValidLabelValue } from '../core/names';

/**
 * One requirement on a label, as node and pod affinity terms use it.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity
 * @example
 * LabelExpression.in('topology.kubernetes.io/zone', ['eu-west-1a', 'eu-west-1b'])
 */
export class LabelExpression {
  /** Whether `x` is a `LabelExpression`, also across copies of this package. */
  public static isLabelExpression(x: unknown): x is LabelExpression {
    return hasBrand(x, 'LabelExpression');
  }

  /** The label's value is one of `values`. */
  public static in(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, 'In', values);
  }

  /** The label is absent or its value is none of `values`. */
  public static notIn(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, 'NotIn', values);
  }

  /** The label is present, with any value. */
  public static exists(key: string): LabelExpression {
    return new LabelExpression(key, 'Exists');
  }

  /** The label is absent. */
  public static doesNotExist(key: string): LabelExpression {
    return new LabelExpression(key, 'DoesNotExist');
  }

  private constructor(
    /** The label key. */
    public readonly key: string,
    /** The operator: `In`, `NotIn`, `Exists` or `DoesNotExist`. */
    public readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist',
    /** The values, for `In` and `NotIn`. */
    public readonly values?: string[],
  ) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    check.syntax(`${prop} key`, this.key, isQualifiedName, "a label key such as 'kubernetes.io/arch'");
    if (this.operator === 'In' || this.operator === 'NotIn') {
      if (!Array.isArray(this.values) || this.values.length === 0) {
        check.fail(`${prop} values`, this.values, 'a non-empty array of label values');
      } else {
        for (const v of this.values) check.syntax(`${prop} values`, v, isValidLabelValue, 'a label value');
      }
    }
  }

  /** @internal */
  public _render(): { key: string; operator: string; values?: string[] } {
    return { key: this.key, operator: this.operator, values: this.values ? [...this.values] : undefined };
  }
}

brand(LabelExpression, 'LabelExpression');
