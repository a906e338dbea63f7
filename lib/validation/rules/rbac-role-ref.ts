import { isValidPathSegmentName } from '../../core/names';
import { Rule } from '../rule';
import { checkSyntax } from '../_checks';
import { arrayOf, isObject, received } from '../_util';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * RBAC bindings refer to a role properly: `roleRef.apiGroup` is `rbac.authorization.k8s.io`, `roleRef.kind` is
 * `Role` or `ClusterRole` (only `ClusterRole` for a ClusterRoleBinding), with a name; subjects are `ServiceAccount`
 * (API group "", with a namespace in a ClusterRoleBinding), `User` or `Group` (API group
 * `rbac.authorization.k8s.io`), with a name.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/rbac/validation/validation.go (ValidateRoleBinding, ValidateClusterRoleBinding, ValidateRoleBindingSubject)
 */
export const rbacRoleRef: Rule = {
  id: 'rbac-role-ref',
  description: 'RBAC bindings refer to a Role or ClusterRole and to valid subjects.',
  remediation: 'Refer to a Role or ClusterRole in `roleRef` and give each subject a kind (User, Group or ServiceAccount) and a name (the RoleBinding `role` and `subjects` props).',
  layer: 'api',
  severity: 'error',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  check(o, ctx) {
    const ref = o.roleRef;
    const cluster = o.kind === 'ClusterRoleBinding';
    if (isObject(ref)) {
      if (ref.apiGroup !== RBAC_GROUP) ctx.report('roleRef.apiGroup', received(ref.apiGroup, `"${RBAC_GROUP}"`));
      const kinds = cluster ? ['ClusterRole'] : ['Role', 'ClusterRole'];
      if (!kinds.includes(ref.kind)) ctx.report('roleRef.kind', received(ref.kind, kinds.map((k) => `"${k}"`).join(' or ')));
      if (typeof ref.name !== 'string' || ref.name === '') ctx.report('roleRef.name', received(ref.name, 'the name of the role'));
      else checkSyntax(ctx, 'roleRef.name', ref.name, isValidPathSegmentName, "a role name without '/' or '%'");
    }
    arrayOf(o.subjects).forEach((s, i) => {
      if (!isObject(s)) return;
      const at = `subjects[${i}]`;
      if (typeof s.name !== 'string' || s.name === '') ctx.report(`${at}.name`, received(s.name, 'the name of the subject'));
      switch (s.kind) {
        case 'ServiceAccount':
          if (s.apiGroup !== undefined && s.apiGroup !== '') ctx.report(`${at}.apiGroup`, received(s.apiGroup, '"" (or nothing) for a ServiceAccount'));
          if (cluster && (typeof s.namespace !== 'string' || s.namespace === '')) {
            ctx.report(`${at}.namespace`, received(s.namespace, "the ServiceAccount's namespace (required in a ClusterRoleBinding)"));
          }
          break;
        case 'User':
        case 'Group':
          if (s.apiGroup !== RBAC_GROUP) ctx.report(`${at}.apiGroup`, received(s.apiGroup, `"${RBAC_GROUP}" for a ${s.kind}`));
          break;
        default:
          ctx.report(`${at}.kind`, received(s.kind, '"ServiceAccount", "User" or "Group"'));
      }
    });
  },
};
