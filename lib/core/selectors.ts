/**
 * Label selectors, evaluated the way the API server and controllers do: `matchLabels` and `matchExpressions`
 * (`In`, `NotIn`, `Exists`, `DoesNotExist`), all of which must hold.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.27/pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector)
 */

/** One requirement of a label selector's `matchExpressions`. */
export interface LabelSelectorRequirement {
  /** The label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /** The values, for `In` and `NotIn`. @default none */
  readonly values?: readonly string[];
}

/** A label selector, as in `spec.selector` of a Deployment or PodDisruptionBudget. */
export interface LabelSelector {
  /** Labels the object must have, with these values. @default none */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /** Requirements on the object's labels, all of which must hold. @default none */
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/**
 * Whether every `key: value` of `required` is among `labels`: the rule of a Service's `spec.selector` (a plain map)
 * and of `matchLabels`. An empty map matches everything.
 * @internal
 */
export function labelsMatch(required: Readonly<Record<string, unknown>> | undefined, labels: Readonly<Record<string, unknown>> | undefined): boolean {
  if (!required) return true;
  for (const key in required) {
    if (!labels || labels[key] !== required[key]) return false;
  }
  return true;
}

/**
 * Whether `selector` selects an object with `labels`. An empty selector (`{}`) selects everything, as it does for a
 * PodDisruptionBudget; an unknown operator selects nothing.
 * @internal
 */
export function selectorMatches(selector: LabelSelector | undefined, labels: Readonly<Record<string, unknown>> | undefined): boolean {
  if (!selector) return false;
  if (!labelsMatch(selector.matchLabels, labels)) return false;
  for (const req of selector.matchExpressions ?? []) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = has ? labels![req.key] : undefined;
    switch (req.operator) {
      case 'In':
        if (!has || !(req.values ?? []).includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && (req.values ?? []).includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
