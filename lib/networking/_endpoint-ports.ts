import { isPlainRecord, PropChecker } from '../core/_props';
import { Protocol } from './protocol';

/** A Service port as given: `ServiceEndpointPort`, and the ports of an `ExternalService`. */
interface GivenPort {
  readonly port: number;
  readonly name?: string;
  readonly targetPort?: number;
  readonly protocol?: Protocol;
}

/**
 * Checks the ports of a Service known by its ports only (imported, or outside the cluster), at least one, and gives
 * them as `EndpointPort`s: names unique, `targetPort` the port unless given, TCP unless given.
 *
 * @param firstName the name of the first port when it has none (the others are `port-<port>`)
 * @internal
 */
export function checkEndpointPorts(check: PropChecker, prop: string, ports: unknown, firstName = 'http'):
  Array<{ name: string; port: number; targetPort: number; protocol: string }> {
  if (!Array.isArray(ports) || ports.length === 0) {
    check.fail(prop, ports, 'a non-empty array of { port, name?, targetPort?, protocol? }');
    return [];
  }
  const names = new Set<string>();
  return ports.map((x: unknown, i) => {
    const where = `${prop}[${i}]`;
    if (!isPlainRecord(x)) {
      check.fail(where, x, 'an object { port, name?, targetPort?, protocol? }');
      return { name: '', port: 0, targetPort: 0, protocol: 'TCP' };
    }
    const p = x as unknown as GivenPort;
    check.port(`${where}.port`, p.port);
    if (p.targetPort !== undefined) check.port(`${where}.targetPort`, p.targetPort);
    const name = p.name ?? (i === 0 ? firstName : `port-${p.port}`);
    if (p.name !== undefined) check.portName(`${where}.name`, p.name);
    if (names.has(name)) check.fail(`${where}.name`, name, 'a port name not already used');
    names.add(name);
    if (p.protocol !== undefined && !Protocol.isProtocol(p.protocol)) check.fail(`${where}.protocol`, p.protocol, 'Protocol.TCP, Protocol.UDP or Protocol.SCTP');
    const protocol = Protocol.isProtocol(p.protocol) ? p.protocol.value : 'TCP';
    return { name, port: p.port, targetPort: p.targetPort ?? p.port, protocol };
  });
}
