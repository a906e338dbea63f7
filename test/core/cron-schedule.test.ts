import fc from 'fast-check';
import { AppStack, CronTask, PlatformApp, PropError, SUPPORTED_KUBERNETES_VERSIONS } from '../../lib';
import { cronScheduleProblems } from '../../lib/core/cron-schedule';
import { cronjobSchedule } from '../../lib/validation/rules/cronjob-schedule';
import { synthObjects } from '../../lib/testing';
import { expectPropError, makeStack, RESOURCES } from '../_helpers';

const IMAGE = 'ghcr.io/acme/reports:2.0.1';
const AT = { hasTimeZone: false, kubernetesVersion: '1.33' };

/** Whether the API server (as core/cron-schedule.ts reads it) accepts `schedule`. */
function accepts(schedule: string, context = AT): boolean {
  return cronScheduleProblems(schedule, context).length === 0;
}

/** Whether a CronTask with this schedule is created, for this Kubernetes version (and time zone). */
function cronTaskAccepts(schedule: string, kubernetesVersion: string, timeZone?: string): boolean {
  const app = new PlatformApp({ capacitySummary: false, kubernetesVersion });
  const stack = new AppStack(app, 'test', { namespace: 'test' });
  try {
    new CronTask(stack, 'task', { image: IMAGE, resources: RESOURCES, schedule, timeZone });
    return true;
  } catch (e) {
    if (PropError.isPropError(e) && e.problems.every((p) => p.prop === 'schedule')) return false;
    throw e;
  }
}

/** Whether the cronjob-schedule rule passes a CronJob with this schedule (and time zone), for this version. */
function ruleAccepts(schedule: string, kubernetesVersion: string, timeZone?: string): boolean {
  const fields: string[] = [];
  const ctx = { report: (field: string) => fields.push(field), kubernetesVersion } as any;
  cronjobSchedule.check({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'task' }, spec: { schedule, timeZone } } as any, ctx);
  return !fields.includes('spec.schedule');
}

