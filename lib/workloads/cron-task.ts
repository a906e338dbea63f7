import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { PropChecker } from '../core/_props';
import { CRON_SCHEDULE_ALLOWED, cronScheduleProblems } from '../core/cron-schedule';
import { createObject, l1Json } from './_k8s-json';
import { ConcurrencyPolicy } from './concurrency-policy';
import { checkJobRun, JobRunOptions, renderJobSpec, validatePodFailurePolicy } from './job';
import { Workload } from './workload';
import { WorkloadProps } from './workload-props';

/** Props of a `CronTask`. */
export interface CronTaskProps extends WorkloadProps, JobRunOptions {
  /**
   * When the task runs, as the API server reads a CronJob's schedule: a cron expression of five fields (minute
   * hour day-of-month month day-of-week, e.g. `"30 2 * * *"`; day of week 0-6 or SUN-SAT), or `@hourly`, `@daily`,
   * `@midnight`, `@weekly`, `@monthly`, `@yearly`, `@annually`, `@every <duration>` (e.g. `"@every 1h30m"`).
   * Surrounding spaces are removed; set the time zone with `timeZone`, not `TZ=` in the schedule.
   */
  readonly schedule: string;

  /**
   * The IANA time zone the schedule is read in, e.g. `"Europe/Paris"`.
   *
   * @default the kube-controller-manager's time zone (usually UTC)
   */
  readonly timeZone?: string;

  /**
   * What happens when a run is due while the previous one still runs.
   *
   * @default ConcurrencyPolicy.FORBID: the new run is skipped
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;

  /**
   * Seconds after its scheduled time within which a missed run may still start; later, it is skipped.
   *
   * @default no deadline
   */
  readonly startingDeadlineSeconds?: number;

  /**
   * Whether runs are suspended.
   *
   * @default false
   */
  readonly suspend?: boolean;

  /**
   * How many successful jobs are kept.
   *
   * @default 3
   */
  readonly successfulJobsHistoryLimit?: number;

  /**
   * How many failed jobs are kept (with their pods' logs).
   *
   * @default 1
   */
  readonly failedJobsHistoryLimit?: number;
}


/**
 * A task that runs on a schedule (a nightly report, a cleanup): a CronJob with the same secure pod defaults as
 * every workload, runs that never overlap by default, and bounded history.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
 * @example
 * new CronTask(stack, 'nightly-report', {
 *   image: 'ghcr.io/acme/reports:2.0.1',
 *   schedule: '30 2 * * *',
 *   timeZone: 'Europe/Paris',
 *   resources: { requests: { cpu: '250m', memory: '512Mi' } },
 * });
 */
export class CronTask extends Workload {
  /** Whether `x` is a `CronTask`, also across copies of this package. */
  public static isCronTask(x: unknown): x is CronTask {
    return hasBrand(x, 'CronTask');
  }

  /** How many pods one run runs at once. */
  public readonly parallelism: number;
  /** What happens when a run is due while the previous one still runs. */
  public readonly concurrencyPolicy: ConcurrencyPolicy;

  constructor(scope: Construct, id: string, props: CronTaskProps) {
    const p = props ?? ({} as CronTaskProps);
    super(scope, id, 'CronTask', p, { defaultComponent: 'cron' });
    this._check.knownKeys('', p, 'CronTaskProps');
    const check = this._check;
    if (typeof p.schedule !== 'string') check.fail('schedule', p.schedule, CRON_SCHEDULE_ALLOWED);
    else {
      const problems = cronScheduleProblems(p.schedule.trim(), { hasTimeZone: p.timeZone !== undefined, kubernetesVersion: this.kubernetesVersion });
      if (problems.length > 0) check.fail('schedule', p.schedule, CRON_SCHEDULE_ALLOWED, problems);
    }
    checkTimeZone(check, p.timeZone);
    const policy = p.concurrencyPolicy ?? ConcurrencyPolicy.FORBID;
    if (!ConcurrencyPolicy.isConcurrencyPolicy(policy)) check.fail('concurrencyPolicy', policy, 'ConcurrencyPolicy.FORBID, ConcurrencyPolicy.REPLACE or ConcurrencyPolicy.ALLOW');
    this.concurrencyPolicy = policy;
    if (p.startingDeadlineSeconds !== undefined) check.integer('startingDeadlineSeconds', p.startingDeadlineSeconds, 10, 'int64');
    if (p.suspend !== undefined) check.boolean('suspend', p.suspend);
    if (p.successfulJobsHistoryLimit !== undefined) check.integer('successfulJobsHistoryLimit', p.successfulJobsHistoryLimit, 0);
    if (p.failedJobsHistoryLimit !== undefined) check.integer('failedJobsHistoryLimit', p.failedJobsHistoryLimit, 0);
    const run = checkJobRun(check, p, this.kubernetesVersion);
    this.parallelism = p.parallelism ?? 1;
    this._createPod(p, { ports: [], spread: [], restartPolicy: run.restartPolicy, runToCompletion: true });
    check.throwIfInvalid();

    const labels = this._labels();
    this._setApiObject(createObject(this, 'CronJob', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: this.name, labels, annotations: this._metadata.annotations },
      spec: () => {
        const spec = l1Json('CronJobSpec', {
          schedule: p.schedule.trim(),
          timeZone: p.timeZone,
          concurrencyPolicy: (policy as ConcurrencyPolicy).value,
          startingDeadlineSeconds: p.startingDeadlineSeconds,
          suspend: p.suspend,
          successfulJobsHistoryLimit: p.successfulJobsHistoryLimit ?? 3,
          failedJobsHistoryLimit: p.failedJobsHistoryLimit ?? 1,
        });
        spec.jobTemplate = { metadata: { labels: { ...labels } }, spec: renderJobSpec(p, this._pod, this.kubernetesVersion) };
        return spec;
      },
    }));
    validatePodFailurePolicy(this, p, this._pod);
  }

  /** No pods between runs; `parallelism` pods during one (two runs overlap only with ConcurrencyPolicy.ALLOW). @internal */
  protected _podCounts(): { minPods: number; maxPods: number; surgePods: number } {
    return { minPods: 0, maxPods: this.parallelism, surgePods: this.concurrencyPolicy.value === ConcurrencyPolicy.ALLOW.value ? this.parallelism : 0 };
  }
}

brand(CronTask, 'CronTask');

function checkTimeZone(check: PropChecker, tz: unknown): void {
  if (tz === undefined) return;
  let ok = typeof tz === 'string' && /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz);
  if (ok) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz as string });
    } catch {
      ok = false;
    }
  }
  if (!ok) check.fail('timeZone', tz, 'an IANA time zone name such as "UTC" or "Europe/Paris"');
}
