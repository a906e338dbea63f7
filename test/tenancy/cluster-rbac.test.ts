import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import {
  AppStack, ClusterRole, ClusterRoleBinding, ClusterRoleRef, externalReferenceOf, findObject, IClusterRole, IRole, PlatformApp, Role,
  RoleBinding, ServiceAccount, Subject,
} from '../../lib';
import { expectPropError, makeStack, synth, tmpdir } from '../_helpers';

const NODE_RULES = [{ resources: ['nodes'], verbs: ['get', 'list', 'watch'] }];

/** A ClusterRole reference of the user's own: IClusterRole has no internal member. */
class PlatformRole extends Construct implements IClusterRole {
  public readonly clusterRoleName = 'platform-reader';
}

describe('ClusterRole', () => {
  test('GIVEN rules WHEN synthesized THEN a ClusterRole without a namespace holds them (core group by default)', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN
    new ClusterRole(stack, 'node-reader', { rules: NODE_RULES });
    // THEN
    const role = findObject(synth(stack), 'ClusterRole', 'node-reader');
    expect(role.metadata.namespace).toBeUndefined();
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }]);
    expect(role.aggregationRule).toBeUndefined();
  });

  test('GIVEN a ClusterRole WHEN the app is written THEN it lands in _cluster/', () => {
    // GIVEN
    const outdir = tmpdir();
    const app = new PlatformApp({ outdir, capacitySummary: false });
    const stack = new AppStack(app, 'ops', { namespace: 'ops' });
    new ClusterRole(stack, 'node-reader', { rules: NODE_RULES });
    new ClusterRoleBinding(stack, 'node-reader-ops', { name: 'node-reader', role: ClusterRole.fromClusterRoleName(stack, 'ref', 'node-reader'), subjects: [Subject.group('ops')] });
    // WHEN
    app.synth();
    // THEN
    const files = fs.readdirSync(path.join(outdir, '_cluster'));
    expect(files).toEqual(expect.arrayContaining(['clusterrole-node-reader.yaml', 'clusterrolebinding-node-reader.yaml']));
  });

  test('GIVEN non-resource URLs WHEN synthesized THEN the rule grants them without API groups', () => {
    const { stack } = makeStack();
    new ClusterRole(stack, 'metrics', { rules: [{ nonResourceURLs: ['/metrics', '/healthz/*'], verbs: ['get'] }] });
    expect(findObject(synth(stack), 'ClusterRole', 'metrics').rules).toEqual([{ nonResourceURLs: ['/metrics', '/healthz/*'], verbs: ['get'] }]);
  });

  test('GIVEN aggregateTo WHEN synthesized THEN the role carries the aggregation labels of the built-in roles', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN
    new ClusterRole(stack, 'widgets-edit', { rules: [{ apiGroups: ['acme.io'], resources: ['widgets'], verbs: ['*'] }], aggregateTo: [ClusterRoleRef.ADMIN, ClusterRoleRef.EDIT] });
    // THEN
    const labels = findObject(synth(stack), 'ClusterRole', 'widgets-edit').metadata.labels!;
    expect(labels['rbac.authorization.k8s.io/aggregate-to-admin']).toBe('true');
    expect(labels['rbac.authorization.k8s.io/aggregate-to-edit']).toBe('true');
    expect(labels['rbac.authorization.k8s.io/aggregate-to-view']).toBeUndefined();
  });

  test('GIVEN aggregationSelectors WHEN synthesized THEN the role is aggregated and has no rules of its own', () => {
    const { stack } = makeStack();
    new ClusterRole(stack, 'monitoring', { aggregationSelectors: [{ 'rbac.example.com/aggregate-to-monitoring': 'true' }] });
    const role = findObject(synth(stack), 'ClusterRole', 'monitoring');
    expect(role.aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] });
    expect(role.rules).toBeUndefined();
  });

  test.each([
    ['no rules', {}, 'rules', 'undefined', 'a non-empty array'],
    ['rules and aggregationSelectors', { rules: NODE_RULES, aggregationSelectors: [{ a: 'b' }] }, 'rules', JSON.stringify(NODE_RULES), 'nothing with aggregationSelectors'],
    ['an empty aggregation selector', { aggregationSelectors: [{}] }, 'aggregationSelectors[0]', '{}', 'at least one label'],
    ['a URL without a leading slash', { rules: [{ nonResourceURLs: ['metrics'], verbs: ['get'] }] }, 'rules[0].nonResourceURLs', '"metrics"', 'starting with "/"'],
    ['resources beside non-resource URLs', { rules: [{ nonResourceURLs: ['/metrics'], resources: ['pods'], verbs: ['get'] }] }, 'rules[0].resources', '["pods"]', 'either resources or non-resource URLs'],
    ['an unknown verb', { rules: [{ resources: ['nodes'], verbs: ['read'] }] }, 'rules[0].verbs', '"read"', 'a verb'],
    ['aggregateTo given a name', { rules: NODE_RULES, aggregateTo: ['edit'] }, 'aggregateTo[0]', '"edit"', 'ClusterRoleRef.EDIT'],
  ])('GIVEN %s WHEN constructed THEN the PropError names the prop', (_what, props, prop, received, allowed) => {
    const { stack } = makeStack();
    expectPropError(() => new ClusterRole(stack, 'r', props as any), { path: 'test/r', prop, received, allowed });
  });

  test('GIVEN non-resource URLs in a Role WHEN constructed THEN the PropError says only a ClusterRole grants them', () => {
    const { stack } = makeStack();
    expectPropError(() => new Role(stack, 'r', { rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] }), {
      path: 'test/r', prop: 'rules[0].nonResourceURLs', received: '["/metrics"]', allowed: 'by a ClusterRole only',
    });
  });

  test('GIVEN a ClusterRole WHEN checked by brand THEN isClusterRole says so and a Role is not one', () => {
    const { stack } = makeStack();
    expect(ClusterRole.isClusterRole(new ClusterRole(stack, 'c', { rules: NODE_RULES }))).toBe(true);
    expect(ClusterRole.isClusterRole(new Role(stack, 'r', { rules: NODE_RULES }))).toBe(false);
  });
});

