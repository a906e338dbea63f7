import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropChecker } from '../core/_props';
import { createObject, JsonObject, l1Json } from './_k8s-json';
import { PodTemplate } from './_pod-template';
import { JobRestartPolicy } from './job-restart-policy';
import { Workload } from './workload';
import { WorkloadProps } from './workload-props';

/** What a run of a job says: the options of a `Job` and of each run of a `CronTask`. */
export interface JobRunOptions {
  /**
   * How many times a failed pod is retried before the job fails.
   *
   * @default 6, the Kubernetes default
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
}

/** Props of a `Job`. */
export interface JobProps extends WorkloadProps, JobRunOptions {}

const JOB = Symbol.for('cdk8s-platform.Job');

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
    return x !== null && typeof x === 'object' && JOB in x;
  }

  /** The Job (the escape hatch). */
  public readonly job: ApiObject;
  /** How many pods run at once. */
  public readonly parallelism: number;

  constructor(scope: Construct, id: string, props: JobProps) {
    const p = props ?? ({} as JobProps);
    super(scope, id, 'Job', p, { defaultComponent: 'job' });
    Object.defineProperty(this, JOB, { value: true });
    const run = checkJobRun(this._check, p);
    this.parallelism = p.parallelism ?? 1;
    this._createPod(p, { ports: [], spread: [], restartPolicy: run.restartPolicy, configHash: false, runToCompletion: true });
    this._check.throwIfInvalid();
    this.job = createObject(this, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: this.name, labels: this._labels() },
      spec: () => renderJobSpec(p, this._pod),
    });
  }

  /** A Job runs `parallelism` pods while it runs. @internal */
  protected _podCounts(): { minPods: number; maxPods: number; surgePods: number } {
    return { minPods: this.parallelism, maxPods: this.parallelism, surgePods: 0 };
  }
}

/** Checks a job's run options. @internal */
export function checkJobRun(check: PropChecker, o: JobRunOptions): { restartPolicy: 'Never' | 'OnFailure' } {
  if (o.backoffLimit !== undefined) check.integer('backoffLimit', o.backoffLimit, 0);
  if (o.activeDeadlineSeconds !== undefined) check.integer('activeDeadlineSeconds', o.activeDeadlineSeconds, 1, 'int64');
  if (o.ttlSecondsAfterFinished !== undefined) check.integer('ttlSecondsAfterFinished', o.ttlSecondsAfterFinished, 0);
  if (o.completions !== undefined) check.integer('completions', o.completions, 1);
  if (o.parallelism !== undefined) check.integer('parallelism', o.parallelism, 1);
  const restart = o.restartPolicy ?? JobRestartPolicy.NEVER;
  if (!(restart instanceof JobRestartPolicy)) {
    check.fail('restartPolicy', restart, 'JobRestartPolicy.NEVER or JobRestartPolicy.ON_FAILURE');
    return { restartPolicy: 'Never' };
  }
  return { restartPolicy: restart.value };
}

/** Renders a Job spec as Kubernetes JSON. @internal */
export function renderJobSpec(o: JobRunOptions, pod: PodTemplate): JsonObject {
  const spec = l1Json('JobSpec', {
    backoffLimit: o.backoffLimit ?? 6,
    activeDeadlineSeconds: o.activeDeadlineSeconds,
    ttlSecondsAfterFinished: o.ttlSecondsAfterFinished,
    completions: o.completions,
    parallelism: o.parallelism,
  });
  spec.template = pod.render();
  return spec;
}
