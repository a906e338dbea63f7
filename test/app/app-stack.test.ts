import { ApiObject } from 'cdk8s';
import { AppStack, Config, findObject, PlatformApp, PlatformError, RecommendedLabels, WebService } from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

describe('AppStack', () => {
  test('GIVEN a stack WHEN synthesized THEN it defines its namespace', () => {
    // GIVEN
    const { stack } = makeStack({ namespace: 'shop' });
    // WHEN
    const objects = synth(stack);
    // THEN
    expect(findObject(objects, 'Namespace', 'shop').metadata.name).toBe('shop');
  });

  test('GIVEN createNamespace false WHEN synthesized THEN there is no Namespace object', () => {
    const { stack } = makeStack({ namespace: 'shop', createNamespace: false });
    expect(synth(stack).filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(stack.namespaceResource).toBeUndefined();
  });

  test('GIVEN objects in a stack WHEN synthesized THEN every namespaced object lives in the stack namespace', () => {
    const { stack } = makeStack({ namespace: 'shop' });
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    const objects = synth(stack).filter((o) => o.kind !== 'Namespace');
    expect(objects.map((o) => o.metadata.namespace)).toEqual(['shop', 'shop', 'shop']);
  });

  test('GIVEN no appName WHEN synthesized THEN part-of and instance default to the namespace', () => {
    const { stack } = makeStack({ namespace: 'shop' });
    const ns = findObject(synth(stack), 'Namespace', 'shop');
    expect(ns.metadata.labels?.[RecommendedLabels.PART_OF]).toBe('shop');
    expect(ns.metadata.labels?.[RecommendedLabels.INSTANCE]).toBe('shop');
  });

  test('GIVEN an appName and no instance WHEN synthesized THEN instance defaults to the appName', () => {
    const { stack } = makeStack({ namespace: 'shop', appName: 'store' });
    const labels = findObject(synth(stack), 'Namespace', 'shop').metadata.labels!;
    expect(labels[RecommendedLabels.PART_OF]).toBe('store');
    expect(labels[RecommendedLabels.INSTANCE]).toBe('store');
  });

  test('GIVEN no version WHEN synthesized THEN objects without a version of their own say "unversioned"', () => {
    const { stack } = makeStack();
    expect(findObject(synth(stack), 'Namespace', 'test').metadata.labels?.[RecommendedLabels.VERSION]).toBe('unversioned');
  });

  test('GIVEN a version WHEN synthesized THEN objects without a version of their own carry it', () => {
    const { stack } = makeStack({ version: '2026.11' });
    expect(findObject(synth(stack), 'Namespace', 'test').metadata.labels?.[RecommendedLabels.VERSION]).toBe('2026.11');
  });

  test('GIVEN metadata.labels WHEN synthesized THEN every object carries them', () => {
    const { stack } = makeStack({ metadata: { labels: { team: 'payments' } } });
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    expect(synth(stack).every((o) => o.metadata.labels?.team === 'payments')).toBe(true);
  });

  test('GIVEN metadata.annotations WHEN synthesized THEN every object of the stack carries them, raw API objects included', () => {
    // GIVEN
    const { stack } = makeStack({ metadata: { annotations: { 'example.com/owner': 'payments' } } });
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    new ApiObject(stack, 'raw', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'raw' } });
    // WHEN
    const objects = synth(stack);
    // THEN
    expect(objects.length).toBeGreaterThan(3);
    expect(objects.filter((o) => o.metadata.annotations?.['example.com/owner'] !== 'payments').map((o) => o.kind)).toEqual([]);
  });

  test('GIVEN metadata.annotations on the stack and the same key on an object WHEN synthesized THEN the object keeps its own', () => {
    // GIVEN
    const { stack } = makeStack({ metadata: { annotations: { owner: 'stack' } } });
    new Config(stack, 'c', { metadata: { annotations: { owner: 'config' } } });
    // WHEN
    const config = findObject(synth(stack), 'ConfigMap', 'c');
    // THEN
    expect(config.metadata.annotations).toEqual({ owner: 'config' });
  });

  test('GIVEN a stack WHEN its labels are read THEN they are the stack labels, frozen', () => {
    // GIVEN
    const { stack } = makeStack({ namespace: 'shop', metadata: { labels: { team: 'payments' } } });
    // WHEN
    const labels = stack.labels;
    // THEN
    expect(Object.isFrozen(labels)).toBe(true);
    expect(labels).toEqual({
      team: 'payments',
      [RecommendedLabels.INSTANCE]: 'shop',
      [RecommendedLabels.PART_OF]: 'shop',
      [RecommendedLabels.MANAGED_BY]: 'cdk8s-platform',
    });
  });

  test('GIVEN any object WHEN synthesized THEN it carries all six recommended labels', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    for (const o of synth(stack)) {
      expect(Object.keys(o.metadata.labels ?? {})).toEqual(expect.arrayContaining(Object.values(RecommendedLabels)));
      expect(o.metadata.labels?.[RecommendedLabels.MANAGED_BY]).toBe('cdk8s-platform');
    }
  });

  test('GIVEN a raw ApiObject without a name WHEN synthesized THEN its name has no hash suffix', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'my-config', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(findObject(synth(stack), 'ConfigMap', 'test-my-config')).toBeDefined();
  });

  test('GIVEN a construct inside a stack WHEN AppStack.of() is called THEN it returns the stack', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    expect(AppStack.of(web)).toBe(stack);
    expect(AppStack.isAppStack(stack)).toBe(true);
    expect(AppStack.isAppStack(web)).toBe(false);
  });

  test('GIVEN a WebService outside any AppStack WHEN constructed THEN the error says an AppStack is needed', () => {
    const app = new PlatformApp();
    expect(() => new WebService(app, 'web', { image: 'nginx:1.25', resources: RESOURCES }))
      .toThrow(/WebService at "web" must be defined inside an AppStack/);
    try {
      new WebService(app, 'web2', { image: 'nginx:1.25', resources: RESOURCES });
    } catch (e) {
      expect(PlatformError.isPlatformError(e)).toBe(true);
    }
  });

  describe('validation', () => {
    test('GIVEN an invalid namespace WHEN constructed THEN the error names it', () => {
      const app = new PlatformApp();
      expectPropError(() => new AppStack(app, 'bad', { namespace: 'Prod_1' }), {
        path: 'bad', prop: 'namespace', received: '"Prod_1"', allowed: 'DNS-1123 label',
      });
    });

    test('GIVEN no namespace WHEN constructed THEN the error says one is required', () => {
      const app = new PlatformApp();
      expectPropError(() => new AppStack(app, 'bad', {} as any), { path: 'bad', prop: 'namespace', received: 'undefined' });
    });

    test('GIVEN an appName that is not a label value WHEN constructed THEN the error names it', () => {
      const app = new PlatformApp();
      expectPropError(() => new AppStack(app, 'bad', { namespace: 'ok', appName: 'my app' }), {
        path: 'bad', prop: 'appName', received: '"my app"', allowed: 'label value',
      });
    });

    test('GIVEN a version that is not a label value WHEN constructed THEN the error names it', () => {
      const app = new PlatformApp();
      expectPropError(() => new AppStack(app, 'bad', { namespace: 'ok', version: 'v1+build/7' }), {
        path: 'bad', prop: 'version', received: '"v1+build/7"',
      });
    });

    test('GIVEN an invalid label key in metadata.labels WHEN constructed THEN the error names the key', () => {
      const app = new PlatformApp();
      expectPropError(() => new AppStack(app, 'bad', { namespace: 'ok', metadata: { labels: { 'bad key': 'x' } } }), {
        path: 'bad', prop: 'metadata.labels key', received: '"bad key"', allowed: 'label key',
      });
    });

    test('GIVEN the old labels prop WHEN constructed THEN the error says it moved to metadata.labels', () => {
      const app = new PlatformApp();
      expectPropError(() => new AppStack(app, 'bad', { namespace: 'ok', labels: { team: 'a' } } as any), {
        path: 'bad', prop: 'labels', received: '{"team":"a"}', allowed: 'metadata.labels',
      });
    });

    test('GIVEN a selector label in metadata.labels WHEN constructed THEN the error names the prop that sets it', () => {
      const app = new PlatformApp();
      expectPropError(() => new AppStack(app, 'bad', { namespace: 'ok', metadata: { labels: { [RecommendedLabels.INSTANCE]: 'x' } } }), {
        path: 'bad', prop: `metadata.labels.${RecommendedLabels.INSTANCE}`, received: '"x"', allowed: 'instance prop',
      });
    });
  });
});
