import * as fs from 'fs';
import * as path from 'path';
import { JsonPatch } from 'cdk8s';
import { parse } from 'yaml';
import {
  AppArmorProfile, AppStack, CompletionMode, CronTask, Environment, findObject, Job, JobRestartPolicy, LifecycleHook,
  PlatformApp, PodReplacementPolicy, Probe, SidecarMode, StatefulService, TrafficDistribution, WebService, Worker,
  WorkloadDefaults, synthObjects,
} from '../../lib';
import { expectPropError, RESOURCES, tmpdir } from '../_helpers';

// Each version-gated prop at the first Kubernetes version that has it on by default, and at the one before.

const IMAGE = 'ghcr.io/acme/web:1.2.3';
const PROXY = { name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', resources: RESOURCES };

/** A stack `test` (namespace `test`) of an app that targets `kubernetesVersion`. */
function stackAt(kubernetesVersion: string, workloadDefaults?: WorkloadDefaults): AppStack {
  const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, kubernetesVersion, workloadDefaults });
  return new AppStack(app, 'test', { namespace: 'test' });
}

/** The pod spec of the named object of `kind` (Deployment, StatefulSet, Job; CronJob's job template). */
function podSpec(stack: AppStack, kind: string, name: string): any {
  const o = findObject(synthObjects(stack), kind, name);
  return kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec;
}

/** The names of a pod spec's init containers and containers. */
function containerNames(spec: any): { init: string[]; containers: string[] } {
  return { init: (spec.initContainers ?? []).map((c: any) => c.name), containers: spec.containers.map((c: any) => c.name) };
}

const VERSION_ALLOWED = /needs Kubernetes 1\.\d+ or later/;

