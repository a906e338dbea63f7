import { CRON_SCHEDULE_ALLOWED, cronScheduleProblems } from '../../core/cron-schedule';
import { Rule } from '../rule';
import { isObject, received } from '../_util';

/**
 * A CronJob's `schedule` parses as the API server parses it (`core/cron-schedule.ts`, which `CronTask` uses too):
 * five fields or a descriptor, without `TZ` when `timeZone` is set or from Kubernetes 1.29;
 * `startingDeadlineSeconds` is not negative.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.29/pkg/apis/batch/validation/validation.go (validateScheduleFormat: cron.ParseStandard, TZ in the schedule)
 * @see https://pkg.go.dev/github.com/robfig/cron/v3#hdr-CRON_Expression_Format
 */
export const cronjobSchedule: Rule = {
  id: 'cronjob-schedule',
  description: "A CronJob's schedule is a valid cron expression.",
  remediation: 'Write `spec.schedule` as a five-field cron expression or a descriptor such as @daily (the CronTask `schedule` prop).',
  layer: 'api',
  severity: 'error',
  kinds: ['CronJob'],
  check(o, ctx) {
    if (!isObject(o.spec)) return;
    const { schedule, timeZone, startingDeadlineSeconds } = o.spec;
    if (typeof schedule === 'string') {
      const problems = cronScheduleProblems(schedule, { hasTimeZone: timeZone !== undefined && timeZone !== null, kubernetesVersion: ctx.kubernetesVersion });
      if (problems.length > 0) ctx.report('spec.schedule', received(schedule, CRON_SCHEDULE_ALLOWED, problems));
    }
    if (typeof startingDeadlineSeconds === 'number' && startingDeadlineSeconds < 0) {
      ctx.report('spec.startingDeadlineSeconds', received(startingDeadlineSeconds, 'an integer of at least 0'));
    }
  },
};
