import { ApiObject, JsonPatch, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { createL1Object } from '../core/_k8s';
import { markExternal } from '../core/_external';
import { isPlainRecord, PropChecker } from '../core/_props';
import { enclosingEnvironment, findStack, recommendedLabels } from '../core/labels';
import { capacitySharesIn } from '../core/_capacity';
import { kubernetesVersionOf } from '../core/kubernetes-version';
import { apiObjectsOf, checkMetadata, ConstructMetadataProps, ObjectMetadata } from '../core/metadata';
import { INamespace } from '../core/namespace-ref';
import { IServiceAccount } from '../core/service-account-ref';
import { NAMESPACE_NAME_LABEL } from '../networking/network-peer';
import { DNS_EGRESS_RULE, NetworkPolicy } from '../networking/network-policy';
import { quotaFitProblems } from './_quota-fit';
import { IClusterRole } from './cluster-role';
import { ClusterRoleRef } from './cluster-role-ref';
import { checkLimitRange, LimitRange, LimitRangeOptions } from './limit-range';
import { PodSecurityLevel } from './pod-security-level';
import { checkQuota, QuotaOptions, ResourceQuota } from './resource-quota';
import { IRole } from './role';
import { RoleBinding } from './role-binding';
import { Subject } from './subject';

/**
 * Options of a namespace, as an `AppStack` passes them on to the namespace it creates. `metadata` lands on the
 * Namespace and on every object it creates (its default-deny policy, quota, limit range and role bindings).
 */
export interface NamespaceOptions extends ConstructMetadataProps {
  /**
   * The Pod Security Standards level the namespace enforces, audits and warns on.
   *
   * @default PodSecurityLevel.RESTRICTED
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
   */
  readonly podSecurity?: PodSecurityLevel;

  /**
   * The version of the Pod Security Standards the namespace enforces, audits and warns on, as `v1.N` or `latest`
   * (the `pod-security.kubernetes.io/<mode>-version` labels). Pinning an older version keeps its controls when the
   * cluster is upgraded; validation checks the namespace's pods against the version pinned.
   *
   * @default `v` and the Kubernetes version the namespace's environment or app targets (`kubernetesVersion`), e.g.
   * "v1.33": the controls the output is validated against
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
   */
  readonly podSecurityVersion?: string;

  /**
   * Whether a `default-deny` NetworkPolicy blocks all ingress and egress of the namespace's pods except DNS
   * lookups. Workloads then talk only as `connectTo()`, `allowFrom()`, `allowTo()` and Ingresses allow, and
   * LoadBalancer/NodePort services accept traffic from anywhere on their ports.
   *
   * @default false: opt in (egress to databases and APIs outside the cluster must then be allowed with `allowTo()`)
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
   */
  readonly defaultDenyNetwork?: boolean;

  /**
   * A ResourceQuota for the namespace. At synthesis, the workloads of the namespace must fit it at their highest
   * scale (replicas or autoscaler maximum) plus rollout surge, or nothing is written.
   *
   * @default no quota
   */
  readonly quota?: QuotaOptions;

  /**
   * A LimitRange: per-container default requests and limits, and bounds.
   *
   * @default none
   */
  readonly limits?: LimitRangeOptions;

  /**
   * Groups granted the built-in `admin`, `edit` and `view` ClusterRoles within the namespace (one RoleBinding
   * each, named `<namespace>-admin`, ...). More with `grant()`.
   *
   * @default no bindings
   */
  readonly access?: NamespaceAccess;
}

/** Groups granted access to a namespace. */
export interface NamespaceAccess {
  /**
   * Groups with full control of the namespace's objects, including Roles and RoleBindings.
   *
   * @default none
   */
  readonly admins?: string[];

  /**
   * Groups that read and write the namespace's objects.
   *
   * @default none
   */
  readonly editors?: string[];

  /**
   * Groups that read the namespace's objects (not Secrets).
   *
   * @default none
   */
  readonly viewers?: string[];
}

/** Props of a `Namespace`. */
export interface NamespaceProps extends NamespaceOptions {
  /**
   * The namespace's name: a DNS-1123 label.
   *
   * @default the construct id
   */
  readonly name?: string;
}

/**
 * A Kubernetes Namespace with Pod Security admission labels.
 *
 * By default the namespace enforces, audits and warns on the "restricted" Pod Security Standard of the Kubernetes
 * version its environment or app targets (`kubernetesVersion`), so a pod that is not hardened is refused by the API
 * server, not just flagged, and the controls applied are the ones the output was validated against. Every
 * `AppStack` creates one for its namespace unless told not to.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
 * @example
 * new Namespace(stack, 'legacy', { podSecurity: PodSecurityLevel.BASELINE });
 */
export class Namespace extends Construct implements INamespace {
  /**
   * References a namespace that exists outside the synthesized output (another stack's, a platform team's), by
   * name: network peers, policies, roles and bindings take it wherever they take a namespace. The reference is
   * declared, so checks do not report it as missing.
   *
   * @param scope the scope of the reference
   * @param id the reference's construct id
   * @param namespaceName the existing namespace's name (a DNS-1123 label)
   */
  public static fromNamespaceName(scope: Construct, id: string, namespaceName: string): INamespace {
    return new ImportedNamespace(scope, id, namespaceName);
  }

  /** The namespace's name. */
  public readonly name: string;
  /** The Pod Security Standards level the namespace enforces. */
  public readonly podSecurity: PodSecurityLevel;
  /**
   * The Namespace API object (the escape hatch: `addJsonPatch()`, `metadata.addLabel()`; also `ApiObject.of()`).
   * `apiObjects` has the objects the namespace creates besides it.
   */
  public readonly apiObject: ApiObject;
  /** Whether the namespace denies traffic by default. */
  public readonly defaultDenyNetwork: boolean;
  /** The default-deny NetworkPolicy, when `defaultDenyNetwork` is on. */
  public readonly defaultDenyPolicy?: NetworkPolicy;
  /** The ResourceQuota, when `quota` is set. */
  public readonly resourceQuota?: ResourceQuota;
  /** The LimitRange, when `limits` is set. */
  public readonly limitRange?: LimitRange;
  /** The RoleBindings made by `access` and `grant()`. */
  public readonly roleBindings: RoleBinding[] = [];
  /** The `podSecurityVersion` prop, if it was set. */
  private readonly pinnedPodSecurityVersion?: string;
  /** The `metadata` prop, as checked: for every object the namespace creates. */
  private readonly metadata: ObjectMetadata;

  constructor(scope: Construct, id: string, props: NamespaceProps = {}) {
    super(scope, id);
    const stack = findStack(this, 'Namespace');
    const check = new PropChecker(this, 'Namespace');
    const name = props.name ?? id;
    check.name('name', name, 'dns1123-label');
    const podSecurity = props.podSecurity ?? PodSecurityLevel.RESTRICTED;
    if (!PodSecurityLevel.isPodSecurityLevel(podSecurity)) {
      check.fail('podSecurity', podSecurity, 'PodSecurityLevel.RESTRICTED, PodSecurityLevel.BASELINE or PodSecurityLevel.PRIVILEGED');
    }
    const pinned = props.podSecurityVersion;
    if (pinned !== undefined && (typeof pinned !== 'string' || !/^(latest|v1\.(0|[1-9][0-9]{0,2}))$/.test(pinned))) {
      check.fail('podSecurityVersion', pinned, '"latest" or a Kubernetes minor version such as "v1.33"');
    }
    const metadata = checkMetadata(check, props, {
      [NAMESPACE_NAME_LABEL]: "the API server sets it to the namespace's name, and network policies select namespaces by it",
    });
    if (props.defaultDenyNetwork !== undefined) check.boolean('defaultDenyNetwork', props.defaultDenyNetwork);
    if (props.quota !== undefined) checkQuota(check, 'quota', props.quota);
    if (props.limits !== undefined) checkLimitRange(check, 'limits.', props.limits);
    const access: NamespaceAccess = props.access ?? {};
    if (!isPlainRecord(access as unknown)) check.fail('access', access, 'an object { admins?, editors?, viewers? }');
    for (const key of ['admins', 'editors', 'viewers'] as const) {
      if (isPlainRecord(access as unknown) && access[key] !== undefined) check.stringList(`access.${key}`, access[key], false);
    }
    check.knownKeys('', props, 'NamespaceProps');
    check.throwIfInvalid();

    this.name = name;
    this.podSecurity = podSecurity;
    this.pinnedPodSecurityVersion = pinned;
    const level = podSecurity.value;
    // Rendered at synthesis, from the version targeted where the namespace is (its environment's, else the app's).
    const version = Lazy.any({ produce: () => this.podSecurityVersion }) as unknown as string;
    this.apiObject = createL1Object(this, 'Resource', 'KubeNamespace', {
      metadata: {
        name,
        labels: recommendedLabels(stack, { name, component: 'namespace' }, {
          [NAMESPACE_NAME_LABEL]: name,
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/enforce-version': version,
          'pod-security.kubernetes.io/audit': level,
          'pod-security.kubernetes.io/audit-version': version,
          'pod-security.kubernetes.io/warn': level,
          'pod-security.kubernetes.io/warn-version': version,
        }, metadata.labels),
        annotations: metadata.annotations,
      },
    });
    this.node.defaultChild = this.apiObject;
    this.metadata = metadata;
    // A Namespace is cluster-scoped: it must not carry the chart's namespace.
    if (this.apiObject.chart.namespace !== undefined) {
      this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }

    this.defaultDenyNetwork = props.defaultDenyNetwork ?? false;
    if (this.defaultDenyNetwork) {
      this.defaultDenyPolicy = new NetworkPolicy(this, 'DefaultDeny', {
        name: 'default-deny', namespace: name, ingress: [], egress: [DNS_EGRESS_RULE], component: 'namespace', metadata,
      });
    }
    if (props.quota !== undefined) {
      this.resourceQuota = new ResourceQuota(this, 'Quota', { name: `${name}-quota`, namespace: name, hard: props.quota, metadata });
      const hard = props.quota;
      this.node.addValidation({
        validate: () => quotaFitProblems(name, hard, props.limits, capacitySharesIn(enclosingEnvironment(this) ?? this.node.root, name)),
      });
    }
    if (props.limits !== undefined) {
      this.limitRange = new LimitRange(this, 'Limits', { name: `${name}-limits`, namespace: name, ...props.limits, metadata });
    }
    if (isPlainRecord(access as unknown)) {
      const roles: Array<[string[] | undefined, ClusterRoleRef]> = [[access.admins, ClusterRoleRef.ADMIN], [access.editors, ClusterRoleRef.EDIT], [access.viewers, ClusterRoleRef.VIEW]];
      for (const [groups, role] of roles) {
        if (groups && groups.length > 0) this.grant(role, ...groups.map((g) => Subject.group(g)));
      }
    }
  }

  /** The namespace's name (as `name`; what `INamespace` references). */
  public get namespaceName(): string {
    return this.name;
  }

  /** Every API object the namespace created: the Namespace first, then its policy, quota, limits and bindings. */
  public get apiObjects(): ApiObject[] {
    return apiObjectsOf(this);
  }

  /**
   * The version of the Pod Security Standards the namespace applies (its `-version` labels): the
   * `podSecurityVersion` prop, else `v` and the Kubernetes version targeted (`kubernetesVersionOf()`), e.g. "v1.33".
   */
  public get podSecurityVersion(): string {
    return this.pinnedPodSecurityVersion ?? `v${kubernetesVersionOf(this)}`;
  }

  /**
   * Grants a role within the namespace (a RoleBinding named `<namespace>-<role>`, or `-2`, `-3`... when taken): a
   * `Role` (or `Role.fromRoleName()`), or a ClusterRole (`ClusterRole`, `ClusterRole.fromClusterRoleName()`,
   * `ClusterRoleRef.ADMIN`, `EDIT`, `VIEW`), to Subjects or ServiceAccounts.
   *
   * @example
   * ns.grant(ClusterRoleRef.VIEW, Subject.group('auditors'), deployBot);
   */
  public grant(role: IRole | IClusterRole | ClusterRoleRef, ...subjects: Array<Subject | IServiceAccount>): RoleBinding {
    const r = role as { name?: unknown; roleName?: unknown; clusterRoleName?: unknown } | undefined;
    const base = `${this.name}-${String(ClusterRoleRef.isClusterRoleRef(r) ? r.name : r?.clusterRoleName ?? r?.roleName)}`;
    let id = base;
    for (let n = 2; this.node.tryFindChild(id); n++) id = `${base}-${n}`;
    const binding = new RoleBinding(this, id, { name: id, namespace: this.name, role, subjects, metadata: this.metadata });
    this.roleBindings.push(binding);
    return binding;
  }
}

class ImportedNamespace extends Construct implements INamespace {
  public readonly namespaceName: string;

  constructor(scope: Construct, id: string, namespaceName: string) {
    super(scope, id);
    const check = new PropChecker(this, 'Namespace.fromNamespaceName()');
    check.name('namespaceName', namespaceName, 'dns1123-label');
    check.throwIfInvalid();
    this.namespaceName = namespaceName;
    markExternal(this, { kind: 'Namespace', name: namespaceName });
  }
}