describe('native sidecars (Kubernetes 1.29)', () => {
  test('GIVEN a WebService with a sidecar at 1.29 WHEN synthesized THEN the sidecar is an init container with restartPolicy Always', () => {
    // GIVEN
    const stack = stackAt('1.29');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, sidecars: [PROXY] });
    // WHEN
    const spec = podSpec(stack, 'Deployment', 'web');
    // THEN
    expect(containerNames(spec)).toEqual({ init: ['proxy'], containers: ['web'] });
    expect(spec.initContainers[0].restartPolicy).toBe('Always');
  });

  test('GIVEN a WebService with a sidecar at 1.28 WHEN synthesized THEN the sidecar is a regular container after the main one', () => {
    // GIVEN
    const stack = stackAt('1.28');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, sidecars: [PROXY] });
    // WHEN
    const spec = podSpec(stack, 'Deployment', 'web');
    // THEN
    expect(containerNames(spec)).toEqual({ init: [], containers: ['web', 'proxy'] });
    expect(spec.containers[1].restartPolicy).toBeUndefined();
  });

  test('GIVEN native sidecars and an init container WHEN synthesized THEN the sidecars come first, in the order added', () => {
    // GIVEN
    const stack = stackAt('1.33');
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, initContainers: [{ name: 'migrate', image: IMAGE, resources: RESOURCES }] });
    web.addSidecar(PROXY);
    web.addSidecar({ name: 'shipper', image: 'fluent/fluent-bit:3.0.4', resources: RESOURCES });
    // WHEN
    const spec = podSpec(stack, 'Deployment', 'web');
    // THEN
    expect(containerNames(spec)).toEqual({ init: ['proxy', 'shipper', 'migrate'], containers: ['web'] });
    expect(spec.initContainers.map((c: any) => c.restartPolicy)).toEqual(['Always', 'Always', undefined]);
  });

  test('GIVEN sidecarMode classic at 1.33 WHEN synthesized THEN the sidecar is a regular container (the opt-out)', () => {
    // GIVEN
    const stack = stackAt('1.33');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, sidecarMode: SidecarMode.classic(), sidecars: [PROXY] });
    // WHEN
    const spec = podSpec(stack, 'Deployment', 'web');
    // THEN
    expect(containerNames(spec)).toEqual({ init: [], containers: ['web', 'proxy'] });
  });

  test('GIVEN workloadDefaults sidecarMode classic on the app WHEN a Worker adds a sidecar THEN it is a regular container', () => {
    // GIVEN
    const stack = stackAt('1.33', { sidecarMode: SidecarMode.classic() });
    const worker = new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000 });
    // WHEN
    worker.addSidecar(PROXY);
    // THEN
    expect(containerNames(podSpec(stack, 'Deployment', 'w'))).toEqual({ init: [], containers: ['w', 'proxy'] });
  });

  test('GIVEN sidecarMode native at 1.28 WHEN created THEN a PropError names the prop and Kubernetes 1.29', () => {
    const stack = stackAt('1.28');
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, sidecarMode: SidecarMode.native() }),
      { path: 'test/web', prop: 'sidecarMode', received: '"SidecarMode.native()"', allowed: 'native sidecars (SidecarContainers, beta and on by default from 1.29) needs Kubernetes 1.29 or later' });
  });

  test('GIVEN workloadDefaults sidecarMode native at 1.28 WHEN a workload adds a sidecar THEN a PropError names the defaults', () => {
    const stack = stackAt('1.28', { sidecarMode: SidecarMode.native() });
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => web.addSidecar(PROXY),
      { path: 'test/web', prop: 'workloadDefaults.sidecarMode', received: '"SidecarMode.native()"', allowed: 'Kubernetes 1.29 or later' });
  });

  test('GIVEN a native sidecar with a startup probe and a preStop hook WHEN synthesized THEN both render on its init container', () => {
    // GIVEN
    const stack = stackAt('1.33');
    new WebService(stack, 'web', {
      image: IMAGE, resources: RESOURCES,
      sidecars: [{ ...PROXY, ports: [{ name: 'admin', port: 9901 }], startupProbe: Probe.http('/ready', { failureThreshold: 30 }), preStop: LifecycleHook.sleep(3) }],
    });
    // WHEN
    const proxy = podSpec(stack, 'Deployment', 'web').initContainers[0];
    // THEN
    expect(proxy.startupProbe).toEqual({ httpGet: { path: '/ready', port: 9901 }, failureThreshold: 30 });
    expect(proxy.lifecycle).toEqual({ preStop: { sleep: { seconds: 3 } } });
  });

  test('GIVEN an init container with a preStop hook WHEN added THEN a PropError refuses it', () => {
    const stack = stackAt('1.33');
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => web.addInitContainer({ name: 'init', image: IMAGE, resources: RESOURCES, preStop: LifecycleHook.sleep(1) }),
      { path: 'test/web', prop: 'addInitContainer("init").preStop', received: '{"handler":{"kind":"sleep","seconds":1}}', allowed: 'no hook' });
  });

  test('GIVEN a native sidecar and an init container WHEN the pod requests are counted THEN the sidecar counts beside the init container', () => {
    // GIVEN
    const stack = stackAt('1.33');
    const web = new WebService(stack, 'web', {
      image: IMAGE, resources: { requests: { cpu: '100m', memory: '128Mi' } },
      initContainers: [{ name: 'migrate', image: IMAGE, resources: { requests: { cpu: '1', memory: '1Gi' } } }],
      sidecars: [{ ...PROXY, resources: { requests: { cpu: '200m', memory: '64Mi' } } }],
    });
    // WHEN
    const requests = (web as any)._pod.podRequests();
    // THEN (1 CPU + 200m of the sidecar, which runs beside the migration; in nano-units)
    expect(requests).toEqual({ cpu: 1_200_000_000n, memory: (1024n + 64n) * 1024n * 1024n * 1_000_000_000n });
  });
});

