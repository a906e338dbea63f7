import { Rule } from '../rule';
import { isObject, received } from '../_util';

interface FieldBounds { readonly name: string; readonly min: number; readonly max: number; readonly names?: readonly string[] }

const FIELDS: readonly FieldBounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const DURATION_RE = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const ALLOWED = 'a cron schedule of five fields (minute hour day-of-month month day-of-week, e.g. "*/15 2 * * MON-FRI") or @hourly, @daily, @weekly, @monthly, @yearly, @every <duration>';

/**
 * What is wrong with a cron schedule, as `cron.ParseStandard` (github.com/robfig/cron/v3, which the CronJob
 * controller and the API server use) would say it; empty when it parses.
 *
 * @internal
 */
export function cronScheduleProblems(schedule: string): string[] {
  let s = schedule.trim();
  const tz = /^(?:CRON_)?TZ=\S+\s+/.exec(s);
  if (tz) s = s.slice(tz[0].length);
  if (s.startsWith('@')) {
    if (DESCRIPTORS.has(s)) return [];
    if (s.startsWith('@every ')) return DURATION_RE.test(s.slice(7).trim()) ? [] : [`invalid duration "${s.slice(7).trim()}"`];
    return [`unrecognized descriptor "${s}"`];
  }
  const fields = s.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) return [`expected exactly 5 fields, found ${fields.length}`];
  const problems: string[] = [];
  fields.forEach((field, i) => problems.push(...fieldProblems(field, FIELDS[i])));
  return problems;
}

function fieldProblems(field: string, bounds: FieldBounds): string[] {
  const problems: string[] = [];
  for (const part of field.split(',')) {
    const [range, step, ...extra] = part.split('/');
    if (extra.length > 0 || (step !== undefined && !/^\d+$/.test(step))) {
      problems.push(`${bounds.name}: invalid step in "${part}"`);
      continue;
    }
    if (step !== undefined && Number(step) === 0) problems.push(`${bounds.name}: the step of "${part}" must be a positive number`);
    if (range === '*' || range === '?') continue;
    const ends = range.split('-');
    if (ends.length > 2) {
      problems.push(`${bounds.name}: invalid range "${range}"`);
      continue;
    }
    const values = ends.map((e) => valueOf(e, bounds));
    if (values.some((v) => v === undefined)) {
      problems.push(`${bounds.name}: "${range}" is not a number from ${bounds.min} to ${bounds.max}${bounds.names ? ` or a name (${bounds.names[0]}-${bounds.names[bounds.names.length - 1]})` : ''}`);
    } else if (values.length === 2 && values[0]! > values[1]!) {
      problems.push(`${bounds.name}: the beginning of "${range}" is after its end`);
    }
  }
  return problems;
}

function valueOf(text: string, bounds: FieldBounds): number | undefined {
  const named = bounds.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + bounds.min;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= bounds.min && n <= bounds.max ? n : undefined;
}

/**
 * A CronJob's `schedule` parses as a standard cron expression (five fields or a descriptor), without a `TZ=` prefix
 * when `timeZone` is set; `startingDeadlineSeconds` is not negative.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/batch/validation/validation.go (validateScheduleFormat: cron.ParseStandard, "cannot use both timeZone field and TZ or CRON_TZ in schedule")
 * @see https://pkg.go.dev/github.com/robfig/cron/v3#hdr-CRON_Expression_Format
 */
export const cronjobSchedule: Rule = {
  id: 'cronjob-schedule',
  description: "A CronJob's schedule is a valid cron expression.",
  layer: 'api',
  severity: 'error',
  kinds: ['CronJob'],
  check(o, ctx) {
    if (!isObject(o.spec)) return;
    const { schedule, timeZone, startingDeadlineSeconds } = o.spec;
    if (typeof schedule === 'string') {
      const problems = cronScheduleProblems(schedule);
      if (problems.length > 0) ctx.report('spec.schedule', received(schedule, ALLOWED, problems));
      else if (/(?:^|\s)(?:CRON_)?TZ=/.test(schedule) && typeof timeZone === 'string') {
        ctx.report('spec.schedule', received(schedule, 'a schedule without TZ= or CRON_TZ= when spec.timeZone is set'));
      }
    }
    if (typeof startingDeadlineSeconds === 'number' && startingDeadlineSeconds < 0) {
      ctx.report('spec.startingDeadlineSeconds', received(startingDeadlineSeconds, 'an integer of at least 0'));
    }
  },
};
