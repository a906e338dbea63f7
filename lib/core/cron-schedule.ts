import { isAtLeast } from './kubernetes-version';
import { goDurationProblem } from './go-duration';

/**
 * A CronJob's `spec.schedule` as the Kubernetes API server reads it: `cron.ParseStandard` of
 * github.com/robfig/cron/v3 (five fields, or a descriptor), then the API server's own rule on `TZ=` and `CRON_TZ=`.
 * `CronTask` checks its `schedule` prop with it, and the `cronjob-schedule` rule checks rendered CronJobs with it.
 *
 * What robfig/cron v3 accepts, and this file reproduces:
 * - five fields separated by white space: minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of
 *   week 0-6 or SUN-SAT (7 is not Sunday); names in any case;
 * - each field a comma-separated list (empty items are skipped); each item `*` or `?` (all values; anything after a
 *   `-` is ignored), a value, or a range `a-b`; optionally `/step`, a positive integer (`a/step` runs from `a` to the
 *   field's maximum); numbers are decimal, may have leading zeros and a `+` sign;
 * - the descriptors `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`, written exactly,
 *   and `@every <duration>` with a Go duration (`1h30m`, `90s`, `1.5h`; shorter than a second means a second);
 * - an optional `TZ=<zone> ` or `CRON_TZ=<zone> ` prefix.
 *
 * The API server refuses any `TZ` in a schedule when `spec.timeZone` is set, and from Kubernetes 1.29 on every
 * CronJob it creates (1.27 and 1.28 only warn).
 *
 * @see https://github.com/robfig/cron/blob/v3.0.1/parser.go
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.29/pkg/apis/batch/validation/validation.go (validateScheduleFormat)
 * @see https://github.com/kubernetes/kubernetes/pull/116252 (TZ in a schedule refused on create from 1.29)
 */

/** What a valid schedule is, in words: the "allowed" part of an error about a schedule. */
export const CRON_SCHEDULE_ALLOWED =
  'a cron schedule of five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-6 or SUN-SAT; ' +
  'each a list of values, ranges a-b, * or ?, with an optional /step, e.g. "*/15 2 * * MON-FRI"), ' +
  'or @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration> (e.g. "@every 1h30m")';

/** What decides whether a schedule is valid, besides its text. */
export interface CronScheduleContext {
  /** Whether the CronJob sets `spec.timeZone` (then no `TZ` may appear in the schedule). */
  readonly hasTimeZone: boolean;
  /** The Kubernetes minor version the CronJob is created on, e.g. `"1.33"` (from 1.29, `TZ=` is refused). */
  readonly kubernetesVersion: string;
}

interface FieldBounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly FieldBounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const DESCRIPTORS: ReadonlySet<string> = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const EVERY = '@every ';

/** Go's `unicode.IsSpace`, which `strings.Fields` and `strings.TrimSpace` split and trim on. */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_FIELDS = new RegExp(`[^${GO_SPACE}]+`, 'g');
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

const INT64_MAX = (1n << 63n) - 1n;
const TWO_63 = 1n << 63n;

/**
 * What is wrong with a CronJob schedule, in words (the field, the value, the allowed range); empty when the API
 * server accepts it.
 *
 * @param schedule the schedule, exactly as it is written in `spec.schedule`
 * @param context whether `spec.timeZone` is set, and the Kubernetes version
 */
export function cronScheduleProblems(schedule: string, context: CronScheduleContext): string[] {
  const problems = parseStandard(schedule);
  if (schedule.includes('TZ')) {
    if (context.hasTimeZone) problems.push('TZ or CRON_TZ in the schedule while timeZone is set: the API server refuses both');
    else if (isAtLeast(context.kubernetesVersion, '1.29')) {
      problems.push(`TZ or CRON_TZ in the schedule: Kubernetes ${context.kubernetesVersion} refuses it (from 1.29); set the time zone with timeZone instead`);
    }
  }
  return problems;
}

/** What `cron.ParseStandard` (robfig/cron v3) finds wrong with `spec`: one problem per invalid part. */
function parseStandard(spec: string): string[] {
  if (spec.length === 0) return ['the schedule is empty'];
  let rest = spec;
  const problems: string[] = [];
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    if (space < 0) return [`"${rest}" has a time zone prefix but nothing after it (a space must follow the zone name)`];
    const zone = rest.slice(rest.indexOf('=') + 1, space);
    if (!isKnownTimeZone(zone)) problems.push(`unknown time zone "${zone}" in the ${rest.slice(0, rest.indexOf('='))}= prefix`);
    rest = rest.slice(space).replace(GO_TRIM, '');
  }
  if (rest.startsWith('@')) return [...problems, ...descriptorProblems(rest)];
  const fields = rest.match(GO_FIELDS) ?? [];
  if (fields.length !== 5) {
    return [...problems, `expected exactly 5 fields, found ${fields.length}${fields.length > 0 ? ` (${fields.map((f) => `"${f}"`).join(' ')})` : ''}: minute hour day-of-month month day-of-week`];
  }
  fields.forEach((field, i) => {
    for (const item of field.split(',')) {
      if (item === '') continue;
      const problem = rangeProblem(item, FIELDS[i]);
      if (problem) problems.push(`${FIELDS[i].name} "${item}": ${problem}`);
    }
  });
  return problems;
}

