import { isValidPathSegmentName } from '../../lib/core/names';
import { labelsMatch, selectorMatches } from '../../lib/core/selectors';

const LABELS = { app: 'api', tier: 'backend' };

describe('selectorMatches', () => {
  test.each([
    ['matchLabels that the labels have', { matchLabels: { app: 'api' } }, true],
    ['matchLabels with another value', { matchLabels: { app: 'web' } }, false],
    ['In with the value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'db'] }] }, true],
    ['In without the value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] }, false],
    ['NotIn with the value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, false],
    ['NotIn of a missing key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['Exists of a present key', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['DoesNotExist of a present key', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    ['an unknown operator', { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['api'] }] }, false],
    ['an empty selector', {}, true],
  ])('GIVEN %s WHEN matched against app=api,tier=backend THEN the result is %s', (_name, selector, expected) => {
    expect(selectorMatches(selector, LABELS)).toBe(expected);
  });

  test('GIVEN no selector THEN nothing is selected', () => {
    expect(selectorMatches(undefined, LABELS)).toBe(false);
  });

  test('GIVEN a Service selector WHEN matched THEN every key and value must be there', () => {
    expect(labelsMatch({ app: 'api' }, LABELS)).toBe(true);
    expect(labelsMatch({ app: 'api', zone: 'a' }, LABELS)).toBe(false);
    expect(labelsMatch({ app: 'api' }, undefined)).toBe(false);
  });
});

describe('isValidPathSegmentName', () => {
  test.each([['system:controller:x', []], ['.', ["may not be '.'"]], ['a/b', ["may not contain '/'"]], ['a%b', ["may not contain '%'"]]])(
    'GIVEN %s THEN the problems are %j', (name, problems) => {
      expect(isValidPathSegmentName(name)).toEqual(problems);
    },
  );
});
