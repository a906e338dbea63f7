import { brand, hasBrand } from '../core/_brand';
import { PropChecker } from '../core/_props';
import { Provider } from '../providers/provider';

/** An IAM role ARN: partition, 12-digit account, optional path, role name. */
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/([\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/;
/** A Google service account's email, e.g. `app@my-project.iam.gserviceaccount.com`. */
const GOOGLE_SERVICE_ACCOUNT = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?@[a-z0-9]([-a-z0-9.:]*[a-z0-9])?\.gserviceaccount\.com$/;
/** A Microsoft Entra application (client) id: a UUID. */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

interface IdentityKind {
  /** The provider profile (`Provider.name`) whose clusters read it. */
  readonly provider: string;
  /** The factory, for messages. */
  readonly factory: string;
  /** The ServiceAccount annotation that carries the value. */
  readonly annotation: string;
  /** The value's format, and what is allowed. */
  readonly format: RegExp;
  readonly allowed: string;
  /** Labels the pods that use the account need. */
  readonly podLabels: Readonly<Record<string, string>>;
}

const EKS: IdentityKind = {
  provider: 'eks', factory: 'CloudIdentity.eksRole()', annotation: 'eks.amazonaws.com/role-arn', format: ROLE_ARN,
  allowed: 'an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>', podLabels: {},
};
const GKE: IdentityKind = {
  provider: 'gke', factory: 'CloudIdentity.gkeServiceAccount()', annotation: 'iam.gke.io/gcp-service-account', format: GOOGLE_SERVICE_ACCOUNT,
  allowed: 'a Google service account email, <name>@<project>.iam.gserviceaccount.com', podLabels: {},
};
const AKS: IdentityKind = {
  provider: 'aks', factory: 'CloudIdentity.azureClientId()', annotation: 'azure.workload.identity/client-id', format: UUID,
  allowed: 'a Microsoft Entra client id, a UUID such as 00000000-0000-0000-0000-000000000000',
  podLabels: { 'azure.workload.identity/use': 'true' },
};

/**
 * The cloud identity a ServiceAccount's pods take on, one per provider: an IAM role on EKS (IRSA), a Google service
 * account on GKE (Workload Identity), a Microsoft Entra application on AKS (workload identity). It is checked
 * against the provider of the stack (`Provider.of()`): an EKS role on a GKE stack is refused; any identity is
 * accepted under `Provider.generic()`.
 *
 * @see https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
 * @see https://learn.microsoft.com/azure/aks/workload-identity-overview
 * @example
 * new ServiceAccount(stack, 'uploader', { cloudIdentity: CloudIdentity.eksRole('arn:aws:iam::123456789012:role/uploader') });
 */
export class CloudIdentity {
  /** Whether `x` is a `CloudIdentity`, also across copies of this package. */
  public static isCloudIdentity(x: unknown): x is CloudIdentity {
    return hasBrand(x, 'CloudIdentity');
  }

  /**
   * An AWS IAM role, assumed through IAM roles for service accounts (IRSA): the annotation
   * `eks.amazonaws.com/role-arn`. The role's trust policy must name the cluster's OIDC provider and the account.
   *
   * @param roleArn the role's ARN, e.g. `arn:aws:iam::123456789012:role/uploader`
   */
  public static eksRole(roleArn: string): CloudIdentity {
    return new CloudIdentity(EKS, roleArn);
  }

  /**
   * A Google service account, impersonated through GKE Workload Identity: the annotation
   * `iam.gke.io/gcp-service-account`. The Google account must grant `roles/iam.workloadIdentityUser` to the
   * Kubernetes account.
   *
   * @param email the Google service account's email, e.g. `uploader@my-project.iam.gserviceaccount.com`
   */
  public static gkeServiceAccount(email: string): CloudIdentity {
    return new CloudIdentity(GKE, email);
  }

  /**
   * A Microsoft Entra application or user-assigned managed identity, through AKS workload identity: the annotation
   * `azure.workload.identity/client-id` on the account, and the label `azure.workload.identity/use: "true"` on
   * every pod that runs as it (workloads add it).
   *
   * @param clientId the application's client id, a UUID
   */
  public static azureClientId(clientId: string): CloudIdentity {
    return new CloudIdentity(AKS, clientId);
  }

  private constructor(private readonly kind: IdentityKind, private readonly identity: string) {}

  /** The provider profile (`Provider.name`) whose clusters read it: `eks`, `gke` or `aks`. */
  public get provider(): string {
    return this.kind.provider;
  }

  /** The role ARN, Google service account email or client id. */
  public get value(): string {
    return this.identity;
  }

  /** The annotations it puts on the ServiceAccount. */
  public get annotations(): Record<string, string> {
    return { [this.kind.annotation]: this.identity };
  }

  /** The labels the pods that run as the ServiceAccount need (AKS: `azure.workload.identity/use: "true"`). */
  public get podLabels(): Record<string, string> {
    return { ...this.kind.podLabels };
  }

  /** The factory call that made it, e.g. `CloudIdentity.eksRole("arn:...")`. */
  public toString(): string {
    return `${this.kind.factory.slice(0, -1)}${JSON.stringify(this.identity)})`;
  }

  /**
   * Records a problem when the value is not of its format, or the provider at the ServiceAccount is another one
   * (and not the generic one).
   *
   * @internal
   */
  public _check(check: PropChecker, prop: string, provider: Provider): void {
    if (typeof this.identity !== 'string' || !this.kind.format.test(this.identity)) {
      check.fail(prop, this.identity, `${this.kind.factory} of ${this.kind.allowed}`);
    }
    if (provider.name !== 'generic' && provider.name !== this.kind.provider) {
      const own = { eks: 'CloudIdentity.eksRole()', gke: 'CloudIdentity.gkeServiceAccount()', aks: 'CloudIdentity.azureClientId()' }[provider.name];
      check.fail(prop, this.identity, `an identity of the stack's provider (${provider.name})` +
        `${own ? `: ${own}` : ', which has no cloud identity here'}, not ${this.kind.factory} (${this.kind.provider}); or Provider.generic() on the stack`);
    }
  }
}

brand(CloudIdentity, 'CloudIdentity');
