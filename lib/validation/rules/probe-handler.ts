import { isAtLeast } from '../../core/kubernetes-version';
import { isValidPortName } from '../../core/names';
import { ALLOWED } from '../../core/_props';
import { podRule, RuleContext } from '../rule';
import { checkSyntax } from '../_checks';
import { containersOf } from '../_pod';
import { isObject, received } from '../_util';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/**
 * The handlers of a lifecycle hook in Kubernetes `version`: `sleep` from 1.30, where its feature gate
 * (PodLifecycleSleepAction, alpha in 1.29) is on by default; before, the API server drops it, leaving no handler.
 */
function lifecycleHandlers(version: string): string[] {
  return isAtLeast(version, '1.30') ? ['exec', 'httpGet', 'sleep', 'tcpSocket'] : ['exec', 'httpGet', 'tcpSocket'];
}

/**
 * Probes and lifecycle hooks have exactly one handler (`exec`, `httpGet`, `tcpSocket`, `grpc` for probes, `sleep` for
 * lifecycle hooks from Kubernetes 1.30), ports that are 1-65535 or IANA names, liveness and startup probes a
 * `successThreshold` of 1, and no negative timings.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (validateProbe, validateHandler: "may not specify more than 1 handler type", validateLivenessProbe, validateStartupProbe)
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.30/pkg/apis/core/validation/validation.go (validateHandler: sleep)
 * @see https://kubernetes.io/blog/2025/05/14/kubernetes-v1-33-updates-to-container-lifecycle/ (the sleep action on by default from v1.30)
 */
export const probeHandler = podRule({
  id: 'probe-handler',
  description: 'Probes and lifecycle hooks have exactly one valid handler.',
  remediation: 'Give each probe and lifecycle hook exactly one valid handler: httpGet, tcpSocket, grpc, exec, or sleep for hooks (`Probe.http()`, `Probe.tcp()`, `Probe.grpc()`, `Probe.exec()` or a `LifecycleHook`).',
  layer: 'api',
  severity: 'error',
  checkPod(pod, ctx) {
    for (const { container, path, type } of containersOf(pod)) {
      if (type !== 'containers') continue;
      for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const probe = container[kind];
        if (!isObject(probe)) continue;
        const at = `${path}.${kind}`;
        checkHandler(ctx, probe, at, PROBE_HANDLERS);
        for (const timing of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds']) {
          const v = probe[timing];
          if (typeof v === 'number' && v < 0) ctx.report(`${at}.${timing}`, received(v, 'an integer of at least 0'));
        }
        if (kind !== 'readinessProbe' && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1) {
          ctx.report(`${at}.successThreshold`, received(probe.successThreshold, `1 for a ${kind}`));
        }
      }
      if (isObject(container.lifecycle)) {
        for (const hook of ['postStart', 'preStop']) {
          if (isObject(container.lifecycle[hook])) checkHandler(ctx, container.lifecycle[hook], `${path}.lifecycle.${hook}`, lifecycleHandlers(ctx.kubernetesVersion));
        }
      }
    }
  },
});

function checkHandler(ctx: RuleContext, handler: Record<string, any>, at: string, allowed: string[]): void {
  const given = Object.keys(handler).filter((k) => allowed.includes(k) && handler[k] !== null && handler[k] !== undefined);
  if (given.length !== 1) {
    const off = given.length === 0 && isObject(handler.sleep) && !allowed.includes('sleep') ? ['the sleep action is on by default from Kubernetes 1.30'] : [];
    ctx.report(at, received(given.length === 0 ? 'no handler' : given, `exactly one of ${allowed.join(', ')}`, off));
  }
  for (const h of ['httpGet', 'tcpSocket', 'grpc']) {
    const port = isObject(handler[h]) ? handler[h].port : undefined;
    if (typeof port === 'number' && (port < 1 || port > 65535)) ctx.report(`${at}.${h}.port`, received(port, 'an integer from 1 to 65535 or a port name'));
    if (typeof port === 'string') checkSyntax(ctx, `${at}.${h}.port`, port, isValidPortName, ALLOWED.portName);
  }
}
