import { isAtLeast } from '../core/kubernetes-version';
import { ManifestObject } from '../core/manifest-object';
import type { Severity } from './finding';
import type { ObjectIndex } from './object-index';
import type { ValidationPreset } from './presets';
import { podRule, Rule, RuleContext } from './rule';
import { ContainerRef, containersOf, PodTemplateRef } from './_pod';
import { groupOf, isObject, namespaceOf, received } from './_util';

/**
 * The Pod Security Standards versions one pod is checked against.
 *
 * The PodSecurity admission controller of a cluster evaluates a pod with its own code at the policy version its
 * namespace's `pod-security.kubernetes.io/enforce-version` label names (`latest`, or a version newer than the
 * cluster's, is the cluster's own). Most changes to the standards are tied to a policy version (a namespace that
 * pins `v1.28` on a 1.33 cluster keeps the 1.28 list of safe sysctls); a few were made to the controller's code
 * for every policy version at once (the `appArmorProfile` field from 1.30, `image` volumes from 1.33) and follow
 * the cluster's version.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
 * @internal
 */
export interface PssVersions {
  /** The policy version applied, as `1.N`: the namespace's `enforce-version` (at most the cluster's), else the cluster's. */
  readonly policy: string;
  /** The Kubernetes version of the cluster (the version validated for), as `1.N`. */
  readonly cluster: string;
  /** The namespace whose `enforce-version` label set `policy`, when one did and it differs from the cluster's. */
  readonly pinnedBy?: string;
  /**
   * The level the pod's Namespace enforces (its `pod-security.kubernetes.io/enforce` label, `baseline` or
   * `restricted`), when that Namespace is among the objects validated.
   */
  readonly enforced?: PssEnforcement;
  /**
   * When the pod's Namespace is among the objects validated: the strictest level it warns on or audits (its
   * `pod-security.kubernetes.io/warn` and `audit` labels), `privileged` when neither names baseline or restricted.
   * Controls of a stricter level than this and than `enforced` are the namespace's explicit opt-out: not reported.
   */
  readonly warned?: 'privileged' | 'baseline' | 'restricted';
}

/** A Namespace among the objects validated that enforces a Pod Security level: PodSecurity admission rejects pods that violate it. @internal */
export interface PssEnforcement {
  /** The Namespace's name. */
  readonly namespace: string;
  /** The level its `pod-security.kubernetes.io/enforce` label names. */
  readonly level: 'baseline' | 'restricted';
}

/**
 * The validator's context as Pod Security rules see it: a violation of the level the pod's Namespace enforces is
 * reported with `reportEnforced`, at the rule's enforced severity (`enforcedSeverityOf()`), not its policy one.
 *
 * @internal
 */
export interface PssRuleContext extends RuleContext {
  /** Reports a violation of the level the pod's Namespace enforces: what PodSecurity admission rejects. */
  reportEnforced(field: string, message: string): void;
}

/** What one Pod Security Standards control checks in one pod template. @internal */
export interface PssControl {
  /** The rule id: `pss-baseline-<control>` or `pss-restricted-<control>`. */
  readonly id: string;
  /** The control's name in the Pod Security Standards, e.g. "Host Namespaces". */
  readonly control: string;
  readonly level: 'baseline' | 'restricted';
  readonly description: string;
  /** What to change to fix a finding, in one sentence (the rule's `remediation`). */
  readonly remediation: string;
  /**
   * Whether the standard leaves Windows pods (`spec.os.name: windows`) out of the control, which it does from
   * policy version 1.25 for the restricted controls of Linux-only fields.
   */
  readonly skipWindows?: boolean;
  /** The first policy version with the control, as `1.N`. @default every version */
  readonly since?: string;
  check(pod: PodTemplateRef, report: (field: string, message: string) => void, versions: PssVersions): void;
}

/** The policy version from which the restricted controls of Linux-only fields leave Windows pods out. */
const WINDOWS_EXEMPT_SINCE = '1.25';

