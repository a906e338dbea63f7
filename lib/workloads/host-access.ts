import { brand, hasBrand } from '../core/_brand';
import { isPlainRecord, PropChecker } from '../core/_props';
import { Protocol } from '../networking/protocol';
import { JsonObject } from './_k8s-json';
import { uniqueVolumeName } from './_pod-template';

/** A folder or file of the node, mounted into the main container. */
export interface HostPathOptions {
  /** The absolute path on the node, e.g. `"/var/log"`. */
  readonly hostPath: string;

  /**
   * The absolute path in the container.
   *
   * @default the same path as on the node
   */
  readonly mountPath?: string;

  /**
   * Whether the container may write to it (a position file of a log shipper, a socket).
   *
   * @default false: mounted read-only
   */
  readonly writable?: boolean;
}

/** A port of the main container that the node forwards its own port to. */
export interface HostPortOptions {
  /** The container port, e.g. `9100`. */
  readonly port: number;

  /**
   * The node's port. With `HostAccess.network()` it must be the container port (the pod then listens on the node).
   *
   * @default the container port
   */
  readonly hostPort?: number;

  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;

  /**
   * The port's name (an IANA service name), when the workload's own `port` does not already declare this port.
   *
   * @default no name
   */
  readonly name?: string;
}

type Access =
  | { readonly kind: 'paths'; readonly paths: HostPathOptions[] }
  | { readonly kind: 'ports'; readonly ports: HostPortOptions[] }
  | { readonly kind: 'network' }
  | { readonly kind: 'processes' };

/**
 * Access to the node a pod runs on, for node agents (log shippers, node exporters, CNI and storage drivers): the
 * named opt-outs of a `DaemonSet`'s `hostAccess`. Every one of them is refused by the Pod Security levels
 * "baseline" and "restricted", so a DaemonSet with host access needs its AppStack's Namespace to enforce
 * "privileged" (`namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED }`): put node agents in an AppStack
 * of their own, so the app's other workloads keep the stricter level.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @example
 * hostAccess: [
 *   HostAccess.paths([{ hostPath: '/var/log' }, { hostPath: '/var/lib/fluent-bit', writable: true }]),
 *   HostAccess.ports([{ port: 2020 }]),
 * ]
 */
export class HostAccess {
  /** Mounts folders or files of the node into the main container (`hostPath` volumes), read-only by default. */
  public static paths(paths: HostPathOptions[]): HostAccess {
    return new HostAccess({ kind: 'paths', paths });
  }

  /** Binds ports of the node to ports of the main container (`hostPort`). */
  public static ports(ports: HostPortOptions[]): HostAccess {
    return new HostAccess({ kind: 'ports', ports });
  }

  /**
   * Runs the pods in the node's network namespace (`hostNetwork: true`, with `dnsPolicy: ClusterFirstWithHostNet` so
   * that cluster DNS names still resolve): they see every interface of the node, and their ports are the node's.
   */
  public static network(): HostAccess {
    return new HostAccess({ kind: 'network' });
  }

  /** Runs the pods in the node's process namespace (`hostPID: true`): they see every process of the node. */
  public static processes(): HostAccess {
    return new HostAccess({ kind: 'processes' });
  }

  /** Whether `x` is a `HostAccess`, also across copies of this package. */
  public static isHostAccess(x: unknown): x is HostAccess {
    return hasBrand(x, 'HostAccess');
  }

  private constructor(private readonly access: Access) {}

  /** The kind of access: `paths`, `ports`, `network` or `processes`. */
  public get kind(): 'paths' | 'ports' | 'network' | 'processes' {
    return this.access.kind;
  }

  /** How the access is written, for messages: `HostAccess.paths(/var/log)`. */
  public toString(): string {
    const a = this.access;
    if (a.kind === 'paths') return `HostAccess.paths(${Array.isArray(a.paths) ? a.paths.map((p) => p?.hostPath).join(', ') : ''})`;
    if (a.kind === 'ports') return `HostAccess.ports(${Array.isArray(a.ports) ? a.ports.map((p) => p?.hostPort ?? p?.port).join(', ') : ''})`;
    return `HostAccess.${a.kind}()`;
  }

  /** The node ports bound, as `<port>/<protocol>`. @internal */
  public _hostPorts(): Array<{ port: unknown; hostPort: unknown; key: string }> {
    const a = this.access;
    if (a.kind !== 'ports' || !Array.isArray(a.ports)) return [];
    return a.ports.map((p) => {
      const hostPort = p?.hostPort ?? p?.port;
      return { port: p?.port, hostPort, key: `${hostPort}/${Protocol.isProtocol(p?.protocol) ? p.protocol.value : 'TCP'}` };
    });
  }

