import { NAME_RULES } from '../../core/_props';
import { podRule } from '../rule';
import { checkSyntax } from '../_checks';
import { containersOf } from '../_pod';
import { received } from '../_util';

/**
 * Container names (of `containers`, `initContainers` and `ephemeralContainers`) are DNS-1123 labels, unique within
 * the pod.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (validateContainers: ValidateDNS1123Label, "Duplicate value")
 */
export const containerName = podRule({
  id: 'container-name',
  description: 'Container names are DNS-1123 labels, unique within the pod.',
  remediation: 'Give each container of the pod a unique name that is a DNS-1123 label (lower case letters, digits and \'-\'; the workload\'s `containerName`, or `name` of a sidecar or init container).',
  layer: 'api',
  severity: 'error',
  checkPod(pod, ctx) {
    const seen = new Set<string>();
    for (const { container, path } of containersOf(pod)) {
      const name = container.name;
      if (typeof name !== 'string') continue;
      checkSyntax(ctx, `${path}.name`, name, NAME_RULES['dns1123-label'].check, NAME_RULES['dns1123-label'].allowed);
      if (seen.has(name)) ctx.report(`${path}.name`, received(name, 'a name no other container of the pod has'));
      seen.add(name);
    }
  },
});
