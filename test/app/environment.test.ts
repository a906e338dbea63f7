import { ApiObject } from 'cdk8s';
import { AppStack, Config, Environment, PlatformApp, PlatformError, PlatformLabels, synthObjects } from '../../lib';
import { expectPropError } from '../_helpers';

describe('Environment', () => {
  test('GIVEN a stack in an environment WHEN synthesized THEN every object, escape hatches included, carries the environment label', () => {
    // GIVEN
    const app = new PlatformApp();
    const stack = new AppStack(new Environment(app, 'dev'), 'shop', { namespace: 'shop' });
    new Config(stack, 'cfg', { data: { A: '1' } });
    new ApiObject(stack, 'raw', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'raw' } });
    // WHEN
    const objects = synthObjects(app);
    // THEN
    expect(objects.map((o) => o.metadata.labels?.[PlatformLabels.ENVIRONMENT])).toEqual(['dev', 'dev', 'dev']);
  });

  test('GIVEN a stack outside any environment WHEN synthesized THEN it has no environment label', () => {
    const app = new PlatformApp();
    new AppStack(app, 'shop', { namespace: 'shop' });
    expect(synthObjects(app)[0].metadata.labels?.[PlatformLabels.ENVIRONMENT]).toBeUndefined();
  });

  test('GIVEN no name WHEN constructed THEN the name is the construct id', () => {
    expect(new Environment(new PlatformApp(), 'staging').environmentName).toBe('staging');
  });

  test('GIVEN a name WHEN constructed THEN it is used for the label', () => {
    const env = new Environment(new PlatformApp(), 'Production', { name: 'prod' });
    expect(env.environmentName).toBe('prod');
    expect(env.labels).toEqual({ [PlatformLabels.ENVIRONMENT]: 'prod' });
  });

  test('GIVEN a name that is not a DNS label WHEN constructed THEN a PropError names it', () => {
    expectPropError(() => new Environment(new PlatformApp(), 'Prod_1'), {
      path: 'Prod_1', prop: 'name', received: '"Prod_1"', allowed: 'a DNS-1123 label',
    });
  });

  test('GIVEN a scope that is not the app WHEN constructed THEN a PropError says environments belong to the app', () => {
    const stack = new AppStack(new PlatformApp(), 'shop', { namespace: 'shop' });
    expectPropError(() => new Environment(stack, 'dev'), { path: 'shop/dev', prop: 'scope', received: '"shop"', allowed: 'a PlatformApp' });
  });

  test('GIVEN two environments with the same name WHEN constructed THEN the error names both paths', () => {
    const app = new PlatformApp();
    new Environment(app, 'a', { name: 'prod' });
    expect(() => new Environment(app, 'b', { name: 'prod' })).toThrow(PlatformError);
    expect(() => new Environment(app, 'c', { name: 'prod' })).toThrow(/"a" and "c" are both named "prod"/);
  });

  test('GIVEN a construct inside an environment WHEN Environment.of THEN it returns it; outside, undefined', () => {
    const app = new PlatformApp();
    const env = new Environment(app, 'dev');
    const stack = new AppStack(env, 'shop', { namespace: 'shop' });
    expect(Environment.of(stack)).toBe(env);
    expect(Environment.of(app)).toBeUndefined();
    expect(Environment.isEnvironment(env)).toBe(true);
    expect(Environment.isEnvironment(stack)).toBe(false);
  });
});