/**
 * The oldest policy version the rules tell apart: 1.22, the first release of the PodSecurity admission controller.
 * A namespace pinned to an older version is checked as 1.22 (older policy versions differ only in controls of
 * fields and annotations that no current cluster serves).
 */
const OLDEST_POLICY_MINOR = 22;

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION_LABEL = `${ENFORCE_LABEL}-version`;

/** The rules `pssRule()` made. */
const PSS_RULES = new WeakSet<Rule>();

/**
 * The severity of `rule`'s findings in a namespace that enforces its level, under `preset`, or `undefined` for a rule
 * that is not a Pod Security rule (or that the preset turns off by its id).
 *
 * PodSecurity admission rejects such pods, so these findings are what the API server rejects: they get the severity
 * an `api` rule of severity `error` has under the preset (an error under RECOMMENDED, STRICT and API_ONLY alike),
 * unless a custom preset names the rule's id, whose severity then applies to every finding of the rule.
 *
 * @internal
 */
export function enforcedSeverityOf(rule: Rule, preset: ValidationPreset): Severity | undefined {
  if (!PSS_RULES.has(rule)) return undefined;
  return preset.severityOf({ ...rule, layer: 'api', severity: 'error' });
}

/**
 * A policy rule for one Pod Security Standards control, applied to every pod template at the versions
 * `pssVersionsOf()` gives it.
 *
 * When the pod's Namespace is among the objects validated and its `pod-security.kubernetes.io/enforce` label names
 * the control's level or a stricter one, PodSecurity admission rejects the pods: the finding is reported once, with
 * `reportEnforced()` (at `enforcedSeverityOf()`), its message saying which namespace enforces what and that the API
 * server rejects the pods. When that Namespace does not enforce the control's level but warns on or audits it, the
 * finding is reported with `report()`, at the preset's severity, as the API server warns. When it does neither
 * (`privileged`, or `baseline` for a restricted control), the namespace's labels are the user's explicit opt-out and
 * nothing is reported. A pod whose Namespace is not among the objects is reported with `report()`. PodSecurity
 * exemptions (users, runtime classes, namespaces of the
 * admission configuration) are not known here: a suppression of the rule stands for one.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * @see https://github.com/kubernetes/kubernetes/tree/master/staging/src/k8s.io/pod-security-admission/policy
 * @internal
 */
export function pssRule(control: PssControl): Rule {
  const rule = podRule({
    id: control.id,
    description: `Pod Security Standards (${control.level}), ${control.control}: ${control.description}`,
    remediation: control.remediation,
    layer: 'policy',
    severity: 'warning',
    checkPod(pod, ctx, object) {
      const versions = pssVersionsOf(object, ctx);
      if (control.since !== undefined && !isAtLeast(versions.policy, control.since)) return;
      if (control.skipWindows && isAtLeast(versions.policy, WINDOWS_EXEMPT_SINCE) && isObject(pod.spec.os) && pod.spec.os.name === 'windows') return;
      const which = versions.pinnedBy === undefined ? `v${versions.policy}`
        : `v${versions.policy}, the enforce-version of Namespace ${versions.pinnedBy}`;
      const about = `(Pod Security Standards ${which}; ${control.level}: ${control.control})`;
      const enforced = versions.enforced;
      if (enforced && covers(enforced.level, control.level)) {
        const rejected = `namespace ${enforced.namespace} enforces ${enforced.level} (v${versions.policy}, label ${ENFORCE_LABEL}): ` +
          `the API server rejects ${object.kind === 'Pod' ? 'this pod' : 'these pods'} ${about}`;
        const reportEnforced = 'reportEnforced' in ctx
          ? (field: string, message: string): void => (ctx as PssRuleContext).reportEnforced(field, message)
          : (field: string, message: string): void => ctx.report(field, message);
        control.check(pod, (field, message) => reportEnforced(field, `${message}; ${rejected}`), versions);
        return;
      }
      if (versions.warned !== undefined && !covers(versions.warned, control.level)) return;
      control.check(pod, (field, message) => ctx.report(field, `${message} ${about}`), versions);
    },
  });
  PSS_RULES.add(rule);
  return rule;
}

