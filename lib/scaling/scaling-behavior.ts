import { brand, hasBrand } from '../core/_brand';
import { k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';

/**
 * One limit on how fast an autoscaler changes the replica count.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#configurable-scaling-behavior
 */
export class ScalingPolicy {
  /** Whether `x` is a `ScalingPolicy`, also across copies of this package. */
  public static isScalingPolicy(x: unknown): x is ScalingPolicy {
    return hasBrand(x, 'ScalingPolicy');
  }

  /** At most `pods` pods added (or removed) per `periodSeconds`. */
  public static pods(pods: number, periodSeconds: number): ScalingPolicy {
    return new ScalingPolicy('Pods', pods, periodSeconds);
  }

  /** At most `percent` % of the current pods added (or removed) per `periodSeconds`. */
  public static percent(percent: number, periodSeconds: number): ScalingPolicy {
    return new ScalingPolicy('Percent', percent, periodSeconds);
  }

  private constructor(
    /** `Pods` or `Percent`. */
    public readonly type: 'Pods' | 'Percent',
    /** The amount. */
    public readonly value: number,
    /** The window, in seconds (1 to 1800). */
    public readonly periodSeconds: number,
  ) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    check.integer(`${prop} value`, this.value, 1);
    check.integer(`${prop} periodSeconds`, this.periodSeconds, 1, 1800);
  }
}

brand(ScalingPolicy, 'ScalingPolicy');

/** Which policy applies when several allow different changes. */
export class SelectPolicy {
  /** Whether `x` is a `SelectPolicy`, also across copies of this package. */
  public static isSelectPolicy(x: unknown): x is SelectPolicy {
    return hasBrand(x, 'SelectPolicy');
  }

  /** The policy that allows the largest change (the default). */
  public static readonly MAX = new SelectPolicy('Max');
  /** The policy that allows the smallest change. */
  public static readonly MIN = new SelectPolicy('Min');
  /** No scaling in this direction. */
  public static readonly DISABLED = new SelectPolicy('Disabled');

  private constructor(
    /** The field's value. */
    public readonly value: string,
  ) {}
}

brand(SelectPolicy, 'SelectPolicy');

/** How an autoscaler scales in one direction. */
export interface ScalingRules {
  /**
   * Seconds of past recommendations considered, to avoid flapping: the largest (scale down) or smallest (scale up)
   * recommendation in the window is used.
   *
   * @default 300 for scale down, 0 for scale up (the Kubernetes defaults)
   */
  readonly stabilizationWindowSeconds?: number;

  /**
   * Limits on the rate of change.
   *
   * @default the Kubernetes defaults: scale up by 100 % or 4 pods per 15 s, scale down by 100 % per 15 s
   */
  readonly policies?: ScalingPolicy[];

  /**
   * Which policy wins when several apply.
   *
   * @default SelectPolicy.MAX
   */
  readonly selectPolicy?: SelectPolicy;
}

/** How fast an autoscaler scales up and down. */
export interface ScalingBehavior {
  /**
   * Scaling up.
   *
   * @default the Kubernetes defaults
   */
  readonly scaleUp?: ScalingRules;

  /**
   * Scaling down.
   *
   * @default the Kubernetes defaults
   */
  readonly scaleDown?: ScalingRules;
}

/** Checks and renders a behavior. @internal */
export function renderBehavior(check: PropChecker, prop: string, b: ScalingBehavior | undefined): k8s.HorizontalPodAutoscalerBehaviorV2 | undefined {
  if (b === undefined) return undefined;
  if (!isPlainRecord(b)) {
    check.fail(prop, b, 'an object { scaleUp?, scaleDown? }');
    return undefined;
  }
  const rules = (key: 'scaleUp' | 'scaleDown'): k8s.HpaScalingRulesV2 | undefined => {
    const r = b[key];
    if (r === undefined) return undefined;
    const where = `${prop}.${key}`;
    if (!isPlainRecord(r)) {
      check.fail(where, r, 'an object { stabilizationWindowSeconds?, policies?, selectPolicy? }');
      return undefined;
    }
    if (r.stabilizationWindowSeconds !== undefined) check.integer(`${where}.stabilizationWindowSeconds`, r.stabilizationWindowSeconds, 0, 3600);
    if (r.selectPolicy !== undefined && !SelectPolicy.isSelectPolicy(r.selectPolicy)) {
      check.fail(`${where}.selectPolicy`, r.selectPolicy, 'SelectPolicy.MAX, SelectPolicy.MIN or SelectPolicy.DISABLED');
    }
    const policies: ScalingPolicy[] = [];
    if (r.policies !== undefined) {
      if (!Array.isArray(r.policies) || r.policies.length === 0) {
        check.fail(`${where}.policies`, r.policies, 'a non-empty array of ScalingPolicy.pods() / ScalingPolicy.percent()');
      } else {
        r.policies.forEach((p, i) => {
          if (!ScalingPolicy.isScalingPolicy(p)) check.fail(`${where}.policies[${i}]`, p, 'ScalingPolicy.pods(n, periodSeconds) or ScalingPolicy.percent(n, periodSeconds)');
          else { p._check(check, `${where}.policies[${i}]`); policies.push(p); }
        });
      }
    }
    return {
      stabilizationWindowSeconds: r.stabilizationWindowSeconds as number | undefined,
      selectPolicy: SelectPolicy.isSelectPolicy(r.selectPolicy) ? r.selectPolicy.value : undefined,
      policies: policies.length > 0 ? policies.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds })) : undefined,
    };
  };
  return { scaleUp: rules('scaleUp'), scaleDown: rules('scaleDown') };
}
