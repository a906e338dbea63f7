import { NAME_RULES } from '../../core/_props';
import { isDns1123Label, isDns1123Subdomain, isValidPathSegmentName } from '../../core/names';
import { Rule } from '../rule';
import { checkSyntax } from '../_checks';
import { groupOf, isObject, received } from '../_util';

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/**
 * Object names follow their kind's rule: a DNS-1123 label for a Namespace, a DNS-1035 label for a Service, a path
 * segment for RBAC roles and bindings, a DNS-1123 subdomain for everything else (custom resources included); at most
 * 52 characters for a CronJob and 63 for a Job (their names become label values). `metadata.namespace` is a DNS-1123
 * label. An object needs a `name` (or, for `kubectl create`, a `generateName`).
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidateNamespaceName, ValidateServiceName, ValidateObjectMeta)
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/rbac/validation/validation.go (ValidateRBACName = path.IsValidPathSegmentName)
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/batch/validation/validation.go (CronJob names of at most 52 characters)
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.27/pkg/util/validation/validation.go (IsDNS1123Subdomain)
 */
export const objectName: Rule = {
  id: 'object-name',
  description: "Object names and namespaces follow the API server's naming rule for their kind.",
  remediation: 'Rename the object (or namespace) to follow its kind\'s naming rule, usually lower case letters, digits and \'-\' (the construct\'s `name` prop).',
  layer: 'api',
  severity: 'error',
  check(o, ctx) {
    if (!isObject(o.metadata)) return;
    const { name, generateName, namespace } = o.metadata;
    if (namespace !== undefined) checkSyntax(ctx, 'metadata.namespace', namespace, isDns1123Label, NAME_RULES['dns1123-label'].allowed);
    if (name === undefined || name === '') {
      if (typeof generateName !== 'string' || generateName === '') {
        ctx.report('metadata.name', received(name, 'a name (or a generateName, for kubectl create)'));
      }
      return;
    }
    if (typeof name !== 'string') return;
    const group = groupOf(o.apiVersion);
    if (o.kind === 'Namespace' && group === '') {
      checkSyntax(ctx, 'metadata.name', name, NAME_RULES['dns1123-label'].check, NAME_RULES['dns1123-label'].allowed, false);
    } else if (o.kind === 'Service' && group === '') {
      checkSyntax(ctx, 'metadata.name', name, NAME_RULES['dns1035-label'].check, NAME_RULES['dns1035-label'].allowed, false);
    } else if (RBAC_KINDS.has(o.kind) && group === 'rbac.authorization.k8s.io') {
      checkSyntax(ctx, 'metadata.name', name, isValidPathSegmentName, "a name without '/' or '%', other than '.' and '..' (e.g. 'system:controller:x')", false);
    } else if (checkSyntax(ctx, 'metadata.name', name, isDns1123Subdomain, NAME_RULES['dns1123-subdomain'].allowed, false)) {
      if (o.kind === 'CronJob' && group === 'batch' && name.length > 52) {
        ctx.report('metadata.name', received(name, 'a CronJob name of at most 52 characters (its Jobs add 11)', [`${name.length} characters`]));
      }
      if (o.kind === 'Job' && group === 'batch' && name.length > 63) {
        ctx.report('metadata.name', received(name, 'a Job name of at most 63 characters (it becomes the job-name label of its pods)', [`${name.length} characters`]));
      }
      if (o.kind === 'CustomResourceDefinition' && isObject(o.spec) && isObject(o.spec.names) && name !== `${o.spec.names.plural}.${o.spec.group}`) {
        ctx.report('metadata.name', received(name, `"<spec.names.plural>.<spec.group>", here "${o.spec.names.plural}.${o.spec.group}"`));
      }
    }
  },
};