describe('sidecars of Jobs and CronTasks', () => {
  test('GIVEN a Job with a sidecar at 1.29 WHEN synthesized THEN the sidecar is native and the pod runs to completion', () => {
    // GIVEN
    const stack = stackAt('1.29');
    new Job(stack, 'migrate', { image: IMAGE, resources: RESOURCES, sidecars: [PROXY] });
    // WHEN
    const spec = podSpec(stack, 'Job', 'migrate');
    // THEN
    expect(containerNames(spec)).toEqual({ init: ['proxy'], containers: ['migrate'] });
    expect([spec.restartPolicy, spec.initContainers[0].restartPolicy]).toEqual(['Never', 'Always']);
  });

  test('GIVEN a Job with a sidecar at 1.28 WHEN created THEN a PropError says the Job would never complete and names Kubernetes 1.29', () => {
    const stack = stackAt('1.28');
    expectPropError(() => new Job(stack, 'migrate', { image: IMAGE, resources: RESOURCES, sidecars: [PROXY] }),
      { path: 'test/migrate', prop: 'sidecars[0]', received: '"proxy"', allowed: /never complete.*needs Kubernetes 1\.29 or later/ });
  });

  test('GIVEN a Job with sidecarMode classic and a sidecar at 1.33 WHEN created THEN a PropError refuses the classic sidecar', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new Job(stack, 'migrate', { image: IMAGE, resources: RESOURCES, sidecarMode: SidecarMode.classic(), sidecars: [PROXY] }),
      { path: 'test/migrate', prop: 'sidecarMode', received: '"SidecarMode.classic()"', allowed: 'the Job would never complete' });
  });

  test('GIVEN a CronTask at 1.28 WHEN a sidecar is added THEN a PropError names addSidecar and Kubernetes 1.29', () => {
    const stack = stackAt('1.28');
    const task = new CronTask(stack, 'report', { image: IMAGE, resources: RESOURCES, schedule: '@daily' });
    expectPropError(() => task.addSidecar(PROXY),
      { path: 'test/report', prop: 'addSidecar("proxy")', received: '"proxy"', allowed: VERSION_ALLOWED });
  });

  test('GIVEN workloadDefaults sidecarMode classic WHEN a CronTask has a sidecar THEN a PropError names the defaults', () => {
    const stack = stackAt('1.33', { sidecarMode: SidecarMode.classic() });
    expectPropError(() => new CronTask(stack, 'report', { image: IMAGE, resources: RESOURCES, schedule: '@daily', sidecars: [PROXY] }),
      { path: 'test/report', prop: 'workloadDefaults.sidecarMode', received: '"SidecarMode.classic()"', allowed: 'SidecarMode.native()' });
  });

  test('GIVEN workloadDefaults sidecarMode classic WHEN a CronTask sets sidecarMode native THEN its sidecar is native', () => {
    // GIVEN
    const stack = stackAt('1.33', { sidecarMode: SidecarMode.classic() });
    // WHEN
    new CronTask(stack, 'report', { image: IMAGE, resources: RESOURCES, schedule: '@daily', sidecarMode: SidecarMode.native(), sidecars: [PROXY] });
    // THEN
    expect(containerNames(podSpec(stack, 'CronJob', 'report'))).toEqual({ init: ['proxy'], containers: ['report'] });
  });
});

describe('LifecycleHook.sleep (Kubernetes 1.30)', () => {
  test('GIVEN a preStop sleep at 1.30 WHEN synthesized THEN it is the sleep action', () => {
    const stack = stackAt('1.30');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, preStop: LifecycleHook.sleep(5) });
    expect(podSpec(stack, 'Deployment', 'web').containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
  });

  test('GIVEN a preStop sleep at 1.29 WHEN synthesized THEN it runs sleep in the container, as before', () => {
    const stack = stackAt('1.29');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, preStop: LifecycleHook.sleep(5) });
    expect(podSpec(stack, 'Deployment', 'web').containers[0].lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '5'] } } });
  });

  test('GIVEN a sidecar whose preStop sleep is as long as the grace period WHEN created THEN a PropError explains the kill', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new WebService(stack, 'web', {
      image: IMAGE, resources: RESOURCES, terminationGracePeriodSeconds: 10, sidecars: [{ ...PROXY, preStop: LifecycleHook.sleep(10) }],
    }), { path: 'test/web', prop: 'sidecars[0].preStop', received: '"sleep 10s"', allowed: 'shorter than terminationGracePeriodSeconds' });
  });
});

