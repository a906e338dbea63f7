import { brand, hasBrand } from '../core/_brand';
import { hostPathVolumeName } from '../core/_volume-names';
import { isPlainRecord, PropChecker } from '../core/_props';
import { Protocol } from '../networking/protocol';
import { JsonObject } from './_k8s-json';
import { uniqueVolumeName } from './_pod-template';
import { HostPathType } from './host-path-type';

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

  /**
   * The name of the pod's volume: a DNS-1123 label, different from the other host paths' volume names of the
   * workload. Set it to keep the name a chart or an existing workload gives (`varlog`, `rootfs`), as
   * `cdk8s-platform import` does; a name another volume of the pod has (a mount's) is numbered (`-2`).
   *
   * @default `host-<path>`: the path in lower case, other characters as `-` (`host-var-log`; `/` is `host-root`),
   * numbered when another volume of the pod has that name
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
   */
  readonly volumeName?: string;

  /**
   * What the kubelet checks at the path before mounting it (`HostPathType.DIRECTORY`, `HostPathType.SOCKET`, ...), or
   * creates there (`HostPathType.DIRECTORY_OR_CREATE`, `HostPathType.FILE_OR_CREATE`).
   *
   * @default no type written: the API server sets `""`, and the kubelet mounts whatever is at the path, unchecked
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
   */
  readonly type?: HostPathType;
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

  /**
   * Refuses a `volumeName` that another host path of the workload has, given or by default (two default names are
   * numbered, as before `volumeName` existed: two mounts of one node path). The error is on the `volumeName` given.
   *
   * @param access the workload's host access entries, each with its prop (`hostAccess[i]`)
   * @internal
   */
  public static _checkVolumeNames(check: PropChecker, access: ReadonlyArray<readonly [HostAccess, string]>): void {
    const claims: Array<{ readonly name: string; readonly at: string; readonly explicit: boolean }> = [];
    for (const [a, prop] of access) {
      for (const claim of a._volumeNames(prop)) {
        const other = claims.find((c) => c.name === claim.name && (c.explicit || claim.explicit));
        if (other !== undefined) {
          const [given, taken] = claim.explicit ? [claim, other] : [other, claim];
          const how = taken.explicit ? 'has it as volumeName' : 'is named so by default (host-<path>)';
          check.fail(`${given.at}.volumeName`, given.name, `a volume name no other host path of the workload has: ${taken.at} ${how}`);
        }
        claims.push(claim);
      }
    }
  }

  /**
   * The volume name each host path asks for, where it is (`<prop>.paths[i]`), and whether `volumeName` gives it
   * (else it is the default, `host-<path>`). @internal
   */
  public _volumeNames(prop: string): Array<{ readonly name: string; readonly at: string; readonly explicit: boolean }> {
    const a = this.access;
    if (a.kind !== 'paths' || !Array.isArray(a.paths)) return [];
    return a.paths.flatMap((p, i) => {
      if (!isPlainRecord(p) || typeof p.hostPath !== 'string' || (p.volumeName !== undefined && typeof p.volumeName !== 'string')) return [];
      const explicit = p.volumeName !== undefined;
      return [{ name: explicit ? p.volumeName as string : hostPathVolumeName(p.hostPath), at: `${prop}.paths[${i}]`, explicit }];
    });
  }

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    const a = this.access;
    if (a.kind === 'paths') {
      if (!Array.isArray(a.paths) || a.paths.length === 0) {
        check.fail(prop, a.paths, 'HostAccess.paths() with at least one { hostPath, mountPath?, writable?, volumeName?, type? }');
        return;
      }
      a.paths.forEach((p, i) => {
        const at = `${prop}.paths[${i}]`;
        if (!isPlainRecord(p)) {
          check.fail(at, p, 'an object { hostPath, mountPath?, writable?, volumeName?, type? }');
          return;
        }
        check.knownKeys(at, p, 'HostPathOptions');
        checkPath(check, `${at}.hostPath`, p.hostPath);
        if (p.mountPath !== undefined) checkPath(check, `${at}.mountPath`, p.mountPath);
        if (p.writable !== undefined) check.boolean(`${at}.writable`, p.writable);
        if (p.volumeName !== undefined) check.name(`${at}.volumeName`, p.volumeName, 'dns1123-label');
        if (p.type !== undefined && !HostPathType.isHostPathType(p.type)) {
          check.fail(`${at}.type`, p.type, 'a HostPathType: HostPathType.UNSET, DIRECTORY_OR_CREATE, DIRECTORY, FILE_OR_CREATE, FILE, SOCKET, CHAR_DEVICE or BLOCK_DEVICE');
        }
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
   * Adds the access to a rendered pod spec: volumes and mounts of the main container (named `volumeName` or
   * `host-<path>`, numbered when another volume of the pod has that name), host ports on the main container's ports, `hostNetwork` or `hostPID`.
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
        const name = uniqueVolumeName(p.volumeName ?? hostPathVolumeName(p.hostPath), used);
        volumes.push({ name, hostPath: { path: p.hostPath, ...(p.type !== undefined ? { type: p.type.value } : {}) } });
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

