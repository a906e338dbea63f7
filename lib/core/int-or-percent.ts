import { INT_RANGE } from './_props';

/**
 * What is wrong with an int-or-percent value (a Deployment's `maxSurge` and `maxUnavailable`, a
 * PodDisruptionBudget's `maxUnavailable` and `minAvailable`), as the API server checks it
 * (`ValidatePositiveIntOrPercent`, and `IsNotMoreThan100Percent` where `atMost100Percent`), or `undefined` if valid.
 *
 * @internal
 */
export function intOrPercentProblem(value: unknown, atMost100Percent: boolean): string | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= INT_RANGE.int32.max ? undefined : `a non-negative integer of at most ${INT_RANGE.int32.max} (an IntOrString's integer is an int32)`;
  }
  if (typeof value === 'string') {
    const m = /^([0-9]+)%$/.exec(value);
    if (!m) return 'a non-negative integer or a percentage such as "25%"';
    return !atMost100Percent || Number(m[1]) <= 100 ? undefined : 'a percentage from "0%" to "100%"';
  }
  return 'a non-negative integer or a percentage such as "25%"';
}
