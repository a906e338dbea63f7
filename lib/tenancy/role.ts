import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { importByName } from '../core/_external';
import { k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { INamespace, namespaceNameOf } from '../core/namespace-ref';

/** A Role, defined in the stack or imported by name (`Role.fromRoleName()`): what a `RoleBinding` grants. */
export interface IRole extends IConstruct {
  /** The Role's name. */
  readonly roleName: string;
}

/** What a Role allows: verbs on resources of API groups. */
export interface PolicyRule {
  /**
   * The API groups, `""` for the core group.
   *
   * @default [""]: the core group (pods, services, configmaps, secrets, ...)
   */
  readonly apiGroups?: string[];

  /** The resources, e.g. `["pods", "pods/log"]`. */
  readonly resources: string[];

  /** The verbs, e.g. `["get", "list", "watch"]`. */
  readonly verbs: string[];

  /**
   * Only these objects.
   *
   * @default every object of the resources
   */
  readonly resourceNames?: string[];
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

const VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '*', 'bind', 'escalate', 'impersonate', 'use', 'approve', 'sign']);

/**
 * Permissions within one namespace (rbac.authorization.k8s.io/v1), granted with a `RoleBinding`.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 * @example
 * const logs = new Role(stack, 'log-reader', { rules: [{ resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }] });
 * new RoleBinding(stack, 'oncall-logs', { role: logs, subjects: [Subject.group('oncall')] });
 */
export class Role extends Construct implements IRole {
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
    if (!Array.isArray(p.rules) || p.rules.length === 0) {
      check.fail('rules', p.rules, 'a non-empty array of { apiGroups?, resources, verbs, resourceNames? }');
    } else {
      p.rules.forEach((r, i) => {
        if (!isPlainRecord(r)) {
          check.fail(`rules[${i}]`, r, 'an object { apiGroups?, resources, verbs, resourceNames? }');
          return;
        }
        if (check.stringList(`rules[${i}].verbs`, r.verbs, false)) {
          for (const v of r.verbs) if (!VERBS.has(v)) check.fail(`rules[${i}].verbs`, v, `a verb: ${[...VERBS].join(', ')}`);
          if (r.verbs.length === 0) check.fail(`rules[${i}].verbs`, r.verbs, 'at least one verb');
        }
        if (check.stringList(`rules[${i}].resources`, r.resources, false) && r.resources.length === 0) check.fail(`rules[${i}].resources`, r.resources, 'at least one resource');
        if (r.apiGroups !== undefined) check.stringList(`rules[${i}].apiGroups`, r.apiGroups);
        if (r.resourceNames !== undefined) check.stringList(`rules[${i}].resourceNames`, r.resourceNames, false);
      });
    }
    const metadata = checkMetadata(check, p);
    check.throwIfInvalid();
    this.apiObject = new k8s.KubeRole(this, 'Resource', {
      metadata: {
        name: this.roleName, namespace, labels: recommendedLabels(stack, { name: this.roleName, component: 'rbac' }, metadata.labels), annotations: metadata.annotations,
      },
      rules: p.rules.map((r) => ({
        apiGroups: r.apiGroups ? [...r.apiGroups] : [''],
        resources: [...r.resources],
        verbs: [...r.verbs],
        resourceNames: r.resourceNames ? [...r.resourceNames] : undefined,
      })),
    });
    this.node.defaultChild = this.apiObject;
  }
}
