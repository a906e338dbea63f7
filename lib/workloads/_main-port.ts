import { PropChecker } from '../core/_props';
import { ContainerPortSpec } from './_container';

/** The main container's one port, as the `port` and `portName` props of a `Worker`, `DaemonSet` or `Pod` give it. @internal */
export interface MainPortProps {
  readonly port?: number;
  readonly portName?: string;
}

/**
 * Checks the `port` and `portName` props; returns the container's ports (none without `port`).
 *
 * @internal
 */
export function checkMainPort(check: PropChecker, p: MainPortProps): ContainerPortSpec[] {
  if (p.port === undefined) {
    if (p.portName !== undefined) check.fail('portName', p.portName, 'no portName without a port');
    return [];
  }
  const portName = p.portName ?? 'http';
  check.port('port', p.port);
  check.portName('portName', portName);
  return [{ name: portName, containerPort: p.port, protocol: 'TCP' }];
}

/**
 * Refuses a long-running workload without a port (`kind`) that leaves a readiness or liveness probe out: it has no
 * default probe.
 *
 * @internal
 */
export function requireProbesWithoutPort(check: PropChecker, kind: string, p: MainPortProps & { readonly readinessProbe?: unknown; readonly livenessProbe?: unknown }): void {
  if (p.port !== undefined) return;
  for (const prop of ['readinessProbe', 'livenessProbe'] as const) {
    if (p[prop] === undefined) {
      check.fail(prop, undefined, `a probe such as Probe.exec(["/bin/healthcheck"]), or Probe.none(): a ${kind} without a port has no default probe`);
    }
  }
}
