import { compareQuantities, isQuantity, parseQuantity } from '../../lib/core/quantity';

describe('parseQuantity', () => {
  test.each([
    ['100m', 100_000_000n],
    ['0.1', 100_000_000n],
    ['1', 1_000_000_000n],
    ['1k', 1_000_000_000_000n],
    ['1Ki', 1024n * 1_000_000_000n],
    ['128Mi', 128n * 1024n * 1024n * 1_000_000_000n],
    ['1e3', 1000n * 1_000_000_000n],
    ['1E-3', 1_000_000n],
    ['.5', 500_000_000n],
    ['5.', 5_000_000_000n],
    ['1n', 1n],
    ['0.1n', 1n], // rounded up, as the API server does
    ['+2', 2_000_000_000n],
    ['-1', -1_000_000_000n],
  ])('parses %p', (input, nanos) => {
    expect(parseQuantity(input)).toBe(nanos);
  });

  test.each(['100 m', '', 'm', '1.2.3', '1MB', '1mi', '1e', 'abc', ' 1', '1 '])('rejects %p', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
    expect(isQuantity(input)).toBe(false);
  });
});

describe('compareQuantities', () => {
  test('0.5 equals 500m', () => expect(compareQuantities('0.5', '500m')).toBe(0));
  test('1Gi is more than 1G', () => expect(compareQuantities('1Gi', '1G')).toBeGreaterThan(0));
  test('128Mi is less than 256Mi', () => expect(compareQuantities('128Mi', '256Mi')).toBeLessThan(0));
  test('throws on an invalid quantity', () => expect(() => compareQuantities('1 Gi', '1Gi')).toThrow(/invalid quantities/));
});
