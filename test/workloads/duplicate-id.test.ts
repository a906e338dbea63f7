import * as path from 'path';
import { AppStack, Config, PlatformApp, PlatformError, WebService, Worker } from '../../lib';
import { makeStack, RESOURCES, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

describe('two constructs with one id', () => {
  test('GIVEN a WebService WHEN a Worker gets its id THEN the library\'s error names both constructs and the scope', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    // WHEN
    let error: unknown;
    try {
      new Worker(stack, 'web', { image: IMAGE, resources: RESOURCES, port: 9000 });
    } catch (e) {
      error = e;
    }
    // THEN
    expect(PlatformError.isPlatformError(error)).toBe(true);
    expect((error as Error).message).toBe('Two constructs with the id "web" under "test": a WebService ("test/web") has it, and a Worker was given it too; ' +
      'ids are unique among the children of a construct: give one of them another id');
  });

  test('GIVEN a duplicate id of a construct that is not a workload WHEN PlatformApp.run() runs THEN the message is printed plainly', () => {
    // GIVEN
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { errors.push(args.map(String).join(' ')); });
    try {
      // WHEN
      PlatformApp.run((app) => {
        const stack = new AppStack(app, 'shop', { namespace: 'shop' });
        new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
        new Config(stack, 'web', { data: { a: 'b' } });
      }, { outdir: path.join(tmpdir(), 'dist') });
      // THEN
      expect(process.exitCode).toBe(1);
      expect(errors).toEqual(['cdk8s-platform: Two constructs with the id "web" under "shop": a WebService ("shop/web") has it, and another construct was given it too; ' +
        'ids are unique among the children of a construct: give one of them another id']);
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
  });

  test('GIVEN two stacks with one id under the app WHEN PlatformApp.run() runs THEN the message names the app and the first stack', () => {
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { errors.push(args.map(String).join(' ')); });
    try {
      PlatformApp.run((app) => {
        new AppStack(app, 'shop', { namespace: 'shop' });
        new AppStack(app, 'shop', { namespace: 'shop2' });
      }, { outdir: path.join(tmpdir(), 'dist') });
      expect(errors).toEqual(['cdk8s-platform: Two constructs with the id "shop" under the app: an AppStack ("shop") has it, and another construct was given it too; ' +
        'ids are unique among the children of a construct: give one of them another id']);
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
  });

  test('GIVEN an added Service WHEN a second one gets its name THEN the library\'s error names the first', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    web.addService({ name: 'web-public' });
    expect(() => web.addService({ name: 'web-public' })).toThrow('Two constructs with the id "web-public" under "test/web": a WorkloadService ("test/web/web-public") has it, and a WorkloadService was given it too');
  });
});