/** The versions of each namespace, by the index of the objects validated together. */
const versionsCache = new WeakMap<ObjectIndex, Map<string, PssVersions>>();

/**
 * The Pod Security Standards versions a pod of `o` is checked against: the cluster's (`ctx.kubernetesVersion`), and
 * the policy version of its namespace, as the `pod-security.kubernetes.io/enforce-version` label of its Namespace
 * among the objects validated names it (`v1.N`; `latest`, an invalid value or no Namespace: the cluster's).
 *
 * @internal
 */
function pssVersionsOf(o: ManifestObject, ctx: RuleContext): PssVersions {
  // Every Pod Security rule asks for the object being validated, one after another.
  if (o === last.object && ctx === last.ctx) return last.versions!;
  const versions = computeVersions(o, ctx);
  last.object = o;
  last.ctx = ctx;
  last.versions = versions;
  return versions;
}

/** The object `pssVersionsOf()` was last asked for, with its context and versions (replaced by the next). */
const last: { object?: ManifestObject; ctx?: RuleContext; versions?: PssVersions } = {};

function computeVersions(o: ManifestObject, ctx: RuleContext): PssVersions {
  const cluster = ctx.kubernetesVersion;
  const namespace = namespaceOf(o);
  if (namespace === '') return { policy: cluster, cluster };
  const index = ctx.index;
  let byNamespace = versionsCache.get(index);
  if (!byNamespace) {
    byNamespace = new Map();
    versionsCache.set(index, byNamespace);
  }
  const key = `${cluster}|${namespace}`;
  let versions = byNamespace.get(key);
  if (!versions) {
    versions = versionsFor(index, namespace, cluster);
    byNamespace.set(key, versions);
  }
  return versions;
}

function versionsFor(index: ObjectIndex, namespace: string, cluster: string): PssVersions {
  const ns = index.find('Namespace', '', namespace).find((n) => groupOf(n.apiVersion) === '');
  const labels = ns && isObject(ns.metadata) && isObject(ns.metadata.labels) ? ns.metadata.labels : undefined;
  const level = labels?.[ENFORCE_LABEL];
  const enforced: PssEnforcement | undefined = level === 'baseline' || level === 'restricted' ? { namespace, level } : undefined;
  const warned = ns === undefined ? undefined : strictestOf(labels?.[WARN_LABEL], labels?.[AUDIT_LABEL]);
  const pinned = labels ? /^v1\.(0|[1-9][0-9]*)$/.exec(String(labels[ENFORCE_VERSION_LABEL])) : null;
  if (!pinned) return { policy: cluster, cluster, enforced, warned };
  const minor = Math.max(OLDEST_POLICY_MINOR, Number(pinned[1]));
  const policy = `1.${minor}`;
  // A version newer than the cluster's is the cluster's own: its admission controller knows no later one.
  if (isAtLeast(policy, cluster)) return { policy: cluster, cluster, enforced, warned };
  return { policy, cluster, pinnedBy: namespace, enforced, warned };
}

const WARN_LABEL = 'pod-security.kubernetes.io/warn';
const AUDIT_LABEL = 'pod-security.kubernetes.io/audit';

/** The strictest Pod Security level among label values (`privileged` when none names baseline or restricted). */
function strictestOf(...values: unknown[]): 'privileged' | 'baseline' | 'restricted' {
  if (values.includes('restricted')) return 'restricted';
  return values.includes('baseline') ? 'baseline' : 'privileged';
}

/** Whether a namespace at `level` checks the controls of `control` (restricted checks baseline's too). */
function covers(level: 'privileged' | 'baseline' | 'restricted', control: string): boolean {
  return level === 'restricted' || (level === 'baseline' && control === 'baseline');
}

/**
 * Whether the pod runs in a user namespace (`spec.hostUsers: false`).
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/
 * @internal
 */
