import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { isPlainRecord, PropChecker } from '../core/_props';
import { createObject, JobSpecAdditions, JsonObject, l1Json, withFields } from './_k8s-json';
import { PodTemplate } from './_pod-template';
import { GatedFeature, requireVersion } from './_version-gate';
import { CompletionMode } from './completion-mode';
import { JobRestartPolicy } from './job-restart-policy';
import { checkPodFailurePolicy, PodFailureAction, podFailurePolicyContainerProblems, PodFailureRule } from './pod-failure-policy';
import { PodReplacementPolicy } from './pod-replacement-policy';
import { Workload } from './workload';
import { WorkloadProps } from './workload-props';

/**
 * A rule of a Job's `successPolicy`: the job succeeds as soon as these indexes (or this many) have succeeded. At
 * least one of the two fields.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#success-policy
 */
export interface JobSuccessRule {
  /**
   * Indexes that count for this rule, as the API takes them: indexes and ranges separated by commas, ascending and
   * not overlapping, each below `completions` (e.g. `"0"`, `"0-2,5"`). Without `succeededCount`, all of them must
   * succeed.
   *
   * @default every index
   */
  readonly succeededIndexes?: string;

  /**
   * How many of the indexes (those of `succeededIndexes`, when given) must succeed: at least 1, at most
   * `completions` (and the number of indexes in `succeededIndexes`).
   *
   * @default all of `succeededIndexes`
   */
  readonly succeededCount?: number;
}

/** What a run of a job says: the options of a `Job` and of each run of a `CronTask`. */
export interface JobRunOptions {
  /**
   * How many times a failed pod is retried before the job fails.
   *
   * @default 6, the Kubernetes default; with `backoffLimitPerIndex`, none (Kubernetes then sets no overall limit)
   */
  readonly backoffLimit?: number;

  /**
   * Seconds after which a running job is stopped and fails, however many retries are left.
   *
   * @default no deadline
   */
  readonly activeDeadlineSeconds?: number;

  /**
   * Seconds after which a finished job (and its pods) is deleted. GitOps tools that sync the Job would recreate a
   * deleted Job: leave it unset there.
   *
   * @default never deleted (a CronTask keeps its history limits instead)
   */
  readonly ttlSecondsAfterFinished?: number;

  /**
   * What happens when the container fails.
   *
   * @default JobRestartPolicy.NEVER: a new pod per retry, failed pods kept for their logs
   */
  readonly restartPolicy?: JobRestartPolicy;

  /**
   * How many pods must succeed.
   *
   * @default 1
   */
  readonly completions?: number;

  /**
   * How many pods run at once.
   *
   * @default 1
   */
  readonly parallelism?: number;

  /**
   * How completions are counted: `CompletionMode.INDEXED` gives each pod an index (`JOB_COMPLETION_INDEX`) and needs
   * `completions`; `backoffLimitPerIndex`, `maxFailedIndexes` and `successPolicy` need it.
   *
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#completion-mode
   * @default CompletionMode.NON_INDEXED (not rendered: the Kubernetes default)
   */
  readonly completionMode?: CompletionMode;

  /**
   * For an Indexed job: how many times the pod of one index is retried before that index fails, while the other
   * indexes go on. Needs `completionMode: CompletionMode.INDEXED`, `restartPolicy: JobRestartPolicy.NEVER` and
   * Kubernetes 1.29 or later (`JobBackoffLimitPerIndex`: beta and on by default from 1.29, GA in 1.33).
   *
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index
   * @see https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/ (JobBackoffLimitPerIndex)
   * @default none: every retry counts against the job's `backoffLimit`
   */
  readonly backoffLimitPerIndex?: number;

  /**
   * With `backoffLimitPerIndex`: how many indexes may fail before the whole job fails and its running pods are
   * stopped; from 0 to `completions`. Kubernetes 1.29 or later (`JobBackoffLimitPerIndex`).
   *
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#backoff-limit-per-index
   * @default none: every index runs, and the job fails at the end if any index failed
   */
  readonly maxFailedIndexes?: number;

