import { Config, RecommendedLabels } from '../../lib';
import { findObject, synthObjects } from '../../lib/testing';
import { expectPropError, makeStack } from '../_helpers';

describe('Config', () => {
  test('GIVEN data WHEN synthesized THEN the ConfigMap holds it under the given name', () => {
    const { stack } = makeStack();
    new Config(stack, 'app-config', { data: { LOG_LEVEL: 'info', 'app.yaml': 'a: 1\n' } });
    expect(findObject(synthObjects(stack), 'ConfigMap', 'app-config').data).toEqual({ LOG_LEVEL: 'info', 'app.yaml': 'a: 1\n' });
  });

  test('GIVEN no component WHEN synthesized THEN its component label is "config"', () => {
    const { stack } = makeStack();
    new Config(stack, 'cfg');
    expect(stack).toHaveObject('ConfigMap', 'cfg', { metadata: { labels: expect.objectContaining({ [RecommendedLabels.COMPONENT]: 'config' }) } });
  });

  test('GIVEN no data WHEN synthesized THEN the ConfigMap has no data field', () => {
    const { stack } = makeStack();
    new Config(stack, 'cfg');
    expect(stack).toHaveObject('ConfigMap', 'cfg', { data: undefined });
  });

  test('GIVEN no immutable prop WHEN synthesized THEN the ConfigMap is mutable (no immutable field)', () => {
    const { stack } = makeStack();
    new Config(stack, 'cfg');
    expect(stack).toHaveObject('ConfigMap', 'cfg', { immutable: undefined });
  });

  test('GIVEN immutable true WHEN synthesized THEN the ConfigMap is immutable', () => {
    const { stack } = makeStack();
    new Config(stack, 'cfg', { immutable: true });
    expect(stack).toHaveObject('ConfigMap', 'cfg', { immutable: true });
  });

  test('GIVEN addData after construction WHEN synthesized THEN the entry lands in the output', () => {
    const { stack } = makeStack();
    const config = new Config(stack, 'cfg', { data: { a: '1' } });
    config.addData('b', '2');
    expect(findObject(synthObjects(stack), 'ConfigMap', 'cfg').data).toEqual({ a: '1', b: '2' });
  });

  test('GIVEN fromConfigMapName WHEN used THEN it refers to the name and defines no object', () => {
    const { stack } = makeStack();
    const ref = Config.fromConfigMapName(stack, 'ref', 'existing-config');
    expect(ref.configMapName).toBe('existing-config');
    expect(stack).toHaveObjectCount('ConfigMap', 0);
    expect(Config.isConfig(ref)).toBe(false);
  });

  describe('validation', () => {
    test('GIVEN a key with a slash WHEN constructed THEN the error names the key', () => {
      const { stack } = makeStack();
      expectPropError(() => new Config(stack, 'cfg', { data: { 'a/b': 'x' } }), {
        path: 'test/cfg', prop: 'data key', received: '"a/b"', allowed: 'ConfigMap/Secret key',
      });
    });

    test('GIVEN a value that is not a string WHEN constructed THEN the error names the key', () => {
      const { stack } = makeStack();
      expectPropError(() => new Config(stack, 'cfg', { data: { port: 80 as any } }), {
        path: 'test/cfg', prop: 'data.port', received: '80', allowed: 'a string value',
      });
    });

    test('GIVEN more than 1 MiB of data WHEN constructed THEN the error gives the size and the limit', () => {
      const { stack } = makeStack();
      expectPropError(() => new Config(stack, 'cfg', { data: { big: 'x'.repeat(1024 * 1024) } }), {
        path: 'test/cfg', prop: 'data', received: '"1048579 bytes in all"', allowed: 'at most 1048576 bytes',
      });
    });

    test('GIVEN addData of a key already present WHEN called THEN the error names it', () => {
      const { stack } = makeStack();
      const config = new Config(stack, 'cfg', { data: { a: '1' } });
      expectPropError(() => config.addData('a', '2'), { path: 'test/cfg', prop: 'addData("a") key', received: '"a"', allowed: 'not already in' });
    });

    test('GIVEN an invalid name WHEN constructed THEN the error says DNS-1123 subdomain', () => {
      const { stack } = makeStack();
      expectPropError(() => new Config(stack, 'cfg', { name: 'My_Config' }), {
        path: 'test/cfg', prop: 'name', received: '"My_Config"', allowed: 'DNS-1123 subdomain',
      });
    });

    test('GIVEN fromConfigMapName with an invalid name WHEN called THEN the error names it', () => {
      const { stack } = makeStack();
      expectPropError(() => Config.fromConfigMapName(stack, 'ref', 'Bad Name'), {
        path: 'test/ref', prop: 'configMapName', received: '"Bad Name"',
      });
    });
  });
});
