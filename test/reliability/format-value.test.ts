import { WebService } from '../../lib';
import { formatValue } from '../../lib/core/errors';
import { expectPropError, makeStack, RESOURCES } from '../_helpers';

/*
 * formatValue() writes the value an error received. JSON writes NaN, Infinity and -Infinity as null, which reports a
 * value that was never given; they are written as JavaScript writes them, also inside lists and objects.
 */

describe('formatValue() shows non-finite numbers as they are', () => {
  test.each([
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('GIVEN %p WHEN formatted THEN it reads %s, not null', (value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });

  test('GIVEN non-finite numbers inside a list and an object WHEN formatted THEN each is written as such, the rest as JSON', () => {
    expect(formatValue({ replicas: NaN, ports: [80, Infinity, -Infinity], none: null })).toBe('{"replicas":NaN,"ports":[80,Infinity,-Infinity],"none":null}');
  });

  test('GIVEN strings that look like the numbers or the mark WHEN formatted with a NaN THEN the strings stay quoted strings', () => {
    expect(formatValue(['NaN', 'NonFiniteNaN', NaN])).toBe('["NaN","NonFiniteNaN",NaN]');
  });

  test('GIVEN a long value with a NaN WHEN formatted THEN it is still shortened to 120 characters', () => {
    const text = formatValue({ a: 'x'.repeat(200), b: NaN });
    expect(text).toHaveLength(120);
    expect(text.endsWith('...')).toBe(true);
  });

  test('GIVEN replicas of NaN WHEN a WebService is created THEN the error says it received NaN', () => {
    expectPropError(() => new WebService(makeStack().stack, 'web', { image: 'ghcr.io/acme/api:1.4.2', resources: RESOURCES, replicas: NaN }),
      { path: 'test/web', prop: 'replicas', received: 'NaN', allowed: 'an integer from 0' });
  });
});