  /**
   * When a replacement pod is started: `PodReplacementPolicy.FAILED` waits until the old pod has fully terminated.
   * Kubernetes 1.29 or later (`JobPodReplacementPolicy`: beta and on by default from 1.29, GA in 1.34).
   *
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-replacement-policy
   * @see https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/ (JobPodReplacementPolicy)
   * @default Kubernetes' own, TerminatingOrFailed: as soon as the old pod is terminating
   */
  readonly podReplacementPolicy?: PodReplacementPolicy;

  /**
   * For an Indexed job: when it succeeds before every index has (a leader index, or enough workers): 1 to 20 rules,
   * the job succeeds as soon as one is met and its remaining pods are stopped. Needs
   * `completionMode: CompletionMode.INDEXED` and Kubernetes 1.31 or later (`JobSuccessPolicy`: beta and on by
   * default from 1.31, GA in 1.33).
   *
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#success-policy
   * @see https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/ (JobSuccessPolicy)
   * @default none: the job succeeds when every index (or `completions` pods) has succeeded
   */
  readonly successPolicy?: JobSuccessRule[];

  /**
   * What a failed pod means, by its exit code or its conditions: 1 to 20 rules, read in order, the first that
   * matches decides (`PodFailureAction.FAIL_JOB` stops the retries at once, `IGNORE` retries without counting,
   * `COUNT` counts, `FAIL_INDEX` fails one index of an Indexed job with `backoffLimitPerIndex`, Kubernetes 1.29 or
   * later). A failure no rule matches counts against `backoffLimit`. Needs `restartPolicy: JobRestartPolicy.NEVER`
   * (the policy judges failed pods; with `ON_FAILURE` the kubelet restarts the container and the pod does not fail),
   * and a `podReplacementPolicy`, if any, of `PodReplacementPolicy.FAILED` (Kubernetes then defaults to it).
   * Kubernetes 1.26 or later (`JobPodFailurePolicy`: beta and on by default from 1.26, GA in 1.31), as every
   * supported version.
   *
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy
   * @see https://kubernetes.io/docs/tasks/job/pod-failure-policy/
   * @default none: every failed pod counts against `backoffLimit`
   */
  readonly podFailurePolicy?: PodFailureRule[];
}

/** Props of a `Job`. */
export interface JobProps extends WorkloadProps, JobRunOptions {}

/**
 * A one-off task that runs to completion (a database migration, a backfill): a Job with the same secure pod
 * defaults as every workload. A Job's pod template cannot change once created, so the config-hash annotation is
 * off by default.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/
 * @example
 * new Job(stack, 'migrate-db', {
 *   image: 'ghcr.io/acme/shop-api:1.8.0',
 *   command: ['/app/migrate', 'up'],
 *   backoffLimit: 2,
 *   ttlSecondsAfterFinished: 3600,
 *   resources: { requests: { cpu: '100m', memory: '128Mi' } },
 * });
 */
export class Job extends Workload {
  /** Whether `x` is a `Job`, also across copies of this package. */
  public static isJob(x: unknown): x is Job {
    return hasBrand(x, 'Job');
  }

  /** How many pods run at once. */
  public readonly parallelism: number;

  constructor(scope: Construct, id: string, props: JobProps) {
    const p = props ?? ({} as JobProps);
    super(scope, id, 'Job', p, { defaultComponent: 'job' });
    this._check.knownKeys('', p, 'JobProps');
    const run = checkJobRun(this._check, p, this.kubernetesVersion);
    this.parallelism = p.parallelism ?? 1;
    this._createPod(p, { ports: [], spread: [], restartPolicy: run.restartPolicy, configHash: false, runToCompletion: true });
    this._check.throwIfInvalid();
    this._setApiObject(createObject(this, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: this.name, labels: this._labels(), annotations: this._metadata.annotations },
      spec: () => renderJobSpec(p, this._pod, this.kubernetesVersion),
    }));
    validatePodFailurePolicy(this, p, this._pod);
  }

  /** A Job runs `parallelism` pods while it runs. @internal */
  protected _podCounts(): { minPods: number; maxPods: number; surgePods: number } {
    return { minPods: this.parallelism, maxPods: this.parallelism, surgePods: 0 };
  }
}