describe('ClusterRole.fromClusterRoleName()', () => {
  test('GIVEN an existing ClusterRole name WHEN imported and bound in a namespace THEN the RoleBinding refers to it, declared external', () => {
    // GIVEN
    const { stack } = makeStack();
    const role = ClusterRole.fromClusterRoleName(stack, 'certs', 'cert-manager-view');
    // WHEN
    new RoleBinding(stack, 'rb', { role, subjects: [Subject.group('oncall')] });
    // THEN
    expect(externalReferenceOf(role)).toEqual({ kind: 'ClusterRole', name: 'cert-manager-view' });
    expect(findObject(synth(stack), 'RoleBinding', 'rb').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cert-manager-view' });
  });

  test('GIVEN an invalid name WHEN imported THEN the PropError names clusterRoleName', () => {
    const { stack } = makeStack();
    expectPropError(() => ClusterRole.fromClusterRoleName(stack, 'bad', 'Cert Reader'), { path: 'test/bad', prop: 'clusterRoleName', received: '"Cert Reader"' });
  });

  test('GIVEN an imported ClusterRole WHEN a namespace grants it THEN the binding is named after it', () => {
    const { stack } = makeStack({ namespace: 'shop' });
    stack.namespaceResource!.grant(ClusterRole.fromClusterRoleName(stack, 'certs', 'cert-manager-view'), Subject.group('oncall'));
    expect(findObject(synth(stack), 'RoleBinding', 'shop-cert-manager-view').roleRef.kind).toBe('ClusterRole');
  });

  test('GIVEN a ClusterRole of the stack WHEN a RoleBinding grants it THEN the roleRef is a ClusterRole', () => {
    const { stack } = makeStack();
    const role = new ClusterRole(stack, 'widgets', { rules: [{ apiGroups: ['acme.io'], resources: ['widgets'], verbs: ['get'] }] });
    new RoleBinding(stack, 'rb', { role, subjects: [Subject.user('ana')] });
    expect(findObject(synth(stack), 'RoleBinding', 'rb').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'widgets' });
  });
});

