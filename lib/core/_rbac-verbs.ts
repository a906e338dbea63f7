/**
 * The verbs a rule of a Role or ClusterRole may grant: the API server's own verbs and the special ones of RBAC
 * (`bind`, `escalate`, `impersonate`) and of other built-in kinds (`use`, `approve`, `sign`), and `*`. The tenancy
 * constructs check rules against it, and `cdk8s-platform import` keeps a Role raw when a rule has another verb.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb
 */
export const RBAC_VERBS: ReadonlySet<string> = new Set([
  'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '*', 'bind', 'escalate', 'impersonate',
  'use', 'approve', 'sign',
]);