brand(Job, 'Job');

/**
 * Adds the checks of `podFailurePolicy` that need every container of the pod, made when the app is synthesized.
 *
 * @internal
 */
export function validatePodFailurePolicy(workload: Workload, o: JobRunOptions, pod: PodTemplate): void {
  const rules = o.podFailurePolicy;
  if (rules === undefined) return;
  workload.node.addValidation({ validate: () => podFailurePolicyContainerProblems(rules, pod.containerNames()) });
}

/** Per-index retries and failed-index limits (JobBackoffLimitPerIndex). */
const BACKOFF_LIMIT_PER_INDEX: GatedFeature = {
  minimum: '1.29',
  what: 'backoffLimitPerIndex and maxFailedIndexes (JobBackoffLimitPerIndex, beta and on by default from 1.29)',
};

/** podReplacementPolicy (JobPodReplacementPolicy). */
const POD_REPLACEMENT_POLICY: GatedFeature = {
  minimum: '1.29',
  what: 'podReplacementPolicy (JobPodReplacementPolicy, beta and on by default from 1.29)',
};

/** successPolicy (JobSuccessPolicy). */
const SUCCESS_POLICY: GatedFeature = {
  minimum: '1.31',
  what: 'successPolicy (JobSuccessPolicy, beta and on by default from 1.31)',
};

/** The FailIndex action of a pod failure policy (JobBackoffLimitPerIndex). */
const FAIL_INDEX: GatedFeature = {
  minimum: '1.29',
  what: 'PodFailureAction.FAIL_INDEX (JobBackoffLimitPerIndex, beta and on by default from 1.29)',
};

/** The API server's limits: rules of a success policy, and the length of a rule's `succeededIndexes`. */
const MAX_SUCCESS_RULES = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;

/**
 * Checks a job's run options against each other and the target Kubernetes version, as the API server would.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.33/pkg/apis/batch/validation/validation.go (validateJobSpec)
 * @internal
 */
