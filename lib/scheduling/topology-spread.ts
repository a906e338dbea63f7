import { isPlainRecord, PropChecker } from '../core/_props';
import { k8s } from '../core/_k8s';

/** The node label of a node's name. */
export const HOSTNAME_TOPOLOGY_KEY = 'kubernetes.io/hostname';
/** The node label of a node's zone. */
export const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';

/** Options of a topology spread constraint. */
export interface TopologySpreadOptions {
  /**
   * The largest allowed difference between the number of pods in any two domains.
   *
   * @default 1
   */
  readonly maxSkew?: number;

  /**
   * Whether pods stay pending rather than break the spread (`DoNotSchedule`).
   *
   * @default false: the scheduler prefers the spread but still schedules (`ScheduleAnyway`)
   */
  readonly required?: boolean;
}

/**
 * Spreads a workload's pods evenly across nodes or zones, so one node or zone going down takes few of them.
 *
 * Replicated workloads spread across nodes by default (`ScheduleAnyway`); add `TopologySpread.acrossZones()` in
 * multi-zone clusters.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 * @example
 * spread: [TopologySpread.acrossNodes(), TopologySpread.acrossZones({ required: true })]
 */
export class TopologySpread {
  /** Spread across nodes (`kubernetes.io/hostname`). */
  public static acrossNodes(options: TopologySpreadOptions = {}): TopologySpread {
    return new TopologySpread(HOSTNAME_TOPOLOGY_KEY, options);
  }

  /** Spread across zones (`topology.kubernetes.io/zone`). */
  public static acrossZones(options: TopologySpreadOptions = {}): TopologySpread {
    return new TopologySpread(ZONE_TOPOLOGY_KEY, options);
  }

  /** Spread across the domains of any node label. */
  public static across(topologyKey: string, options: TopologySpreadOptions = {}): TopologySpread {
    return new TopologySpread(topologyKey, options);
  }

  private constructor(
    /** The node label whose values are the domains. */
    public readonly topologyKey: string,
    private readonly options: TopologySpreadOptions,
  ) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    check.string(`${prop} topologyKey`, this.topologyKey, "a node label key such as 'topology.kubernetes.io/zone'");
    const o = this.options ?? {};
    if (!isPlainRecord(o)) {
      check.fail(`${prop} options`, o, 'an options object');
      return;
    }
    if (o.maxSkew !== undefined) check.integer(`${prop}.maxSkew`, o.maxSkew, 1);
    if (o.required !== undefined) check.boolean(`${prop}.required`, o.required);
  }

  /** @internal */
  public _render(selector: Readonly<Record<string, string>>): k8s.TopologySpreadConstraint {
    return {
      topologyKey: this.topologyKey,
      maxSkew: this.options.maxSkew ?? 1,
      whenUnsatisfiable: this.options.required ? 'DoNotSchedule' : 'ScheduleAnyway',
      labelSelector: { matchLabels: { ...selector } },
    };
  }
}
