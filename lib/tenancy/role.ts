import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';

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
export interface RoleProps {
  /** The permissions. */
  readonly rules: PolicyRule[];

  /**
   * The Role's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The namespace the Role applies in.
   *
   * @default the stack's namespace
   */
  readonly namespace?: string;
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
export class Role extends Construct {
  /** The Role's name. */
  public readonly roleName: string;
  /** The Role API object (the escape hatch). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id);
    const p = props ?? ({} as RoleProps);
    const stack = findStack(this, 'Role');
    const check = new PropChecker(this, 'Role');
    this.roleName = p.name ?? id;
    check.name('name', this.roleName, 'dns1123-subdomain');
    if (p.namespace !== undefined) check.name('namespace', p.namespace, 'dns1123-label');
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
    check.throwIfInvalid();
    this.resource = new k8s.KubeRole(this, 'Resource', {
      metadata: { name: this.roleName, namespace: p.namespace, labels: recommendedLabels(stack, { name: this.roleName, component: 'rbac' }) },
      rules: p.rules.map((r) => ({
        apiGroups: r.apiGroups ? [...r.apiGroups] : [''],
        resources: [...r.resources],
        verbs: [...r.verbs],
        resourceNames: r.resourceNames ? [...r.resourceNames] : undefined,
      })),
    });
  }
}
