import { LabelSelector } from '../../core/selectors';
import { isQualifiedName } from '../../core/names';
import { ALLOWED } from '../../core/_props';
import { Rule, RuleContext } from '../rule';
import { checkLabelMap, checkSyntax } from '../_checks';
import { podTemplateOf } from '../_pod';
import { arrayOf, isObject, received } from '../_util';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * Label keys are qualified names and values are valid label values, in `metadata.labels`, in pod template labels and
 * in selectors (`matchLabels`, `matchExpressions`, a Service's `selector`); selector requirements use a known
 * operator, with values for `In`/`NotIn` and none for `Exists`/`DoesNotExist`.
 *
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.27/pkg/apis/meta/v1/validation/validation.go (ValidateLabels, ValidateLabelSelector)
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.27/pkg/util/validation/validation.go (IsQualifiedName, IsValidLabelValue)
 */
export const metadataLabels: Rule = {
  id: 'metadata-labels',
  description: 'Label keys and values are valid, in metadata, pod templates and selectors.',
  remediation: 'Use valid label keys (an optional DNS prefix and \'/\', then at most 63 characters) and values (at most 63 alphanumeric characters, \'-\', \'_\' or \'.\') in metadata, pod templates and selectors.',
  layer: 'api',
  severity: 'error',
  check(o, ctx) {
    if (isObject(o.metadata)) checkLabelMap(ctx, o.metadata.labels, 'metadata.labels');
    const pod = podTemplateOf(o);
    if (pod && pod.metadataPath !== 'metadata') checkLabelMap(ctx, pod.metadata.labels, `${pod.metadataPath}.labels`);
    const spec = isObject(o.spec) ? o.spec : undefined;
    if (!spec) return;
    if ((o.kind === 'Service' || o.kind === 'ReplicationController') && isObject(spec.selector)) {
      checkLabelMap(ctx, spec.selector, 'spec.selector');
    } else if (isObject(spec.selector)) {
      checkSelector(ctx, spec.selector, 'spec.selector');
    }
    if (o.kind === 'NetworkPolicy' && isObject(spec.podSelector)) checkSelector(ctx, spec.podSelector, 'spec.podSelector');
  },
};

/** Checks a label selector's keys, values and operators. @internal */
export function checkSelector(ctx: RuleContext, selector: LabelSelector, path: string): void {
  checkLabelMap(ctx, selector.matchLabels, `${path}.matchLabels`);
  arrayOf(selector.matchExpressions).forEach((req, i) => {
    if (!isObject(req)) return;
    const at = `${path}.matchExpressions[${i}]`;
    checkSyntax(ctx, `${at}.key`, req.key, isQualifiedName, ALLOWED.labelKey);
    if (typeof req.operator === 'string' && !OPERATORS.includes(req.operator)) {
      ctx.report(`${at}.operator`, received(req.operator, OPERATORS.map((v) => `"${v}"`).join(', ')));
    }
    const values = arrayOf(req.values);
    if ((req.operator === 'In' || req.operator === 'NotIn') && values.length === 0) {
      ctx.report(`${at}.values`, received(req.values, `at least one value for operator ${req.operator}`));
    }
    if ((req.operator === 'Exists' || req.operator === 'DoesNotExist') && values.length > 0) {
      ctx.report(`${at}.values`, received(req.values, `no values for operator ${req.operator}`));
    }
  });
}
