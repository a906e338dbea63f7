import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { importByName } from '../core/_external';
import { createL1Object } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { INamespace, namespaceNameOf } from '../core/namespace-ref';
import { checkPolicyRules, renderPolicyRules } from './_rbac';

/** A Role, defined in the stack or imported by name (`Role.fromRoleName()`): what a `RoleBinding` grants. */
export interface IRole extends IConstruct {
  /** The Role's name. */
  readonly roleName: string;
}

/**
 * What a Role or ClusterRole allows: verbs on resources of API groups, or (in a ClusterRole only) verbs on
 * non-resource URLs.
 */
export interface PolicyRule {
  /**
   * The API groups, `""` for the core group.
   *
   * @default [""]: the core group (pods, services, configmaps, secrets, ...)
   */
  readonly apiGroups?: string[];

  /**
   * The resources, e.g. `["pods", "pods/log"]`. Required unless the rule grants `nonResourceURLs`.
   *
   * @default none: the rule grants `nonResourceURLs` (a ClusterRole's)
   */
  readonly resources?: string[];

  /** The verbs, e.g. `["get", "list", "watch"]`. */
  readonly verbs: string[];

  /**
   * Only these objects.
   *
   * @default every object of the resources
   */
  readonly resourceNames?: string[];

  /**
   * URL paths that are not API objects, e.g. `["/metrics"]` or `["/healthz/*"]` (`*` only at the end): a
   * ClusterRole's only, and then the rule has no `resources`, `apiGroups` or `resourceNames`.
   *
   * @default none: the rule grants `resources`
   */
  readonly nonResourceURLs?: string[];
}

/** Props of a `Role`. */
export interface RoleProps extends ConstructMetadataProps {
  /** The permissions. */
  readonly rules: PolicyRule[];

  /**
   * The Role's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The namespace the Role applies in, by name or as a `Namespace`.
   *
   * @default the stack's namespace
   */
  readonly namespace?: string | INamespace;
}

/**
 * Permissions within one namespace (rbac.authorization.k8s.io/v1), granted with a `RoleBinding`.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 * @example
 * const logs = new Role(stack, 'log-reader', { rules: [{ resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }] });
 * new RoleBinding(stack, 'oncall-logs', { role: logs, subjects: [Subject.group('oncall')] });
 */
export class Role extends Construct implements IRole {
  /** Whether `x` is a `Role` of a stack, also across copies of this package. */
  public static isRole(x: unknown): x is Role {
    return hasBrand(x, 'Role');
  }

  /**
   * References a Role that exists outside the synthesized output (made by hand or by another tool), by name, in the
   * namespace of the bindings that grant it. The reference is declared, so checks do not report it as missing.
   *
   * @param scope the scope of the reference
   * @param id the reference's construct id
   * @param roleName the existing Role's name
   */
  public static fromRoleName(scope: Construct, id: string, roleName: string): IRole {
    return importByName(scope, id, 'Role.fromRoleName()', 'Role', 'roleName', roleName);
  }

  /** The Role's name. */
  public readonly roleName: string;
  /** The Role API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id);
    const p = props ?? ({} as RoleProps);
    const stack = findStack(this, 'Role');
    const check = new PropChecker(this, 'Role');
    this.roleName = p.name ?? id;
    check.name('name', this.roleName, 'dns1123-subdomain');
    const namespace = p.namespace === undefined ? undefined : namespaceNameOf(check, 'namespace', p.namespace);
    checkPolicyRules(check, p.rules, { cluster: false, required: true });
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'RoleProps');
    check.throwIfInvalid();
    this.apiObject = createL1Object(this, 'Resource', 'KubeRole', {
      metadata: {
        name: this.roleName, namespace, labels: recommendedLabels(stack, { name: this.roleName, component: 'rbac' }, metadata.labels), annotations: metadata.annotations,
      },
      rules: renderPolicyRules(p.rules),
    });
    this.node.defaultChild = this.apiObject;
  }
}

brand(Role, 'Role');