describe('cronScheduleProblems (robfig/cron v3 ParseStandard, then the API server)', () => {
  test.each([
    '0 2 * * *', '*/15 * * * MON-FRI', '0 0 1,15 * *', '5 4 * JAN-MAR 0', '0 2 * * sun', '0 2 * * Sat', '0 0 ? * ?',
    '5/15 * * * *', '0 0 * * 0-6', '1,,2 * * * *', ', * * * *', '*-3 * * * *', '+5 * * * *', '007 * * * *', '*/99 * * * *',
    '0\t2 * *  *', '0\u00852 * * *', '59 23 31 12 6', '0 0 * dec-dec *', '0 2 * JAN/2 *',
  ])('GIVEN the schedule %p WHEN checked THEN it is accepted', (schedule) => {
    // GIVEN / WHEN / THEN
    expect(cronScheduleProblems(schedule, AT)).toEqual([]);
  });

  test.each([
    ['0 2 * * 7', 'day of week "7": 7 is above the maximum 6 (allowed: 0-6 or SUN-SAT; Sunday is 0 or SUN, not 7)'],
    ['0 2 * * 1-7', 'day of week "1-7": 7 is above the maximum 6'],
    ['60 * * * *', 'minute "60": 60 is above the maximum 59 (allowed: 0-59)'],
    ['* 24 * * *', 'hour "24": 24 is above the maximum 23'],
    ['* * 0 * *', 'day of month "0": 0 is below the minimum 1'],
    ['* * * 13 *', 'month "13": 13 is above the maximum 12'],
    ['0 5-2 * * *', 'hour "5-2": the range starts at 5, after its end 2'],
    ['*/0 * * * *', 'minute "*/0": the step must be a positive number'],
    ['1-2-3 * * * *', 'minute "1-2-3": more than one "-"'],
    ['*/2/3 * * * *', 'minute "*/2/3": more than one "/"'],
    ['0 2 * * MON-FRY', 'day of week "MON-FRY": "FRY" is not a number'],
    ['*/JAN * * * *', 'minute "*/JAN": the step "JAN" is not a number'],
    ['99999999999999999999 * * * *', 'is too large a number'],
    ['* * * *', 'expected exactly 5 fields, found 4'],
    ['0 30 2 * * *', 'expected exactly 5 fields, found 6'],
    ['', 'the schedule is empty'],
    ['   ', 'expected exactly 5 fields, found 0'],
    ['0\ufeff2 * * * *', 'is not a number'], // U+FEFF is not white space to Go
  ])('GIVEN the schedule %p WHEN checked THEN it is refused: %s', (schedule, problem) => {
    // GIVEN / WHEN
    const problems = cronScheduleProblems(schedule, AT);
    // THEN
    expect(problems.join('\n')).toContain(problem);
  });

  test.each(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'])('GIVEN the descriptor %p WHEN checked THEN it is accepted', (schedule) => {
    // GIVEN / WHEN / THEN
    expect(accepts(schedule)).toBe(true);
  });

  test.each(['@Daily', '@fortnightly', ' @daily', '@daily ', '@every'])('GIVEN the descriptor %p (not written exactly) WHEN checked THEN it is refused', (schedule) => {
    // GIVEN / WHEN / THEN
    expect(accepts(schedule)).toBe(false);
  });

  test.each(['@every 5m', '@every 1h30m', '@every 1.5h', '@every 90s', '@every 500ms', '@every 0', '@every -5m', '@every +1h', '@every 1.s', '@every .5s', '@every 2562047h', '@every 1\u00b5s', '@every 1\u03bcs'])(
    'GIVEN %p (a Go duration; under a second means a second) WHEN checked THEN it is accepted', (schedule) => {
      // GIVEN / WHEN / THEN
      expect(accepts(schedule)).toBe(true);
    });

  test.each([
    ['@every ', 'is not a duration'],
    ['@every 5', 'a number without a unit'],
    ['@every 5x', 'the unknown unit "x"'],
    ['@every 5 m', 'the unknown unit " m"'],
    ['@every  5m', 'is not a duration'],
    ['@every .s', 'is not a duration'],
    ['@every 1d', 'the unknown unit "d"'],
    ['@every 2562048h', 'too long a duration'],
    ['@every 9223372036854775808ns', 'too long a duration'],
  ])('GIVEN %p WHEN checked THEN the duration is refused (%s)', (schedule, problem) => {
    // GIVEN / WHEN / THEN
    expect(cronScheduleProblems(schedule, AT).join('\n')).toContain(problem);
  });

  test('GIVEN TZ= in a schedule without timeZone WHEN checked for 1.28 THEN it is accepted (the API server only warns)', () => {
    // GIVEN / WHEN / THEN
    expect(accepts('TZ=Europe/Paris 0 2 * * *', { hasTimeZone: false, kubernetesVersion: '1.28' })).toBe(true);
    expect(accepts('CRON_TZ=UTC @daily', { hasTimeZone: false, kubernetesVersion: '1.27' })).toBe(true);
  });

  test('GIVEN TZ= in a schedule without timeZone WHEN checked for 1.29 THEN it is refused, naming timeZone', () => {
    // GIVEN / WHEN
    const problems = cronScheduleProblems('TZ=Europe/Paris 0 2 * * *', { hasTimeZone: false, kubernetesVersion: '1.29' });
    // THEN
    expect(problems).toEqual(['TZ or CRON_TZ in the schedule: Kubernetes 1.29 refuses it (from 1.29); set the time zone with timeZone instead']);
  });

  test('GIVEN TZ= in a schedule with timeZone set WHEN checked for 1.27 THEN it is refused', () => {
    // GIVEN / WHEN
    const problems = cronScheduleProblems('TZ=UTC 0 2 * * *', { hasTimeZone: true, kubernetesVersion: '1.27' });
    // THEN
    expect(problems).toEqual(['TZ or CRON_TZ in the schedule while timeZone is set: the API server refuses both']);
  });

  test.each([
    ['TZ=Mars/Olympus 0 2 * * *', 'unknown time zone "Mars/Olympus" in the TZ= prefix'],
    ['TZ=europe/paris 0 2 * * *', 'unknown time zone "europe/paris"'],
    ['TZ=UTC', 'nothing after it'],
  ])('GIVEN the prefixed schedule %p WHEN checked for 1.28 THEN it is refused (%s)', (schedule, problem) => {
    // GIVEN / WHEN / THEN
    expect(cronScheduleProblems(schedule, { hasTimeZone: false, kubernetesVersion: '1.28' }).join('\n')).toContain(problem);
  });
});

