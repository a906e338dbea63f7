import { Rule } from '../rule';
import { containersOf, podTemplateOf } from '../_pod';
import { arrayOf, entriesOf, isObject, namespaceOf, received } from '../_util';

/**
 * A Service port whose `targetPort` is a name finds a container port of that name in the pods it selects; otherwise
 * the Service has no endpoints for it. Checked when the selector matches pods in the output (else
 * `service-selector` reports).
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports
 * @see https://docs.kubelinter.io/#/generated/checks?id=dangling-service
 */
export const serviceTargetPort: Rule = {
  id: 'service-target-port',
  description: 'Named Service target ports are container port names of the selected pods.',
  remediation: 'Set `targetPort` to a port number or to the name of a container port of the selected pods.',
  layer: 'integrity',
  severity: 'error',
  kinds: ['Service'],
  check(o, ctx) {
    if (!isObject(o.spec) || !isObject(o.spec.selector) || entriesOf(o.spec.selector).length === 0) return;
    const named = arrayOf(o.spec.ports).map((p, i) => [p, i] as const).filter(([p]) => isObject(p) && typeof p.targetPort === 'string');
    if (named.length === 0) return;
    const pods = ctx.index.podsMatchingLabels(namespaceOf(o), o.spec.selector);
    if (pods.length === 0) return;
    const names = new Set<string>();
    for (const p of pods) {
      const pod = podTemplateOf(p.object);
      if (!pod) continue;
      for (const { container } of containersOf(pod)) {
        for (const port of arrayOf(container.ports)) if (isObject(port) && typeof port.name === 'string') names.add(port.name);
      }
    }
    for (const [port, i] of named) {
      if (!names.has(port.targetPort)) {
        ctx.report(`spec.ports[${i}].targetPort`, received(port.targetPort, `the name of a container port of the selected pods (${[...names].sort().join(', ') || 'they name none'}), or a port number`));
      }
    }
  },
};
