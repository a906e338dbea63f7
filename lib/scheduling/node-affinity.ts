import { brand, hasBrand } from '../core/_brand';
import { PropChecker } from '../core/_props';
import { k8s } from '../core/_k8s';
import { LabelExpression } from './label-expression';

/**
 * Which nodes the pods may (or prefer to) run on, by node labels.
 *
 * Every `require()` must hold (their expressions are combined in one node selector term); each `prefer()` adds its
 * weight to the nodes that match it.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity
 * @example
 * nodeAffinity: [
 *   NodeAffinity.require(LabelExpression.in('kubernetes.io/arch', ['amd64', 'arm64'])),
 *   NodeAffinity.prefer(50, LabelExpression.in('node.kubernetes.io/lifecycle', ['spot'])),
 * ]
 */
export class NodeAffinity {
  /** Whether `x` is a `NodeAffinity`, also across copies of this package. */
  public static isNodeAffinity(x: unknown): x is NodeAffinity {
    return hasBrand(x, 'NodeAffinity');
  }

  /** Pods run only on nodes that match every expression. */
  public static require(...expressions: LabelExpression[]): NodeAffinity {
    return new NodeAffinity(true, 0, expressions);
  }

  /**
   * The scheduler prefers nodes that match every expression.
   *
   * @param weight from 1 to 100, relative to other preferences
   */
  public static prefer(weight: number, ...expressions: LabelExpression[]): NodeAffinity {
    return new NodeAffinity(false, weight, expressions);
  }

  private constructor(
    /** Whether the rule is a hard requirement. */
    public readonly required: boolean,
    private readonly weight: number,
    private readonly expressions: LabelExpression[],
  ) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    if (!this.required) check.integer(`${prop} weight`, this.weight, 1, 100);
    if (this.expressions.length === 0) check.fail(prop, [], 'at least one LabelExpression');
    this.expressions.forEach((e, i) => {
      if (!LabelExpression.isLabelExpression(e)) check.fail(`${prop}[${i}]`, e, 'a LabelExpression, e.g. LabelExpression.in(key, values)');
      else e._check(check, `${prop}[${i}]`);
    });
  }

  /** Renders a list of node affinity rules. @internal */
  public static _render(rules: readonly NodeAffinity[]): k8s.NodeAffinity | undefined {
    if (rules.length === 0) return undefined;
    const required = rules.filter((r) => r.required).flatMap((r) => r.expressions.map((e) => e._render()));
    const preferred = rules.filter((r) => !r.required)
      .map((r) => ({ weight: r.weight, preference: { matchExpressions: r.expressions.map((e) => e._render()) } }));
    return {
      requiredDuringSchedulingIgnoredDuringExecution: required.length > 0 ? { nodeSelectorTerms: [{ matchExpressions: required }] } : undefined,
      preferredDuringSchedulingIgnoredDuringExecution: preferred.length > 0 ? preferred : undefined,
    };
  }
}

brand(NodeAffinity, 'NodeAffinity');