describe('Service trafficDistribution (PreferClose 1.31, PreferSameZone and PreferSameNode 1.34)', () => {
  test.each([
    ['preferClose', '1.31', TrafficDistribution.preferClose(), 'PreferClose'],
    ['preferSameZone', '1.34', TrafficDistribution.preferSameZone(), 'PreferSameZone'],
    ['preferSameNode', '1.34', TrafficDistribution.preferSameNode(), 'PreferSameNode'],
  ])('GIVEN %s at %s WHEN synthesized THEN the Service has its trafficDistribution', (_, version, value, rendered) => {
    const stack = stackAt(version);
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, trafficDistribution: value });
    expect(findObject(synthObjects(stack), 'Service', 'web').spec.trafficDistribution).toBe(rendered);
  });

  test.each([
    ['preferClose', '1.30', TrafficDistribution.preferClose(), /^nothing on Kubernetes 1\.30: .*needs Kubernetes 1\.31 or later/],
    ['preferSameZone', '1.33', TrafficDistribution.preferSameZone(), /^TrafficDistribution\.preferClose\(\).*needs Kubernetes 1\.34 or later/],
    ['preferSameNode', '1.33', TrafficDistribution.preferSameNode(), /needs Kubernetes 1\.34 or later/],
  ])('GIVEN %s at %s WHEN created THEN a PropError names trafficDistribution and the first version that has it', (name, version, value, allowed) => {
    const stack = stackAt(version);
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, trafficDistribution: value }),
      { path: 'test/web', prop: 'trafficDistribution', received: `"TrafficDistribution.${name}()"`, allowed });
  });

  test('GIVEN a JSON patch that sets a field newer than 1.27 on the Service WHEN synthesized THEN the field is in the output', () => {
    const stack = stackAt('1.33');
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    web.service.addJsonPatch(JsonPatch.add('/spec/trafficDistribution', 'PreferClose'));
    expect(findObject(synthObjects(stack), 'Service', 'web').spec.trafficDistribution).toBe('PreferClose');
  });
});

describe('AppArmor profile (the field from Kubernetes 1.30, annotations before)', () => {
  test('GIVEN an AppArmor profile at 1.30 WHEN synthesized THEN the pod security context has the field and the template no annotation', () => {
    // GIVEN
    const stack = stackAt('1.30');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, security: { appArmorProfile: AppArmorProfile.runtimeDefault() }, sidecars: [PROXY] });
    // WHEN
    const template = findObject(synthObjects(stack), 'Deployment', 'web').spec.template;
    // THEN
    expect(template.spec.securityContext.appArmorProfile).toEqual({ type: 'RuntimeDefault' });
    expect(template.spec.initContainers[0].securityContext.appArmorProfile).toBeUndefined();
    expect(template.metadata.annotations).toBeUndefined();
  });

  test('GIVEN an AppArmor profile at 1.29 WHEN synthesized THEN each container has its annotation and no security context has the field', () => {
    // GIVEN
    const stack = stackAt('1.29');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, security: { appArmorProfile: AppArmorProfile.localhost('k8s-deny-write') }, sidecars: [PROXY] });
    // WHEN
    const template = findObject(synthObjects(stack), 'Deployment', 'web').spec.template;
    // THEN
    expect(template.metadata.annotations).toEqual({
      'container.apparmor.security.beta.kubernetes.io/web': 'localhost/k8s-deny-write',
      'container.apparmor.security.beta.kubernetes.io/proxy': 'localhost/k8s-deny-write',
    });
    expect(template.spec.securityContext.appArmorProfile).toBeUndefined();
  });

  test('GIVEN a sidecar with its own AppArmor profile at 1.33 WHEN synthesized THEN only that container has a profile of its own', () => {
    // GIVEN
    const stack = stackAt('1.33');
    new WebService(stack, 'web', {
      image: IMAGE, resources: RESOURCES, security: { appArmorProfile: AppArmorProfile.runtimeDefault() },
      sidecars: [{ ...PROXY, security: { appArmorProfile: AppArmorProfile.localhost('envoy') } }],
    });
    // WHEN
    const spec = podSpec(stack, 'Deployment', 'web');
    // THEN
    expect([spec.containers[0].securityContext.appArmorProfile, spec.initContainers[0].securityContext.appArmorProfile])
      .toEqual([undefined, { type: 'Localhost', localhostProfile: 'envoy' }]);
  });

  test('GIVEN a Localhost AppArmor profile without a name WHEN created THEN a PropError asks for one', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, security: { appArmorProfile: AppArmorProfile.localhost('') } }),
      { path: 'test/web', prop: 'security.appArmorProfile', received: '""', allowed: 'a non-empty profile name' });
  });
});

