import { podRule } from '../rule';
import { containersOf } from '../_pod';
import { arrayOf, isObject, received } from '../_util';

/**
 * No container exposes port 22 (SSH): containers are replaced, not logged into; use `kubectl exec` or ephemeral
 * containers to debug.
 *
 * @see https://docs.kubelinter.io/#/generated/checks?id=ssh-port
 */
export const sshPort = podRule({
  id: 'ssh-port',
  description: 'No container exposes the SSH port 22.',
  remediation: 'Remove container port 22 and debug with `kubectl exec` or an ephemeral container instead.',
  layer: 'policy',
  severity: 'warning',
  checkPod(pod, ctx) {
    for (const { container, path } of containersOf(pod)) {
      arrayOf(container.ports).forEach((p, i) => {
        if (isObject(p) && p.containerPort === 22 && (p.protocol ?? 'TCP') === 'TCP') {
          ctx.report(`${path}.ports[${i}].containerPort`, received(22, 'a port other than 22 (debug with kubectl exec or an ephemeral container)'));
        }
      });
    }
  },
});
