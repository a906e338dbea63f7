/**
 * What Roles and ClusterRoles, RoleBindings and ClusterRoleBindings share: their rules' checks and rendering, the
 * role a binding refers to, and its subjects.
 */
import { k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { IServiceAccount } from '../core/service-account-ref';
import { ClusterRoleRef } from './cluster-role-ref';
import { Subject } from './subject';
import { RBAC_VERBS } from '../core/_rbac-verbs';

/** A rule of a Role or ClusterRole, as given (see `PolicyRule` in role.ts). @internal */
export interface RuleInput {
  readonly apiGroups?: string[];
  readonly resources?: string[];
  readonly verbs: string[];
  readonly resourceNames?: string[];
  readonly nonResourceURLs?: string[];
}

/**
 * Checks the `rules` of a Role (`cluster` false: resources only) or a ClusterRole (resources or non-resource URLs).
 *
 * @param required whether at least one rule is required (a ClusterRole that aggregates others takes none)
 * @internal
 */
export function checkPolicyRules(check: PropChecker, rules: unknown, options: { readonly cluster: boolean; readonly required: boolean }): void {
  const shape = `{ apiGroups?, resources, verbs, resourceNames?${options.cluster ? ' } or { nonResourceURLs, verbs' : ''} }`;
  if (rules === undefined && !options.required) return;
  if (!Array.isArray(rules) || (options.required && rules.length === 0)) {
    check.fail('rules', rules, `${options.required ? 'a non-empty array' : 'an array'} of ${shape}`);
    return;
  }
  rules.forEach((r: unknown, i) => {
    const at = `rules[${i}]`;
    if (!isPlainRecord(r)) {
      check.fail(at, r, `an object ${shape}`);
      return;
    }
    if (check.stringList(`${at}.verbs`, r.verbs, false)) {
      for (const v of r.verbs) if (!RBAC_VERBS.has(v)) check.fail(`${at}.verbs`, v, `a verb: ${[...RBAC_VERBS].join(', ')}`);
      if (r.verbs.length === 0) check.fail(`${at}.verbs`, r.verbs, 'at least one verb');
    }
    if (r.nonResourceURLs !== undefined) {
      if (!options.cluster) {
        check.fail(`${at}.nonResourceURLs`, r.nonResourceURLs, 'nothing: non-resource URLs (/healthz, /metrics) are granted by a ClusterRole only');
      } else if (check.stringList(`${at}.nonResourceURLs`, r.nonResourceURLs, false)) {
        if (r.nonResourceURLs.length === 0) check.fail(`${at}.nonResourceURLs`, r.nonResourceURLs, 'at least one URL path');
        for (const url of r.nonResourceURLs) {
          if (!url.startsWith('/') || url.slice(0, -1).includes('*')) check.fail(`${at}.nonResourceURLs`, url, 'a URL path starting with "/", with "*" only at its end');
        }
      }
      for (const key of ['resources', 'apiGroups', 'resourceNames'] as const) {
        if (options.cluster && r[key] !== undefined) check.fail(`${at}.${key}`, r[key], 'nothing in a rule with nonResourceURLs: a rule grants either resources or non-resource URLs');
      }
      return;
    }
    if (check.stringList(`${at}.resources`, r.resources, false) && r.resources.length === 0) check.fail(`${at}.resources`, r.resources, 'at least one resource');
    if (r.apiGroups !== undefined) check.stringList(`${at}.apiGroups`, r.apiGroups);
    if (r.resourceNames !== undefined) check.stringList(`${at}.resourceNames`, r.resourceNames, false);
  });
}

/** The rules as Kubernetes rules (the core group when no API group is given for resources). @internal */
export function renderPolicyRules(rules: readonly RuleInput[]): k8s.PolicyRule[] {
  return rules.map((r) => (r.nonResourceURLs !== undefined
    ? { nonResourceUrLs: [...r.nonResourceURLs], verbs: [...r.verbs] }
    : {
      apiGroups: r.apiGroups ? [...r.apiGroups] : [''],
      resources: [...(r.resources ?? [])],
      verbs: [...r.verbs],
      resourceNames: r.resourceNames ? [...r.resourceNames] : undefined,
    }));
}

/** What a binding refers to. @internal */
export interface RoleRefTarget {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
}

/**
 * The role a binding refers to: a ClusterRoleRef or an IClusterRole (`clusterRoleName`), or, when `roles` are
 * allowed (a RoleBinding), an IRole (`roleName`); undefined, with the problem recorded, for anything else.
 *
 * @internal
 */
export function roleRefOf(check: PropChecker, value: unknown, allowed: string, roles: boolean): RoleRefTarget | undefined {
  const x = value as { name?: unknown; clusterRoleName?: unknown; roleName?: unknown } | null;
  let target: { kind: 'Role' | 'ClusterRole'; name: unknown } | undefined;
  if (ClusterRoleRef.isClusterRoleRef(x)) target = { kind: 'ClusterRole', name: x.name };
  else if (x !== null && typeof x === 'object' && typeof x.clusterRoleName === 'string') target = { kind: 'ClusterRole', name: x.clusterRoleName };
  else if (roles && x !== null && typeof x === 'object' && typeof x.roleName === 'string') target = { kind: 'Role', name: x.roleName };
  if (target === undefined) {
    check.fail('role', value, allowed);
    return undefined;
  }
  return check.name('role', target.name, 'dns1123-subdomain') ? { kind: target.kind, name: target.name } : undefined;
}

/** The roleRef of a binding. @internal */
export function renderRoleRef(target: RoleRefTarget): k8s.RoleRef {
  return { apiGroup: 'rbac.authorization.k8s.io', kind: target.kind, name: target.name };
}

/** What a binding's `subjects` accept, for messages. */
const SUBJECTS = 'Subject.group(), Subject.user(), Subject.serviceAccount() or a ServiceAccount (IServiceAccount)';

/**
 * The subjects of a binding, checked (a non-empty array of Subjects and ServiceAccounts), as Subjects; undefined
 * when they are invalid (the problems are recorded).
 *
 * @internal
 */
export function checkSubjects(check: PropChecker, prop: string, subjects: unknown): Subject[] | undefined {
  const list = subjects;
  if (!Array.isArray(list) || list.length === 0) {
    check.fail(prop, subjects, `a non-empty array of ${SUBJECTS}`);
    return undefined;
  }
  const out: Subject[] = [];
  list.forEach((s: unknown, i) => {
    const at = `${prop}[${i}]`;
    const subject = Subject.isSubject(s) ? s : isServiceAccount(s) ? Subject.serviceAccount(s) : undefined;
    if (subject === undefined) check.fail(at, s, SUBJECTS);
    else if (subject._check(check, at)) out.push(subject);
  });
  return out.length === list.length ? out : undefined;
}

function isServiceAccount(x: unknown): x is IServiceAccount {
  return x !== null && typeof x === 'object' && typeof (x as IServiceAccount).serviceAccountName === 'string';
}
