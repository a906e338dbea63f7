import {
  AppArmorProfile, findObject, NetworkPeer, PlatformApp, AppStack, Pod, PodProps, PodRestartPolicy, Probe, SidecarMode,
} from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth, tmpdir } from '../_helpers';

const BASE: PodProps = { image: 'ghcr.io/acme/toolbox:1.2.0', resources: RESOURCES };

describe('Pod', () => {
  test('GIVEN a pod WHEN synthesized THEN it is a v1 Pod whose labels include those its workload selector uses', () => {
    // GIVEN
    const { stack } = makeStack();
    new Pod(stack, 'toolbox', BASE);
    // WHEN
    const pod = findObject(synth(stack), 'Pod', 'toolbox');
    // THEN
    expect(pod.apiVersion).toBe('v1');
    expect(pod.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'toolbox', 'app.kubernetes.io/instance': 'test', 'app.kubernetes.io/component': 'pod' });
    expect(pod.spec.containers[0].name).toBe('toolbox');
  });

  test('GIVEN no restartPolicy WHEN synthesized THEN none is rendered (Always, the Kubernetes default)', () => {
    const { stack } = makeStack();
    const pod = new Pod(stack, 'toolbox', BASE);
    expect([findObject(synth(stack), 'Pod', 'toolbox').spec.restartPolicy, pod.restartPolicy.value]).toEqual([undefined, 'Always']);
  });

  test('GIVEN PodRestartPolicy.NEVER WHEN synthesized THEN the pod runs once', () => {
    const { stack } = makeStack();
    new Pod(stack, 'toolbox', { ...BASE, restartPolicy: PodRestartPolicy.NEVER });
    expect(findObject(synth(stack), 'Pod', 'toolbox').spec.restartPolicy).toBe('Never');
  });

  test('GIVEN a restartPolicy that is not a PodRestartPolicy WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new Pod(stack, 'toolbox', { ...BASE, restartPolicy: 'Never' as unknown as PodRestartPolicy }),
      { path: 'test/toolbox', prop: 'restartPolicy', received: '"Never"', allowed: 'PodRestartPolicy.ALWAYS' });
  });

  test('GIVEN a port and no probes WHEN synthesized THEN readiness and liveness check that port', () => {
    const { stack } = makeStack();
    new Pod(stack, 'toolbox', { ...BASE, port: 8080 });
    const c = findObject(synth(stack), 'Pod', 'toolbox').spec.containers[0];
    expect([c.readinessProbe, c.livenessProbe]).toEqual([{ tcpSocket: { port: 8080 } }, { tcpSocket: { port: 8080 }, initialDelaySeconds: 10 }]);
  });

  test('GIVEN a port and PodRestartPolicy.NEVER WHEN synthesized THEN the pod has no default probes', () => {
    const { stack } = makeStack();
    new Pod(stack, 'toolbox', { ...BASE, port: 8080, restartPolicy: PodRestartPolicy.NEVER });
    const c = findObject(synth(stack), 'Pod', 'toolbox').spec.containers[0];
    expect([c.readinessProbe, c.livenessProbe]).toEqual([undefined, undefined]);
  });

  test('GIVEN no port and no probes WHEN synthesized THEN the pod has no probes and no port', () => {
    const { stack } = makeStack();
    new Pod(stack, 'toolbox', BASE);
    const c = findObject(synth(stack), 'Pod', 'toolbox').spec.containers[0];
    expect([c.ports, c.readinessProbe, c.livenessProbe]).toEqual([undefined, undefined, undefined]);
  });

  test('GIVEN a probe WHEN synthesized THEN it is rendered', () => {
    const { stack } = makeStack();
    new Pod(stack, 'toolbox', { ...BASE, readinessProbe: Probe.exec(['/bin/ready']) });
    expect(findObject(synth(stack), 'Pod', 'toolbox').spec.containers[0].readinessProbe).toEqual({ exec: { command: ['/bin/ready'] } });
  });

  test('GIVEN podAnnotations and metadata annotations WHEN synthesized THEN the Pod carries both, metadata first', () => {
    const { stack } = makeStack();
    new Pod(stack, 'toolbox', { ...BASE, podAnnotations: { a: 'pod', b: 'pod' }, metadata: { annotations: { a: 'metadata' } } });
    expect(findObject(synth(stack), 'Pod', 'toolbox').metadata.annotations).toEqual({ a: 'metadata', b: 'pod' });
  });

  test('GIVEN Kubernetes 1.29 and a sidecar added later with its own AppArmor profile WHEN synthesized THEN the Pod has its annotation', () => {
    // GIVEN
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, kubernetesVersion: '1.29' });
    const stack = new AppStack(app, 'test', { namespace: 'test' });
    const pod = new Pod(stack, 'toolbox', BASE);
    // WHEN
    pod.addSidecar({ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', resources: RESOURCES, security: { appArmorProfile: AppArmorProfile.runtimeDefault() } });
    // THEN
    expect(findObject(synth(stack), 'Pod', 'toolbox').metadata.annotations).toEqual({ 'container.apparmor.security.beta.kubernetes.io/proxy': 'runtime/default' });
  });

  test('GIVEN PodRestartPolicy.NEVER and classic sidecars WHEN created THEN a PropError names the sidecar mode', () => {
    const { stack } = makeStack();
    expectPropError(() => new Pod(stack, 'toolbox', {
      ...BASE, restartPolicy: PodRestartPolicy.NEVER, sidecarMode: SidecarMode.classic(),
      sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', resources: RESOURCES }],
    }), { path: 'test/toolbox', prop: 'sidecarMode', received: '', allowed: 'SidecarMode.native() in a pod that runs to completion' });
  });

  test('GIVEN a pod WHEN inspected THEN its brand and main object are found, and it has no disruption budget', () => {
    const { stack } = makeStack();
    const pod = new Pod(stack, 'toolbox', BASE);
    expect([Pod.isPod(pod), Pod.isPod({}), pod.node.defaultChild === pod.apiObject, pod.apiObject.kind]).toEqual([true, false, true, 'Pod']);
    expect(stack).toHaveObjectCount('PodDisruptionBudget', 0);
  });

  test('GIVEN addEnv() and allowFrom() WHEN synthesized THEN the variable is set and a NetworkPolicy selects the pod', () => {
    const { stack } = makeStack();
    const pod = new Pod(stack, 'toolbox', BASE);
    pod.addEnv('MODE', 'debug');
    pod.allowFrom(NetworkPeer.namespace('ops'));
    const objects = synth(stack);
    expect(findObject(objects, 'Pod', 'toolbox').spec.containers[0].env).toContainEqual({ name: 'MODE', value: 'debug' });
    expect(findObject(objects, 'NetworkPolicy', 'toolbox').spec.podSelector).toEqual({ matchLabels: pod.selectorLabels });
  });
});
