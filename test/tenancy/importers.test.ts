import { Construct } from 'constructs';
import {
  ClusterRoleRef, externalReferenceOf, findObject, INamespace, IRole, Namespace, NetworkPeer, NetworkPolicy, Role, RoleBinding,
  Subject,
} from '../../lib';
import { expectPropError, makeStack, synth } from '../_helpers';

/** A namespace reference of the user's own: INamespace has no internal member. */
class TeamNamespace extends Construct implements INamespace {
  public readonly namespaceName = 'team-x';
}

/** A role reference of the user's own: IRole has no internal member. */
class SharedRole extends Construct implements IRole {
  public readonly roleName = 'shared-reader';
}

describe('Namespace.fromNamespaceName()', () => {
  test('GIVEN an existing namespace name WHEN imported THEN it names it and is declared external', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN
    const ns = Namespace.fromNamespaceName(stack, 'monitoring', 'monitoring');
    // THEN
    expect(ns.namespaceName).toBe('monitoring');
    expect(externalReferenceOf(ns)).toEqual({ kind: 'Namespace', name: 'monitoring' });
  });

  test('GIVEN a name that is not a DNS-1123 label WHEN imported THEN the PropError names namespaceName', () => {
    const { stack } = makeStack();
    expectPropError(() => Namespace.fromNamespaceName(stack, 'bad', 'team.a'), {
      path: 'test/bad', prop: 'namespaceName', received: '"team.a"', allowed: 'DNS-1123 label',
    });
  });

  test('GIVEN an imported namespace as a network peer WHEN synthesized THEN the rule selects that namespace', () => {
    // GIVEN
    const { stack } = makeStack();
    const monitoring = Namespace.fromNamespaceName(stack, 'monitoring', 'monitoring');
    // WHEN
    new NetworkPolicy(stack, 'np', { ingress: [{ peers: [NetworkPeer.namespace(monitoring)] }] });
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'np').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
  });

  test('GIVEN a Namespace of the stack as the pods peer namespace WHEN synthesized THEN the rule selects pods in it', () => {
    const { stack } = makeStack();
    const other = new Namespace(stack, 'other');
    new NetworkPolicy(stack, 'np', { egress: [{ peers: [NetworkPeer.pods({ selectorLabels: { app: 'db' } }, other)] }] });
    expect(findObject(synth(stack), 'NetworkPolicy', 'np').spec.egress[0].to[0].namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'other' } });
  });

  test('GIVEN a user class implementing INamespace WHEN given as a RoleBinding namespace THEN the binding lives there', () => {
    // GIVEN
    const { stack } = makeStack();
    const team = new TeamNamespace(stack, 'team');
    // WHEN
    new RoleBinding(stack, 'rb', { namespace: team, role: ClusterRoleRef.VIEW, subjects: [Subject.serviceAccount('ci')] });
    // THEN
    const rb = findObject(synth(stack), 'RoleBinding', 'rb');
    expect(rb.metadata.namespace).toBe('team-x');
    expect(rb.subjects[0].namespace).toBe('team-x');
  });

  test('GIVEN an object without a namespaceName as a namespace WHEN constructed THEN the PropError says what is allowed', () => {
    const { stack } = makeStack();
    expectPropError(() => new NetworkPolicy(stack, 'np', { namespace: {} as INamespace, ingress: [] }), {
      path: 'test/np', prop: 'namespace', received: '{}', allowed: 'INamespace',
    });
  });
});

describe('Role.fromRoleName()', () => {
  test('GIVEN an existing Role name WHEN imported and bound THEN the binding refers to that Role, declared external', () => {
    // GIVEN
    const { stack } = makeStack();
    const reader = Role.fromRoleName(stack, 'reader', 'pod-reader');
    // WHEN
    new RoleBinding(stack, 'rb', { role: reader, subjects: [Subject.group('oncall')] });
    // THEN
    expect(externalReferenceOf(reader)).toEqual({ kind: 'Role', name: 'pod-reader' });
    expect(findObject(synth(stack), 'RoleBinding', 'rb').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' });
  });

  test('GIVEN an invalid Role name WHEN imported THEN the PropError names roleName', () => {
    const { stack } = makeStack();
    expectPropError(() => Role.fromRoleName(stack, 'bad', 'Pod Reader'), { path: 'test/bad', prop: 'roleName', received: '"Pod Reader"' });
  });

  test('GIVEN an imported Role WHEN a namespace grants it THEN the binding is named after it', () => {
    const { stack } = makeStack({ namespace: 'shop' });
    stack.namespaceResource!.grant(Role.fromRoleName(stack, 'reader', 'pod-reader'), Subject.group('oncall'));
    expect(findObject(synth(stack), 'RoleBinding', 'shop-pod-reader').roleRef.name).toBe('pod-reader');
  });

  test('GIVEN a user class implementing IRole WHEN bound THEN the binding refers to it', () => {
    const { stack } = makeStack();
    new RoleBinding(stack, 'rb', { role: new SharedRole(stack, 'shared'), subjects: [Subject.user('ana')] });
    expect(findObject(synth(stack), 'RoleBinding', 'rb').roleRef.name).toBe('shared-reader');
  });

  test('GIVEN something that is neither a role nor a ClusterRoleRef WHEN bound THEN the PropError says what is allowed', () => {
    const { stack } = makeStack();
    expectPropError(() => new RoleBinding(stack, 'rb', { role: { name: 'view' } as unknown as IRole, subjects: [Subject.user('ana')] }), {
      path: 'test/rb', prop: 'role', received: '{"name":"view"}', allowed: 'Role.fromRoleName()',
    });
  });
});
