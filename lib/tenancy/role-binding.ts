import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { ClusterRoleRef } from './cluster-role-ref';
import { Role } from './role';
import { Subject } from './subject';

/** Props of a `RoleBinding`. */
export interface RoleBindingProps {
  /** The role granted: a `Role` of the stack, or a ClusterRole (`ClusterRoleRef.ADMIN`, `EDIT`, `VIEW`, `named()`). */
  readonly role: Role | ClusterRoleRef;

  /** Who gets it. */
  readonly subjects: Subject[];

  /**
   * The binding's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The namespace the role is granted in.
   *
   * @default the stack's namespace
   */
  readonly namespace?: string;
}

/**
 * Grants a role to groups, users or ServiceAccounts within one namespace (rbac.authorization.k8s.io/v1). A
 * ClusterRole granted this way applies to the namespace only.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
 * @example
 * new RoleBinding(stack, 'shop-devs', { role: ClusterRoleRef.EDIT, subjects: [Subject.group('shop-developers')] });
 */
export class RoleBinding extends Construct {
  /** The RoleBinding API object (the escape hatch). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: RoleBindingProps) {
    super(scope, id);
    const p = props ?? ({} as RoleBindingProps);
    const stack = findStack(this, 'RoleBinding');
    const check = new PropChecker(this, 'RoleBinding');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    if (p.namespace !== undefined) check.name('namespace', p.namespace, 'dns1123-label');
    if (!(p.role instanceof ClusterRoleRef) && !(p.role instanceof Role)) {
      check.fail('role', p.role, 'a Role, or ClusterRoleRef.ADMIN, ClusterRoleRef.EDIT, ClusterRoleRef.VIEW or ClusterRoleRef.named(name)');
    } else if (p.role instanceof ClusterRoleRef) {
      check.name('role', p.role.name, 'dns1123-subdomain');
    }
    if (!Array.isArray(p.subjects) || p.subjects.length === 0) {
      check.fail('subjects', p.subjects, 'a non-empty array of Subject.group(), Subject.user() or Subject.serviceAccount()');
    } else {
      p.subjects.forEach((s, i) => {
        if (!(s instanceof Subject)) check.fail(`subjects[${i}]`, s, 'Subject.group(), Subject.user() or Subject.serviceAccount()');
        else s._check(check, `subjects[${i}]`);
      });
    }
    check.throwIfInvalid();
    const namespace = p.namespace ?? Chart.of(this).namespace;
    this.resource = new k8s.KubeRoleBinding(this, 'Resource', {
      metadata: { name, namespace: p.namespace, labels: recommendedLabels(stack, { name, component: 'rbac' }) },
      roleRef: p.role instanceof Role
        ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: p.role.roleName }
        : { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: p.role.name },
      subjects: p.subjects.map((s) => s._render(namespace)),
    });
  }
}
