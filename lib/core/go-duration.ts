/**
 * Go's `time.ParseDuration`: the duration grammar a CronJob's `@every` (robfig/cron) and a Compose file's durations
 * (Docker) are read with, one implementation for both.
 *
 * @internal
 */

const INT64_MAX = (1n << 63n) - 1n;
const TWO_63 = 1n << 63n;

const DURATION_UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n],
  ['\u03bcs', 1_000n],
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

/**
 * Go's `time.ParseDuration`: what is wrong with `text` as a duration (`[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or `0`,
 * within ±2^63 ns), or `undefined`.
 */
export function goDurationProblem(text: string): string | undefined {
  const parsed = parseGoDuration(text);
  return 'problem' in parsed ? parsed.problem : undefined;
}

/**
 * Go's `time.ParseDuration`, as the API server (CronJob `@every`) and Docker (Compose durations) read durations:
 * the value in nanoseconds (negative with a leading `-`), or what is wrong with `text`.
 */
export function parseGoDuration(text: string): { readonly nanoseconds: bigint } | { readonly problem: string } {
  const invalid = `"${text}" is not a duration (a number and a unit, repeated: ns, us, ms, s, m, h, e.g. "1h30m" or "90s")`;
  let s = text;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  if (s === '0') return { nanoseconds: 0n };
  if (s === '') return { problem: invalid };
  let total = 0n;
  while (s !== '') {
    if (!/^[0-9.]/.test(s)) return { problem: invalid };
    const whole = /^[0-9]*/.exec(s)![0];
    const v0 = leadingInt(whole);
    if (v0 === undefined) return { problem: `"${text}" is too long a duration` };
    s = s.slice(whole.length);
    let fraction = 0n;
    let scale = 1;
    let post = false;
    if (s.startsWith('.')) {
      const digits = /^[0-9]*/.exec(s.slice(1))![0];
      [fraction, scale] = leadingFraction(digits);
      post = digits.length > 0;
      s = s.slice(1 + digits.length);
    }
    if (whole.length === 0 && !post) return { problem: invalid };
    const unitText = /^[^0-9.]*/.exec(s)![0];
    if (unitText === '') return { problem: `"${text}" has a number without a unit (ns, us, ms, s, m, h)` };
    s = s.slice(unitText.length);
    const unit = DURATION_UNITS.get(unitText);
    if (unit === undefined) return { problem: `"${text}" has the unknown unit "${unitText}" (allowed: ns, us, ms, s, m, h)` };
    if (v0 > TWO_63 / unit) return { problem: `"${text}" is too long a duration` };
    let v = v0 * unit;
    if (fraction > 0n) {
      v += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (v > TWO_63) return { problem: `"${text}" is too long a duration` };
    }
    total += v;
    if (total > TWO_63) return { problem: `"${text}" is too long a duration` };
  }
  if (!text.startsWith('-') && total > INT64_MAX) return { problem: `"${text}" is too long a duration` };
  return { nanoseconds: text.startsWith('-') ? -total : total };
}

/** Go's `leadingInt` over a run of digits: the value, or `undefined` past 2^63. */
function leadingInt(digits: string): bigint | undefined {
  let x = 0n;
  for (const c of digits) {
    if (x > TWO_63 / 10n) return undefined;
    x = x * 10n + BigInt(c);
    if (x > TWO_63) return undefined;
  }
  return x;
}

/** Go's `leadingFraction`: the digits' value and 10^(digits used), ignoring the digits past 2^63. */
function leadingFraction(digits: string): [bigint, number] {
  let x = 0n;
  let scale = 1;
  for (const c of digits) {
    if (x > INT64_MAX / 10n) break;
    const y = x * 10n + BigInt(c);
    if (y > TWO_63) break;
    x = y;
    scale *= 10;
  }
  return [x, scale];
}
