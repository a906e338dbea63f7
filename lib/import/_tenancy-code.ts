/**
 * Roles, ClusterRoles, their bindings, ResourceQuotas, LimitRanges and PriorityClasses as the library's constructs
 * (`Role`, `ClusterRole`, `RoleBinding`, `ClusterRoleBinding`, `ResourceQuota`, `LimitRange`, `PriorityClass`), when
 * the construct writes the object field for field; otherwise the fields it cannot express, each with the value
 * received and what the construct writes or accepts.
 */
import { isDns1123Label, isDns1123Subdomain } from '../core/names';
import { compareQuantities, parseQuantity } from '../core/quantity';
import { ImportContext, Json, asList, asObject, asStrings, entry } from './_import-context';
import { metadataProblems, metadataProp } from './_import-item';
import { Printable, code, quote } from './_source-text';
import { RBAC_VERBS } from '../core/_rbac-verbs';

/** How a binding's references are written: variables of the module, or imports by name. */
export interface TenancyRefs {
  /** The code naming the Role `name` of the stack's namespace (an imported `Role`, or `Role.fromRoleName()`). */
  role(name: string): Printable;
  /**
   * The code naming the ClusterRole `name` (an imported `ClusterRole`, `ClusterRoleRef.ADMIN`, `EDIT` or `VIEW`, or
   * `ClusterRole.fromClusterRoleName()`).
   */
  clusterRole(name: string): Printable;
  /** The variable of the stack's ServiceAccount `name`, when the module has one (defined or referenced). */
  serviceAccount(name: string): Printable | undefined;
}

/** What an object became: its construct's props, or the fields the construct cannot express. */
export type TenancyCode = { readonly props: Record<string, Printable> } | { readonly unsupported: string[] };

