import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { createL1Object } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { IServiceAccount } from '../core/service-account-ref';
import { checkSubjects, renderRoleRef, roleRefOf } from './_rbac';
import { IClusterRole } from './cluster-role';
import { ClusterRoleRef } from './cluster-role-ref';
import { Subject } from './subject';

/** Props of a `ClusterRoleBinding`. */
export interface ClusterRoleBindingProps extends ConstructMetadataProps {
  /**
   * The ClusterRole granted, in every namespace and on cluster-scoped objects: a `ClusterRole` of the stack, one
   * imported with `ClusterRole.fromClusterRoleName()`, or `ClusterRoleRef.ADMIN`, `EDIT`, `VIEW`.
   */
  readonly role: IClusterRole | ClusterRoleRef;

  /**
   * Who gets it: `Subject.group()`, `Subject.user()`, `Subject.serviceAccount()`, or a `ServiceAccount`. A
   * ServiceAccount named without a namespace is the stack's namespace's.
   */
  readonly subjects: Array<Subject | IServiceAccount>;

  /**
   * The binding's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;
}

/**
 * Grants a ClusterRole cluster-wide (rbac.authorization.k8s.io/v1): in every namespace and on cluster-scoped objects
 * (nodes, namespaces). Cluster-scoped: it has no namespace and is written to `_cluster/`. To grant a role in one
 * namespace only, use a `RoleBinding`.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
 * @example
 * const exporter = new ServiceAccount(stack, 'node-exporter');
 * const nodeReader = new ClusterRole(stack, 'node-reader', { rules: [{ resources: ['nodes'], verbs: ['get', 'list', 'watch'] }] });
 * new ClusterRoleBinding(stack, 'node-exporter-nodes', { role: nodeReader, subjects: [exporter] });
 */
export class ClusterRoleBinding extends Construct {
  /** Whether `x` is a `ClusterRoleBinding`, also across copies of this package. */
  public static isClusterRoleBinding(x: unknown): x is ClusterRoleBinding {
    return hasBrand(x, 'ClusterRoleBinding');
  }

  /** The binding's name. */
  public readonly name: string;
  /** The ClusterRoleBinding API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ClusterRoleBindingProps) {
    super(scope, id);
    const p = props ?? ({} as ClusterRoleBindingProps);
    const stack = findStack(this, 'ClusterRoleBinding');
    const check = new PropChecker(this, 'ClusterRoleBinding');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    const role = roleRefOf(check, p.role,
      'a ClusterRole (or ClusterRole.fromClusterRoleName()), or ClusterRoleRef.ADMIN, ClusterRoleRef.EDIT or ClusterRoleRef.VIEW; a Role is granted by a RoleBinding', false);
    const subjects = checkSubjects(check, 'subjects', p.subjects);
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'ClusterRoleBindingProps');
    check.throwIfInvalid();

    this.name = name;
    const namespace = Chart.of(this).namespace ?? stack.namespace;
    this.apiObject = createL1Object(this, 'Resource', 'KubeClusterRoleBinding', {
      metadata: { name, labels: recommendedLabels(stack, { name, component: 'rbac' }, metadata.labels), annotations: metadata.annotations },
      roleRef: renderRoleRef(role!),
      subjects: subjects!.map((s) => s._render(namespace)),
    });
    this.node.defaultChild = this.apiObject;
    // A ClusterRoleBinding is cluster-scoped: it must not carry the chart's namespace.
    if (this.apiObject.chart.namespace !== undefined) this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}

brand(ClusterRoleBinding, 'ClusterRoleBinding');