describe('Job fields: backoffLimitPerIndex, maxFailedIndexes, podReplacementPolicy (1.29), successPolicy (1.31)', () => {
  const INDEXED = { image: IMAGE, resources: RESOURCES, completionMode: CompletionMode.INDEXED, completions: 10, parallelism: 5 };

  test('GIVEN an Indexed job with backoffLimitPerIndex and maxFailedIndexes at 1.29 WHEN synthesized THEN both render and backoffLimit is left to Kubernetes', () => {
    // GIVEN
    const stack = stackAt('1.29');
    new Job(stack, 'shards', { ...INDEXED, backoffLimitPerIndex: 2, maxFailedIndexes: 3 });
    // WHEN
    const spec = findObject(synthObjects(stack), 'Job', 'shards').spec;
    // THEN
    expect(spec).toMatchObject({ completionMode: 'Indexed', completions: 10, backoffLimitPerIndex: 2, maxFailedIndexes: 3 });
    expect(spec.backoffLimit).toBeUndefined();
  });

  test('GIVEN backoffLimitPerIndex at 1.28 WHEN created THEN a PropError names it and Kubernetes 1.29', () => {
    const stack = stackAt('1.28');
    expectPropError(() => new Job(stack, 'shards', { ...INDEXED, backoffLimitPerIndex: 2 }),
      { path: 'test/shards', prop: 'backoffLimitPerIndex', received: '2', allowed: 'JobBackoffLimitPerIndex, beta and on by default from 1.29) needs Kubernetes 1.29 or later' });
  });

  test('GIVEN maxFailedIndexes at 1.28 WHEN created THEN a PropError names it and Kubernetes 1.29', () => {
    const stack = stackAt('1.28');
    expectPropError(() => new Job(stack, 'shards', { ...INDEXED, maxFailedIndexes: 1 }),
      { path: 'test/shards', prop: 'maxFailedIndexes', received: '1', allowed: 'needs Kubernetes 1.29 or later' });
  });

  test('GIVEN podReplacementPolicy FAILED at 1.29 WHEN synthesized THEN the Job has it', () => {
    const stack = stackAt('1.29');
    new Job(stack, 'migrate', { image: IMAGE, resources: RESOURCES, podReplacementPolicy: PodReplacementPolicy.FAILED });
    expect(findObject(synthObjects(stack), 'Job', 'migrate').spec.podReplacementPolicy).toBe('Failed');
  });

  test('GIVEN podReplacementPolicy at 1.28 WHEN created THEN a PropError names it and Kubernetes 1.29', () => {
    const stack = stackAt('1.28');
    expectPropError(() => new Job(stack, 'migrate', { image: IMAGE, resources: RESOURCES, podReplacementPolicy: PodReplacementPolicy.FAILED }),
      { path: 'test/migrate', prop: 'podReplacementPolicy', received: '"Failed"', allowed: 'JobPodReplacementPolicy, beta and on by default from 1.29) needs Kubernetes 1.29 or later' });
  });

  test('GIVEN a successPolicy at 1.31 WHEN synthesized THEN the Job has its rules', () => {
    const stack = stackAt('1.31');
    new Job(stack, 'shards', { ...INDEXED, successPolicy: [{ succeededIndexes: '0' }, { succeededIndexes: '1-9', succeededCount: 5 }] });
    expect(findObject(synthObjects(stack), 'Job', 'shards').spec.successPolicy)
      .toEqual({ rules: [{ succeededIndexes: '0' }, { succeededIndexes: '1-9', succeededCount: 5 }] });
  });

  test('GIVEN a successPolicy at 1.30 WHEN created THEN a PropError names it and Kubernetes 1.31', () => {
    const stack = stackAt('1.30');
    expectPropError(() => new Job(stack, 'shards', { ...INDEXED, successPolicy: [{ succeededCount: 1 }] }),
      { path: 'test/shards', prop: 'successPolicy', received: '[{"succeededCount":1}]', allowed: 'JobSuccessPolicy, beta and on by default from 1.31) needs Kubernetes 1.31 or later' });
  });

  test('GIVEN a CronTask with a successPolicy at 1.31 WHEN synthesized THEN its job template has the rules', () => {
    const stack = stackAt('1.31');
    new CronTask(stack, 'report', { ...INDEXED, schedule: '@daily', successPolicy: [{ succeededCount: 8 }] });
    expect(findObject(synthObjects(stack), 'CronJob', 'report').spec.jobTemplate.spec)
      .toMatchObject({ completionMode: 'Indexed', successPolicy: { rules: [{ succeededCount: 8 }] } });
  });

  test('GIVEN backoffLimitPerIndex on a job that is not Indexed WHEN created THEN a PropError asks for CompletionMode.INDEXED', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new Job(stack, 'migrate', { image: IMAGE, resources: RESOURCES, backoffLimitPerIndex: 1 }),
      { path: 'test/migrate', prop: 'backoffLimitPerIndex', received: '1', allowed: 'CompletionMode.INDEXED' });
  });

  test('GIVEN backoffLimitPerIndex with restartPolicy OnFailure WHEN created THEN a PropError asks for NEVER', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new Job(stack, 'shards', { ...INDEXED, backoffLimitPerIndex: 1, restartPolicy: JobRestartPolicy.ON_FAILURE }),
      { path: 'test/shards', prop: 'restartPolicy', received: '"OnFailure"', allowed: 'JobRestartPolicy.NEVER with backoffLimitPerIndex' });
  });

  test('GIVEN an Indexed job without completions WHEN created THEN a PropError asks for them', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new Job(stack, 'shards', { image: IMAGE, resources: RESOURCES, completionMode: CompletionMode.INDEXED }),
      { path: 'test/shards', prop: 'completions', received: 'undefined', allowed: 'one index per completion' });
  });

  test('GIVEN maxFailedIndexes above completions WHEN created THEN a PropError gives the range', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new Job(stack, 'shards', { ...INDEXED, backoffLimitPerIndex: 1, maxFailedIndexes: 11 }),
      { path: 'test/shards', prop: 'maxFailedIndexes', received: '11', allowed: 'an integer from 0 to 10' });
  });

  test('GIVEN a successPolicy rule with indexes out of order WHEN created THEN a PropError describes the format', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new Job(stack, 'shards', { ...INDEXED, successPolicy: [{ succeededIndexes: '5,2' }] }),
      { path: 'test/shards', prop: 'successPolicy[0].succeededIndexes', received: '"5,2"', allowed: 'ascending and not overlapping, each below completions (10)' });
  });

  test('GIVEN a successPolicy rule counting more than its indexes WHEN created THEN a PropError names the limit', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new Job(stack, 'shards', { ...INDEXED, successPolicy: [{ succeededIndexes: '0-2', succeededCount: 4 }] }),
      { path: 'test/shards', prop: 'successPolicy[0].succeededCount', received: '4', allowed: 'at most the 3 index(es) of succeededIndexes' });
  });
});

