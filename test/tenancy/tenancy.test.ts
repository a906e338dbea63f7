import * as fs from 'fs';
import {
  AppStack, ClusterRoleRef, Environment, findObject, findObjects, Job, Namespace, PlatformApp, Role, RoleBinding, Subject,
  SynthError, WebService, Worker,
} from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

describe('Namespace tenancy', () => {
  test('GIVEN defaultDenyNetwork WHEN synthesized THEN a default-deny policy blocks everything but DNS', () => {
    // GIVEN
    const { stack } = makeStack({ namespaceOptions: { defaultDenyNetwork: true } });
    // WHEN
    const policy = findObject(synth(stack), 'NetworkPolicy', 'default-deny');
    // THEN
    expect(policy.metadata.namespace).toBe('test');
    expect(policy.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [],
      egress: [{
        to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
        ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
      }],
    });
  });

  test('GIVEN no network option WHEN synthesized THEN there is no default-deny policy (opt-in)', () => {
    const { stack } = makeStack();
    expect(findObjects(synth(stack), 'NetworkPolicy')).toEqual([]);
  });

  test('GIVEN a quota and limits WHEN synthesized THEN a ResourceQuota and a LimitRange are in the namespace', () => {
    const { stack } = makeStack({ namespaceOptions: {
      quota: { requestsCpu: '4', requestsMemory: '8Gi', limitsMemory: '16Gi', pods: 40, persistentVolumeClaims: 5 },
      limits: { defaultRequest: { cpu: '100m', memory: '128Mi' }, defaultLimit: { memory: '256Mi' }, max: { memory: '4Gi' } },
    } });
    const objects = synth(stack);
    expect(findObject(objects, 'ResourceQuota', 'test-quota').spec.hard).toEqual({
      'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', 'pods': 40, 'persistentvolumeclaims': 5,
    });
    expect(findObject(objects, 'LimitRange', 'test-limits').spec.limits).toEqual([{
      type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { memory: '256Mi' }, max: { memory: '4Gi' },
    }]);
  });

  test('GIVEN access groups WHEN synthesized THEN RoleBindings grant the built-in ClusterRoles', () => {
    const { stack } = makeStack({ namespaceOptions: { access: { admins: ['platform'], editors: ['shop-devs'], viewers: ['auditors', 'support'] } } });
    const bindings = findObjects(synth(stack), 'RoleBinding');
    expect(bindings.map((b) => [b.metadata.name, b.roleRef.name, b.subjects.map((s: any) => s.name)])).toEqual([
      ['test-admin', 'admin', ['platform']], ['test-edit', 'edit', ['shop-devs']], ['test-view', 'view', ['auditors', 'support']],
    ]);
    expect(bindings[0].subjects[0]).toEqual({ kind: 'Group', name: 'platform', apiGroup: 'rbac.authorization.k8s.io' });
  });

  test('GIVEN a Role and grant() WHEN synthesized THEN the binding refers to the Role', () => {
    const { stack } = makeStack();
    const logs = new Role(stack, 'log-reader', { rules: [{ resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }] });
    stack.namespaceResource!.grant(logs, Subject.group('oncall'), Subject.serviceAccount('bot'));
    const objects = synth(stack);
    expect(findObject(objects, 'Role', 'log-reader').rules).toEqual([{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }]);
    const binding = findObject(objects, 'RoleBinding', 'test-log-reader');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'log-reader' });
    expect(binding.subjects[1]).toEqual({ kind: 'ServiceAccount', name: 'bot', namespace: 'test' });
  });

  test('GIVEN an unknown verb WHEN a Role is created THEN a PropError lists the verbs', () => {
    const { stack } = makeStack();
    expectPropError(() => new Role(stack, 'r', { rules: [{ resources: ['pods'], verbs: ['read'] }] }), { path: 'test/r', prop: 'rules[0].verbs', received: '"read"' });
  });

  test('GIVEN a RoleBinding without subjects WHEN created THEN it is refused', () => {
    const { stack } = makeStack();
    expectPropError(() => new RoleBinding(stack, 'b', { role: ClusterRoleRef.VIEW, subjects: [] }), { path: 'test/b', prop: 'subjects', received: '[]' });
  });

  test('GIVEN min above max WHEN limits are set THEN a PropError names them', () => {
    const { stack } = makeStack();
    expectPropError(() => new Namespace(stack, 'other', { limits: { min: { cpu: '2' }, max: { cpu: '1' } } }), { path: 'test/other', prop: 'limits.min.cpu', received: '"2"' });
  });
});

