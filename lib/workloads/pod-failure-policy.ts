import { brand, hasBrand } from '../core/_brand';
import { PropChecker } from '../core/_props';
import { isAtLeast } from '../core/kubernetes-version';
import { isQualifiedName } from '../core/names';
import { PodFailurePolicyRuleJson } from './_k8s-json';

/**
 * What a Job does with a failed pod that matches a rule of its `podFailurePolicy`.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy
 */
export class PodFailureAction {
  /** The whole job fails at once and its running pods are stopped, whatever retries are left (a bug, bad input). */
  public static readonly FAIL_JOB = new PodFailureAction('FailJob');

  /** The failure is not counted against `backoffLimit` and a replacement pod is started (the pod was disrupted). */
  public static readonly IGNORE = new PodFailureAction('Ignore');

  /**
   * The failure is counted against `backoffLimit`, as without a policy: a rule that stops the rules after it from
   * matching.
   */
  public static readonly COUNT = new PodFailureAction('Count');

  /**
   * For an Indexed job with `backoffLimitPerIndex`: the pod's index fails at once, without its retries, while the
   * other indexes go on. Kubernetes 1.29 or later (`JobBackoffLimitPerIndex`, beta and on by default from 1.29).
   *
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index
   */
  public static readonly FAIL_INDEX = new PodFailureAction('FailIndex');

  /** Whether `x` is a `PodFailureAction`, also across copies of this package. */
  public static isPodFailureAction(x: unknown): x is PodFailureAction {
    return hasBrand(x, 'PodFailureAction');
  }

  private constructor(
    /** The rule's `action`. */
    public readonly value: 'FailJob' | 'Ignore' | 'Count' | 'FailIndex',
  ) {}
}

brand(PodFailureAction, 'PodFailureAction');

/** Options of a rule on exit codes. */
export interface ExitCodeRuleOptions {
  /**
   * The container whose exit code the rule reads: the main container (the workload's `containerName`, by default
   * its name), a sidecar or an init container. Checked when the app is synthesized, once every container is added.
   *
   * @default every container and init container of the pod
   */
  readonly containerName?: string;
}

/** The pod condition that a pod disrupted by the cluster carries (preempted, evicted, its node drained or lost). */
const DISRUPTION_TARGET = 'DisruptionTarget';
/** The API server's limits: exit codes of a rule; rules of a policy. */
const MAX_EXIT_CODES = 255;
const MAX_RULES = 20;
const INT32_MIN = -2147483648;

type Requirement =
  | { readonly kind: 'exitCodes'; readonly operator: 'In' | 'NotIn'; readonly codes: unknown; readonly options: ExitCodeRuleOptions }
  | { readonly kind: 'condition'; readonly type: unknown };

/**
 * A rule of a Job's `podFailurePolicy`: what happens when a pod fails with some exit code, or with a pod condition
 * such as `DisruptionTarget`. The rules are read in order; the first that matches decides, and a failure no rule
 * matches counts against `backoffLimit`. Kubernetes 1.26 or later (`JobPodFailurePolicy`: beta and on by default
 * from 1.26, GA in 1.31), as every supported version.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy
 * @see https://kubernetes.io/docs/tasks/job/pod-failure-policy/
 * @example
 * podFailurePolicy: [
 *   PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [42]), // a bug: retrying will not help
 *   PodFailureRule.onDisruption(),                               // evicted or preempted: retry, uncounted
 * ]
 */
export class PodFailureRule {
  /**
   * Matches a failed pod in which a container (or `options.containerName`) exited with one of `exitCodes`: 1 to 255
   * codes, not 0 (a container that succeeded never counts), in any order.
   */
  public static onExitCodes(action: PodFailureAction, exitCodes: number[], options: ExitCodeRuleOptions = {}): PodFailureRule {
    return new PodFailureRule(action, { kind: 'exitCodes', operator: 'In', codes: exitCodes, options });
  }

  /**
   * Matches a failed pod in which a container (or `options.containerName`) exited with a code other than 0 and
   * `exitCodes` (1 to 255 codes, in any order): e.g. `FAIL_JOB` on any code but the ones known to be transient.
   */
  public static onExitCodesOtherThan(action: PodFailureAction, exitCodes: number[], options: ExitCodeRuleOptions = {}): PodFailureRule {
    return new PodFailureRule(action, { kind: 'exitCodes', operator: 'NotIn', codes: exitCodes, options });
  }

  /**
   * Matches a failed pod that has the condition `conditionType` (a qualified name such as `DisruptionTarget`) with
   * status `True`.
   *
   * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-conditions
   */
  public static onPodCondition(action: PodFailureAction, conditionType: string): PodFailureRule {
    return new PodFailureRule(action, { kind: 'condition', type: conditionType });
  }

  /**
   * Matches a pod that failed because the cluster disrupted it (the `DisruptionTarget` condition: preempted,
   * evicted by a drain or the API, its node gone or tainted): by default the failure is ignored, not counted against
   * `backoffLimit`, since the job's code did not fail.
   *
   * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-conditions
   */
  public static onDisruption(action: PodFailureAction = PodFailureAction.IGNORE): PodFailureRule {
    return new PodFailureRule(action, { kind: 'condition', type: DISRUPTION_TARGET });
  }