export function checkJobRun(check: PropChecker, o: JobRunOptions, kubernetesVersion: string): { restartPolicy: 'Never' | 'OnFailure' } {
  if (o.backoffLimit !== undefined) check.integer('backoffLimit', o.backoffLimit, 0);
  if (o.activeDeadlineSeconds !== undefined) check.integer('activeDeadlineSeconds', o.activeDeadlineSeconds, 1, 'int64');
  if (o.ttlSecondsAfterFinished !== undefined) check.integer('ttlSecondsAfterFinished', o.ttlSecondsAfterFinished, 0);
  if (o.completions !== undefined) check.integer('completions', o.completions, 1);
  if (o.parallelism !== undefined) check.integer('parallelism', o.parallelism, 1);
  let restartPolicy: 'Never' | 'OnFailure' = 'Never';
  const restart = o.restartPolicy ?? JobRestartPolicy.NEVER;
  if (!JobRestartPolicy.isJobRestartPolicy(restart)) {
    check.fail('restartPolicy', restart, 'JobRestartPolicy.NEVER or JobRestartPolicy.ON_FAILURE');
  } else {
    restartPolicy = restart.value;
  }
  const mode = o.completionMode ?? CompletionMode.NON_INDEXED;
  if (!CompletionMode.isCompletionMode(mode)) {
    check.fail('completionMode', mode, 'CompletionMode.NON_INDEXED or CompletionMode.INDEXED');
  } else if (mode.value === CompletionMode.INDEXED.value && o.completions === undefined) {
    check.fail('completions', undefined, 'a number of completions: an Indexed job has one index per completion');
  }
  const indexed = CompletionMode.isCompletionMode(mode) && mode.value === CompletionMode.INDEXED.value;
  const completions = typeof o.completions === 'number' && Number.isInteger(o.completions) ? o.completions : undefined;
  const needsIndexed = (prop: string, value: unknown) => {
    if (!indexed) check.fail(prop, value, `nothing unless completionMode is CompletionMode.INDEXED (${prop} applies to the indexes of an Indexed job)`);
  };

  if (o.backoffLimitPerIndex !== undefined && requireVersion(check, kubernetesVersion, BACKOFF_LIMIT_PER_INDEX, 'backoffLimitPerIndex', o.backoffLimitPerIndex)) {
    check.integer('backoffLimitPerIndex', o.backoffLimitPerIndex, 0);
    needsIndexed('backoffLimitPerIndex', o.backoffLimitPerIndex);
    if (restartPolicy !== 'Never') {
      check.fail('restartPolicy', 'OnFailure', 'JobRestartPolicy.NEVER with backoffLimitPerIndex (a failed pod is replaced, and its failures counted, per index)');
    }
  }
  if (o.maxFailedIndexes !== undefined && requireVersion(check, kubernetesVersion, BACKOFF_LIMIT_PER_INDEX, 'maxFailedIndexes', o.maxFailedIndexes)) {
    if (o.backoffLimitPerIndex === undefined) {
      check.fail('maxFailedIndexes', o.maxFailedIndexes, 'nothing without backoffLimitPerIndex (only indexes that exhaust their own retries fail)');
    } else {
      check.integer('maxFailedIndexes', o.maxFailedIndexes, 0, completions ?? 'int32');
    }
  }
  const replacement = o.podReplacementPolicy;
  if (replacement !== undefined && !PodReplacementPolicy.isPodReplacementPolicy(replacement)) {
    check.fail('podReplacementPolicy', replacement, 'PodReplacementPolicy.TERMINATING_OR_FAILED or PodReplacementPolicy.FAILED');
  } else if (replacement !== undefined) {
    requireVersion(check, kubernetesVersion, POD_REPLACEMENT_POLICY, 'podReplacementPolicy', replacement.value);
  }
  if (o.podFailurePolicy !== undefined) checkJobPodFailurePolicy(check, o, restartPolicy, kubernetesVersion);
  if (o.successPolicy !== undefined && requireVersion(check, kubernetesVersion, SUCCESS_POLICY, 'successPolicy', o.successPolicy)) {
    needsIndexed('successPolicy', o.successPolicy);
    checkSuccessPolicy(check, o.successPolicy, completions);
  }
  return { restartPolicy };
}

/** Checks `podFailurePolicy` and what it needs of the rest of the job. */
function checkJobPodFailurePolicy(check: PropChecker, o: JobRunOptions, restartPolicy: 'Never' | 'OnFailure', kubernetesVersion: string): void {
  if (!checkPodFailurePolicy(check, 'podFailurePolicy', o.podFailurePolicy)) return;
  if (restartPolicy !== 'Never') {
    check.fail('restartPolicy', 'OnFailure', 'JobRestartPolicy.NEVER with podFailurePolicy (the policy judges failed pods; with OnFailure the kubelet restarts the container in the same pod, which does not fail)');
  }
  if (PodReplacementPolicy.isPodReplacementPolicy(o.podReplacementPolicy) && o.podReplacementPolicy.value === PodReplacementPolicy.TERMINATING_OR_FAILED.value) {
    check.fail('podReplacementPolicy', o.podReplacementPolicy.value, 'PodReplacementPolicy.FAILED (or none) with podFailurePolicy: a pod is judged by the policy once it has terminated');
  }
  o.podFailurePolicy.forEach((rule, i) => {
    if (rule.action.value !== PodFailureAction.FAIL_INDEX.value) return;
    const prop = `podFailurePolicy[${i}].action`;
    if (!requireVersion(check, kubernetesVersion, FAIL_INDEX, prop, rule.action.value, 'PodFailureAction.FAIL_JOB, IGNORE or COUNT')) return;
    if (o.backoffLimitPerIndex === undefined) {
      check.fail(prop, rule.action.value, 'PodFailureAction.FAIL_JOB, IGNORE or COUNT without backoffLimitPerIndex (FAIL_INDEX fails the index of an Indexed job with backoffLimitPerIndex)');
    }
  });
}