describe('user namespaces (Kubernetes 1.33)', () => {
  test('GIVEN security.userNamespace at 1.33 WHEN synthesized THEN the pod has hostUsers false', () => {
    const stack = stackAt('1.33');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, security: { userNamespace: true } });
    expect(podSpec(stack, 'Deployment', 'web').hostUsers).toBe(false);
  });

  test('GIVEN security.userNamespace at 1.32 WHEN created THEN a PropError names it and Kubernetes 1.33', () => {
    const stack = stackAt('1.32');
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, security: { userNamespace: true } }),
      { path: 'test/web', prop: 'security.userNamespace', received: 'true', allowed: 'UserNamespacesSupport, beta and on by default from 1.33) needs Kubernetes 1.33 or later' });
  });
});

describe('rollout and probe fields every supported version has', () => {
  test('GIVEN minReadySeconds WHEN synthesized THEN the Deployment and the StatefulSet have it', () => {
    const stack = stackAt('1.27');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, minReadySeconds: 10 });
    new StatefulService(stack, 'db', { image: IMAGE, resources: RESOURCES, minReadySeconds: 20 });
    const objects = synthObjects(stack);
    expect([findObject(objects, 'Deployment', 'web').spec.minReadySeconds, findObject(objects, 'StatefulSet', 'db').spec.minReadySeconds]).toEqual([10, 20]);
  });

  test('GIVEN a liveness probe with its own grace period WHEN synthesized THEN the probe has terminationGracePeriodSeconds', () => {
    const stack = stackAt('1.33');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, livenessProbe: Probe.tcp({ terminationGracePeriodSeconds: 5 }) });
    expect(podSpec(stack, 'Deployment', 'web').containers[0].livenessProbe).toEqual({ tcpSocket: { port: 8080 }, terminationGracePeriodSeconds: 5 });
  });

  test('GIVEN a readiness probe with a grace period WHEN created THEN a PropError refuses it', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, readinessProbe: Probe.tcp({ terminationGracePeriodSeconds: 5 }) }),
      { path: 'test/web', prop: 'readinessProbe.terminationGracePeriodSeconds', received: '5', allowed: 'nothing on a readiness probe' });
  });
});

