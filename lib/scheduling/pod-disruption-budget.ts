import { brand, hasBrand } from '../core/_brand';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { createL1Object, IntOrString } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { intOrPercentProblem } from '../core/int-or-percent';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { IPodSelector } from './pod-affinity';

/**
 * Whether pods that are running but not ready may be evicted even when the budget is exhausted.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy
 */
export class UnhealthyPodEvictionPolicy {
  /** Whether `x` is a `UnhealthyPodEvictionPolicy`, also across copies of this package. */
  public static isUnhealthyPodEvictionPolicy(x: unknown): x is UnhealthyPodEvictionPolicy {
    return hasBrand(x, 'UnhealthyPodEvictionPolicy');
  }

  /** Unready pods may be evicted only while the application is not disrupted (the API server's default). */
  public static readonly IF_HEALTHY_BUDGET = new UnhealthyPodEvictionPolicy('IfHealthyBudget');
  /** Unready pods may always be evicted: a stuck pod never blocks a node drain. */
  public static readonly ALWAYS_ALLOW = new UnhealthyPodEvictionPolicy('AlwaysAllow');

  private constructor(
    /** The field's value. */
    public readonly value: string,
  ) {}
}

brand(UnhealthyPodEvictionPolicy, 'UnhealthyPodEvictionPolicy');

/** What a disruption budget allows; the options every replicated workload takes as `disruptionBudget`. */
export interface DisruptionBudgetOptions {
  /**
   * Whether the budget is created (workloads only: a standalone `PodDisruptionBudget` always is).
   *
   * @default true when the workload runs two or more pods (replicas, or the autoscaler's minimum)
   */
  readonly enabled?: boolean;

  /**
   * How many pods may be down at once through voluntary disruptions (node drains, cluster upgrades): a number or
   * a percentage such as `"25%"`. Exclusive with `minAvailable`.
   *
   * @default 1, unless `minAvailable` is set
   */
  readonly maxUnavailable?: number | string;

  /**
   * How many pods must stay available: a number or a percentage. Exclusive with `maxUnavailable`.
   *
   * @default none (maxUnavailable is used)
   */
  readonly minAvailable?: number | string;

  /**
   * Whether unready pods may be evicted when the budget is exhausted.
   *
   * @default UnhealthyPodEvictionPolicy.ALWAYS_ALLOW, so a crash-looping pod never blocks a drain
   */
  readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
}

/** Props of a `PodDisruptionBudget`. */
export interface PodDisruptionBudgetProps extends Omit<DisruptionBudgetOptions, 'enabled'>, ConstructMetadataProps {
  /** The pods the budget protects: a workload, or `{ selectorLabels }`. */
  readonly selector: IPodSelector;

  /**
   * The budget's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The `app.kubernetes.io/component` label.
   *
   * @default "disruption-budget"
   */
  readonly component?: string;
}

/**
 * Limits voluntary disruptions (node drains, cluster upgrades, autoscaler scale-downs) of a set of pods
 * (policy/v1), so that a drain waits instead of taking the whole service down.
 *
 * Replicated workloads with two or more pods get one by default (`maxUnavailable: 1`).
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/
 * @example
 * new PodDisruptionBudget(stack, 'api-pdb', { selector: api, minAvailable: '50%' });
 */
export class PodDisruptionBudget extends Construct {
  /** The budget's name. */
  public readonly name: string;
  /** The PodDisruptionBudget API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PodDisruptionBudgetProps) {
    super(scope, id);
    const p = props ?? ({} as PodDisruptionBudgetProps);
    const stack = findStack(this, 'PodDisruptionBudget');
    const check = new PropChecker(this, 'PodDisruptionBudget');
    this.name = p.name ?? id;
    check.name('name', this.name, 'dns1123-subdomain');
    if (!p.selector || !isPlainRecord(p.selector.selectorLabels) || Object.keys(p.selector.selectorLabels).length === 0) {
      check.fail('selector', p.selector, 'a workload, or an object { selectorLabels } with at least one label');
    }
    checkBudget(check, '', p);
    const component = p.component ?? 'disruption-budget';
    check.labelValue('component', component);
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'PodDisruptionBudgetProps');
    check.throwIfInvalid();

    const maxUnavailable = p.minAvailable === undefined ? (p.maxUnavailable ?? 1) : undefined;
    const num = (v: number | string | undefined) => (v === undefined ? undefined
      : typeof v === 'number' ? IntOrString.fromNumber(v) : IntOrString.fromString(v));
    this.apiObject = createL1Object(this, 'Resource', 'KubePodDisruptionBudget', {
      metadata: { name: this.name, labels: recommendedLabels(stack, { name: this.name, component }, metadata.labels), annotations: metadata.annotations },
      spec: {
        selector: { matchLabels: { ...p.selector.selectorLabels } },
        maxUnavailable: num(maxUnavailable),
        minAvailable: num(p.minAvailable),
        unhealthyPodEvictionPolicy: (p.unhealthyPodEvictionPolicy ?? UnhealthyPodEvictionPolicy.ALWAYS_ALLOW).value,
      },
    });
    this.node.defaultChild = this.apiObject;
  }
}

/** Checks budget options; `prefix` is prepended to prop names (e.g. `disruptionBudget.`). @internal */
export function checkBudget(check: PropChecker, prefix: string, o: DisruptionBudgetOptions): void {
  if (o.maxUnavailable !== undefined && o.minAvailable !== undefined) {
    check.fail(`${prefix}minAvailable`, o.minAvailable, 'no minAvailable when maxUnavailable is set (they are exclusive)');
  }
  for (const key of ['maxUnavailable', 'minAvailable'] as const) {
    if (o[key] === undefined) continue;
    const problem = intOrPercentProblem(o[key], true);
    if (problem) check.fail(`${prefix}${key}`, o[key], problem);
  }
  if (o.unhealthyPodEvictionPolicy !== undefined && !UnhealthyPodEvictionPolicy.isUnhealthyPodEvictionPolicy(o.unhealthyPodEvictionPolicy)) {
    check.fail(`${prefix}unhealthyPodEvictionPolicy`, o.unhealthyPodEvictionPolicy,
      'UnhealthyPodEvictionPolicy.ALWAYS_ALLOW or UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET');
  }
}
