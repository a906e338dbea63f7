import { brand, hasBrand } from '../core/_brand';
import { k8s } from '../core/_k8s';
import { PropChecker } from '../core/_props';

/**
 * Who a RoleBinding grants a role to: a group or a user of the cluster's authentication, or a ServiceAccount.
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
   * A ServiceAccount.
   *
   * @param namespace its namespace; defaults to the binding's
   */
  public static serviceAccount(name: string, namespace?: string): Subject {
    return new Subject('ServiceAccount', name, namespace);
  }

  private constructor(
    /** `Group`, `User` or `ServiceAccount`. */
    public readonly kind: 'Group' | 'User' | 'ServiceAccount',
    /** The subject's name. */
    public readonly name: string,
    /** A ServiceAccount's namespace. */
    public readonly namespace?: string,
  ) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    if (this.kind === 'ServiceAccount') {
      check.name(`${prop} name`, this.name, 'dns1123-subdomain');
      if (this.namespace !== undefined) check.name(`${prop} namespace`, this.namespace, 'dns1123-label');
    } else {
      check.string(`${prop} name`, this.name, 'a non-empty group or user name');
    }
  }

  /** @internal */
  public _render(bindingNamespace: string | undefined): k8s.Subject {
    return this.kind === 'ServiceAccount'
      ? { kind: 'ServiceAccount', name: this.name, namespace: this.namespace ?? bindingNamespace }
      : { kind: this.kind, name: this.name, apiGroup: 'rbac.authorization.k8s.io' };
  }
}

brand(Subject, 'Subject');