describe('quota fit at synthesis', () => {
  function fit(quota: object, build: (stack: AppStack) => void) {
    const { stack } = makeStack({ namespaceOptions: { quota } });
    build(stack);
    return () => synth(stack);
  }

  test('GIVEN workloads that fit at maximum scale with surge WHEN synthesized THEN it passes', () => {
    // 3 pods + 1 surge = 4 x 100m = 400m
    expect(fit({ requestsCpu: '400m' }, (s) => new WebService(s, 'web', { image: IMAGE, resources: RESOURCES, replicas: 3 }))).not.toThrow();
  });

  test('GIVEN an autoscaler whose maximum overflows WHEN synthesized THEN the error names the workloads and the overflow, and nothing is written', () => {
    // GIVEN 10 max + 3 surge = 13 x 100m = 1300m, plus a worker 1+1 x 100m; quota 1
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    const stack = new AppStack(app, 'test', { namespace: 'test', namespaceOptions: { quota: { requestsCpu: '1' } } });
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES }).autoscale({ maxReplicas: 10 });
    new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000 });
    // WHEN
    let error: unknown;
    try { app.synth(); } catch (e) { error = e; }
    // THEN
    expect(SynthError.isSynthError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('namespace "test" does not fit its quota requests.cpu: 1');
    expect(message).toContain('need 1500m, 500m over');
    expect(message).toContain('WebService "web" 13 pod(s) (10 max + 3 surge) x 100m = 1300m');
    expect(message).toContain('Worker "w" 2 pod(s)');
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('GIVEN a memory quota and a Job WHEN the Job overflows it THEN the memory error is reported', () => {
    expect(fit({ requestsMemory: '256Mi' }, (s) => new Job(s, 'batch', { image: IMAGE, resources: RESOURCES, parallelism: 3 }))).toThrow(/requests.memory: 256Mi.*need 384Mi, 128Mi over/);
  });

  test('GIVEN a limits.cpu quota WHEN a container has no CPU limit THEN the error asks for one', () => {
    expect(fit({ limitsCpu: '10' }, (s) => new WebService(s, 'web', { image: IMAGE, resources: RESOURCES }))).toThrow(/needs a cpu limit, but WebService "web"/);
  });

  test('GIVEN a pods quota WHEN exceeded THEN the error counts the pods', () => {
    expect(fit({ pods: 2 }, (s) => new WebService(s, 'web', { image: IMAGE, resources: RESOURCES }))).toThrow(/quota pods: 2: .* run 3 pods, 1 over/);
  });

  test('GIVEN the same namespace in two environments WHEN synthesized THEN each environment is checked alone', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    for (const env of ['dev', 'prod']) {
      const stack = new AppStack(new Environment(app, env), 'shop', { namespace: 'shop', namespaceOptions: { quota: { requestsCpu: '300m' } } });
      new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, replicas: 2 });
    }
    expect(() => app.synthManifests()).not.toThrow();
  });
});

describe('capacity summary', () => {
  test('GIVEN an app WHEN synthesized THEN the summary goes to stderr, per namespace, at min and max scale', () => {
    const app = new PlatformApp({ outdir: tmpdir() });
    const stack = new AppStack(app, 'shop', { namespace: 'shop' });
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES }).autoscale({ minReplicas: 2, maxReplicas: 6 });
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { written.push(String(s)); return true; });
    try { app.synth(); } finally { spy.mockRestore(); }
    expect(written.join('')).toBe('cdk8s-platform: capacity per namespace (Kubernetes 1.33):\n  shop: 1 workload(s), 2-6 pods; requests cpu 200m-600m, memory 256Mi-768Mi (min-max scale)\n');
  });

  test('GIVEN environments targeting two versions WHEN synthesized THEN the summary has a line per environment naming its version, its namespaces below', () => {
    // GIVEN
    const app = new PlatformApp({ outdir: tmpdir(), kubernetesVersion: '1.32' });
    for (const [env, version] of [['prod', undefined], ['dev', '1.35']]) {
      const stack = new AppStack(new Environment(app, env!, { kubernetesVersion: version }), 'shop', { namespace: 'shop' });
      new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, replicas: 2 });
    }
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { written.push(String(s)); return true; });
    // WHEN
    try { app.synth(); } finally { spy.mockRestore(); }
    // THEN
    const line = '1 workload(s), 2-2 pods; requests cpu 200m-200m, memory 256Mi-256Mi (min-max scale)';
    expect(written.join('')).toBe(`cdk8s-platform: capacity per namespace:\n  dev (Kubernetes 1.35):\n    shop: ${line}\n  prod (Kubernetes 1.32):\n    shop: ${line}\n`);
  });

  test('GIVEN capacitySummary false WHEN synthesized THEN nothing is printed', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    new WebService(new AppStack(app, 'shop', { namespace: 'shop' }), 'web', { image: IMAGE, resources: RESOURCES });
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try { app.synth(); expect(spy).not.toHaveBeenCalled(); } finally { spy.mockRestore(); }
  });
});
