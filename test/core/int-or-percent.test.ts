import { intOrPercentProblem } from '../../lib/core/int-or-percent';

describe('intOrPercentProblem', () => {
  test.each([[0, false], [3, false], ['0%', true], ['25%', true], ['100%', true]])('GIVEN %p WHEN checked (at most 100 %%: %p) THEN it is valid', (value, atMost100) => {
    expect(intOrPercentProblem(value, atMost100)).toBeUndefined();
  });

  test('GIVEN a percentage over 100 WHEN at most 100 % is allowed THEN the problem says the range', () => {
    expect(intOrPercentProblem('150%', true)).toBe('a percentage from "0%" to "100%"');
  });

  test('GIVEN a percentage over 100 WHEN any percentage is allowed (maxSurge) THEN it is valid', () => {
    expect(intOrPercentProblem('150%', false)).toBeUndefined();
  });

  test.each([[-1], [1.5], [2147483648]])('GIVEN the number %p WHEN checked THEN the problem says a non-negative int32', (value) => {
    expect(intOrPercentProblem(value, true)).toContain('a non-negative integer of at most 2147483647');
  });

  test.each([['25'], ['x%'], [true], [undefined]])('GIVEN %p WHEN checked THEN the problem says an integer or a percentage', (value) => {
    expect(intOrPercentProblem(value, true)).toBe('a non-negative integer or a percentage such as "25%"');
  });
});