describe('ClusterRoleBinding', () => {
  test('GIVEN a ClusterRole and a ServiceAccount WHEN bound THEN the binding has no namespace and its subject names the account namespace', () => {
    // GIVEN
    const { stack } = makeStack();
    const exporter = new ServiceAccount(stack, 'node-exporter');
    const role = new ClusterRole(stack, 'node-reader', { rules: NODE_RULES });
    // WHEN
    new ClusterRoleBinding(stack, 'node-exporter-nodes', { role, subjects: [exporter, Subject.group('sre')] });
    // THEN
    const binding = findObject(synth(stack), 'ClusterRoleBinding', 'node-exporter-nodes');
    expect(binding.metadata.namespace).toBeUndefined();
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-reader' });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'node-exporter', namespace: 'test' },
      { kind: 'Group', name: 'sre', apiGroup: 'rbac.authorization.k8s.io' },
    ]);
  });

  test('GIVEN a ServiceAccount subject by name WHEN bound cluster-wide THEN its namespace is the stack namespace', () => {
    const { stack } = makeStack();
    new ClusterRoleBinding(stack, 'crb', { role: ClusterRoleRef.VIEW, subjects: [Subject.serviceAccount('auditor')] });
    expect(findObject(synth(stack), 'ClusterRoleBinding', 'crb').subjects).toEqual([{ kind: 'ServiceAccount', name: 'auditor', namespace: 'test' }]);
  });

  test('GIVEN a user class implementing IClusterRole WHEN bound THEN the binding refers to it', () => {
    const { stack } = makeStack();
    new ClusterRoleBinding(stack, 'crb', { role: new PlatformRole(stack, 'platform'), subjects: [Subject.user('ana')] });
    expect(findObject(synth(stack), 'ClusterRoleBinding', 'crb').roleRef.name).toBe('platform-reader');
  });

  test('GIVEN a Role WHEN bound cluster-wide THEN the PropError says a RoleBinding grants it', () => {
    const { stack } = makeStack();
    const role = new Role(stack, 'r', { rules: NODE_RULES });
    expectPropError(() => new ClusterRoleBinding(stack, 'crb', { role: role as unknown as IClusterRole, subjects: [Subject.user('ana')] }), {
      path: 'test/crb', prop: 'role', received: 'test/r', allowed: 'a Role is granted by a RoleBinding',
    });
  });

  test('GIVEN no subjects WHEN bound THEN the PropError names subjects', () => {
    const { stack } = makeStack();
    expectPropError(() => new ClusterRoleBinding(stack, 'crb', { role: ClusterRoleRef.VIEW, subjects: [] }), {
      path: 'test/crb', prop: 'subjects', received: '[]', allowed: 'a non-empty array',
    });
  });

  test('GIVEN a ClusterRoleBinding WHEN checked by brand THEN isClusterRoleBinding says so', () => {
    const { stack } = makeStack();
    const crb = new ClusterRoleBinding(stack, 'crb', { role: ClusterRoleRef.VIEW, subjects: [Subject.group('auditors')] });
    expect([ClusterRoleBinding.isClusterRoleBinding(crb), RoleBinding.isRoleBinding(crb), Role.isRole(crb)]).toEqual([true, false, false]);
  });

  test('GIVEN neither a role nor a ClusterRole WHEN bound in a namespace THEN the PropError lists both importers', () => {
    const { stack } = makeStack();
    expectPropError(() => new RoleBinding(stack, 'rb', { role: { name: 'x' } as unknown as IRole, subjects: [Subject.user('ana')] }), {
      path: 'test/rb', prop: 'role', received: '{"name":"x"}', allowed: 'ClusterRole.fromClusterRoleName()',
    });
  });
});
