import fc from 'fast-check';
import { capacitySummary } from '../../lib/app/_capacity-summary';
import { formatCpu, formatMemory, formatQuantity, parseQuantity } from '../../lib/core/quantity';
import { environmentReadme } from '../../lib/output/environment-readme';
import { WebService } from '../../lib';
import { makeStack, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/web:1.0.0';

describe('formatQuantity', () => {
  test.each([
    ['250m', '250m'],
    ['0.25', '250m'],
    ['1500m', '1500m'],
    ['1.5', '1500m'],
    ['2000m', '2'],
    ['20', '20'],
    ['2000', '2k'],
    ['100n', '100n'],
    ['0.1m', '100u'],
    ['1e21', '1000E'],
    ['-1.5', '-1500m'],
    ['0', '0'],
  ])('GIVEN the CPU %p WHEN formatted THEN it is %p, the largest decimal suffix that keeps an integer', (input, expected) => {
    // GIVEN / WHEN
    const text = formatCpu(parseQuantity(input)!);
    // THEN
    expect(text).toBe(expected);
  });

  test.each([
    ['1.5Gi', '1536Mi'],
    ['1536Mi', '1536Mi'],
    ['2048Mi', '2Gi'],
    ['1024', '1Ki'],
    ['0.5Ki', '512'],
    ['1000', '1k'],
    ['100M', '100M'],
    ['1500', '1500'],
    ['0.5', '500m'],
    ['8Ei', '8Ei'],
    ['-2Ki', '-2Ki'],
  ])('GIVEN the memory %p WHEN formatted THEN it is %p, the largest binary suffix that keeps an integer, else decimal', (input, expected) => {
    // GIVEN / WHEN
    const text = formatMemory(parseQuantity(input)!);
    // THEN
    expect(text).toBe(expected);
  });

  test('GIVEN any amount in nano-units WHEN formatted either way THEN parsing the text gives it back exactly', () => {
    // GIVEN amounts around every suffix, binary multiples and decimal ones
    const amounts = fc.oneof(
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
      fc.tuple(fc.bigInt({ min: -(1n << 20n), max: 1n << 20n }), fc.integer({ min: 0, max: 60 })).map(([n, shift]) => n * (1n << BigInt(shift)) * 1_000_000_000n),
      fc.tuple(fc.bigInt({ min: -999n, max: 999n }), fc.integer({ min: 0, max: 30 })).map(([n, exp]) => n * 10n ** BigInt(exp)),
    );
    fc.assert(fc.property(amounts, fc.constantFrom('decimal' as const, 'binary' as const), (nanos, form) => {
      // WHEN
      const text = formatQuantity(nanos, form);
      // THEN
      expect(parseQuantity(text)).toBe(nanos);
    }), { numRuns: 2000 });
  });

  test('GIVEN a valid quantity text WHEN parsed, formatted and parsed again THEN the value is unchanged and the text is canonical', () => {
    // GIVEN quantity texts: a decimal number with a suffix or an exponent
    const texts = fc.tuple(
      fc.stringMatching(/^(?:[1-9]\d{0,5}|0)(?:\.\d{1,4})?$/),
      fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'Ki', 'Mi', 'Gi', 'Ti', 'e3', 'E-2'),
    ).map(([n, suffix]) => `${n}${suffix}`);
    fc.assert(fc.property(texts, fc.constantFrom('decimal' as const, 'binary' as const), (text, form) => {
      // WHEN
      const value = parseQuantity(text)!;
      const canonical = formatQuantity(value, form);
      // THEN
      expect(parseQuantity(canonical)).toBe(value);
      expect(formatQuantity(parseQuantity(canonical)!, form)).toBe(canonical);
    }), { numRuns: 2000 });
  });

  test('GIVEN a workload requesting 1.5Gi and 1.5 CPU WHEN the README and the capacity summary are made THEN both print 1536Mi and 1500m', () => {
    // GIVEN
    const { app, stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, port: 8080, replicas: 1, resources: { requests: { cpu: '1.5', memory: '1.5Gi' } } });
    // WHEN
    const readme = environmentReadme('', synth(stack));
    const summary = capacitySummary(app);
    // THEN
    expect(readme).toContain('| test | Deployment web | 1 | 1500m | 1536Mi | 1500m | 1536Mi |');
    expect(summary).toContain('requests cpu 1500m-1500m, memory 1536Mi-1536Mi');
  });
});
