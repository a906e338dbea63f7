import * as fs from 'fs';
import * as path from 'path';
import {
  AppStack, ClusterRole, ClusterRoleBinding, ClusterRoleRef, Config, CronTask, DaemonSet, Environment, ExternalSecret,
  ExternalService, Gateway, HelmChart, HorizontalPodAutoscaler, HttpRoute, Ingress, Job, LimitRange, Namespace,
  NetworkPolicy, PersistentVolumeClaim, PlatformApp, Pod, PodDisruptionBudget, Probe, PriorityClass, PropError, ResourceQuota,
  Role, RoleBinding, SealedSecret, Secret, SecretStoreRef, ServiceAccount, ServiceEndpoint, StatefulService, Subject,
  WebService, Worker, WorkloadService,
} from '../../lib';
import { CERT } from '../config/_sealing';
import { makeStack, propErrorOf, RESOURCES, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.2.3';
const WORKLOAD = { image: IMAGE, resources: RESOURCES };


/** Asserts that `error` refuses `prop` (received `received`) as unknown, suggesting `suggestion`. */
function expectUnknown(error: PropError, path: string, prop: string, received: string | undefined, suggestion: string): void {
  expect(error.constructPath).toBe(path);
  const key = prop.split('.').pop();
  const reason = `(unknown prop "${key}" (did you mean "${suggestion}"?))`;
  if (received !== undefined) expect(error.message).toContain(`- ${prop}: received ${received} ${reason}`);
  else expect(error.message).toMatch(new RegExp(`- ${prop.replace(/[.[\]]/g, '\\$&')}: received .* ${reason.replace(/[()?]/g, '\\$&')}`));
  expect(error.problems.find((p) => p.prop === prop)?.allowed).toMatch(new RegExp(`^"${suggestion}" or another prop of \\w+$`));
}

// [construct, misspelt prop, its suggestion, create it in `scope` with `typo` among its props]
type Case = [string, string, string, (stack: AppStack, typo: Record<string, unknown>) => unknown];
const web = (s: AppStack) => new WebService(s, 'web', WORKLOAD);

const CASES: Case[] = [
  ['WebService', 'replcias', 'replicas', (s, t) => new WebService(s, 'x', { ...WORKLOAD, ...t } as any)],
  ['Worker', 'replcias', 'replicas', (s, t) => new Worker(s, 'x', { ...WORKLOAD, ...t } as any)],
  ['StatefulService', 'volumse', 'volumes', (s, t) => new StatefulService(s, 'x', { ...WORKLOAD, ...t } as any)],
  ['Job', 'backofLimit', 'backoffLimit', (s, t) => new Job(s, 'x', { ...WORKLOAD, ...t } as any)],
  ['CronTask', 'schedul', 'schedule', (s, t) => new CronTask(s, 'x', { ...WORKLOAD, schedule: '0 * * * *', ...t } as any)],
  ['DaemonSet', 'tolerateAllTaint', 'tolerateAllTaints', (s, t) => new DaemonSet(s, 'x', { ...WORKLOAD, ...t } as any)],
  ['Pod', 'restartpolicy', 'restartPolicy', (s, t) => new Pod(s, 'x', { ...WORKLOAD, ...t } as any)],
  ['WorkloadService', 'prots', 'ports', (s, t) => new WorkloadService(s, 'x', { workload: web(s), ...t } as any)],
  ['Config', 'dat', 'data', (s, t) => new Config(s, 'x', { data: { a: 'b' }, ...t })],
  ['Secret', 'immutabel', 'immutable', (s, t) => new Secret(s, 'x', t)],
  ['SealedSecret', 'value', 'values', (s, t) => new SealedSecret(s, 'x', { certificate: CERT, values: { k: 'v' }, ...t })],
  ['ExternalSecret', 'refreshIntervall', 'refreshInterval', (s, t) => new ExternalSecret(s, 'x', { store: SecretStoreRef.store('vault'), data: { url: { key: 'db', property: 'url' } }, ...t })],
  ['PersistentVolumeClaim', 'storageClassNam', 'storageClassName', (s, t) => new PersistentVolumeClaim(s, 'x', { size: '1Gi', ...t })],
  ['PodDisruptionBudget', 'minAvailible', 'minAvailable', (s, t) => new PodDisruptionBudget(s, 'x', { selector: web(s), ...t } as any)],
  ['PriorityClass', 'vlaue', 'value', (s, t) => new PriorityClass(s, 'x', { value: 1000, ...t } as any)],
  ['HorizontalPodAutoscaler', 'maxReplica', 'maxReplicas', (s, t) => new HorizontalPodAutoscaler(s, 'x', { target: web(s), maxReplicas: 4, ...t })],
  ['NetworkPolicy', 'ingres', 'ingress', (s, t) => new NetworkPolicy(s, 'x', t)],
  ['Ingress', 'ingressClassNme', 'ingressClassName', (s, t) => new Ingress(s, 'x', { rules: [{ host: 'a.example.com', paths: [{ path: '/', backend: web(s) }] }], ...t })],
  ['HttpRoute', 'hostname', 'hostnames', (s, t) => new HttpRoute(s, 'x', { gateways: [], rules: [], ...t } as any)],
  ['ExternalService', 'externalNam', 'externalName', (s, t) => new ExternalService(s, 'x', { externalName: 'db.example.com', ports: [{ name: 'pg', port: 5432 }], ...t } as any)],
  ['Namespace', 'podSecurty', 'podSecurity', (s, t) => new Namespace(s, 'x', t)],
  ['ResourceQuota', 'hrad', 'hard', (s, t) => new ResourceQuota(s, 'x', { hard: { pods: '10' }, ...t } as any)],
  ['LimitRange', 'defaultLimits', 'defaultLimit', (s, t) => new LimitRange(s, 'x', { defaultLimit: { cpu: '1' }, ...t } as any)],
  ['Role', 'rule', 'rules', (s, t) => new Role(s, 'x', { rules: [], ...t } as any)],
  ['RoleBinding', 'subject', 'subjects', (s, t) => new RoleBinding(s, 'x', { role: ClusterRoleRef.VIEW, subjects: [Subject.user('ana')], ...t } as any)],
  ['ClusterRole', 'aggregateTO', 'aggregateTo', (s, t) => new ClusterRole(s, 'x', { rules: [], ...t } as any)],
  ['ClusterRoleBinding', 'roel', 'role', (s, t) => new ClusterRoleBinding(s, 'x', { role: ClusterRoleRef.VIEW, subjects: [Subject.user('ana')], ...t } as any)],
  ['ServiceAccount', 'automountServiceAccountTokn', 'automountServiceAccountToken', (s, t) => new ServiceAccount(s, 'x', t)],
  ['Gateway.fromGatewayName()', 'sectionNme', 'sectionName', (s, t) => Gateway.fromGatewayName(s, 'x', { gatewayName: 'gw', ...t } as any)],
  ['ServiceEndpoint.fromServiceName()', 'namespce', 'namespace', (s, t) => ServiceEndpoint.fromServiceName(s, 'x', { serviceName: 'db', ports: [{ name: 'pg', port: 5432 }], ...t } as any)],
  ['HelmChart', 'releasName', 'releaseName', (s, t) => new HelmChart(s, 'x', { chart: 'missing-chart', ...t } as any)],
];

describe('a misspelt prop', () => {
  test.each(CASES)('of a %s is refused with the closest known prop', (_kind, typo, suggestion, create) => {
    // GIVEN a stack
    const { stack } = makeStack();
    // WHEN the construct is created with a misspelt prop
    const error = propErrorOf(() => create(stack, { [typo]: 7 }));
    // THEN the error names the construct's path, the prop, the value received and the prop meant
    expectUnknown(error, 'test/x', typo, '7', suggestion);
  });

  test('of an AppStack is refused with the closest known prop', () => {
    // GIVEN an app
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    // WHEN a stack is created with a misspelt prop
    const error = propErrorOf(() => new AppStack(app, 'x', { namespace: 'x', appname: 'shop' } as any));
    // THEN
    expectUnknown(error, 'x', 'appname', '"shop"', 'appName');
  });

  test('of an Environment is refused with the closest known prop', () => {
    // GIVEN an app
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    // WHEN an environment is created with a misspelt prop
    const error = propErrorOf(() => new Environment(app, 'prod', { kubernetesversion: '1.31' } as any));
    // THEN
    expectUnknown(error, 'prod', 'kubernetesversion', '"1.31"', 'kubernetesVersion');
  });

  test('of a PlatformApp is refused with the closest known prop', () => {
    // GIVEN nothing WHEN an app is created with a misspelt prop
    const error = propErrorOf(() => new PlatformApp({ outdir: tmpdir(), capacitySumary: false } as any));
    // THEN
    expectUnknown(error, '', 'capacitySumary', 'false', 'capacitySummary');
  });

  test('far from every known prop is refused with the list of known props', () => {
    // GIVEN a stack
    const { stack } = makeStack();
    // WHEN a Config is created with a prop unlike any it knows
    const error = propErrorOf(() => new Config(stack, 'x', { data: {}, zzzzz: 1 } as any));
    // THEN the error lists what is allowed, and suggests nothing
    expect(error.message).toContain('- zzzzz: received 1 (unknown prop "zzzzz"); allowed: a prop of ConfigProps: component, data, immutable, metadata, name');
  });

  test('that moved (labels) is reported once, as moved', () => {
    // GIVEN a stack
    const { stack } = makeStack();
    // WHEN a Config is created with the old top-level labels prop
    const error = propErrorOf(() => new Config(stack, 'x', { labels: { a: 'b' } } as any));
    // THEN the one problem says where it moved
    expect(error.problems.map((p) => [p.prop, p.allowed])).toEqual([['labels', expect.stringContaining('metadata.labels')]]);
  });

  test('is refused together with the other invalid props', () => {
    // GIVEN a stack
    const { stack } = makeStack();
    // WHEN a WebService has a misspelt prop and an invalid one
    const error = propErrorOf(() => new WebService(stack, 'x', { ...WORKLOAD, replicas: -1, prot: 80 } as any));
    // THEN both are reported in one error
    expect(error.problems.map((p) => p.prop).sort()).toEqual(['prot', 'replicas']);
  });
});

describe('the README', () => {
  test('shows the error of its Errors section, unknown prop included, as it is thrown', () => {
    // GIVEN the example of the README's Errors section
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Errors'));
    const example = section.slice(section.indexOf('```\n') + 4, section.indexOf('\n```', section.indexOf('```\n') + 4));
    // WHEN the WebService it describes is created
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    const stack = new AppStack(app, 'shop', { namespace: 'shop' });
    const error = propErrorOf(() => new WebService(stack, 'shop-api', {
      image: IMAGE, port: 70000, replcias: 3, resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '128Mi' } },
    } as any));
    // THEN the message is the example's, after the command's prefix
    expect(`cdk8s-platform: ${error.message}`).toBe(example);
  });
});

