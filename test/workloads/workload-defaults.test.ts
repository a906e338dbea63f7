import { AppStack, Environment, PlatformApp, TopologySpread, useWorkloadDefaults, WebService, Worker } from '../../lib';
import { containerOf, makeStack, podSpecOf, synth, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/web:1.2.3';
const SMALL = { requests: { cpu: '50m', memory: '64Mi' } };

describe('WorkloadDefaults', () => {
  test('GIVEN resources set on the stack WHEN a workload sets none THEN it inherits them', () => {
    // GIVEN
    const { stack } = makeStack({ workloadDefaults: { resources: SMALL } });
    // WHEN
    new WebService(stack, 'web', { image: IMAGE });
    // THEN
    expect(containerOf(synth(stack), 'web').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } });
  });

  test('GIVEN defaults on the app WHEN a stack inside an environment overrides one field THEN the others are inherited', () => {
    const app = new PlatformApp({ outdir: tmpdir(), workloadDefaults: { resources: SMALL, nodeSelector: { pool: 'general' }, revisionHistoryLimit: 5 } });
    const env = new Environment(app, 'prod', { workloadDefaults: { nodeSelector: { pool: 'prod' } } });
    const stack = new AppStack(env, 'shop', { namespace: 'shop', workloadDefaults: { revisionHistoryLimit: 3 } });
    new WebService(stack, 'web', { image: IMAGE });
    const objects = synth(stack);
    expect(podSpecOf(objects, 'web').nodeSelector).toEqual({ pool: 'prod' });
    expect(objects.find((o) => o.kind === 'Deployment')!.spec.revisionHistoryLimit).toBe(3);
  });

  test('GIVEN default security WHEN a workload sets one option THEN the others still apply', () => {
    const { stack } = makeStack({ workloadDefaults: { security: { runAsUser: 10001, runAsGroup: 10001 } } });
    new WebService(stack, 'web', { image: IMAGE, resources: SMALL, security: { runAsGroup: 2000 } });
    const ctx = podSpecOf(synth(stack), 'web').securityContext;
    expect([ctx.runAsUser, ctx.runAsGroup]).toEqual([10001, 2000]);
  });

  test('GIVEN default spread and budget WHEN a workload is created THEN they apply', () => {
    const { stack } = makeStack({ workloadDefaults: { spread: [TopologySpread.acrossZones()], disruptionBudget: { maxUnavailable: '50%' } } });
    new WebService(stack, 'web', { image: IMAGE, resources: SMALL });
    const objects = synth(stack);
    expect(podSpecOf(objects, 'web').topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['topology.kubernetes.io/zone']);
    expect(objects.find((o) => o.kind === 'PodDisruptionBudget')!.spec.maxUnavailable).toBe('50%');
  });

  test('GIVEN useWorkloadDefaults() on a grouping construct WHEN a workload is below it THEN it inherits', () => {
    const { stack } = makeStack();
    useWorkloadDefaults(stack, { terminationGracePeriodSeconds: 60, resources: SMALL });
    new Worker(stack, 'w', { image: IMAGE, port: 9000 });
    expect(podSpecOf(synth(stack), 'w').terminationGracePeriodSeconds).toBe(60);
  });

  test('GIVEN a sidecar without resources WHEN defaults have resources THEN it inherits them', () => {
    const { stack } = makeStack({ workloadDefaults: { resources: SMALL } });
    new WebService(stack, 'web', { image: IMAGE, sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1' }] });
    // a native sidecar (an init container) at the default Kubernetes version, 1.33
    expect(podSpecOf(synth(stack), 'web').initContainers[0].resources.requests).toEqual({ cpu: '50m', memory: '64Mi' });
  });
});
