import { brand, hasBrand } from '../core/_brand';
import { k8s } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { IServiceAccount } from '../core/service-account-ref';

/**
 * Who a RoleBinding or ClusterRoleBinding grants a role to: a group or a user of the cluster's authentication, or a
 * ServiceAccount (bindings also take a `ServiceAccount` itself).
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects
 */
export class Subject {
  /** Whether `x` is a `Subject`, also across copies of this package. */
  public static isSubject(x: unknown): x is Subject {
    return hasBrand(x, 'Subject');
  }

  /** A group, as the authenticator names it (an OIDC group, an EKS access entry group, ...). */
  public static group(name: string): Subject {
    return new Subject('Group', name);
  }

  /** A user, as the authenticator names it. */
  public static user(name: string): Subject {
    return new Subject('User', name);
  }

  /**
   * A ServiceAccount, by name or as a `ServiceAccount` (`IServiceAccount`, e.g.
   * `ServiceAccount.fromServiceAccountName()`).
   *
   * @param account the account's name, or the account
   * @param namespace its namespace; defaults to the account's (a `ServiceAccount` of a stack knows it), else to
   * the binding's (a ClusterRoleBinding's stack's)
   */
  public static serviceAccount(account: string | IServiceAccount, namespace?: string): Subject {
    if (account !== null && typeof account === 'object') {
      return new Subject('ServiceAccount', account.serviceAccountName, namespace ?? account.namespace);
    }
    return new Subject('ServiceAccount', account, namespace);
  }

  private constructor(
    /** `Group`, `User` or `ServiceAccount`. */
    public readonly kind: 'Group' | 'User' | 'ServiceAccount',
    /** The subject's name. */
    public readonly name: string,
    /** A ServiceAccount's namespace. */
    public readonly namespace?: string,
  ) {}

  /**
   * Records what is wrong with the subject under `prop`.
   *
   * @returns whether it is valid
   * @internal
   */
  public _check(check: PropChecker, prop: string): boolean {
    if (this.kind === 'ServiceAccount') {
      const name = check.name(`${prop} name`, this.name, 'dns1123-subdomain');
      return (this.namespace === undefined || check.name(`${prop} namespace`, this.namespace, 'dns1123-label')) && name;
    }
    return check.string(`${prop} name`, this.name, 'a non-empty group or user name');
  }

  /** @internal */
  public _render(bindingNamespace: string | undefined): k8s.Subject {
    return this.kind === 'ServiceAccount'
      ? { kind: 'ServiceAccount', name: this.name, namespace: this.namespace ?? bindingNamespace }
      : { kind: this.kind, name: this.name, apiGroup: 'rbac.authorization.k8s.io' };
  }
}

brand(Subject, 'Subject');
