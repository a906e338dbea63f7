import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { importByName } from '../core/_external';
import { createL1Object } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { checkPolicyRules, renderPolicyRules } from './_rbac';
import { ClusterRoleRef } from './cluster-role-ref';
import { PolicyRule } from './role';

/**
 * A ClusterRole, defined in the stack or imported by name (`ClusterRole.fromClusterRoleName()`): what a
 * ClusterRoleBinding grants cluster-wide, or a RoleBinding within its namespace.
 */
export interface IClusterRole extends IConstruct {
  /** The ClusterRole's name. */
  readonly clusterRoleName: string;
}

/** Props of a `ClusterRole`. */
export interface ClusterRoleProps extends ConstructMetadataProps {
  /**
   * The ClusterRole's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The permissions: verbs on resources (of every namespace, or of the binding's namespace when a RoleBinding grants
   * the role), or on non-resource URLs (`nonResourceURLs`). Required unless `aggregationSelectors` is set, which
   * takes none.
   *
   * @default none (only with `aggregationSelectors`)
   */
  readonly rules?: PolicyRule[];

  /**
   * The built-in user-facing roles this role's rules are added to (`ClusterRoleRef.ADMIN`, `EDIT`, `VIEW`): the
   * label `rbac.authorization.k8s.io/aggregate-to-<role>: "true"` for each, which those roles select, e.g. to let
   * namespace editors use a custom resource.
   *
   * @default none
   * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles
   */
  readonly aggregateTo?: ClusterRoleRef[];

  /**
   * Makes this an aggregated ClusterRole: its rules are those of every ClusterRole whose labels match one of these
   * (the control plane fills them in), e.g. `[{ 'rbac.example.com/aggregate-to-monitoring': 'true' }]`.
   *
   * @default none: the role has its own `rules`
   */
  readonly aggregationSelectors?: Array<Record<string, string>>;
}

const AGGREGATE_TO_PREFIX = 'rbac.authorization.k8s.io/aggregate-to-';

/**
 * Permissions cluster-wide or on any namespace (rbac.authorization.k8s.io/v1): granted everywhere by a
 * `ClusterRoleBinding`, or within one namespace by a `RoleBinding`. Cluster-scoped: it has no namespace and is
 * written to `_cluster/`.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 * @example
 * const nodeReader = new ClusterRole(stack, 'node-reader', { rules: [{ resources: ['nodes'], verbs: ['get', 'list', 'watch'] }] });
 * new ClusterRoleBinding(stack, 'exporter-nodes', { role: nodeReader, subjects: [exporterAccount] });
 */
export class ClusterRole extends Construct implements IClusterRole {
  /** Whether `x` is a `ClusterRole` of a stack, also across copies of this package. */
  public static isClusterRole(x: unknown): x is ClusterRole {
    return hasBrand(x, 'ClusterRole');
  }

  /**
   * References a ClusterRole that exists outside the synthesized output (a platform team's, a controller's), by
   * name (a DNS-1123 subdomain); bindings take it wherever they take a `ClusterRoleRef`. The reference is declared, so checks do not report it as missing.
   *
   * @param scope the scope of the reference
   * @param id the reference's construct id
   * @param clusterRoleName the existing ClusterRole's name
   */
  public static fromClusterRoleName(scope: Construct, id: string, clusterRoleName: string): IClusterRole {
    return importByName(scope, id, 'ClusterRole.fromClusterRoleName()', 'ClusterRole', 'clusterRoleName', clusterRoleName);
  }

  /** The ClusterRole's name. */
  public readonly clusterRoleName: string;
  /** The ClusterRole API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ClusterRoleProps) {
    super(scope, id);
    const p = props ?? ({} as ClusterRoleProps);
    const stack = findStack(this, 'ClusterRole');
    const check = new PropChecker(this, 'ClusterRole');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    const selectors = p.aggregationSelectors;
    if (selectors !== undefined) {
      if (!Array.isArray(selectors) || selectors.length === 0) {
        check.fail('aggregationSelectors', selectors, 'a non-empty array of label sets, e.g. [{ "rbac.example.com/aggregate-to-monitoring": "true" }]');
      } else {
        selectors.forEach((s, i) => {
          if (check.labels(`aggregationSelectors[${i}]`, s) && Object.keys(s).length === 0) {
            check.fail(`aggregationSelectors[${i}]`, s, 'at least one label (an empty selector would aggregate every ClusterRole)');
          }
        });
      }
      if (p.rules !== undefined) check.fail('rules', p.rules, 'nothing with aggregationSelectors: the rules of an aggregated ClusterRole are filled in by the control plane');
    } else {
      checkPolicyRules(check, p.rules, { cluster: true, required: true });
    }
    const aggregateLabels: Record<string, string> = {};
    if (p.aggregateTo !== undefined) {
      if (!Array.isArray(p.aggregateTo)) {
        check.fail('aggregateTo', p.aggregateTo, 'an array of ClusterRoleRef.ADMIN, ClusterRoleRef.EDIT or ClusterRoleRef.VIEW');
      } else {
        p.aggregateTo.forEach((r, i) => {
          if (ClusterRoleRef.isClusterRoleRef(r)) aggregateLabels[`${AGGREGATE_TO_PREFIX}${r.name}`] = 'true';
          else check.fail(`aggregateTo[${i}]`, r, 'ClusterRoleRef.ADMIN, ClusterRoleRef.EDIT or ClusterRoleRef.VIEW');
        });
      }
    }
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'ClusterRoleProps');
    check.throwIfInvalid();

    this.clusterRoleName = name;
    this.apiObject = createL1Object(this, 'Resource', 'KubeClusterRole', {
      metadata: {
        name, labels: recommendedLabels(stack, { name, component: 'rbac' }, aggregateLabels, metadata.labels), annotations: metadata.annotations,
      },
      aggregationRule: selectors ? { clusterRoleSelectors: selectors.map((s) => ({ matchLabels: { ...s } })) } : undefined,
      rules: p.rules ? renderPolicyRules(p.rules) : undefined,
    });
    this.node.defaultChild = this.apiObject;
    // A ClusterRole is cluster-scoped: it must not carry the chart's namespace.
    if (this.apiObject.chart.namespace !== undefined) this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}

brand(ClusterRole, 'ClusterRole');
