const TRAFFIC_DISTRIBUTION = Symbol.for('cdk8s-platform.TrafficDistribution');

/**
 * How a Service's traffic prefers endpoints close to the client (`spec.trafficDistribution`): a hint that kube-proxy
 * (and implementations that read it) follows while close endpoints are ready, falling back to any endpoint. It keeps
 * traffic in the client's zone, which saves cross-zone cost and latency, at the price of an uneven load when clients
 * are unevenly spread. A `WebService` takes it; a `StatefulService`'s Service is headless (no virtual IP for kube-proxy
 * to route, clients reach the pods by their DNS names), which the hint does not apply to.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#traffic-distribution
 * @see https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/ (ServiceTrafficDistribution, PreferSameTrafficDistribution)
 * @example
 * new WebService(stack, 'api', { image, trafficDistribution: TrafficDistribution.preferSameZone() });
 */
export class TrafficDistribution {
  /**
   * Endpoints in the client's zone first (`PreferClose`). Kubernetes 1.31 or later (`ServiceTrafficDistribution`:
   * beta and on by default from 1.31, GA in 1.33). From 1.34 it is another name for `preferSameZone()`, which says
   * what it does.
   */
  public static preferClose(): TrafficDistribution {
    return new TrafficDistribution('PreferClose', '1.31', 'trafficDistribution PreferClose (ServiceTrafficDistribution, beta and on by default from 1.31)');
  }

  /**
   * Endpoints in the client's zone first (`PreferSameZone`). Kubernetes 1.34 or later (`PreferSameTrafficDistribution`:
   * beta and on by default from 1.34, GA in 1.35); before, `preferClose()` does the same.
   */
  public static preferSameZone(): TrafficDistribution {
    return new TrafficDistribution('PreferSameZone', '1.34', 'trafficDistribution PreferSameZone (PreferSameTrafficDistribution, beta and on by default from 1.34; use TrafficDistribution.preferClose() before)');
  }

  /**
   * Endpoints on the client's node first, then its zone (`PreferSameNode`): for a per-node service such as a local
   * cache or agent. Kubernetes 1.34 or later (`PreferSameTrafficDistribution`: beta and on by default from 1.34).
   */
  public static preferSameNode(): TrafficDistribution {
    return new TrafficDistribution('PreferSameNode', '1.34', 'trafficDistribution PreferSameNode (PreferSameTrafficDistribution, beta and on by default from 1.34)');
  }

  /** Whether `x` is a `TrafficDistribution`, also across copies of this package. */
  public static isTrafficDistribution(x: unknown): x is TrafficDistribution {
    return x !== null && typeof x === 'object' && TRAFFIC_DISTRIBUTION in x;
  }

  private constructor(
    /** The Service's `trafficDistribution`: `PreferClose`, `PreferSameZone` or `PreferSameNode`. */
    public readonly value: 'PreferClose' | 'PreferSameZone' | 'PreferSameNode',
    /** The first Kubernetes version that has this value on by default. */
    public readonly minimumKubernetesVersion: string,
    /** The value and its feature in words, for errors. @internal */
    public readonly _what: string,
  ) {
    Object.defineProperty(this, TRAFFIC_DISTRIBUTION, { value: true });
  }

  /** The factory call that makes this value, for messages, e.g. `TrafficDistribution.preferClose()`. */
  public toString(): string {
    return `TrafficDistribution.${this.value[0].toLowerCase()}${this.value.slice(1)}()`;
  }
}
