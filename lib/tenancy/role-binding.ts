import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { createL1Object } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { INamespace, namespaceNameOf } from '../core/namespace-ref';
import { IServiceAccount } from '../core/service-account-ref';
import { checkSubjects, renderRoleRef, roleRefOf } from './_rbac';
import { IClusterRole } from './cluster-role';
import { ClusterRoleRef } from './cluster-role-ref';
import { IRole } from './role';
import { Subject } from './subject';

/** Props of a `RoleBinding`. */
export interface RoleBindingProps extends ConstructMetadataProps {
  /**
   * The role granted: a `Role` of the stack or one imported with `Role.fromRoleName()`, or a ClusterRole, within
   * the binding's namespace only (a `ClusterRole`, `ClusterRole.fromClusterRoleName()`, or `ClusterRoleRef.ADMIN`,
   * `EDIT`, `VIEW`).
   */
  readonly role: IRole | IClusterRole | ClusterRoleRef;

  /**
   * Who gets it: `Subject.group()`, `Subject.user()`, `Subject.serviceAccount()`, or a `ServiceAccount`. A
   * ServiceAccount named without a namespace is the binding's namespace's.
   */
  readonly subjects: Array<Subject | IServiceAccount>;

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
  /** Whether `x` is a `RoleBinding`, also across copies of this package. */
  public static isRoleBinding(x: unknown): x is RoleBinding {
    return hasBrand(x, 'RoleBinding');
  }

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
    const role = roleRefOf(check, p.role, 'a Role (or Role.fromRoleName()), a ClusterRole (or ClusterRole.fromClusterRoleName()), or ClusterRoleRef.ADMIN, ClusterRoleRef.EDIT or ClusterRoleRef.VIEW', true);
    const subjects = checkSubjects(check, 'subjects', p.subjects);
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'RoleBindingProps');
    check.throwIfInvalid();
    this.apiObject = createL1Object(this, 'Resource', 'KubeRoleBinding', {
      metadata: { name, namespace, labels: recommendedLabels(stack, { name, component: 'rbac' }, metadata.labels), annotations: metadata.annotations },
      roleRef: renderRoleRef(role!),
      subjects: subjects!.map((s) => s._render(namespace ?? Chart.of(this).namespace)),
    });
    this.node.defaultChild = this.apiObject;
  }
}

brand(RoleBinding, 'RoleBinding');
