import { assignLabels, recommendedLabels, RecommendedLabels } from '../../lib/core/labels';
import { makeStack } from '../_helpers';

const { stack: STACK } = makeStack({ namespace: 'shop', appName: 'shop', instance: 'shop-eu', version: '1.0.0' });

describe('recommendedLabels', () => {
  test('GIVEN an object of a stack WHEN its labels are made THEN they are the six recommended labels', () => {
    // GIVEN / WHEN
    const labels = recommendedLabels(STACK, { name: 'web', component: 'server' });
    // THEN
    expect(labels).toEqual({
      [RecommendedLabels.NAME]: 'web',
      [RecommendedLabels.INSTANCE]: 'shop-eu',
      [RecommendedLabels.VERSION]: '1.0.0',
      [RecommendedLabels.COMPONENT]: 'server',
      [RecommendedLabels.PART_OF]: 'shop',
      [RecommendedLabels.MANAGED_BY]: 'cdk8s-platform',
    });
  });

  test('GIVEN more labels WHEN the labels are made THEN they are added in order, later ones winning, as spreads would', () => {
    // GIVEN
    const more: Array<Record<string, string> | undefined> = [{ team: 'a', [RecommendedLabels.NAME]: 'other' }, undefined, { team: 'b', tier: 'front' }];
    // WHEN
    const labels = recommendedLabels(STACK, { name: 'web', component: 'server' }, ...more);
    // THEN
    const spread = { ...recommendedLabels(STACK, { name: 'web', component: 'server' }), ...more[0], ...more[2] };
    expect(Object.entries(labels)).toEqual(Object.entries(spread));
  });
});

describe('assignLabels', () => {
  test('GIVEN a label named "__proto__" WHEN assigned THEN it is an own label and the prototype is unchanged', () => {
    // GIVEN
    const from = JSON.parse('{"__proto__": "x", "a": "1"}') as Record<string, string>;
    // WHEN
    const to = assignLabels({ b: '2' }, from);
    // THEN
    expect(Object.getPrototypeOf(to)).toBe(Object.prototype);
    expect(Object.entries(to)).toEqual([['b', '2'], ['__proto__', 'x'], ['a', '1']]);
  });
});
