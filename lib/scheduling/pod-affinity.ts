import { brand, hasBrand } from '../core/_brand';
import { isPlainRecord, PropChecker } from '../core/_props';
import { k8s } from '../core/_k8s';

/** Something whose pods can be selected by labels: any workload. */
export interface IPodSelector {
  /** The labels that select its pods. */
  readonly selectorLabels: Readonly<Record<string, string>>;
}

/** Options of a pod affinity rule. */
export interface PodAffinityOptions {
  /**
   * The node label that defines "together": `kubernetes.io/hostname` (the same node) or
   * `topology.kubernetes.io/zone` (the same zone).
   *
   * @default "kubernetes.io/hostname"
   */
  readonly topologyKey?: string;

  /**
   * Whether the rule is a hard requirement (pods stay pending when it cannot be met) rather than a preference.
   *
   * @default false: a preference
   */
  readonly required?: boolean;

  /**
   * The weight of a preference, from 1 to 100.
   *
   * @default 100
   */
  readonly weight?: number;

  /**
   * The namespaces the other pods live in.
   *
   * @default the workload's own namespace
   */
  readonly namespaces?: string[];
}

/**
 * Places pods near (affinity) or away from (anti-affinity) other pods, e.g. a cache on the nodes of its clients.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
 * @example
 * podAffinity: [PodAffinity.colocate(api, { topologyKey: 'topology.kubernetes.io/zone' })]
 */
export class PodAffinity {
  /** Whether `x` is a `PodAffinity`, also across copies of this package. */
  public static isPodAffinity(x: unknown): x is PodAffinity {
    return hasBrand(x, 'PodAffinity');
  }

  /** Runs the pods in the same topology domain as the selected pods. */
  public static colocate(target: IPodSelector, options: PodAffinityOptions = {}): PodAffinity {
    return new PodAffinity(false, target, options);
  }

  /** Keeps the pods out of the topology domains that run the selected pods (anti-affinity). */
  public static separate(target: IPodSelector, options: PodAffinityOptions = {}): PodAffinity {
    return new PodAffinity(true, target, options);
  }

  private constructor(
    /** Whether this is an anti-affinity rule. */
    public readonly anti: boolean,
    private readonly target: IPodSelector,
    private readonly options: PodAffinityOptions,
  ) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    if (!this.target || !isPlainRecord(this.target.selectorLabels)) {
      check.fail(prop, this.target, 'a workload, or an object { selectorLabels }');
    }
    const o = this.options ?? {};
    if (!isPlainRecord(o)) {
      check.fail(`${prop} options`, o, 'an options object');
      return;
    }
    check.knownKeys(prop, o, 'PodAffinityOptions');
    if (o.topologyKey !== undefined) check.string(`${prop}.topologyKey`, o.topologyKey, "a node label key such as 'topology.kubernetes.io/zone'");
    if (o.required !== undefined) check.boolean(`${prop}.required`, o.required);
    if (o.weight !== undefined) check.integer(`${prop}.weight`, o.weight, 1, 100);
    if (o.namespaces !== undefined) check.stringList(`${prop}.namespaces`, o.namespaces, false);
  }

  /** Renders a list of pod affinity rules. @internal */
  public static _render(rules: readonly PodAffinity[]): Pick<k8s.Affinity, 'podAffinity' | 'podAntiAffinity'> {
    const part = (anti: boolean): k8s.PodAffinity | undefined => {
      const mine = rules.filter((r) => r.anti === anti);
      if (mine.length === 0) return undefined;
      const term = (r: PodAffinity): k8s.PodAffinityTerm => ({
        labelSelector: { matchLabels: { ...r.target.selectorLabels } },
        topologyKey: r.options.topologyKey ?? 'kubernetes.io/hostname',
        namespaces: r.options.namespaces ? [...r.options.namespaces] : undefined,
      });
      const required = mine.filter((r) => r.options.required).map(term);
      const preferred = mine.filter((r) => !r.options.required).map((r) => ({ weight: r.options.weight ?? 100, podAffinityTerm: term(r) }));
      return {
        requiredDuringSchedulingIgnoredDuringExecution: required.length > 0 ? required : undefined,
        preferredDuringSchedulingIgnoredDuringExecution: preferred.length > 0 ? preferred : undefined,
      };
    };
    return { podAffinity: part(false), podAntiAffinity: part(true) };
  }
}

brand(PodAffinity, 'PodAffinity');
