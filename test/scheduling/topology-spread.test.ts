import { TopologySpread, WebService } from '../../lib';
import { expectPropError, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/web:1.2.3';
const SELECTOR = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'test' };

describe('topology spread', () => {
  test('GIVEN no spread WHEN synthesized THEN pods prefer to spread across nodes', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    // WHEN / THEN
    expect(podSpecOf(synth(stack), 'web').topologySpreadConstraints).toEqual([
      { topologyKey: 'kubernetes.io/hostname', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: SELECTOR } },
    ]);
  });

  test('GIVEN zones required WHEN synthesized THEN a DoNotSchedule zone constraint is added', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, spread: [TopologySpread.acrossNodes(), TopologySpread.acrossZones({ required: true })] });
    const zone = podSpecOf(synth(stack), 'web').topologySpreadConstraints[1];
    expect([zone.topologyKey, zone.whenUnsatisfiable]).toEqual(['topology.kubernetes.io/zone', 'DoNotSchedule']);
  });

  test('GIVEN an empty spread WHEN synthesized THEN there are no constraints', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, spread: [] });
    expect(podSpecOf(synth(stack), 'web').topologySpreadConstraints).toBeUndefined();
  });

  test('GIVEN maxSkew 0 WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, spread: [TopologySpread.acrossNodes({ maxSkew: 0 })] }),
      { path: 'test/web', prop: 'spread[0].maxSkew', received: '0' });
  });
});