describe('CronTask and the cronjob-schedule rule agree', () => {
  test('GIVEN the issue\'s "0 2 * * 7" WHEN given to CronTask THEN a PropError says Sunday is 0, as the rule does', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN / THEN
    const e = expectPropError(() => new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule: '0 2 * * 7' }),
      { path: 'test/c', prop: 'schedule', received: '"0 2 * * 7"', allowed: 'day of week 0-6 or SUN-SAT' });
    expect(e.message).toContain('Sunday is 0 or SUN, not 7');
    expect(ruleAccepts('0 2 * * 7', '1.33')).toBe(false);
  });

  test('GIVEN the issue\'s "@every 5m" WHEN given to CronTask and synthesized THEN both accept it', () => {
    // GIVEN
    const { stack } = makeStack();
    new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule: '@every 5m' });
    // WHEN
    const cronJob = synthObjects(stack).find((o) => o.kind === 'CronJob')!;
    // THEN
    expect(cronJob.spec.schedule).toBe('@every 5m');
    expect(ruleAccepts('@every 5m', '1.33')).toBe(true);
  });

  test('GIVEN a schedule with spaces around it WHEN given to CronTask THEN it is trimmed and rendered trimmed', () => {
    // GIVEN
    const { stack } = makeStack();
    new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule: ' @daily ' });
    // WHEN
    const cronJob = synthObjects(stack).find((o) => o.kind === 'CronJob')!;
    // THEN
    expect(cronJob.spec.schedule).toBe('@daily');
  });

  test('GIVEN a schedule that is not a string WHEN given to CronTask THEN a PropError names what is allowed', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN / THEN
    expectPropError(() => new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule: 5 as any }),
      { path: 'test/c', prop: 'schedule', received: '5', allowed: '@every <duration>' });
  });

  /** Items of a field from `min` to `max`: mostly valid (numbers, names in any case, `*`, `?`, ranges, steps), some not. */
  const item = (min: number, max: number, names: readonly string[]) => {
    const value = fc.oneof(fc.integer({ min, max }).map(String), ...(names.length > 0 ? [fc.constantFrom(...names).chain((n) => fc.constantFrom(n, n.toLowerCase(), `${n[0]}${n.slice(1).toLowerCase()}`))] : []));
    const valid = fc.oneof(
      value,
      fc.constantFrom('*', '?'),
      fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([x, y]) => `${Math.min(x, y)}-${Math.max(x, y)}`),
      fc.tuple(fc.oneof(fc.constantFrom('*'), value), fc.integer({ min: 1, max: 70 })).map(([r, step]) => `${r}/${step}`),
    );
    const invalid = fc.oneof(
      fc.constantFrom(String(max + 1), String(min - 1), `${min}-${max + 1}`, `${max}-${min}`, '*/0', '', 'x', 'FOO', '+5', '007', '*-3', '99999999999999999999', '1-2-3', '1/2/3', '*/x'),
      fc.integer({ min: max + 1, max: max + 3 }).map(String),
    );
    return fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: invalid });
  };
  const field = (min: number, max: number, names: readonly string[] = []) => fc.array(item(min, max, names), { minLength: 1, maxLength: 2 }).map((items) => items.join(','));
  const fiveFields = fc.tuple(
    field(0, 59), field(0, 23), field(1, 31), field(1, 12, ['JAN', 'FEB', 'JUN', 'DEC']), field(0, 6, ['SUN', 'MON', 'FRI', 'SAT']),
    fc.constantFrom(' ', '  ', '\t'), fc.oneof({ weight: 10, arbitrary: fc.constant(5) }, { weight: 1, arbitrary: fc.constantFrom(4, 6) }),
  ).map(([m, h, dom, mon, dow, sep, count]) => [m, h, dom, mon, dow, '0'].slice(0, count).join(sep));
  const duration = fc.array(fc.tuple(fc.constantFrom('', '1', '5', '90', '1.5', '.5', '0', '2562048'), fc.constantFrom('h', 'm', 's', 'ms', 'us', 'ns', 'd', '')), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.map(([n, u]) => `${n}${u}`).join(''));
  const descriptor = fc.oneof(
    fc.constantFrom('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@Daily', '@fortnightly', '@every'),
    fc.tuple(fc.constantFrom('', '-', '+'), duration).map(([sign, d]) => `@every ${sign}${d}`),
  );
  const schedule = fc.tuple(fc.constantFrom('', '', '', 'TZ=UTC ', 'CRON_TZ=Europe/Paris ', 'TZ=Mars/Olympus '), fc.oneof({ weight: 3, arbitrary: fiveFields }, { weight: 1, arbitrary: descriptor }), fc.constantFrom('', '', ' '))
    .map(([tz, s, pad]) => `${pad}${tz}${s}${pad}`);

  test('GIVEN the schedule generator WHEN sampled THEN it gives valid and invalid schedules alike (the agreement is not vacuous)', () => {
    // GIVEN / WHEN
    const sample = fc.sample(schedule, { numRuns: 1000, seed: 15 });
    const valid = sample.filter((s) => accepts(s.trim())).length;
    // THEN
    expect(valid).toBeGreaterThan(250);
    expect(valid).toBeLessThan(750);
  });

  test('GIVEN generated schedules, versions and time zones WHEN given to CronTask and to the rule THEN CronTask accepts exactly what the rule accepts', () => {
    fc.assert(fc.property(schedule, fc.constantFrom(...SUPPORTED_KUBERNETES_VERSIONS), fc.constantFrom(undefined, 'Europe/Paris'), (s, version, timeZone) => {
      // GIVEN a schedule; WHEN CronTask is created with it, and the rule checks what CronTask renders (the schedule trimmed)
      const construct = cronTaskAccepts(s, version, timeZone);
      const rule = ruleAccepts(s.trim(), version, timeZone);
      // THEN
      expect([s, version, timeZone, construct]).toEqual([s, version, timeZone, rule]);
    }), { numRuns: 600 });
  });

  test('GIVEN generated schedules CronTask accepts WHEN synthesized THEN validation passes them and the output holds them trimmed', () => {
    const accepted = schedule.filter((s) => accepts(s.trim()));
    fc.assert(fc.property(accepted, (s) => {
      // GIVEN
      const { stack } = makeStack();
      new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule: s });
      // WHEN (synthObjects validates, and throws on a finding of the cronjob-schedule rule)
      const cronJob = synthObjects(stack).find((o) => o.kind === 'CronJob')!;
      // THEN
      expect(cronJob.spec.schedule).toBe(s.trim());
    }), { numRuns: 40 });
  });
});
