import { isValidPortName } from '../../core/names';
import { ALLOWED } from '../../core/_props';
import { podRule } from '../rule';
import { checkSyntax } from '../_checks';
import { containersOf } from '../_pod';
import { arrayOf, isObject, received } from '../_util';

/**
 * Container ports: `containerPort` (and `hostPort`, when set) from 1 to 65535, names that are IANA service names,
 * unique within the pod.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (validateContainerPorts: IsValidPortNum, IsValidPortName, "Duplicate value")
 */
export const containerPorts = podRule({
  id: 'container-ports',
  description: 'Container port numbers are 1-65535 and port names are unique IANA service names.',
  remediation: 'Use container port numbers from 1 to 65535 and unique IANA port names (the `ports` of the container or workload).',
  layer: 'api',
  severity: 'error',
  checkPod(pod, ctx) {
    const names = new Set<string>();
    for (const { container, path } of containersOf(pod)) {
      arrayOf(container.ports).forEach((port, i) => {
        if (!isObject(port)) return;
        const at = `${path}.ports[${i}]`;
        checkPortNumber(port.containerPort, `${at}.containerPort`);
        if (port.hostPort !== undefined && port.hostPort !== 0) checkPortNumber(port.hostPort, `${at}.hostPort`);
        if (typeof port.name === 'string') {
          checkSyntax(ctx, `${at}.name`, port.name, isValidPortName, ALLOWED.portName);
          if (names.has(port.name)) ctx.report(`${at}.name`, received(port.name, 'a port name no other port of the pod has'));
          names.add(port.name);
        }
      });
    }

    function checkPortNumber(value: unknown, field: string): void {
      if (typeof value === 'number' && Number.isInteger(value) && (value < 1 || value > 65535)) {
        ctx.report(field, received(value, 'an integer from 1 to 65535'));
      }
    }
  },
});
