import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { importByName } from '../core/_external';
import { createL1Object } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { INamespace, namespaceNameOf } from '../core/namespace-ref';
import { IServiceAccount } from '../core/service-account-ref';
import { Provider } from '../providers/provider';
import { CloudIdentity } from './cloud-identity';

/** Props of a `ServiceAccount`. */
export interface ServiceAccountProps extends ConstructMetadataProps {
  /**
   * The ServiceAccount's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The namespace the ServiceAccount lives in, by name or as a `Namespace`. Pods can run only as an account of
   * their own namespace.
   *
   * @default the stack's namespace
   */
  readonly namespace?: string | INamespace;

  /**
   * Whether pods that run as the account get a Kubernetes API token mounted, unless the pod says otherwise (a
   * workload's `automountServiceAccountToken`, false by default, always says). Only pods that call the Kubernetes
   * API need one.
   *
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;

  /**
   * The cloud identity the account's pods take on: `CloudIdentity.eksRole(arn)` (IRSA),
   * `CloudIdentity.gkeServiceAccount(email)` (GKE Workload Identity) or `CloudIdentity.azureClientId(id)` (AKS
   * workload identity; pods that run as the account get the label `azure.workload.identity/use: "true"`). It must be
   * the stack's provider's, unless the provider is `Provider.generic()`.
   *
   * @default none: the pods get no cloud credentials
   */
  readonly cloudIdentity?: CloudIdentity;
}

/**
 * A Kubernetes ServiceAccount: the identity pods run as (a workload's `serviceAccount`), that RoleBindings and
 * ClusterRoleBindings grant roles to, and that a cloud identity can be attached to (`cloudIdentity`). No API token
 * is mounted into its pods unless asked.
 *
 * @see https://kubernetes.io/docs/concepts/security/service-accounts/
 * @example
 * const uploader = new ServiceAccount(stack, 'uploader', {
 *   cloudIdentity: CloudIdentity.eksRole('arn:aws:iam::123456789012:role/uploader'),
 * });
 * new Worker(stack, 'upload-worker', { image: 'ghcr.io/acme/uploader:1.0.0', resources, serviceAccount: uploader });
 * new RoleBinding(stack, 'uploader-view', { role: ClusterRoleRef.VIEW, subjects: [uploader] });
 */
export class ServiceAccount extends Construct implements IServiceAccount {
  /** Whether `x` is a `ServiceAccount` of a stack, also across copies of this package. */
  public static isServiceAccount(x: unknown): x is ServiceAccount {
    return hasBrand(x, 'ServiceAccount');
  }

  /**
   * References a ServiceAccount that exists outside the synthesized output (made by hand, by a Helm chart or by
   * another tool), by name, in the namespace of the workloads and bindings that refer to it. The reference is
   * declared, so checks do not report it as missing. Pods of an account with an AKS workload identity also need
   * `podLabels: { 'azure.workload.identity/use': 'true' }`.
   *
   * @param scope the scope of the reference
   * @param id the reference's construct id
   * @param serviceAccountName the existing ServiceAccount's name
   */
  public static fromServiceAccountName(scope: Construct, id: string, serviceAccountName: string): IServiceAccount {
    return importByName(scope, id, 'ServiceAccount.fromServiceAccountName()', 'ServiceAccount', 'serviceAccountName', serviceAccountName);
  }

  /** The ServiceAccount's name. */
  public readonly serviceAccountName: string;
  /** The ServiceAccount's namespace. */
  public readonly namespace: string;
  /** The cloud identity, when one is attached. */
  public readonly cloudIdentity?: CloudIdentity;
  /** The labels the pods that run as the account carry (AKS workload identity's), empty otherwise. */
  public readonly podLabels: Readonly<Record<string, string>>;
  /** The ServiceAccount API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ServiceAccountProps = {}) {
    super(scope, id);
    const p = props ?? {};
    const stack = findStack(this, 'ServiceAccount');
    const check = new PropChecker(this, 'ServiceAccount');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    const namespace = p.namespace === undefined ? undefined : namespaceNameOf(check, 'namespace', p.namespace);
    if (p.automountServiceAccountToken !== undefined) check.boolean('automountServiceAccountToken', p.automountServiceAccountToken);
    const identity = p.cloudIdentity;
    if (identity !== undefined) {
      if (!CloudIdentity.isCloudIdentity(identity)) {
        check.fail('cloudIdentity', identity, 'CloudIdentity.eksRole(arn), CloudIdentity.gkeServiceAccount(email) or CloudIdentity.azureClientId(id)');
      } else {
        identity._check(check, 'cloudIdentity', Provider.of(this));
      }
    }
    const metadata = checkMetadata(check, p);
    const identityAnnotations = CloudIdentity.isCloudIdentity(identity) ? identity.annotations : {};
    for (const key of Object.keys(identityAnnotations)) {
      if (metadata.annotations?.[key] !== undefined) {
        check.fail(`metadata.annotations.${key}`, metadata.annotations[key], `no "${key}" annotation here: cloudIdentity sets it`);
      }
    }
    check.knownKeys('', props, 'ServiceAccountProps');
    check.throwIfInvalid();

    this.serviceAccountName = name;
    this.namespace = namespace ?? Chart.of(this).namespace ?? stack.namespace!;
    this.cloudIdentity = identity;
    this.podLabels = identity ? identity.podLabels : {};
    const annotations = { ...metadata.annotations, ...identityAnnotations };
    this.apiObject = createL1Object(this, 'Resource', 'KubeServiceAccount', {
      metadata: {
        name, namespace, labels: recommendedLabels(stack, { name, component: 'identity' }, metadata.labels),
        annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      },
      automountServiceAccountToken: p.automountServiceAccountToken ?? false,
    });
    this.node.defaultChild = this.apiObject;
  }
}

brand(ServiceAccount, 'ServiceAccount');
