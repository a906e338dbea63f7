import { podRule } from '../rule';
import { quantityValue } from '../_checks';
import { containersOf } from '../_pod';
import { entriesOf, fieldPath, isObject, received } from '../_util';

/**
 * A container's request of a resource is not above its limit of it.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidateResourceRequirements: "must be less than or equal to %s limit")
 */
export const resourceLimits = podRule({
  id: 'resource-limits',
  description: 'Container requests are not above their limits.',
  remediation: 'Lower the container\'s request to at most its limit, or raise the limit (the container\'s `resources.requests` and `resources.limits`).',
  layer: 'api',
  severity: 'error',
  checkPod(pod, ctx) {
    for (const { container, path } of containersOf(pod)) {
      const r = container.resources;
      if (!isObject(r) || !isObject(r.limits) || !isObject(r.requests)) continue;
      for (const [name, request] of entriesOf(r.requests)) {
        const limit = r.limits[name];
        const q = quantityValue(request);
        const l = quantityValue(limit);
        if (q !== undefined && l !== undefined && q > l) {
          ctx.report(fieldPath(`${path}.resources.requests`, name), received(request, `at most the ${name} limit (${limit})`));
        }
      }
    }
  },
});
