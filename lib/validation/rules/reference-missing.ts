import { Rule } from '../rule';
import { referencesOf } from '../_references';
import { namespaceOf } from '../_util';
import { EXTERNAL_REFERENCES_ANNOTATION } from '../external-references';

/**
 * Objects that a pod (or an Ingress, or a RoleBinding) refers to by name are in the output, in the same namespace:
 * ConfigMaps and Secrets in env, envFrom and volumes, PersistentVolumeClaims, ServiceAccounts (other than
 * `default`), image pull secrets, Ingress backend Services and TLS Secrets. References marked `optional: true` are
 * not checked. It is a warning, since the object may be created another way: declare such objects external
 * (`fromXxxName()` in code, `--external Kind/name` for `check`, or the `cdk8s-platform.io/external-references`
 * annotation) to say so.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables (a missing Secret keeps the pod from starting)
 * @see https://docs.kubelinter.io/#/generated/checks?id=non-existent-service-account
 */
export const referenceMissing: Rule = {
  id: 'reference-missing',
  description: 'ConfigMaps, Secrets, PVCs, ServiceAccounts and Services referred to are in the output or declared external.',
  remediation: 'Add the referenced object to the output, correct the name, or declare it external (`validation.externals`, an imported construct such as `Config.fromConfigMapName()`, or `check --external Kind/name`).',
  layer: 'integrity',
  severity: 'warning',
  check(o, ctx) {
    const refs = referencesOf(o);
    if (refs.length === 0) return;
    const ns = namespaceOf(o);
    const reported = new Set<string>();
    for (const ref of refs) {
      if (ref.optional || reported.has(`${ref.kind}/${ref.name}`)) continue;
      if (ctx.index.find(ref.kind, ns, ref.name).length > 0 || ctx.index.isExternal(ref.kind, ns, ref.name)) continue;
      reported.add(`${ref.kind}/${ref.name}`);
      ctx.report(ref.field, `received a reference to ${ref.kind} "${ref.name}", which the output does not define in namespace ${ns ? `"${ns}"` : '(none)'}; allowed: an object in the output, or one declared external (e.g. the annotation ${EXTERNAL_REFERENCES_ANNOTATION}: ${ref.kind}/${ref.name})`);
    }
  },
};
