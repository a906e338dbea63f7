import {
  AppStack, DaemonSet, DaemonSetProps, DaemonSetStrategy, DeploymentStrategy, findObject, HostAccess, Mount, NetworkPeer, PlatformApp,
  PodSecurityLevel, Protocol, ruleById, SynthError, Toleration, validateObjects, ValidationPreset, WebService,
} from '../../lib';
import { capacitySummary } from '../../lib/app/_capacity-summary';
import { expectPropError, makeStack, RESOURCES, synth, tmpdir } from '../_helpers';

const BASE: DaemonSetProps = { image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9', resources: RESOURCES, port: 2020 };

/** A stack `agents` whose Namespace enforces "privileged". */
function privilegedStack(): AppStack {
  const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
  return new AppStack(app, 'agents', { namespace: 'agents', namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED } });
}

/** The pod template spec of the named DaemonSet. */
function podSpec(stack: AppStack, name: string): any {
  return findObject(synth(stack), 'DaemonSet', name).spec.template.spec;
}

describe('DaemonSet', () => {
  test('GIVEN a daemon set WHEN synthesized THEN it is an apps/v1 DaemonSet selecting its pods, with no Service', () => {
    // GIVEN
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', BASE);
    // WHEN
    const ds = findObject(synth(stack), 'DaemonSet', 'shipper');
    // THEN
    expect(ds.apiVersion).toBe('apps/v1');
    expect(ds.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'shipper', 'app.kubernetes.io/instance': 'test' } });
    expect(stack).toHaveObjectCount('Service', 0);
  });

  test('GIVEN no component WHEN synthesized THEN its component label is "agent"', () => {
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', BASE);
    expect(findObject(synth(stack), 'DaemonSet', 'shipper').metadata.labels?.['app.kubernetes.io/component']).toBe('agent');
  });

  test('GIVEN no strategy WHEN synthesized THEN it updates one node at a time, the old pod first', () => {
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', BASE);
    expect(findObject(synth(stack), 'DaemonSet', 'shipper').spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  });

  test('GIVEN DaemonSetStrategy.onDelete() WHEN synthesized THEN pods are replaced only when deleted', () => {
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', { ...BASE, strategy: DaemonSetStrategy.onDelete() });
    expect(findObject(synth(stack), 'DaemonSet', 'shipper').spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('GIVEN a surging rolling update WHEN synthesized THEN the new pod starts beside the old one', () => {
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', { ...BASE, strategy: DaemonSetStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: '10%' }) });
    expect(findObject(synth(stack), 'DaemonSet', 'shipper').spec.updateStrategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: '10%' });
  });

  test('GIVEN maxUnavailable and maxSurge both 0 WHEN created THEN a PropError names the strategy', () => {
    const { stack } = makeStack();
    expectPropError(() => new DaemonSet(stack, 'shipper', { ...BASE, strategy: DaemonSetStrategy.rollingUpdate({ maxUnavailable: 0 }) }),
      { path: 'test/shipper', prop: 'strategy', received: '{"maxUnavailable":0,"maxSurge":0}', allowed: 'not both 0' });
  });

  test('GIVEN maxUnavailable above 100% WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new DaemonSet(stack, 'shipper', { ...BASE, strategy: DaemonSetStrategy.rollingUpdate({ maxUnavailable: '150%' }) }),
      { path: 'test/shipper', prop: 'strategy.maxUnavailable', received: '"150%"', allowed: '"0%" to "100%"' });
  });

  test('GIVEN a Deployment strategy WHEN created THEN a PropError asks for a DaemonSetStrategy', () => {
    const { stack } = makeStack();
    expectPropError(() => new DaemonSet(stack, 'shipper', { ...BASE, strategy: DeploymentStrategy.recreate() as unknown as DaemonSetStrategy }),
      { path: 'test/shipper', prop: 'strategy', received: '', allowed: 'DaemonSetStrategy.rollingUpdate() or DaemonSetStrategy.onDelete()' });
  });

  test('GIVEN no tolerations WHEN synthesized THEN the pods tolerate every taint', () => {
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', BASE);
    expect(podSpec(stack, 'shipper').tolerations).toEqual([{ operator: 'Exists' }]);
  });

  test('GIVEN tolerations WHEN synthesized THEN the pods tolerate only those', () => {
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', { ...BASE, tolerations: [Toleration.exists('nvidia.com/gpu')] });
    expect(podSpec(stack, 'shipper').tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists' }]);
  });

  test('GIVEN tolerateAllTaints false WHEN synthesized THEN the pods tolerate no taint', () => {
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', { ...BASE, tolerateAllTaints: false });
    expect(podSpec(stack, 'shipper').tolerations).toBeUndefined();
  });

  test('GIVEN tolerateAllTaints true and tolerations WHEN created THEN a PropError names the tolerations', () => {
    const { stack } = makeStack();
    expectPropError(() => new DaemonSet(stack, 'shipper', { ...BASE, tolerateAllTaints: true, tolerations: [Toleration.exists('dedicated')] }),
      { path: 'test/shipper', prop: 'tolerations', received: '', allowed: 'no tolerations with tolerateAllTaints: true' });
  });

  test('GIVEN a port and no probes WHEN synthesized THEN readiness and liveness check that port', () => {
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', BASE);
    const c = podSpec(stack, 'shipper').containers[0];
    expect([c.readinessProbe, c.livenessProbe]).toEqual([{ tcpSocket: { port: 2020 } }, { tcpSocket: { port: 2020 }, initialDelaySeconds: 10 }]);
  });

  test('GIVEN no port and no probes WHEN created THEN a PropError asks for probes', () => {
    const { stack } = makeStack();
    expectPropError(() => new DaemonSet(stack, 'shipper', { ...BASE, port: undefined }),
      { path: 'test/shipper', prop: 'readinessProbe', received: 'undefined', allowed: 'a DaemonSet without a port has no default probe' });
  });

  test('GIVEN no revisionHistoryLimit WHEN synthesized THEN 10 revisions are kept and minReadySeconds is left out', () => {
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', BASE);
    const spec = findObject(synth(stack), 'DaemonSet', 'shipper').spec;
    expect([spec.revisionHistoryLimit, spec.minReadySeconds]).toEqual([10, undefined]);
  });

  test('GIVEN no hostAccess WHEN synthesized THEN the pods use no host namespace, port or path, and run as non-root', () => {
    const { stack } = makeStack();
    new DaemonSet(stack, 'shipper', BASE);
    const spec = podSpec(stack, 'shipper');
    expect([spec.hostNetwork, spec.hostPID, spec.containers[0].ports[0].hostPort]).toEqual([undefined, undefined, undefined]);
    expect(spec.volumes.every((v: any) => v.hostPath === undefined)).toBe(true);
    expect(spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  });

  test('GIVEN hostAccess in a stack whose Namespace enforces restricted (the default) WHEN created THEN a PropError names namespaceOptions.podSecurity', () => {
    const { stack } = makeStack();
    expectPropError(() => new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: [HostAccess.paths([{ hostPath: '/var/log' }])] }),
      { path: 'test/shipper', prop: 'hostAccess', received: '"HostAccess.paths(/var/log)"', allowed: 'namespaceOptions.podSecurity: PodSecurityLevel.PRIVILEGED' });
  });

  test('GIVEN hostAccess in a baseline namespace WHEN created THEN a PropError says that baseline rejects it', () => {
    const { stack } = makeStack({ namespaceOptions: { podSecurity: PodSecurityLevel.BASELINE } });
    expectPropError(() => new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: [HostAccess.network()] }),
      { path: 'test/shipper', prop: 'hostAccess', received: '"HostAccess.network()"', allowed: 'namespace "test" enforces "baseline"' });
  });

  test('GIVEN hostAccess in a stack that does not create its Namespace WHEN synthesized THEN it is allowed', () => {
    const { stack } = makeStack({ createNamespace: false });
    new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: [HostAccess.processes()] });
    expect(podSpec(stack, 'shipper').hostPID).toBe(true);
  });

  test('GIVEN HostAccess.paths() WHEN synthesized THEN hostPath volumes are mounted read-only unless writable, at the node path unless moved', () => {
    // GIVEN
    const stack = privilegedStack();
    new DaemonSet(stack, 'shipper', {
      ...BASE,
      hostAccess: [HostAccess.paths([{ hostPath: '/var/log' }, { hostPath: '/var/lib/fluent-bit', writable: true }, { hostPath: '/', mountPath: '/host' }])],
    });
    // WHEN
    const spec = podSpec(stack, 'shipper');
    // THEN
    expect(spec.volumes.filter((v: any) => v.hostPath)).toEqual([
      { name: 'host-var-log', hostPath: { path: '/var/log' } },
      { name: 'host-var-lib-fluent-bit', hostPath: { path: '/var/lib/fluent-bit' } },
      { name: 'host-root', hostPath: { path: '/' } },
    ]);
    expect(spec.containers[0].volumeMounts.filter((m: any) => m.name.startsWith('host-'))).toEqual([
      { name: 'host-var-log', mountPath: '/var/log', readOnly: true },
      { name: 'host-var-lib-fluent-bit', mountPath: '/var/lib/fluent-bit' },
      { name: 'host-root', mountPath: '/host', readOnly: true },
    ]);
  });

  test('GIVEN a host path whose volume name another volume has WHEN synthesized THEN it gets a numbered name', () => {
    const stack = privilegedStack();
    new DaemonSet(stack, 'shipper', { ...BASE, mounts: [Mount.emptyDir('/host/var/log')], hostAccess: [HostAccess.paths([{ hostPath: '/var/log' }])] });
    expect(podSpec(stack, 'shipper').volumes.map((v: any) => v.name)).toEqual(['host-var-log', 'tmp', 'host-var-log-2']);
  });

  test('GIVEN HostAccess.ports() WHEN synthesized THEN the workload port gets its hostPort and another port is added', () => {
    const stack = privilegedStack();
    new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: [HostAccess.ports([{ port: 2020 }, { port: 24224, hostPort: 24225, protocol: Protocol.UDP, name: 'forward' }])] });
    expect(podSpec(stack, 'shipper').containers[0].ports).toEqual([
      { name: 'http', containerPort: 2020, hostPort: 2020, protocol: 'TCP' },
      { name: 'forward', containerPort: 24224, hostPort: 24225, protocol: 'UDP' },
    ]);
  });

  test('GIVEN HostAccess.network() WHEN synthesized THEN the pods use the node network and still resolve cluster names', () => {
    const stack = privilegedStack();
    new DaemonSet(stack, 'exporter', { ...BASE, hostAccess: [HostAccess.network()] });
    const spec = podSpec(stack, 'exporter');
    expect([spec.hostNetwork, spec.dnsPolicy]).toEqual([true, 'ClusterFirstWithHostNet']);
  });

  test('GIVEN HostAccess.network() and a hostPort unlike its port WHEN created THEN a PropError names it', () => {
    const stack = privilegedStack();
    expectPropError(() => new DaemonSet(stack, 'exporter', { ...BASE, hostAccess: [HostAccess.network(), HostAccess.ports([{ port: 2020, hostPort: 9100 }])] }),
      { path: 'agents/exporter', prop: 'hostAccess', received: '"hostPort 9100 for port 2020"', allowed: 'a hostPort equal to the container port' });
  });

  test('GIVEN host ports and a surge WHEN created THEN a PropError names strategy.maxSurge', () => {
    const stack = privilegedStack();
    expectPropError(() => new DaemonSet(stack, 'shipper', {
      ...BASE, strategy: DaemonSetStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: 0 }), hostAccess: [HostAccess.ports([{ port: 2020 }])],
    }), { path: 'agents/shipper', prop: 'strategy.maxSurge', received: '1', allowed: 'cannot bind the node\'s port' });
  });

  test('GIVEN HostAccess.network() and a surge WHEN created THEN a PropError names strategy.maxSurge', () => {
    const stack = privilegedStack();
    expectPropError(() => new DaemonSet(stack, 'exporter', {
      ...BASE, strategy: DaemonSetStrategy.rollingUpdate({ maxSurge: '10%' }), hostAccess: [HostAccess.network()],
    }), { path: 'agents/exporter', prop: 'strategy.maxSurge', received: '"10%"', allowed: 'cannot bind the node\'s port' });
  });

  test('GIVEN workloadDefaults.tolerations and no tolerations of its own WHEN synthesized THEN the pods still tolerate every taint', () => {
    const { stack } = makeStack({ workloadDefaults: { tolerations: [Toleration.exists('spot')] } });
    new DaemonSet(stack, 'shipper', BASE);
    expect(podSpec(stack, 'shipper').tolerations).toEqual([{ operator: 'Exists' }]);
  });

  test('GIVEN the same host port twice WHEN created THEN a PropError names it', () => {
    const stack = privilegedStack();
    expectPropError(() => new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: [HostAccess.ports([{ port: 2020 }]), HostAccess.ports([{ port: 2021, hostPort: 2020 }])] }),
      { path: 'agents/shipper', prop: 'hostAccess', received: '"2020/TCP"', allowed: 'at most once' });
  });

  test('GIVEN a relative host path WHEN created THEN a PropError names it', () => {
    const stack = privilegedStack();
    expectPropError(() => new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: [HostAccess.paths([{ hostPath: 'var/log' }])] }),
      { path: 'agents/shipper', prop: 'hostAccess[0].paths[0].hostPath', received: '"var/log"', allowed: 'an absolute path' });
  });

  test('GIVEN a hostAccess entry that is not a HostAccess WHEN created THEN a PropError names it', () => {
    const stack = privilegedStack();
    expectPropError(() => new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: ['/var/log' as unknown as HostAccess] }),
      { path: 'agents/shipper', prop: 'hostAccess[0]', received: '"/var/log"', allowed: 'HostAccess.paths()' });
  });

  test('GIVEN a mount added later at a host path\'s mount path WHEN synthesized THEN the synth names both', () => {
    const stack = privilegedStack();
    const ds = new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: [HostAccess.paths([{ hostPath: '/var/log' }])] });
    ds.addMount(Mount.emptyDir('/var/log'));
    expect(() => synth(stack)).toThrow(SynthError);
  });

  test('GIVEN a daemon set WHEN inspected THEN its brand and main object are found', () => {
    const { stack } = makeStack();
    const ds = new DaemonSet(stack, 'shipper', BASE);
    expect([DaemonSet.isDaemonSet(ds), DaemonSet.isDaemonSet({}), ds.node.defaultChild === ds.apiObject, ds.apiObject.kind]).toEqual([true, false, true, 'DaemonSet']);
  });

  test('GIVEN allowFrom() WHEN synthesized THEN a NetworkPolicy admits the peer to the agent pods', () => {
    const { stack } = makeStack();
    const ds = new DaemonSet(stack, 'exporter', BASE);
    ds.allowFrom(NetworkPeer.namespace('monitoring'));
    expect(findObject(synth(stack), 'NetworkPolicy', 'exporter').spec.podSelector).toEqual({ matchLabels: ds.selectorLabels });
  });

  test('GIVEN two daemon sets and a one-pod service WHEN the capacity summary is made THEN the daemon sets are counted per node, apart', () => {
    // GIVEN
    const { app, stack } = makeStack();
    new WebService(stack, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, replicas: 1, resources: { requests: { cpu: '100m', memory: '128Mi' } } });
    new DaemonSet(stack, 'shipper', { ...BASE, resources: { requests: { cpu: '50m', memory: '64Mi' } } });
    new DaemonSet(stack, 'exporter', { ...BASE, resources: { requests: { cpu: '25m', memory: '32Mi' } } });
    // WHEN
    const summary = capacitySummary(app);
    // THEN
    expect(summary).toContain('test: 1 workload(s), 1-1 pods; requests cpu 100m-100m, memory 128Mi-128Mi (min-max scale); ' +
      'plus 2 DaemonSet(s), 2 pod(s) per node; requests cpu 75m, memory 96Mi per node\n');
  });

  test('GIVEN every host access in a privileged namespace WHEN validated strictly THEN no schema or API-server rule finds anything', () => {
    // GIVEN
    const stack = privilegedStack();
    new DaemonSet(stack, 'exporter', {
      ...BASE,
      hostAccess: [HostAccess.network(), HostAccess.processes(), HostAccess.ports([{ port: 2020 }]), HostAccess.paths([{ hostPath: '/proc', mountPath: '/host/proc' }])],
    });
    // WHEN
    const { findings } = validateObjects(synth(stack), { preset: ValidationPreset.STRICT, kubernetesVersion: '1.33' });
    // THEN
    expect(findings.filter((f) => ['schema', 'api'].includes(ruleById(f.rule)!.layer)).map((f) => `${f.rule} ${f.field}`)).toEqual([]);
  });
});
