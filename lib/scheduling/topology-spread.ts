import { brand, hasBrand } from '../core/_brand';
import { ALLOWED, isPlainRecord, PropChecker } from '../core/_props';
import { k8s } from '../core/_k8s';
import { isQualifiedName } from '../core/names';

/** The node label of a node's name. */
export const HOSTNAME_TOPOLOGY_KEY = 'kubernetes.io/hostname';
/** The node label of a node's zone. */
export const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';
/**
 * The pod label of a Deployment's revision: the Deployment controller sets it on the pods of each ReplicaSet, so
 * its value differs between the old and the new pods of a rolling update.
 */
export const DEPLOYMENT_REVISION_LABEL = 'pod-template-hash';

/**
 * Whether a spread constraint counts the nodes that the pod could not be scheduled on anyway, because of its node
 * selector or affinity (`nodeAffinityPolicy`) or a taint it does not tolerate (`nodeTaintsPolicy`).
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#node-inclusion-policies
 */
export class NodeInclusionPolicy {
  /** Whether `x` is a `NodeInclusionPolicy`, also across copies of this package. */
  public static isNodeInclusionPolicy(x: unknown): x is NodeInclusionPolicy {
    return hasBrand(x, 'NodeInclusionPolicy');
  }

  /** Only the nodes the pod may run on count: those its node selector and affinity allow, or whose taints it tolerates. */
  public static readonly HONOR = new NodeInclusionPolicy('Honor');
  /** Every node counts, whatever the pod's node selector, affinity or tolerations. */
  public static readonly IGNORE = new NodeInclusionPolicy('Ignore');

  private constructor(
    /** The field's value. */
    public readonly value: 'Honor' | 'Ignore',
  ) {}
}

brand(NodeInclusionPolicy, 'NodeInclusionPolicy');

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

  /**
   * Pod label keys that narrow which pods are counted: only the workload's pods whose labels have the same values
   * for these keys as the pod being scheduled. With `['pod-template-hash']` a Deployment's rolling update spreads
   * the new pods among themselves, instead of counting old pods that are about to be deleted (which leaves the new
   * pods unevenly spread once the rollout is over). Label keys, not in the workload's selector. An empty list counts
   * every pod of the workload. Kubernetes 1.27 or later (`MatchLabelKeysInPodTopologySpread`: beta and on by
   * default from 1.27), as every supported version.
   *
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#spread-constraint-definition
   * @default the workload's revision label: `['pod-template-hash']` for a Deployment (`WebService`, `Worker`), as
   * the Kubernetes documentation recommends for rolling updates; none for a `StatefulService`, which replaces one
   * pod at a time without surge, so the pods of the other revision still running are the ones to spread around
   */
  readonly matchLabelKeys?: string[];

  /**
   * Whether the nodes that the pod's `nodeSelector` and `nodeAffinity` exclude count when the skew is computed.
   *
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#node-inclusion-policies
   * @default not rendered: Kubernetes' `Honor` (only the nodes the pod may run on count)
   */
  readonly nodeAffinityPolicy?: NodeInclusionPolicy;

  /**
   * Whether the nodes whose taints the pod does not tolerate count when the skew is computed.
   * `NodeInclusionPolicy.HONOR` keeps a tainted node pool (GPU nodes, a dedicated pool) from holding back a
   * required spread.
   *
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#node-inclusion-policies
   * @default not rendered: Kubernetes' `Ignore` (tainted nodes count too)
   */
  readonly nodeTaintsPolicy?: NodeInclusionPolicy;
}

/**
 * Spreads a workload's pods evenly across nodes or zones, so one node or zone going down takes few of them.
 *
 * Replicated workloads spread across nodes by default (`ScheduleAnyway`); add `TopologySpread.acrossZones()` in
 * multi-zone clusters. A Deployment's constraints count only the pods of the same revision by default
 * (`matchLabelKeys: ['pod-template-hash']`), so rolling updates keep the spread.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 * @example
 * spread: [TopologySpread.acrossNodes(), TopologySpread.acrossZones({ required: true })]
 */
export class TopologySpread {
  /** Whether `x` is a `TopologySpread`, also across copies of this package. */
  public static isTopologySpread(x: unknown): x is TopologySpread {
    return hasBrand(x, 'TopologySpread');
  }

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

  /**
   * Checks the spread for a workload whose selector has the keys `selectorKeys` (a key of `matchLabelKeys` may not
   * be one of them: the API server refuses a key in both).
   *
   * @internal
   */
  public _check(check: PropChecker, prop: string, selectorKeys: readonly string[] = []): void {
    check.string(`${prop} topologyKey`, this.topologyKey, "a node label key such as 'topology.kubernetes.io/zone'");
    const o = this.options ?? {};
    if (!isPlainRecord(o)) {
      check.fail(`${prop} options`, o, 'an options object');
      return;
    }
    check.knownKeys(prop, o, 'TopologySpreadOptions');
    if (o.maxSkew !== undefined) check.integer(`${prop}.maxSkew`, o.maxSkew, 1);
    if (o.required !== undefined) check.boolean(`${prop}.required`, o.required);
    if (o.matchLabelKeys !== undefined) checkMatchLabelKeys(check, `${prop}.matchLabelKeys`, o.matchLabelKeys, selectorKeys);
    for (const key of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const policy = o[key];
      if (policy !== undefined && !NodeInclusionPolicy.isNodeInclusionPolicy(policy)) {
        check.fail(`${prop}.${key}`, policy, 'NodeInclusionPolicy.HONOR or NodeInclusionPolicy.IGNORE');
      }
    }
  }

  /**
   * This spread with `matchLabelKeys` defaulting to `defaultMatchLabelKeys` (the workload kind's revision label).
   *
   * @internal
   */
  public _withDefaultMatchLabelKeys(defaultMatchLabelKeys: readonly string[]): TopologySpread {
    if (this.options.matchLabelKeys !== undefined) return this;
    return new TopologySpread(this.topologyKey, { ...this.options, matchLabelKeys: [...defaultMatchLabelKeys] });
  }

  /** @internal */
  public _render(selector: Readonly<Record<string, string>>): k8s.TopologySpreadConstraint {
    const o = this.options;
    return {
      topologyKey: this.topologyKey,
      maxSkew: o.maxSkew ?? 1,
      whenUnsatisfiable: o.required ? 'DoNotSchedule' : 'ScheduleAnyway',
      labelSelector: { matchLabels: { ...selector } },
      matchLabelKeys: o.matchLabelKeys !== undefined && o.matchLabelKeys.length > 0 ? [...o.matchLabelKeys] : undefined,
      nodeAffinityPolicy: o.nodeAffinityPolicy?.value,
      nodeTaintsPolicy: o.nodeTaintsPolicy?.value,
    };
  }
}

brand(TopologySpread, 'TopologySpread');

function checkMatchLabelKeys(check: PropChecker, prop: string, keys: unknown, selectorKeys: readonly string[]): void {
  if (!Array.isArray(keys)) {
    check.fail(prop, keys, "an array of pod label keys such as ['pod-template-hash'] (empty: every pod of the workload counts)");
    return;
  }
  const seen = new Set<string>();
  keys.forEach((key: unknown, i) => {
    const at = `${prop}[${i}]`;
    if (!check.syntax(at, key, isQualifiedName, ALLOWED.labelKey)) return;
    if (seen.has(key)) check.fail(at, key, 'a key not already in matchLabelKeys');
    else if (selectorKeys.includes(key)) {
      check.fail(at, key, `a label key that is not in the workload's selector (${selectorKeys.join(', ')}): the selector already matches it`);
    }
    seen.add(key);
  });
}
