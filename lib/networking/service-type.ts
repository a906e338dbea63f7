import { isIP } from 'net';
import { isPlainRecord, PropChecker } from '../core/_props';
import { brand, hasBrand } from '../core/_brand';
import { NODE_PORT_RANGE } from '../core/node-port-range';

/** Options of a NodePort service. */
export interface NodePortOptions {
  /**
   * The node port of the main port, within 30000-32767.
   *
   * @default one picked by the API server
   */
  readonly nodePort?: number;
}

/** Options of a LoadBalancer service. */
export interface LoadBalancerOptions {
  /**
   * Whether the load balancer is reachable only from inside the cloud network (the provider's internal-load
   * balancer annotations are added; see `Provider`).
   *
   * @default false: internet-facing
   */
  readonly internal?: boolean;

  /**
   * Annotations for the cloud's load balancer controller (internal vs. internet-facing, TLS, health checks).
   *
   * @default none
   */
  readonly annotations?: Record<string, string>;

  /**
   * Client CIDRs allowed to reach the load balancer, e.g. `["203.0.113.0/24"]`.
   *
   * @default any client
   */
  readonly sourceRanges?: string[];

  /**
   * Whether the load balancer sends traffic only to nodes running a pod, keeping the client's source IP
   * (`externalTrafficPolicy: Local`).
   *
   * @default false: any node forwards (`Cluster`), and the client IP is lost
   */
  readonly preserveClientIp?: boolean;
}

/**
 * How a service is reached: inside the cluster only, on every node's port, or through a cloud load balancer.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export class ServiceType {
  /** Whether `x` is a `ServiceType`, also across copies of this package. */
  public static isServiceType(x: unknown): x is ServiceType {
    return hasBrand(x, 'ServiceType');
  }

  /** A cluster-internal virtual IP and DNS name. */
  public static clusterIp(): ServiceType {
    return new ServiceType('ClusterIP', {});
  }

  /** A port on every node (30000-32767) in addition to the cluster IP. */
  public static nodePort(options: NodePortOptions = {}): ServiceType {
    return new ServiceType('NodePort', options);
  }

  /** An external load balancer provisioned by the cloud provider, in addition to node ports and the cluster IP. */
  public static loadBalancer(options: LoadBalancerOptions = {}): ServiceType {
    return new ServiceType('LoadBalancer', options);
  }

  private constructor(
    /** The Service's `type` field. */
    public readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer',
    /** @internal */
    public readonly _options: NodePortOptions & LoadBalancerOptions,
  ) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    const o = this._options;
    if (!isPlainRecord(o)) {
      check.fail(`${prop} options`, o, 'an options object');
      return;
    }
    if (this.type === 'NodePort') check.knownKeys(prop, o, 'NodePortOptions');
    if (this.type === 'LoadBalancer') check.knownKeys(prop, o, 'LoadBalancerOptions');
    if (o.nodePort !== undefined) {
      check.integer(`${prop}.nodePort`, o.nodePort, NODE_PORT_RANGE.min, NODE_PORT_RANGE.max);
    }
    if (o.annotations !== undefined) check.annotations(`${prop}.annotations`, o.annotations);
    if (o.internal !== undefined) check.boolean(`${prop}.internal`, o.internal);
    if (o.preserveClientIp !== undefined) check.boolean(`${prop}.preserveClientIp`, o.preserveClientIp);
    if (o.sourceRanges !== undefined) {
      if (!Array.isArray(o.sourceRanges)) {
        check.fail(`${prop}.sourceRanges`, o.sourceRanges, 'an array of CIDRs such as ["203.0.113.0/24"]');
      } else {
        for (const cidr of o.sourceRanges) {
          if (!isCidr(cidr)) check.fail(`${prop}.sourceRanges`, cidr, 'an IPv4 or IPv6 CIDR such as "203.0.113.0/24" or "2001:db8::/32"');
        }
      }
    }
  }
}

brand(ServiceType, 'ServiceType');

/** Whether `value` is an IPv4 or IPv6 CIDR. @internal */
export function isCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return false;
  const family = isIP(m[1]);
  const bits = Number(m[2]);
  return (family === 4 && bits <= 32) || (family === 6 && bits <= 128);
}
