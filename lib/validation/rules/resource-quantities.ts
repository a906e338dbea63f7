import { QUANTITY_ALLOWED } from '../../core/quantity';
import { Rule, RuleContext } from '../rule';
import { quantityValue } from '../_checks';
import { containersOf, podTemplateOf } from '../_pod';
import { arrayOf, entriesOf, fieldPath, isObject, received } from '../_util';

/**
 * Every resource quantity parses and is not negative: container requests and limits, pod overhead, `emptyDir`
 * size limits, PersistentVolumeClaim requests (also in StatefulSet `volumeClaimTemplates`), ResourceQuota `hard`
 * and LimitRange amounts.
 *
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.27/pkg/api/resource/quantity.go (ParseQuantity)
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidateResourceQuantityValue, ValidateNonnegativeQuantity)
 */
export const resourceQuantities: Rule = {
  id: 'resource-quantities',
  description: 'Resource quantities parse and are not negative.',
  remediation: 'Write the amount as a non-negative Kubernetes quantity, such as 500m or 256Mi.',
  layer: 'api',
  severity: 'error',
  check(o, ctx) {
    const pod = podTemplateOf(o);
    if (pod) {
      for (const { container, path } of containersOf(pod)) {
        if (!isObject(container.resources)) continue;
        checkAmounts(ctx, container.resources.requests, `${path}.resources.requests`);
        checkAmounts(ctx, container.resources.limits, `${path}.resources.limits`);
      }
      checkAmounts(ctx, pod.spec.overhead, `${pod.specPath}.overhead`);
      arrayOf(pod.spec.volumes).forEach((v, i) => {
        if (isObject(v) && isObject(v.emptyDir) && v.emptyDir.sizeLimit !== undefined) {
          checkAmount(ctx, v.emptyDir.sizeLimit, `${pod.specPath}.volumes[${i}].emptyDir.sizeLimit`);
        }
      });
    }
    const spec = isObject(o.spec) ? o.spec : undefined;
    if (!spec) return;
    if (o.kind === 'PersistentVolumeClaim' && isObject(spec.resources)) {
      checkAmounts(ctx, spec.resources.requests, 'spec.resources.requests');
      checkAmounts(ctx, spec.resources.limits, 'spec.resources.limits');
    }
    if (o.kind === 'StatefulSet') {
      arrayOf(spec.volumeClaimTemplates).forEach((t, i) => {
        const r = isObject(t) && isObject(t.spec) && isObject(t.spec.resources) ? t.spec.resources : undefined;
        if (r) checkAmounts(ctx, r.requests, `spec.volumeClaimTemplates[${i}].spec.resources.requests`);
      });
    }
    if (o.kind === 'ResourceQuota') checkAmounts(ctx, spec.hard, 'spec.hard');
    if (o.kind === 'LimitRange') {
      arrayOf(spec.limits).forEach((item, i) => {
        if (!isObject(item)) return;
        for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
          checkAmounts(ctx, item[key], `spec.limits[${i}].${key}`);
        }
      });
    }
  },
};

function checkAmounts(ctx: RuleContext, amounts: unknown, path: string): void {
  for (const [name, value] of entriesOf(amounts)) checkAmount(ctx, value, fieldPath(path, name));
}

function checkAmount(ctx: RuleContext, value: unknown, field: string): void {
  if (typeof value !== 'string' && typeof value !== 'number') return; // the schema reports other types
  const q = quantityValue(value);
  if (q === undefined) ctx.report(field, received(value, QUANTITY_ALLOWED));
  else if (q < 0n) ctx.report(field, received(value, 'a quantity of at least 0'));
}
