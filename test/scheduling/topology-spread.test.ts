import {
  AppStack, findObject, NodeInclusionPolicy, PlatformApp, ruleById, StatefulService, synthObjects, TopologySpread, validateObjects,
  ValidationPreset, WebService, Worker,
} from '../../lib';
import { expectPropError, makeStack, podSpecOf, RESOURCES, synth, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/web:1.2.3';
const SELECTOR = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'test' };

describe('topology spread', () => {
  test('GIVEN no spread WHEN synthesized THEN pods prefer to spread across nodes, counting the pods of their revision', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    // WHEN / THEN
    expect(podSpecOf(synth(stack), 'web').topologySpreadConstraints).toEqual([
      {
        topologyKey: 'kubernetes.io/hostname', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: SELECTOR },
        matchLabelKeys: ['pod-template-hash'],
      },
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

/** A stack `test` (namespace `test`) of an app that targets `kubernetesVersion`. */
function stackAt(kubernetesVersion: string): AppStack {
  const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, kubernetesVersion });
  return new AppStack(app, 'test', { namespace: 'test' });
}

describe('topology spread: matchLabelKeys (MatchLabelKeysInPodTopologySpread, on by default from 1.27)', () => {
  test('GIVEN a Worker with the default spread WHEN synthesized THEN its constraint counts the pods of the same Deployment revision', () => {
    // GIVEN
    const { stack } = makeStack();
    new Worker(stack, 'jobs', { image: IMAGE, resources: RESOURCES, port: 9102 });
    // WHEN
    const constraints = podSpecOf(synth(stack), 'jobs').topologySpreadConstraints;
    // THEN
    expect(constraints.map((c: any) => c.matchLabelKeys)).toEqual([['pod-template-hash']]);
  });

  test('GIVEN a StatefulService with the default spread WHEN synthesized THEN its constraint counts every pod of the workload', () => {
    // GIVEN
    const { stack } = makeStack();
    new StatefulService(stack, 'db', { image: IMAGE, resources: RESOURCES, port: 5432 });
    // WHEN
    const constraint = findObject(synth(stack), 'StatefulSet', 'db').spec.template.spec.topologySpreadConstraints[0];
    // THEN
    expect(constraint.topologyKey).toBe('kubernetes.io/hostname');
    expect(constraint.matchLabelKeys).toBeUndefined();
  });

  test('GIVEN workloadDefaults spreading across zones WHEN a WebService and a StatefulService use it THEN only the Deployment gets pod-template-hash', () => {
    // GIVEN
    const { stack } = makeStack({ workloadDefaults: { spread: [TopologySpread.acrossZones()] } });
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    new StatefulService(stack, 'db', { image: IMAGE, resources: RESOURCES, port: 5432 });
    // WHEN
    const objects = synth(stack);
    // THEN
    expect(podSpecOf(objects, 'web').topologySpreadConstraints[0].matchLabelKeys).toEqual(['pod-template-hash']);
    expect(findObject(objects, 'StatefulSet', 'db').spec.template.spec.topologySpreadConstraints[0].matchLabelKeys).toBeUndefined();
  });

  test('GIVEN matchLabelKeys [] WHEN synthesized THEN the default is off and every pod of the Deployment counts', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, spread: [TopologySpread.acrossNodes({ matchLabelKeys: [] })] });
    // WHEN
    const constraint = podSpecOf(synth(stack), 'web').topologySpreadConstraints[0];
    // THEN
    expect(constraint.matchLabelKeys).toBeUndefined();
  });

  test('GIVEN matchLabelKeys of its own WHEN synthesized THEN the constraint has exactly those keys', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, spread: [TopologySpread.acrossZones({ matchLabelKeys: ['pod-template-hash', 'acme.io/track'] })] });
    // WHEN
    const constraint = podSpecOf(synth(stack), 'web').topologySpreadConstraints[0];
    // THEN
    expect(constraint.matchLabelKeys).toEqual(['pod-template-hash', 'acme.io/track']);
  });

  test('GIVEN a matchLabelKeys key of the selector WHEN created THEN a PropError names it (the API server refuses a key in both)', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, spread: [TopologySpread.acrossNodes({ matchLabelKeys: ['app.kubernetes.io/name'] })] }),
      { path: 'test/web', prop: 'spread[0].matchLabelKeys[0]', received: '"app.kubernetes.io/name"', allowed: "not in the workload's selector" });
  });

  test('GIVEN a matchLabelKeys key that is not a label key WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, spread: [TopologySpread.acrossNodes({ matchLabelKeys: ['bad key'] })] }),
      { path: 'test/web', prop: 'spread[0].matchLabelKeys[0]', received: '"bad key"', allowed: 'a label key' });
  });

  test('GIVEN a matchLabelKeys key given twice WHEN created THEN a PropError names the second', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, spread: [TopologySpread.acrossNodes({ matchLabelKeys: ['track', 'track'] })] }),
      { path: 'test/web', prop: 'spread[0].matchLabelKeys[1]', received: '"track"', allowed: 'a key not already in matchLabelKeys' });
  });
});

describe('topology spread: node inclusion policies (NodeInclusionPolicyInPodTopologySpread, on by default from 1.26)', () => {
  test('GIVEN nodeAffinityPolicy IGNORE and nodeTaintsPolicy HONOR WHEN synthesized THEN the constraint has both', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', {
      image: IMAGE, resources: RESOURCES,
      spread: [TopologySpread.acrossZones({ nodeAffinityPolicy: NodeInclusionPolicy.IGNORE, nodeTaintsPolicy: NodeInclusionPolicy.HONOR })],
    });
    // WHEN
    const constraint = podSpecOf(synth(stack), 'web').topologySpreadConstraints[0];
    // THEN
    expect([constraint.nodeAffinityPolicy, constraint.nodeTaintsPolicy]).toEqual(['Ignore', 'Honor']);
  });

  test('GIVEN no node inclusion policies WHEN synthesized THEN neither field is rendered (Kubernetes defaults: Honor, Ignore)', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    const constraint = podSpecOf(synth(stack), 'web').topologySpreadConstraints[0];
    expect([constraint.nodeAffinityPolicy, constraint.nodeTaintsPolicy]).toEqual([undefined, undefined]);
  });

  test('GIVEN a nodeTaintsPolicy that is not a NodeInclusionPolicy WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, spread: [TopologySpread.acrossNodes({ nodeTaintsPolicy: 'Honor' as any })] }),
      { path: 'test/web', prop: 'spread[0].nodeTaintsPolicy', received: '"Honor"', allowed: 'NodeInclusionPolicy.HONOR or NodeInclusionPolicy.IGNORE' });
  });

  test('GIVEN every new spread field at 1.27, the oldest supported version WHEN validated strictly for 1.27 THEN the schema accepts them', () => {
    // GIVEN
    const stack = stackAt('1.27');
    new WebService(stack, 'web', {
      image: IMAGE, resources: RESOURCES,
      spread: [TopologySpread.acrossZones({ nodeAffinityPolicy: NodeInclusionPolicy.HONOR, nodeTaintsPolicy: NodeInclusionPolicy.HONOR })],
    });
    // WHEN
    const { findings } = validateObjects(synthObjects(stack), { preset: ValidationPreset.STRICT, kubernetesVersion: '1.27' });
    // THEN
    expect(findings.filter((f) => ruleById(f.rule)!.layer === 'schema').map((f) => `${f.rule} ${f.field}: ${f.message}`)).toEqual([]);
  });
});
