import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropChecker } from '../core/_props';
import { createObject, l1Json } from './_k8s-json';
import { ConcurrencyPolicy } from './concurrency-policy';
import { checkJobRun, JobRunOptions, renderJobSpec, validatePodFailurePolicy } from './job';
import { Workload } from './workload';
import { WorkloadProps } from './workload-props';

/** Props of a `CronTask`. */
export interface CronTaskProps extends WorkloadProps, JobRunOptions {
  /**
   * When the task runs: a cron expression of five fields (minute hour day-of-month month day-of-week, e.g.
   * `"30 2 * * *"`), or `@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`.
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

const CRON_TASK = Symbol.for('cdk8s-platform.CronTask');
const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const FIELDS: Array<{ name: string; min: number; max: number; names?: string[] }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/**
 * What is wrong with a cron schedule, as the CronJob controller's parser (robfig/cron, standard format) reads it,
 * or `undefined` if it is valid.
 *
 * @internal
 */
export function cronProblem(schedule: unknown): string | undefined {
  if (typeof schedule !== 'string') return 'not a string';
  const s = schedule.trim();
  if (/^(CRON_)?TZ=/.test(s)) return 'a time zone in the schedule: use the timeZone prop';
  if (s.startsWith('@')) return MACROS.has(s) ? undefined : `unknown macro ${s}`;
  const parts = s.split(/\s+/);
  if (parts.length !== 5) return `${parts.length} fields instead of 5`;
  for (let i = 0; i < 5; i++) {
    const f = FIELDS[i];
    const value = (v: string): number | undefined => {
      const idx = f.names?.indexOf(v.toUpperCase()) ?? -1;
      if (idx >= 0) return idx + f.min;
      if (!/^\d+$/.test(v)) return undefined;
      const n = Number(v);
      // robfig/cron accepts 7 as Sunday too
      return n >= f.min && (n <= f.max || (i === 4 && n === 7)) ? n : undefined;
    };
    for (const item of parts[i].split(',')) {
      const m = /^([^/]+)(?:\/(\d+))?$/.exec(item);
      if (!m || (m[2] !== undefined && Number(m[2]) < 1)) return `bad ${f.name} "${item}"`;
      const range = m[1];
      if (range === '*' || range === '?') continue;
      const [lo, hi, ...rest] = range.split('-');
      const a = value(lo);
      const b = hi === undefined ? a : value(hi);
      if (rest.length > 0 || a === undefined || b === undefined || a > b) {
        return `bad ${f.name} "${item}" (allowed: ${f.min}-${f.max}${f.names ? ` or ${f.names[0]}-${f.names[f.names.length - 1]}` : ''})`;
      }
    }
  }
  return undefined;
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
    return x !== null && typeof x === 'object' && CRON_TASK in x;
  }

  /** The CronJob (the escape hatch). */
  public readonly cronJob: ApiObject;
  /** How many pods one run runs at once. */
  public readonly parallelism: number;
  /** What happens when a run is due while the previous one still runs. */
  public readonly concurrencyPolicy: ConcurrencyPolicy;

  constructor(scope: Construct, id: string, props: CronTaskProps) {
    const p = props ?? ({} as CronTaskProps);
    super(scope, id, 'CronTask', p, { defaultComponent: 'cron' });
    Object.defineProperty(this, CRON_TASK, { value: true });
    const check = this._check;
    const problem = cronProblem(p.schedule);
    if (problem) {
      check.fail('schedule', p.schedule, 'a cron expression of five fields (minute hour day-of-month month day-of-week, e.g. "30 2 * * *") or @hourly, @daily, @weekly, @monthly, @yearly', [problem]);
    }
    checkTimeZone(check, p.timeZone);
    const policy = p.concurrencyPolicy ?? ConcurrencyPolicy.FORBID;
    if (!(policy instanceof ConcurrencyPolicy)) check.fail('concurrencyPolicy', policy, 'ConcurrencyPolicy.FORBID, ConcurrencyPolicy.REPLACE or ConcurrencyPolicy.ALLOW');
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
    this.cronJob = createObject(this, 'CronJob', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: this.name, labels },
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
    });
    validatePodFailurePolicy(this, p, this._pod);
  }

  /** No pods between runs; `parallelism` pods during one (two runs overlap only with ConcurrencyPolicy.ALLOW). @internal */
  protected _podCounts(): { minPods: number; maxPods: number; surgePods: number } {
    return { minPods: 0, maxPods: this.parallelism, surgePods: this.concurrencyPolicy === ConcurrencyPolicy.ALLOW ? this.parallelism : 0 };
  }
}

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
