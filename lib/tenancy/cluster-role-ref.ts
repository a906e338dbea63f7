import { brand, hasBrand } from '../core/_brand';

/**
 * The built-in user-facing ClusterRoles, which every cluster has: bindings take them wherever they take a
 * ClusterRole, and a `ClusterRole` can add its rules to them (`aggregateTo`). Any other ClusterRole is referenced
 * with `ClusterRole.fromClusterRoleName()`.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
 */
export class ClusterRoleRef {
  /** Whether `x` is a `ClusterRoleRef`, also across copies of this package. */
  public static isClusterRoleRef(x: unknown): x is ClusterRoleRef {
    return hasBrand(x, 'ClusterRoleRef');
  }

  /** Everything in the namespace, including Roles and RoleBindings (not the quota or the namespace itself). */
  public static readonly ADMIN = new ClusterRoleRef('admin');
  /** Read and write most objects (not Roles and RoleBindings). */
  public static readonly EDIT = new ClusterRoleRef('edit');
  /** Read most objects (not Secrets). */
  public static readonly VIEW = new ClusterRoleRef('view');

  private constructor(
    /** The ClusterRole's name. */
    public readonly name: string,
  ) {}
}

brand(ClusterRoleRef, 'ClusterRoleRef');