describe('a misspelt nested option', () => {
  // [where, props of a WebService, the prop reported, its suggestion]
  const NESTED: Array<[string, Record<string, unknown>, string, string]> = [
    ['resources', { resources: { requests: RESOURCES.requests, limts: { cpu: '1' } } }, 'resources.limts', 'limits'],
    ['resources.requests', { resources: { requests: { ...RESOURCES.requests, memroy: '1Gi' } } }, 'resources.requests.memroy', 'memory'],
    ['resources.limits', { resources: { ...RESOURCES, limits: { cpus: '1' } } }, 'resources.limits.cpus', 'cpu'],
    ['security', { security: { runAsNonroot: true } }, 'security.runAsNonroot', 'runAsNonRoot'],
    ['autoscaling', { autoscaling: { minReplicas: 2, maxReplica: 4 } }, 'autoscaling.maxReplica', 'maxReplicas'],
    ['disruptionBudget', { disruptionBudget: { minAvailble: 1 } }, 'disruptionBudget.minAvailble', 'minAvailable'],
    ['metadata', { metadata: { lables: { a: 'b' } } }, 'metadata.lables', 'labels'],
    ['an HTTP probe', { readinessProbe: Probe.http('/healthz', { initialDelaySecond: 5 } as any) }, 'readinessProbe.initialDelaySecond', 'initialDelaySeconds'],
    ['an exec probe', { livenessProbe: Probe.exec(['true'], { periodSecond: 5 } as any) }, 'livenessProbe.periodSecond', 'periodSeconds'],
    ['a sidecar', { sidecars: [{ name: 'proxy', image: IMAGE, resources: RESOURCES, prots: [] }] }, 'sidecars[0].prots', 'ports'],
    ['an init container', { initContainers: [{ name: 'init', image: IMAGE, resources: RESOURCES, comand: ['x'] }] }, 'initContainers[0].comand', 'command'],
  ];

  test.each(NESTED)('in %s is refused with the closest known option', (_where, props, prop, suggestion) => {
    // GIVEN a stack
    const { stack } = makeStack();
    // WHEN a WebService is created with a misspelt nested option
    const error = propErrorOf(() => new WebService(stack, 'x', { ...WORKLOAD, ...props } as any));
    // THEN the error names the option's path and the option meant
    expectUnknown(error, 'test/x', prop, undefined, suggestion);
  });

  test('in a PlatformApp\'s validation is refused with the closest known option', () => {
    // GIVEN nothing WHEN an app is created with a misspelt validation option
    const error = propErrorOf(() => new PlatformApp({ outdir: tmpdir(), validation: { crdz: [] } } as any));
    // THEN
    expectUnknown(error, '', 'validation.crdz', '[]', 'crds');
  });

  test('in an AppStack\'s namespaceOptions is refused with the closest known option', () => {
    // GIVEN an app
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    // WHEN a stack is created with a misspelt namespace option
    const error = propErrorOf(() => new AppStack(app, 'x', { namespace: 'x', namespaceOptions: { podsecurity: 'baseline' } } as any));
    // THEN
    expectUnknown(error, 'x', 'namespaceOptions.podsecurity', '"baseline"', 'podSecurity');
  });

  test('in workloadDefaults is refused with the closest known option', () => {
    // GIVEN nothing WHEN an app is created with a misspelt workload default
    const error = propErrorOf(() => new PlatformApp({ outdir: tmpdir(), workloadDefaults: { resource: RESOURCES } } as any));
    // THEN
    expectUnknown(error, '', 'workloadDefaults.resource', undefined, 'resources');
  });

  test('of connectTo() is refused with the closest known option', () => {
    // GIVEN two workloads
    const { stack } = makeStack();
    const db = new WebService(stack, 'db', WORKLOAD);
    const api = new WebService(stack, 'api', WORKLOAD);
    // WHEN one connects to the other with a misspelt option
    const error = propErrorOf(() => api.connectTo(db, { envvar: 'DB' } as any));
    // THEN
    expectUnknown(error, 'test/api', 'connectTo() options.envvar', '"DB"', 'envVar');
  });
});
