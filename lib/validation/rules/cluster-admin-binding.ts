import { Rule } from '../rule';
import { isObject, received } from '../_util';

/**
 * No binding grants the `cluster-admin` ClusterRole: it allows everything on every object of the cluster. Bind a
 * role with only the permissions needed.
 *
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
 * @see https://docs.kubelinter.io/#/generated/checks?id=cluster-admin-role-binding
 */
export const clusterAdminBinding: Rule = {
  id: 'cluster-admin-binding',
  description: 'No RoleBinding or ClusterRoleBinding grants cluster-admin.',
  remediation: 'Bind a Role or ClusterRole that grants only the verbs and resources needed instead of cluster-admin (a narrower `role` on the RoleBinding).',
  layer: 'policy',
  severity: 'warning',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  check(o, ctx) {
    if (isObject(o.roleRef) && o.roleRef.kind === 'ClusterRole' && o.roleRef.name === 'cluster-admin') {
      ctx.report('roleRef.name', received('cluster-admin', 'a role with only the permissions the subjects need'));
    }
  },
};
