import { ConcurrencyPolicy, CronTask, findObject, Job, JobRestartPolicy } from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/tools:2.0.1';

describe('Job', () => {
  test('GIVEN a migration job WHEN synthesized THEN it has the backoff limit, TTL and restartPolicy Never', () => {
    // GIVEN
    const { stack } = makeStack();
    new Job(stack, 'migrate', { image: IMAGE, command: ['/migrate'], resources: RESOURCES, backoffLimit: 2, ttlSecondsAfterFinished: 3600, activeDeadlineSeconds: 600 });
    // WHEN
    const job = findObject(synth(stack), 'Job', 'migrate');
    // THEN
    expect(job.apiVersion).toBe('batch/v1');
    expect([job.spec.backoffLimit, job.spec.ttlSecondsAfterFinished, job.spec.activeDeadlineSeconds]).toEqual([2, 3600, 600]);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });

  test('GIVEN no backoffLimit WHEN synthesized THEN it is 6 and there is no TTL', () => {
    const { stack } = makeStack();
    new Job(stack, 'migrate', { image: IMAGE, resources: RESOURCES });
    const spec = findObject(synth(stack), 'Job', 'migrate').spec;
    expect([spec.backoffLimit, spec.ttlSecondsAfterFinished]).toEqual([6, undefined]);
  });

  test('GIVEN OnFailure WHEN synthesized THEN the pod restarts in place', () => {
    const { stack } = makeStack();
    new Job(stack, 'j', { image: IMAGE, resources: RESOURCES, restartPolicy: JobRestartPolicy.ON_FAILURE });
    expect(findObject(synth(stack), 'Job', 'j').spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('GIVEN a negative backoffLimit WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new Job(stack, 'j', { image: IMAGE, resources: RESOURCES, backoffLimit: -1 }),
      { path: 'test/j', prop: 'backoffLimit', received: '-1' });
  });
});

describe('CronTask', () => {
  test('GIVEN a schedule WHEN synthesized THEN the CronJob forbids overlap and keeps 3 successes and 1 failure', () => {
    const { stack } = makeStack();
    new CronTask(stack, 'report', { image: IMAGE, resources: RESOURCES, schedule: '30 2 * * *', timeZone: 'Europe/Paris' });
    const spec = findObject(synth(stack), 'CronJob', 'report').spec;
    expect(spec).toMatchObject({
      schedule: '30 2 * * *', timeZone: 'Europe/Paris', concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
    });
    expect(spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
  });

  test('GIVEN options WHEN synthesized THEN policy, deadlines and limits render', () => {
    const { stack } = makeStack();
    new CronTask(stack, 'c', {
      image: IMAGE, resources: RESOURCES, schedule: '@hourly', concurrencyPolicy: ConcurrencyPolicy.REPLACE,
      startingDeadlineSeconds: 120, activeDeadlineSeconds: 900, successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5,
    });
    const spec = findObject(synth(stack), 'CronJob', 'c').spec;
    expect([spec.concurrencyPolicy, spec.startingDeadlineSeconds, spec.jobTemplate.spec.activeDeadlineSeconds]).toEqual(['Replace', 120, 900]);
    expect([spec.successfulJobsHistoryLimit, spec.failedJobsHistoryLimit]).toEqual([1, 5]);
  });

  test.each(['*/15 * * * MON-FRI', '0 0 1,15 * *', '5 4 * JAN-MAR 0', '@daily'])('GIVEN the valid schedule %s WHEN created THEN it is accepted', (schedule) => {
    const { stack } = makeStack();
    expect(() => new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule })).not.toThrow();
  });

  test.each([['* * * *', 'found 4'], ['60 * * * *', 'minute'], ['* 24 * * *', 'hour'], ['@often', 'unrecognized descriptor'], ['TZ=UTC 0 * * * *', 'set the time zone with timeZone']])(
    'GIVEN the invalid schedule %s WHEN created THEN a PropError explains (%s)', (schedule, reason) => {
      const { stack } = makeStack();
      const e = expectPropError(() => new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule }),
        { path: 'test/c', prop: 'schedule', received: JSON.stringify(schedule) });
      expect(e.message).toContain(reason);
    });

  test('GIVEN an unknown time zone WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule: '@daily', timeZone: 'Mars/Olympus' }),
      { path: 'test/c', prop: 'timeZone', received: '"Mars/Olympus"' });
  });
});