describe('a whole 1.33 app with native sidecars', () => {
  test('GIVEN an environment targeting 1.33 with a WebService and a Job that have sidecars WHEN the app is synthesized to disk THEN the written YAML has native sidecars and passes validation', () => {
    // GIVEN
    const outdir = tmpdir();
    const app = new PlatformApp({ outdir, capacitySummary: false });
    const prod = new Environment(app, 'prod', { kubernetesVersion: '1.33' });
    const stack = new AppStack(prod, 'shop', { namespace: 'shop' });
    const api = new WebService(stack, 'api', {
      image: IMAGE, resources: RESOURCES, preStop: LifecycleHook.sleep(5),
      initContainers: [{ name: 'migrate', image: IMAGE, command: ['/app/migrate'], resources: RESOURCES }],
      trafficDistribution: TrafficDistribution.preferClose(),
    });
    api.addSidecar({ ...PROXY, ports: [{ name: 'admin', port: 9901 }], readinessProbe: Probe.http('/ready'), startupProbe: Probe.http('/ready') });
    new Job(stack, 'backfill', { image: IMAGE, resources: RESOURCES, sidecars: [{ name: 'shipper', image: 'fluent/fluent-bit:3.0.4', resources: RESOURCES }] });
    // WHEN
    app.synth();
    // THEN
    const read = (kind: string, name: string): any => {
      const files = fs.readdirSync(path.join(outdir, 'prod', 'shop')).map((f) => path.join(outdir, 'prod', 'shop', f));
      const docs = files.filter((f) => f.endsWith('.yaml')).map((f) => parse(fs.readFileSync(f, 'utf8')));
      return docs.find((d) => d?.kind === kind && d.metadata?.name === name);
    };
    const deployment = read('Deployment', 'api').spec.template.spec;
    expect(deployment.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['proxy', 'Always'], ['migrate', undefined]]);
    expect(deployment.containers.map((c: any) => c.name)).toEqual(['api']);
    expect(deployment.containers[0].lifecycle.preStop).toEqual({ sleep: { seconds: 5 } });
    expect(read('Service', 'api').spec.trafficDistribution).toBe('PreferClose');
    const job = read('Job', 'backfill').spec.template.spec;
    expect([job.initContainers[0].name, job.initContainers[0].restartPolicy, job.containers.length]).toEqual(['shipper', 'Always', 1]);
  });
});
