import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { PodSecurityLevel } from './pod-security-level';

/** The Kubernetes version whose Pod Security Standards this library's output is checked against. */
export const POD_SECURITY_VERSION = 'v1.27';

/** Options of a namespace, as an `AppStack` passes them on to the namespace it creates. */
export interface NamespaceOptions {
  /**
   * The Pod Security Standards level the namespace enforces, audits and warns on.
   *
   * @default PodSecurityLevel.RESTRICTED
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
   */
  readonly podSecurity?: PodSecurityLevel;

  /**
   * The Kubernetes minor version of the Pod Security Standards to apply, as `v1.N` or `latest`.
   *
   * @default "v1.27", the version this library's output is validated against
   */
  readonly podSecurityVersion?: string;

  /**
   * Extra labels on the Namespace object.
   *
   * @default none
   */
  readonly labels?: Record<string, string>;

  /**
   * Annotations on the Namespace object.
   *
   * @default none
   */
  readonly annotations?: Record<string, string>;
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
 * By default the namespace enforces, audits and warns on the "restricted" Pod Security Standard for Kubernetes 1.27,
 * so a pod that is not hardened is refused by the API server, not just flagged. Every `AppStack` creates one for
 * its namespace unless told not to.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
 * @example
 * new Namespace(stack, 'legacy', { podSecurity: PodSecurityLevel.BASELINE });
 */
export class Namespace extends Construct {
  /** The namespace's name. */
  public readonly name: string;
  /** The Pod Security Standards level the namespace enforces. */
  public readonly podSecurity: PodSecurityLevel;
  /** The Namespace API object (the escape hatch: `addJsonPatch`, `metadata.addLabel`). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: NamespaceProps = {}) {
    super(scope, id);
    const stack = findStack(this, 'Namespace');
    const check = new PropChecker(this, 'Namespace');
    const name = props.name ?? id;
    check.name('name', name, 'dns1123-label');
    const podSecurity = props.podSecurity ?? PodSecurityLevel.RESTRICTED;
    if (!(podSecurity instanceof PodSecurityLevel)) {
      check.fail('podSecurity', podSecurity, 'PodSecurityLevel.RESTRICTED, PodSecurityLevel.BASELINE or PodSecurityLevel.PRIVILEGED');
    }
    const version = props.podSecurityVersion ?? POD_SECURITY_VERSION;
    if (typeof version !== 'string' || !/^(latest|v1\.(0|[1-9][0-9]{0,2}))$/.test(version)) {
      check.fail('podSecurityVersion', version, '"latest" or a Kubernetes minor version such as "v1.27"');
    }
    if (props.labels !== undefined) check.labels('labels', props.labels);
    if (props.annotations !== undefined) check.annotations('annotations', props.annotations);
    check.throwIfInvalid();

    this.name = name;
    this.podSecurity = podSecurity;
    const level = podSecurity.value;
    this.resource = new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name,
        labels: {
          ...recommendedLabels(stack, { name, component: 'namespace' }),
          'kubernetes.io/metadata.name': name,
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/enforce-version': version,
          'pod-security.kubernetes.io/audit': level,
          'pod-security.kubernetes.io/audit-version': version,
          'pod-security.kubernetes.io/warn': level,
          'pod-security.kubernetes.io/warn-version': version,
          ...props.labels,
        },
        annotations: props.annotations,
      },
    });
    // A Namespace is cluster-scoped: it must not carry the chart's namespace.
    if (this.resource.chart.namespace !== undefined) {
      this.resource.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
  }
}