/** The kinds mapped here, with their construct, apiVersion and the suffix of a construct id taken by another object. */
export const TENANCY_KINDS: Readonly<Record<string, { readonly construct: string; readonly apiVersion: string; readonly idSuffix: string }>> = {
  PriorityClass: { construct: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', idSuffix: 'priority' },
  ResourceQuota: { construct: 'ResourceQuota', apiVersion: 'v1', idSuffix: 'quota' },
  LimitRange: { construct: 'LimitRange', apiVersion: 'v1', idSuffix: 'limits' },
  Role: { construct: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', idSuffix: 'role' },
  ClusterRole: { construct: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', idSuffix: 'cluster-role' },
  RoleBinding: { construct: 'RoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', idSuffix: 'binding' },
  ClusterRoleBinding: { construct: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', idSuffix: 'cluster-binding' },
};

/** The kinds of TENANCY_KINDS that are cluster-scoped (they have no namespace). */
const CLUSTER_SCOPED = new Set(['PriorityClass', 'ClusterRole', 'ClusterRoleBinding']);

const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** The built-in ClusterRoles `ClusterRoleRef` names, by name. */
const BUILT_IN_CLUSTER_ROLES: Readonly<Record<string, string>> = { admin: 'ADMIN', edit: 'EDIT', view: 'VIEW' };

/** `ClusterRoleRef.ADMIN`, `EDIT` or `VIEW` for the built-in ClusterRole `name`, or undefined for another name. */
export function builtInClusterRole(ctx: ImportContext, name: string): Printable | undefined {
  const member = entry(BUILT_IN_CLUSTER_ROLES, name);
  return member !== undefined ? ctx.use('ClusterRoleRef', member) : undefined;
}
const AGGREGATE_TO = /^rbac\.authorization\.k8s\.io\/aggregate-to-(admin|edit|view)$/;

/** Collects the fields an object's construct cannot express: `field (received VALUE; why)`. */
class Problems {
  public readonly list: string[] = [];

  /** Records `field`, which holds `value`, with why the construct cannot write it. */
  public add(field: string, value: unknown, why: string): void {
    this.list.push(`${field} (received ${shown(value)}; ${why})`);
  }

  /** Records each key of `holder` (at `at`) that is not in `keys`. */
  public keys(holder: Json, at: string, keys: readonly string[], what: string): void {
    for (const k of Object.keys(holder)) if (!keys.includes(k)) this.add(`${at}${k}`, holder[k], `${what} takes ${keys.join(', ')}`);
  }
}

/** A value for a problem: JSON, at most 80 characters. */
function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * `kind`'s construct's props for `item`, or the fields it cannot express. `namespace` is the stack's (a binding's
 * ServiceAccount of that namespace is written by its variable, or without namespace).
 */
export function tenancyCode(ctx: ImportContext, kind: string, o: Json, namespace: string, refs: TenancyRefs): TenancyCode {
  const problems = new Problems();
  const spec = TENANCY_KINDS[kind];
  if (o.apiVersion !== spec.apiVersion) problems.add('apiVersion', o.apiVersion, `the construct writes ${spec.apiVersion}`);
  for (const field of metadataProblems(o)) problems.add(field, valueAt(o, field), 'a construct takes name, namespace, labels and annotations');
  const meta = asObject(o.metadata) ?? {};
  if (CLUSTER_SCOPED.has(kind) && meta.namespace !== undefined) {
    problems.add('metadata.namespace', meta.namespace, `a ${kind} is cluster-scoped: the construct writes no namespace`);
  }
  const name = String(meta.name);
  if (isDns1123Subdomain(name).length > 0) problems.add('metadata.name', name, 'the construct takes a DNS-1123 subdomain');
  const body = BODIES[kind](ctx, o, problems, namespace, refs);
  return problems.list.length > 0 ? { unsupported: problems.list } : { props: { ...metadataProp(o), ...body } };
}

/** The value at a dotted path of metadata (`metadata.finalizers`), for problems. */
function valueAt(o: Json, field: string): unknown {
  return field.split('.').reduce<unknown>((at, k) => asObject(at)?.[k], o);
}

type Body = (ctx: ImportContext, o: Json, problems: Problems, namespace: string, refs: TenancyRefs) => Record<string, Printable>;

const BODIES: Readonly<Record<string, Body>> = {
  Role: (_ctx, o, problems) => {
    problems.keys(o, '', ['apiVersion', 'kind', 'metadata', 'rules'], 'a Role');
    return { rules: rulesCode(o.rules, problems, false) };
  },
  ClusterRole: (ctx, o, problems) => clusterRoleBody(ctx, o, problems),
  RoleBinding: (ctx, o, problems, namespace, refs) => bindingBody(ctx, o, problems, namespace, refs, false),
  ClusterRoleBinding: (ctx, o, problems, namespace, refs) => bindingBody(ctx, o, problems, namespace, refs, true),
  ResourceQuota: (_ctx, o, problems) => ({ hard: quotaCode(o, problems) }),
  LimitRange: (_ctx, o, problems) => limitRangeBody(o, problems),
  PriorityClass: (_ctx, o, problems) => priorityClassBody(o, problems),
};

/** The rules of a Role (`cluster` false) or ClusterRole, as `PolicyRule`s. */
function rulesCode(rules: unknown, problems: Problems, cluster: boolean): Printable[] {
  const list = asList(rules);
  if (list.length === 0) problems.add('rules', rules, 'the construct takes at least one rule');
  return list.map((raw, i) => {
    const at = `rules[${i}]`;
    const r = asObject(raw);
    if (r === undefined) {
      problems.add(at, raw, 'a rule is an object');
      return undefined;
    }
    problems.keys(r, `${at}.`, ['apiGroups', 'resources', 'verbs', 'resourceNames', 'nonResourceURLs'], 'a rule');
    const verbs = stringList(r.verbs);
    if (verbs === undefined || verbs.length === 0 || verbs.some((v) => !RBAC_VERBS.has(v))) {
      problems.add(`${at}.verbs`, r.verbs, `the construct takes at least one of ${[...RBAC_VERBS].join(', ')}`);
    }
    const out: Record<string, Printable> = {};
    const urls = stringList(r.nonResourceURLs);
    if (r.nonResourceURLs !== undefined && (urls?.length ?? 1) > 0) {
      if (!cluster) problems.add(`${at}.nonResourceURLs`, r.nonResourceURLs, 'non-resource URLs are granted by a ClusterRole only');
      else if (urls === undefined || urls.some((u) => !u.startsWith('/') || u.slice(0, -1).includes('*'))) {
        problems.add(`${at}.nonResourceURLs`, r.nonResourceURLs, 'the construct takes URL paths starting with "/", with "*" only at the end');
      }
      for (const k of ['apiGroups', 'resources', 'resourceNames']) {
        if (asList(r[k]).length > 0 || (r[k] !== undefined && !Array.isArray(r[k]))) {
          problems.add(`${at}.${k}`, r[k], 'the construct writes a rule with nonResourceURLs without resources');
        }
      }
      return { nonResourceURLs: urls, verbs };
    }
    const groups = stringList(r.apiGroups);
    if (groups === undefined || groups.length === 0) {
      problems.add(`${at}.apiGroups`, r.apiGroups, 'the construct writes [""] (the core group) when none is given');
    } else if (groups.length !== 1 || groups[0] !== '') out.apiGroups = groups;
    const resources = stringList(r.resources);
    if (resources === undefined || resources.length === 0 || resources.includes('')) {
      problems.add(`${at}.resources`, r.resources, 'the construct takes at least one resource');
    }
    out.resources = resources;
    out.verbs = verbs;
    const names = stringList(r.resourceNames);
    if (r.resourceNames !== undefined && (names === undefined || names.includes(''))) {
      problems.add(`${at}.resourceNames`, r.resourceNames, 'the construct takes non-empty names');
    } else if (names !== undefined && names.length > 0) out.resourceNames = names;
    return out;
  });
}

/** `x` when it is a list of strings, else undefined. */
function stringList(x: unknown): string[] | undefined {
  return Array.isArray(x) && x.every((v) => typeof v === 'string') ? (x as string[]) : undefined;
}

/** A ClusterRole's rules, or its aggregation selectors, and the built-in roles it aggregates to (by their labels). */
function clusterRoleBody(ctx: ImportContext, o: Json, problems: Problems): Record<string, Printable> {
  problems.keys(o, '', ['apiVersion', 'kind', 'metadata', 'rules', 'aggregationRule'], 'a ClusterRole');
  const out: Record<string, Printable> = {};
  // The labels that aggregate the role to admin, edit or view: `aggregateTo` writes them.
  const labels = asStrings(asObject(o.metadata)?.labels) ?? {};
  const aggregateTo = Object.entries(labels).filter(([k, v]) => AGGREGATE_TO.test(k) && v === 'true').map(([k]) => k);
  if (aggregateTo.length > 0) {
    const metadata = asObject(metadataProp(o).metadata) as Record<string, Printable>;
    const rest = Object.fromEntries(Object.entries(labels).filter(([k]) => !aggregateTo.includes(k)));
    const kept = { ...metadata, labels: Object.keys(rest).length > 0 ? rest : undefined };
    out.metadata = Object.values(kept).some((v) => v !== undefined) ? kept : undefined;
    out.aggregateTo = aggregateTo.map((k) => ctx.use('ClusterRoleRef', BUILT_IN_CLUSTER_ROLES[AGGREGATE_TO.exec(k)![1]]));
  }
  if (o.aggregationRule === undefined) {
    out.rules = rulesCode(o.rules, problems, true);
    return out;
  }
  if (asList(o.rules).length > 0) {
    problems.add('rules', o.rules, 'an aggregated ClusterRole\'s rules are filled in by the control plane: the construct writes none');
  }
  const rule = asObject(o.aggregationRule) ?? {};
  problems.keys(rule, 'aggregationRule.', ['clusterRoleSelectors'], 'an aggregationRule');
  const selectors = asList(rule.clusterRoleSelectors).map((raw, i) => {
    const s = asObject(raw) ?? {};
    const matchLabels = asStrings(s.matchLabels);
    if (Object.keys(s).some((k) => k !== 'matchLabels') || matchLabels === undefined || Object.keys(matchLabels).length === 0) {
      problems.add(`aggregationRule.clusterRoleSelectors[${i}]`, raw, 'the construct takes selectors of matchLabels only, each with at least one label');
    }
    return matchLabels;
  });
  if (selectors.length === 0) {
    problems.add('aggregationRule.clusterRoleSelectors', rule.clusterRoleSelectors, 'the construct takes at least one selector');
  }
  out.aggregationSelectors = selectors;
  return out;
}

/** A RoleBinding's (`cluster` false) or ClusterRoleBinding's role and subjects. */
function bindingBody(ctx: ImportContext, o: Json, problems: Problems, namespace: string, refs: TenancyRefs, cluster: boolean): Record<string, Printable> {
  const kind = cluster ? 'ClusterRoleBinding' : 'RoleBinding';
  problems.keys(o, '', ['apiVersion', 'kind', 'metadata', 'roleRef', 'subjects'], `a ${kind}`);
  const roleRef = asObject(o.roleRef) ?? {};
  problems.keys(roleRef, 'roleRef.', ['apiGroup', 'kind', 'name'], 'a roleRef');
  if (roleRef.apiGroup !== undefined && roleRef.apiGroup !== RBAC_GROUP) {
    problems.add('roleRef.apiGroup', roleRef.apiGroup, `the construct writes ${RBAC_GROUP}`);
  }
  const roleName = typeof roleRef.name === 'string' ? roleRef.name : '';
  if (isDns1123Subdomain(roleName).length > 0) problems.add('roleRef.name', roleRef.name, 'the construct takes a DNS-1123 subdomain');
  const kinds = cluster ? ['ClusterRole'] : ['Role', 'ClusterRole'];
  if (!kinds.includes(String(roleRef.kind))) problems.add('roleRef.kind', roleRef.kind, `the construct grants ${kinds.join(' or ')}`);
  const list = asList(o.subjects);
  if (list.length === 0) problems.add('subjects', o.subjects, 'the construct takes at least one subject');
  const subjects = list.map((raw, i) => subjectCode(ctx, asObject(raw) ?? {}, `subjects[${i}]`, problems, namespace, refs, cluster));
  // The role is named last: a reference by name is declared in the module only for a binding that is written.
  if (problems.list.length > 0) return {};
  return { role: roleRef.kind === 'Role' ? refs.role(roleName) : refs.clusterRole(roleName), subjects };
}

/** A binding's subject as a ServiceAccount variable or a `Subject`. */
function subjectCode(ctx: ImportContext, s: Json, at: string, problems: Problems, namespace: string, refs: TenancyRefs, cluster: boolean): Printable {
  const name = typeof s.name === 'string' ? s.name : '';
  if (s.kind === 'User' || s.kind === 'Group') {
    problems.keys(s, `${at}.`, ['kind', 'name', 'apiGroup'], `a ${s.kind} subject`);
    if (s.apiGroup !== undefined && s.apiGroup !== RBAC_GROUP) {
      problems.add(`${at}.apiGroup`, s.apiGroup, `the construct writes ${RBAC_GROUP}`);
    }
    if (name === '') problems.add(`${at}.name`, s.name, 'the construct takes a non-empty name');
    return code(`${ctx.need('Subject')}.${s.kind === 'User' ? 'user' : 'group'}(${quote(name)})`);
  }
  if (s.kind !== 'ServiceAccount') {
    problems.add(`${at}.kind`, s.kind, 'the construct takes User, Group or ServiceAccount subjects');
    return undefined;
  }
  problems.keys(s, `${at}.`, ['kind', 'name', 'namespace', 'apiGroup'], 'a ServiceAccount subject');
  if (s.apiGroup !== undefined && s.apiGroup !== '') {
    problems.add(`${at}.apiGroup`, s.apiGroup, 'the construct writes none (the core group)');
  }
  if (isDns1123Subdomain(name).length > 0) problems.add(`${at}.name`, s.name, 'the construct takes a DNS-1123 subdomain');
  const ns = typeof s.namespace === 'string' ? s.namespace : '';
  if (ns === '') {
    problems.add(`${at}.namespace`, s.namespace, `the construct writes the binding's namespace ("${namespace}") where none is given`);
    return undefined;
  }
  if (isDns1123Label(ns).length > 0) problems.add(`${at}.namespace`, ns, 'the construct takes a DNS-1123 label');
  const account = ns === namespace ? refs.serviceAccount(name) : undefined;
  if (account !== undefined) return account;
  const inBinding = ns === namespace && !cluster;
  return code(`${ctx.need('Subject')}.serviceAccount(${quote(name)}${inBinding ? '' : `, ${quote(ns)}`})`);
}

/** The ResourceQuota fields the construct writes: its `hard` keys by QuotaOptions prop, quantities and counts. */
const QUOTA_QUANTITIES: Readonly<Record<string, string>> = {
  'requests.cpu': 'requestsCpu', 'requests.memory': 'requestsMemory', 'limits.cpu': 'limitsCpu', 'limits.memory': 'limitsMemory',
  'requests.storage': 'requestsStorage',
};
const QUOTA_COUNTS: Readonly<Record<string, string>> = { pods: 'pods', persistentvolumeclaims: 'persistentVolumeClaims', 'services.loadbalancers': 'loadBalancers' };
/** The short names the API accepts in a quota that the construct writes under their long name. */
const QUOTA_ALIASES: Readonly<Record<string, string>> = { cpu: 'requests.cpu', memory: 'requests.memory' };

/** A ResourceQuota's `hard`, as QuotaOptions. */
function quotaCode(o: Json, problems: Problems): Record<string, Printable> {
  problems.keys(o, '', ['apiVersion', 'kind', 'metadata', 'spec'], 'a ResourceQuota');
  const spec = asObject(o.spec) ?? {};
  problems.keys(spec, 'spec.', ['hard'], 'the construct\'s quota');
  const hard = asObject(spec.hard) ?? {};
  if (Object.keys(hard).length === 0) problems.add('spec.hard', spec.hard, 'the construct takes at least one limit');
  const out: Record<string, Printable> = {};
  for (const [key, value] of Object.entries(hard)) {
    const at = `spec.hard['${key}']`;
    const text = typeof value === 'number' ? String(value) : value;
    const nanos = typeof text === 'string' ? parseQuantity(text) : undefined;
    if (entry(QUOTA_ALIASES, key) !== undefined) {
      problems.add(at, value, `the construct writes it as ${entry(QUOTA_ALIASES, key)}, which means the same`);
    } else if (entry(QUOTA_QUANTITIES, key) === undefined && entry(QUOTA_COUNTS, key) === undefined) {
      problems.add(at, value, `the construct limits ${[...Object.keys(QUOTA_QUANTITIES), ...Object.keys(QUOTA_COUNTS)].join(', ')}`);
    } else if (nanos === undefined || nanos < 0n) {
      problems.add(at, value, 'the construct takes a quantity of at least 0');
    } else if (entry(QUOTA_QUANTITIES, key) !== undefined) {
      out[entry(QUOTA_QUANTITIES, key)!] = text as string;
    } else if (nanos % 1_000_000_000n !== 0n || nanos / 1_000_000_000n > BigInt(Number.MAX_SAFE_INTEGER)) {
      problems.add(at, value, 'the construct takes a whole number');
    } else {
      out[entry(QUOTA_COUNTS, key)!] = Number(nanos / 1_000_000_000n);
    }
  }
  return out;
}

/** A LimitRange item's lists by LimitRangeOptions prop, and their resources by ResourceAmounts prop. */
const LIMIT_PARTS: Readonly<Record<string, string>> = { defaultRequest: 'defaultRequest', default: 'defaultLimit', max: 'max', min: 'min' };
const LIMIT_RESOURCES: Readonly<Record<string, string>> = { cpu: 'cpu', memory: 'memory', 'ephemeral-storage': 'ephemeralStorage' };

/** A LimitRange's one Container item, as LimitRangeOptions. */
function limitRangeBody(o: Json, problems: Problems): Record<string, Printable> {
  problems.keys(o, '', ['apiVersion', 'kind', 'metadata', 'spec'], 'a LimitRange');
  const spec = asObject(o.spec) ?? {};
  problems.keys(spec, 'spec.', ['limits'], 'the construct\'s LimitRange');
  const limits = asList(spec.limits);
  if (limits.length !== 1) problems.add('spec.limits', spec.limits, 'the construct writes one item, of type Container');
  const item = asObject(limits[0]) ?? {};
  if (item.type !== 'Container') problems.add('spec.limits[0].type', item.type, 'the construct writes Container');
  problems.keys(item, 'spec.limits[0].', ['type', ...Object.keys(LIMIT_PARTS)], 'the construct\'s Container item');
  const out: Record<string, Printable> = {};
  const amounts: Record<string, Record<string, string>> = {};
  for (const [part, prop] of Object.entries(LIMIT_PARTS)) {
    if (item[part] === undefined) continue;
    const list = asObject(item[part]);
    if (list === undefined) {
      problems.add(`spec.limits[0].${part}`, item[part], 'the construct takes cpu, memory and ephemeral-storage amounts');
      continue;
    }
    const values: Record<string, string> = {};
    for (const [resource, value] of Object.entries(list)) {
      const text = typeof value === 'number' ? String(value) : value;
      const nanos = typeof text === 'string' ? parseQuantity(text) : undefined;
      if (entry(LIMIT_RESOURCES, resource) === undefined) {
        problems.add(`spec.limits[0].${part}['${resource}']`, value, 'the construct takes cpu, memory and ephemeral-storage');
      } else if (nanos === undefined || nanos < 0n) {
        problems.add(`spec.limits[0].${part}.${resource}`, value, 'the construct takes a quantity of at least 0');
      } else values[entry(LIMIT_RESOURCES, resource)!] = text as string;
    }
    amounts[part] = values;
    if (Object.keys(values).length > 0) out[prop] = values;
  }
  if (Object.keys(out).length === 0) {
    problems.add('spec.limits[0]', limits[0], 'the construct takes at least one of default, defaultRequest, max, min');
  }
  for (const [resource, value] of Object.entries(amounts.min ?? {})) {
    const max = amounts.max?.[resource];
    if (max !== undefined && compareQuantities(value, max) > 0) {
      problems.add(`spec.limits[0].min.${resource}`, value, `the construct takes a min of at most the max (${max})`);
    }
  }
  return out;
}

/** A PriorityClass's value, default, preemption policy and description. */
function priorityClassBody(o: Json, problems: Problems): Record<string, Printable> {
  problems.keys(o, '', ['apiVersion', 'kind', 'metadata', 'value', 'globalDefault', 'preemptionPolicy', 'description'], 'a PriorityClass');
  const name = String(asObject(o.metadata)?.name);
  if (name.startsWith('system-')) problems.add('metadata.name', name, 'names starting with "system-" are the system\'s');
  const out: Record<string, Printable> = {};
  if (typeof o.value !== 'number' || !Number.isInteger(o.value) || o.value < -2147483648 || o.value > 1000000000) {
    problems.add('value', o.value, 'the construct takes an integer from -2147483648 to 1000000000');
  }
  out.value = o.value as number;
  if (o.globalDefault !== undefined && typeof o.globalDefault !== 'boolean') {
    problems.add('globalDefault', o.globalDefault, 'true or false');
  } else if (o.globalDefault === true) out.globalDefault = true;
  if (o.preemptionPolicy === 'Never') out.preempt = false;
  else if (o.preemptionPolicy !== undefined && o.preemptionPolicy !== 'PreemptLowerPriority') {
    problems.add('preemptionPolicy', o.preemptionPolicy, 'the construct writes PreemptLowerPriority or Never');
  }
  if (o.description !== undefined && (typeof o.description !== 'string' || o.description === '')) {
    problems.add('description', o.description, 'the construct takes a non-empty text');
  } else if (typeof o.description === 'string') out.description = o.description;
  return out;
}