export function inUserNamespace(pod: PodTemplateRef): boolean {
  return pod.spec.hostUsers === false;
}

/**
 * The policy version from which the standard relaxes controls for pods in a user namespace: baseline's /proc mount
 * type, restricted's running as non-root and non-root user. Before it, only the alpha feature gate
 * `UserNamespacesPodSecurityStandards` (off by default, removed in 1.35) relaxed them; these rules assume it off.
 *
 * @see https://github.com/kubernetes/kubernetes/pull/132157
 * @internal
 */
export const USER_NAMESPACE_RELAXED_SINCE = '1.35';

/** Whether the pod runs in a user namespace and `policy` relaxes controls for it (1.35 and later). @internal */
export function relaxedForUserNamespace(pod: PodTemplateRef, policy: string): boolean {
  return inUserNamespace(pod) && isAtLeast(policy, USER_NAMESPACE_RELAXED_SINCE);
}

/**
 * Reports every container whose `procMount` is set to something other than `Default`.
 *
 * @internal
 */
export function reportProcMounts(pod: PodTemplateRef, report: (field: string, message: string) => void, allowed: string): void {
  for (const c of containersWithContext(pod)) {
    if (c.sc.procMount !== undefined && c.sc.procMount !== 'Default') report(`${c.path}.securityContext.procMount`, received(c.sc.procMount, allowed));
  }
}

/**
 * What the standard allows, with the values later policy versions add: `a, b, c (from v1.32 also d, e)`.
 *
 * @param byVersion the allowed values, each with the first policy version that allows it (`1.0` for the first)
 * @internal
 */
export function allowedAt(byVersion: ReadonlyArray<readonly [string, string]>, policy: string, quote = false): string {
  const q = (v: string): string => (quote ? `"${v}"` : v);
  const now = byVersion.filter(([, since]) => isAtLeast(policy, since)).map(([v]) => q(v));
  const later = new Map<string, string[]>();
  for (const [value, since] of byVersion) {
    if (isAtLeast(policy, since)) continue;
    const list = later.get(since);
    if (list) list.push(q(value));
    else later.set(since, [q(value)]);
  }
  const more = [...later].map(([since, values]) => `from v${since} also ${values.join(', ')}`);
  return `${now.join(', ')}${more.length > 0 ? ` (${more.join('; ')})` : ''}`;
}

/** A container's security context, or an empty one. @internal */
export function securityContextOf(c: ContainerRef): Record<string, any> {
  return isObject(c.container.securityContext) ? c.container.securityContext : {};
}

/** The pod's security context, or an empty one. @internal */
export function podSecurityContextOf(pod: PodTemplateRef): Record<string, any> {
  return isObject(pod.spec.securityContext) ? pod.spec.securityContext : {};
}

/** A container with its security context. @internal */
export type ContainerWithContext = ContainerRef & { readonly sc: Record<string, any> };

const withContexts = new WeakMap<object, ContainerWithContext[]>();
const allContexts = new WeakMap<object, Array<{ path: string; sc: Record<string, any> }>>();

/** Every container, with its security context (computed once per pod template). @internal */
export function containersWithContext(pod: PodTemplateRef): ContainerWithContext[] {
  let list = withContexts.get(pod.spec);
  if (!list) {
    list = containersOf(pod).map((c) => ({ container: c.container, path: c.path, type: c.type, sc: securityContextOf(c) }));
    withContexts.set(pod.spec, list);
  }
  return list;
}

/** The pod's security context and every container's, each with its field path. @internal */
export function allSecurityContexts(pod: PodTemplateRef): Array<{ path: string; sc: Record<string, any> }> {
  let list = allContexts.get(pod.spec);
  if (!list) {
    list = [{ path: `${pod.specPath}.securityContext`, sc: podSecurityContextOf(pod) },
      ...containersWithContext(pod).map((c) => ({ path: `${c.path}.securityContext`, sc: c.sc }))];
    allContexts.set(pod.spec, list);
  }
  return list;
}
