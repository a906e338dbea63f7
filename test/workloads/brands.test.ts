import { ConcurrencyPolicy, CronTask, DeploymentStrategy, findObject, WebService } from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

/** An instance as another copy of the package makes it: its prototype carries the brand, but it is not `instanceof`. */
function otherCopy<T extends object>(brandName: string, fields: T): T {
  const prototype = { [Symbol.for(`cdk8s-platform.${brandName}`)]: true };
  return Object.assign(Object.create(prototype), fields);
}

describe('workload value classes are recognized by their brand', () => {
  test('GIVEN a ConcurrencyPolicy of another copy WHEN checked THEN it is one, though not instanceof', () => {
    const allow = otherCopy('ConcurrencyPolicy', { value: 'Allow' });
    expect(allow instanceof ConcurrencyPolicy).toBe(false);
    expect(ConcurrencyPolicy.isConcurrencyPolicy(allow)).toBe(true);
  });

  test('GIVEN a look-alike without the brand WHEN checked THEN it is not a ConcurrencyPolicy', () => {
    expect(ConcurrencyPolicy.isConcurrencyPolicy({ value: 'Allow' })).toBe(false);
  });

  test('GIVEN a CronTask with a ConcurrencyPolicy of another copy WHEN synthesized THEN its value is rendered', () => {
    // GIVEN
    const { stack } = makeStack();
    const allow = otherCopy('ConcurrencyPolicy', { value: 'Allow' }) as ConcurrencyPolicy;
    // WHEN
    new CronTask(stack, 'c', { image: IMAGE, resources: RESOURCES, schedule: '0 2 * * *', concurrencyPolicy: allow });
    // THEN
    expect(findObject(synth(stack), 'CronJob', 'c').spec.concurrencyPolicy).toBe('Allow');
  });

  test('GIVEN a DeploymentStrategy of another copy WHEN given to a WebService THEN it is accepted and rendered', () => {
    // GIVEN
    const { stack } = makeStack();
    const recreate = otherCopy('DeploymentStrategy', { type: 'Recreate' }) as DeploymentStrategy;
    // WHEN
    new WebService(stack, 'w', { image: IMAGE, resources: RESOURCES, strategy: recreate });
    // THEN
    expect(findObject(synth(stack), 'Deployment', 'w').spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('GIVEN a plain object as the strategy WHEN given to a WebService THEN it is refused', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'w', { image: IMAGE, resources: RESOURCES, strategy: { type: 'Recreate' } as unknown as DeploymentStrategy }), {
      path: 'test/w', prop: 'strategy', received: '{"type":"Recreate"}', allowed: 'DeploymentStrategy.rollingUpdate()',
    });
  });

  test('GIVEN a workload WHEN checked by its brand THEN isWorkload and its kind\'s check agree', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'w', { image: IMAGE, resources: RESOURCES });
    expect(WebService.isWebService(web)).toBe(true);
    expect(CronTask.isCronTask(web)).toBe(false);
  });
});