/** robfig/cron's `getRange`: what is wrong with one item of a field (`*`, `a`, `a-b`, each with `/step`). */
function rangeProblem(item: string, bounds: FieldBounds): string | undefined {
  const rangeAndStep = item.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const allowed = `allowed: ${bounds.min}-${bounds.max}${bounds.names ? ` or ${bounds.names[0].toUpperCase()}-${bounds.names[bounds.names.length - 1].toUpperCase()}` : ''}`;
  let start: bigint;
  let end: bigint;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = BigInt(bounds.min);
    end = BigInt(bounds.max);
  } else {
    const low = intOrName(lowAndHigh[0], bounds);
    if (typeof low === 'string') return `${low} (${allowed})`;
    start = low;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const high = intOrName(lowAndHigh[1], bounds);
      if (typeof high === 'string') return `${high} (${allowed})`;
      end = high;
    } else return 'more than one "-": a range is a-b';
  }
  let step = 1n;
  if (rangeAndStep.length === 2) {
    const parsed = goInt(rangeAndStep[1]);
    if (typeof parsed === 'string') return `the step ${parsed}`;
    step = parsed;
    if (lowAndHigh.length === 1) end = BigInt(bounds.max);
  } else if (rangeAndStep.length > 2) return 'more than one "/": a step is written once, e.g. */15';
  if (start < BigInt(bounds.min)) return `${start} is below the minimum ${bounds.min} (${allowed})`;
  if (end > BigInt(bounds.max)) return `${end} is above the maximum ${bounds.max} (${allowed}${bounds.name === 'day of week' ? '; Sunday is 0 or SUN, not 7' : ''})`;
  if (start > end) return `the range starts at ${start}, after its end ${end}`;
  if (step === 0n) return 'the step must be a positive number';
  return undefined;
}

/** robfig/cron's `parseIntOrName`: a name of the field (any case, as Go's `strings.ToLower` folds it) or `goInt`. */
function intOrName(text: string, bounds: FieldBounds): bigint | string {
  if (bounds.names) {
    const index = bounds.names.indexOf(goToLower(text));
    if (index >= 0) return BigInt(index + bounds.min);
  }
  return goInt(text);
}

/** Go's `strings.ToLower` for the letters that can lower-case to ASCII: A-Z, U+0130 (İ -> i) and U+212A (Kelvin -> k). */
function goToLower(text: string): string {
  return text.replace(/[A-Z\u0130\u212a]/g, (c) => (c === '\u0130' ? 'i' : c === '\u212a' ? 'k' : c.toLowerCase()));
}

/** robfig/cron's `mustParseInt` (`strconv.Atoi`, then not negative): the number, or what is wrong in words. */
function goInt(text: string): bigint | string {
  if (!/^[+-]?[0-9]+$/.test(text)) return `"${text}" is not a number${text === '' ? ' (it is empty)' : ''}`;
  const n = BigInt(text);
  if (n > INT64_MAX || n < -TWO_63) return `"${text}" is too large a number`;
  if (n < 0n) return `"${text}" is negative`;
  return n;
}

/** robfig/cron's `parseDescriptor`: the named schedules, and `@every <duration>`. */
function descriptorProblems(descriptor: string): string[] {
  if (DESCRIPTORS.has(descriptor)) return [];
  if (descriptor.startsWith(EVERY)) {
    const problem = goDurationProblem(descriptor.slice(EVERY.length));
    return problem ? [`@every: ${problem}`] : [];
  }
  return [`unrecognized descriptor "${descriptor}" (allowed: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>, written exactly, without spaces around)`];
}

/**
 * Whether Go's `time.LoadLocation` knows `zone`: `""`, `UTC` and `Local`, else a name of the IANA database (as
 * Node.js's ICU knows it, written exactly: names are case-sensitive file names there).
 */
function isKnownTimeZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  if (!/^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    // a canonical name as written, or a link to another (US/Eastern); not a canonical name in another case
    return resolved === zone || zoneNames().has(zone) || resolved.toLowerCase() !== zone.toLowerCase();
  } catch {
    return false;
  }
}

let knownZones: ReadonlySet<string> | undefined;
function zoneNames(): ReadonlySet<string> {
  knownZones ??= new Set((Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone'));
  return knownZones;
}
