import { Config, defineEnvironments, mergeValues, PlatformError } from '../../lib';
import { expectPropError, makeStack } from '../_helpers';

/*
 * Values parsed from JSON can hold an own "__proto__" key. Merged by assignment it would replace the result's
 * prototype; it is refused with the path instead. "constructor" and other Object.prototype names are ordinary keys.
 */

/** The PlatformError `fn` throws. */
function platformError(fn: () => unknown): PlatformError {
  try {
    fn();
  } catch (e) {
    if (PlatformError.isPlatformError(e)) return e;
    throw e;
  }
  throw new Error('expected a PlatformError, but nothing was thrown');
}

describe('mergeValues() and defineEnvironments() refuse "__proto__" keys', () => {
  test('GIVEN an override with a "__proto__" key from JSON.parse WHEN merged THEN a PlatformError names the path and the result is never made', () => {
    // GIVEN
    const overrides = JSON.parse('{"__proto__": {"admin": true}}');
    // WHEN
    const error = platformError(() => mergeValues<Record<string, unknown>>({ replicas: 2 }, overrides));
    // THEN
    expect(error.message).toBe('Invalid environment values at values.__proto__: received the key "__proto__"; allowed: any key but "__proto__" (set as a key, it replaces the object\'s prototype)');
  });

  test('GIVEN a nested "__proto__" key in one environment WHEN environments are defined THEN the error names the environment and the path', () => {
    const overrides = JSON.parse('{"dev": {"resources": {"__proto__": {"cpu": "8"}}}}');
    const error = platformError(() => defineEnvironments<Record<string, unknown>, string>({ resources: { cpu: '1' } }, overrides));
    expect(error.message).toContain('at dev.resources.__proto__: received the key "__proto__"');
  });

  test('GIVEN base values with a "__proto__" key under an overridden object WHEN merged THEN it is refused too', () => {
    const base = JSON.parse('{"resources": {"__proto__": {"cpu": "8"}, "memory": "1Gi"}}');
    const error = platformError(() => mergeValues(base, { resources: { memory: '2Gi' } }));
    expect(error.message).toContain('at values.resources.__proto__');
  });

  test('GIVEN an override with "constructor" and "toString" keys WHEN merged THEN they are own data keys of a plain result', () => {
    const merged = mergeValues<Record<string, unknown>>({ a: 1 }, JSON.parse('{"constructor": {"x": 1}, "toString": 3}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.entries(merged)).toEqual([['a', 1], ['constructor', { x: 1 }], ['toString', 3]]);
  });
});

describe('ConfigMap and Secret data keys are compared as own keys', () => {
  test('GIVEN a Config WHEN the key "constructor" is added THEN it is accepted (it is a valid ConfigMap key, not already present)', () => {
    const config = new Config(makeStack().stack, 'settings');
    config.addData('constructor', 'x');
    expect(config.data).toEqual({ constructor: 'x' });
  });

  test('GIVEN data with a "__proto__" key from JSON.parse WHEN a Config is created THEN the key is refused, not silently dropped', () => {
    expectPropError(() => new Config(makeStack().stack, 'settings', { data: JSON.parse('{"__proto__": "x"}') }),
      { path: 'test/settings', prop: 'data key', received: '"__proto__"', allowed: 'other than "__proto__"' });
  });
});
