import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { INamespace, namespaceNameOf } from '../core/namespace-ref';
import { ClusterRoleRef } from './cluster-role-ref';
import { IRole } from './role';
import { Subject } from './subject';

/** Props of a `RoleBinding`. */
export interface RoleBindingProps extends ConstructMetadataProps {
  /**
   * The role granted: a `Role` of the stack or one imported with `Role.fromRoleName()`, or a ClusterRole
   * (`ClusterRoleRef.ADMIN`, `EDIT`, `VIEW`, `named()`).
   */
  readonly role: IRole | ClusterRoleRef;

  /** Who gets it. */
  readonly subjects: Subject[];

  /**
   * The binding's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The namespace the role is granted in, by name or as a `Namespace`.
   *
   * @default the stack's namespace
   */
  readonly namespace?: string | INamespace;
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
  /** The RoleBinding API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RoleBindingProps) {
    super(scope, id);
    const p = props ?? ({} as RoleBindingProps);
    const stack = findStack(this, 'RoleBinding');
    const check = new PropChecker(this, 'RoleBinding');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    const namespace = p.namespace === undefined ? undefined : namespaceNameOf(check, 'namespace', p.namespace);
    const role = p.role as unknown;
    const isRole = (x: unknown): x is IRole => x !== null && typeof x === 'object' && typeof (x as IRole).roleName === 'string';
    if (ClusterRoleRef.isClusterRoleRef(role)) {
      check.name('role', role.name, 'dns1123-subdomain');
    } else if (!isRole(role)) {
      check.fail('role', role, 'a Role (or Role.fromRoleName()), or ClusterRoleRef.ADMIN, ClusterRoleRef.EDIT, ClusterRoleRef.VIEW or ClusterRoleRef.named(name)');
    } else {
      check.name('role', role.roleName, 'dns1123-subdomain');
    }
    if (!Array.isArray(p.subjects) || p.subjects.length === 0) {
      check.fail('subjects', p.subjects, 'a non-empty array of Subject.group(), Subject.user() or Subject.serviceAccount()');
    } else {
      p.subjects.forEach((s, i) => {
        if (!Subject.isSubject(s)) check.fail(`subjects[${i}]`, s, 'Subject.group(), Subject.user() or Subject.serviceAccount()');
        else s._check(check, `subjects[${i}]`);
      });
    }
    const metadata = checkMetadata(check, p);
    check.throwIfInvalid();
    this.apiObject = new k8s.KubeRoleBinding(this, 'Resource', {
      metadata: { name, namespace, labels: recommendedLabels(stack, { name, component: 'rbac' }, metadata.labels), annotations: metadata.annotations },
      roleRef: ClusterRoleRef.isClusterRoleRef(p.role)
        ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: p.role.name }
        : { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: p.role.roleName },
      subjects: p.subjects.map((s) => s._render(namespace ?? Chart.of(this).namespace)),
    });
    this.node.defaultChild = this.apiObject;
  }
}