function checkSuccessPolicy(check: PropChecker, rules: unknown, completions: number | undefined): void {
  if (!Array.isArray(rules) || rules.length === 0 || rules.length > MAX_SUCCESS_RULES) {
    check.fail('successPolicy', rules, `an array of 1 to ${MAX_SUCCESS_RULES} rules { succeededIndexes?, succeededCount? }`);
    return;
  }
  rules.forEach((rule: unknown, i) => {
    const prop = `successPolicy[${i}]`;
    if (!isPlainRecord(rule) || (rule.succeededIndexes === undefined && rule.succeededCount === undefined)) {
      check.fail(prop, rule, 'an object with succeededIndexes, succeededCount or both');
      return;
    }
    let indexCount: number | undefined;
    if (rule.succeededIndexes !== undefined) {
      const parsed = parseIndexes(rule.succeededIndexes, completions);
      if (typeof parsed === 'string') check.fail(`${prop}.succeededIndexes`, rule.succeededIndexes, parsed);
      else indexCount = parsed;
    }
    if (rule.succeededCount !== undefined) {
      const max = Math.min(completions ?? Number.MAX_SAFE_INTEGER, indexCount ?? Number.MAX_SAFE_INTEGER);
      const what = indexCount !== undefined ? `the ${indexCount} index(es) of succeededIndexes` : `completions (${completions})`;
      if (check.integer(`${prop}.succeededCount`, rule.succeededCount, 1, 'int32') && (rule.succeededCount as number) > max) {
        check.fail(`${prop}.succeededCount`, rule.succeededCount, `a count of at most ${what}`);
      }
    }
  });
}

/**
 * How many indexes `value` names (`"0-2,5"`: 4), or what is wrong with it: indexes and ranges separated by commas,
 * ascending and not overlapping, each below `completions`.
 */
function parseIndexes(value: unknown, completions: number | undefined): number | string {
  const allowed = `indexes and ranges separated by commas, ascending and not overlapping${completions !== undefined ? `, each below completions (${completions})` : ''}, e.g. "0-2,5"`;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SUCCEEDED_INDEXES_LENGTH) return allowed;
  let count = 0;
  let last = -1;
  for (const part of value.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return allowed;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from <= last || to < from || (completions !== undefined && to >= completions)) return allowed;
    count += to - from + 1;
    last = to;
  }
  return count;
}

/** Renders a Job spec as Kubernetes JSON. @internal */
export function renderJobSpec(o: JobRunOptions, pod: PodTemplate, kubernetesVersion: string): JsonObject {
  const mode = o.completionMode?.value === CompletionMode.INDEXED.value ? 'Indexed' : undefined;
  const spec = l1Json('JobSpec', {
    backoffLimit: o.backoffLimit ?? (o.backoffLimitPerIndex !== undefined ? undefined : 6),
    activeDeadlineSeconds: o.activeDeadlineSeconds,
    ttlSecondsAfterFinished: o.ttlSecondsAfterFinished,
    completions: o.completions,
    parallelism: o.parallelism,
    completionMode: mode,
  });
  spec.template = pod.render();
  return withFields<JobSpecAdditions>(spec, {
    backoffLimitPerIndex: o.backoffLimitPerIndex,
    maxFailedIndexes: o.maxFailedIndexes,
    podReplacementPolicy: o.podReplacementPolicy?.value,
    podFailurePolicy: o.podFailurePolicy ? { rules: o.podFailurePolicy.map((r) => r._render(kubernetesVersion)) } : undefined,
    successPolicy: o.successPolicy ? { rules: o.successPolicy.map((r) => ({ succeededIndexes: r.succeededIndexes, succeededCount: r.succeededCount })) } : undefined,
  });
}