  /** The container paths mounted. @internal */
  public _mountPaths(): string[] {
    const a = this.access;
    if (a.kind !== 'paths' || !Array.isArray(a.paths)) return [];
    return a.paths.map((p) => p?.mountPath ?? p?.hostPath);
  }

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    const a = this.access;
    if (a.kind === 'paths') {
      if (!Array.isArray(a.paths) || a.paths.length === 0) {
        check.fail(prop, a.paths, 'HostAccess.paths() with at least one { hostPath, mountPath?, writable? }');
        return;
      }
      a.paths.forEach((p, i) => {
        const at = `${prop}.paths[${i}]`;
        if (!isPlainRecord(p)) {
          check.fail(at, p, 'an object { hostPath, mountPath?, writable? }');
          return;
        }
        check.knownKeys(at, p, 'HostPathOptions');
        checkPath(check, `${at}.hostPath`, p.hostPath);
        if (p.mountPath !== undefined) checkPath(check, `${at}.mountPath`, p.mountPath);
        if (p.writable !== undefined) check.boolean(`${at}.writable`, p.writable);
      });
    } else if (a.kind === 'ports') {
      if (!Array.isArray(a.ports) || a.ports.length === 0) {
        check.fail(prop, a.ports, 'HostAccess.ports() with at least one { port, hostPort?, protocol?, name? }');
        return;
      }
      a.ports.forEach((p, i) => {
        const at = `${prop}.ports[${i}]`;
        if (!isPlainRecord(p)) {
          check.fail(at, p, 'an object { port, hostPort?, protocol?, name? }');
          return;
        }
        check.knownKeys(at, p, 'HostPortOptions');
        check.port(`${at}.port`, p.port);
        if (p.hostPort !== undefined) check.port(`${at}.hostPort`, p.hostPort);
        if (p.protocol !== undefined && !Protocol.isProtocol(p.protocol)) check.fail(`${at}.protocol`, p.protocol, 'Protocol.TCP, Protocol.UDP or Protocol.SCTP');
        if (p.name !== undefined) check.portName(`${at}.name`, p.name);
      });
    }
  }

  /**
   * Adds the access to a rendered pod spec: volumes and mounts of the main container (named `host-<path>`, unique in
   * the pod), host ports on the main container's ports, `hostNetwork` or `hostPID`.
   *
   * @internal
   */
  public _apply(spec: JsonObject, mainContainer: string): void {
    const a = this.access;
    const main = (spec.containers as JsonObject[]).find((c) => c.name === mainContainer)!;
    if (a.kind === 'network') {
      spec.hostNetwork = true;
      spec.dnsPolicy = 'ClusterFirstWithHostNet';
    } else if (a.kind === 'processes') {
      spec.hostPID = true;
    } else if (a.kind === 'ports') {
      const ports = (main.ports as JsonObject[] | undefined) ?? [];
      for (const p of a.ports) {
        const protocol = p.protocol?.value ?? 'TCP';
        const hostPort = p.hostPort ?? p.port;
        const existing = ports.find((x) => x.containerPort === p.port && (x.protocol ?? 'TCP') === protocol);
        if (existing) existing.hostPort = hostPort;
        else ports.push({ ...(p.name !== undefined ? { name: p.name } : {}), containerPort: p.port, hostPort, protocol });
      }
      main.ports = ports;
    } else {
      const volumes = (spec.volumes as JsonObject[] | undefined) ?? [];
      const mounts = (main.volumeMounts as JsonObject[] | undefined) ?? [];
      const used = new Set(volumes.map((v) => v.name));
      for (const p of a.paths) {
        const name = uniqueVolumeName(`host-${slug(p.hostPath)}`, used);
        volumes.push({ name, hostPath: { path: p.hostPath } });
        mounts.push({ name, mountPath: p.mountPath ?? p.hostPath, ...(p.writable ? {} : { readOnly: true }) });
      }
      spec.volumes = volumes;
      main.volumeMounts = mounts;
    }
  }
}

brand(HostAccess, 'HostAccess');

function checkPath(check: PropChecker, prop: string, value: unknown): void {
  if (typeof value !== 'string' || !value.startsWith('/') || value.split('/').includes('..')) {
    check.fail(prop, value, 'an absolute path without ".." segments, e.g. "/var/log"');
  }
}

function slug(path: string): string {
  const s = path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s.length > 0 ? s : 'root';
}