  /** Whether `x` is a `PodFailureRule`, also across copies of this package. */
  public static isPodFailureRule(x: unknown): x is PodFailureRule {
    return hasBrand(x, 'PodFailureRule');
  }

  private constructor(
    /** What the Job does with a pod that matches the rule. */
    public readonly action: PodFailureAction,
    private readonly requirement: Requirement,
  ) {}

  /** The container the rule reads the exit codes of, if it names one. @internal */
  public get _containerName(): string | undefined {
    return this.requirement.kind === 'exitCodes' ? this.requirement.options?.containerName : undefined;
  }

  /** Checks the rule as the API server would, but for the container name (see `_containerName`). @internal */
  public _check(check: PropChecker, prop: string): void {
    if (!PodFailureAction.isPodFailureAction(this.action)) {
      check.fail(`${prop}.action`, this.action, 'PodFailureAction.FAIL_JOB, IGNORE, COUNT or FAIL_INDEX');
    }
    const r = this.requirement;
    if (r.kind === 'condition') {
      check.syntax(`${prop} conditionType`, r.type, isQualifiedName, "a pod condition type such as 'DisruptionTarget': a qualified name ([prefix/]name, the name at most 63 alphanumeric characters, '-', '_' or '.')");
      return;
    }
    const codes = r.codes;
    const allowed = `1 to ${MAX_EXIT_CODES} distinct integer exit codes${r.operator === 'In' ? ', not 0 (a container that succeeded never counts)' : ''}`;
    if (!Array.isArray(codes) || codes.length === 0 || codes.length > MAX_EXIT_CODES) {
      check.fail(`${prop} exitCodes`, codes, allowed);
    } else {
      const seen = new Set<number>();
      codes.forEach((code: unknown, i) => {
        const at = `${prop} exitCodes[${i}]`;
        if (!check.integer(at, code, INT32_MIN, 'int32')) return;
        if (r.operator === 'In' && code === 0) check.fail(at, code, allowed);
        else if (seen.has(code)) check.fail(at, code, `${allowed}: ${code} is given twice`);
        seen.add(code);
      });
    }
    const name = r.options?.containerName;
    if (name !== undefined) check.name(`${prop}.containerName`, name, 'dns1123-label');
  }

  /**
   * The rule as Kubernetes JSON for `kubernetesVersion`: exit codes sorted (the API server wants them ascending);
   * before 1.29, where the schema requires `onPodConditions` in every rule, an exit-code rule has an empty list.
   *
   * @internal
   */
  public _render(kubernetesVersion: string): PodFailurePolicyRuleJson {
    const r = this.requirement;
    const action = this.action.value;
    if (r.kind === 'condition') return { action, onPodConditions: [{ type: r.type as string, status: 'True' }] };
    const onExitCodes = {
      containerName: r.options?.containerName,
      operator: r.operator,
      values: [...(r.codes as number[])].sort((a, b) => a - b),
    };
    return isAtLeast(kubernetesVersion, '1.29') ? { action, onExitCodes } : { action, onExitCodes, onPodConditions: [] };
  }
}

brand(PodFailureRule, 'PodFailureRule');

/**
 * Checks a `podFailurePolicy` prop: 1 to 20 rules, each valid. What the policy needs of the rest of the job
 * (`restartPolicy`, `backoffLimitPerIndex`, `podReplacementPolicy`) is checked by the job.
 *
 * @internal
 */
export function checkPodFailurePolicy(check: PropChecker, prop: string, rules: unknown): rules is PodFailureRule[] {
  if (!Array.isArray(rules) || rules.length === 0 || rules.length > MAX_RULES) {
    check.fail(prop, rules, `an array of 1 to ${MAX_RULES} rules: PodFailureRule.onExitCodes(), onExitCodesOtherThan(), onPodCondition() or onDisruption()`);
    return false;
  }
  let ok = true;
  rules.forEach((rule: unknown, i) => {
    if (!PodFailureRule.isPodFailureRule(rule)) {
      check.fail(`${prop}[${i}]`, rule, 'PodFailureRule.onExitCodes(), onExitCodesOtherThan(), onPodCondition() or onDisruption()');
      ok = false;
    } else {
      rule._check(check, `${prop}[${i}]`);
    }
  });
  return ok;
}

/**
 * The problems of rules that read the exit codes of a container the pod does not have (`containers`: the names of
 * its containers and init containers, sidecars included), once every container is added.
 *
 * @internal
 */
export function podFailurePolicyContainerProblems(rules: readonly PodFailureRule[], containers: readonly string[]): string[] {
  const problems: string[] = [];
  rules.forEach((rule, i) => {
    const name = rule._containerName;
    if (name !== undefined && !containers.includes(name)) {
      problems.push(`podFailurePolicy[${i}] reads the exit codes of container "${name}", which the pod does not have (it has: ${containers.join(', ')})`);
    }
  });
  return problems;
}
