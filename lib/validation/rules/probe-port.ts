import { podRule } from '../rule';
import { containersOf } from '../_pod';
import { arrayOf, isObject, received } from '../_util';

/**
 * A probe or lifecycle hook that names its port (`httpGet.port: http`) names a port of its own container: the
 * kubelet resolves the name there, and a probe on an unknown name always fails.
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port
 * @see https://docs.kubelinter.io/#/generated/checks?id=liveness-port (liveness-port, readiness-port, startup-port)
 */
export const probePort = podRule({
  id: 'probe-port',
  description: 'Probes and hooks that name their port name a port of their container.',
  remediation: 'Name a port of the same container in the probe or hook, or give its port number (the probe\'s `port` option and the container\'s `ports`).',
  layer: 'integrity',
  severity: 'error',
  checkPod(pod, ctx) {
    for (const { container, path, type } of containersOf(pod)) {
      if (type !== 'containers') continue;
      const names = arrayOf(container.ports).filter(isObject).map((p) => p.name).filter((n): n is string => typeof n === 'string');
      const handlers: Array<[string, unknown]> = [
        ['livenessProbe', container.livenessProbe], ['readinessProbe', container.readinessProbe], ['startupProbe', container.startupProbe],
        ['lifecycle.postStart', isObject(container.lifecycle) ? container.lifecycle.postStart : undefined],
        ['lifecycle.preStop', isObject(container.lifecycle) ? container.lifecycle.preStop : undefined],
      ];
      for (const [at, handler] of handlers) {
        if (!isObject(handler)) continue;
        for (const kind of ['httpGet', 'tcpSocket']) {
          const port = isObject(handler[kind]) ? handler[kind].port : undefined;
          if (typeof port === 'string' && !names.includes(port)) {
            ctx.report(`${path}.${at}.${kind}.port`, received(port, `the name of a port of this container (${names.join(', ') || 'it names none'}), or a port number`));
          }
        }
      }
    }
  },
});
