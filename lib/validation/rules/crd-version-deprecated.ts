import { Rule } from '../rule';
import { crdIndexOf } from '../_crd-index';

/**
 * A custom resource's apiVersion is not deprecated by its CustomResourceDefinition: the API server accepts it with a
 * warning (the CRD's `deprecationWarning`), and a later release of the CRD may stop serving it.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definition-versioning/#version-deprecation
 */
export const crdVersionDeprecated: Rule = {
  id: 'crd-version-deprecated',
  description: 'A custom resource\'s apiVersion is not deprecated by its CustomResourceDefinition.',
  remediation: 'Change apiVersion to a version of the CustomResourceDefinition that is not deprecated (and the fields to that version\'s schema).',
  layer: 'policy',
  severity: 'warning',
  check(o, ctx) {
    const version = crdIndexOf(ctx).versionOf(o);
    if (!version || !version.served || !version.deprecated) return;
    const warning = version.deprecationWarning ?? `${o.apiVersion} ${o.kind} is deprecated`;
    ctx.report('apiVersion', `received ${JSON.stringify(o.apiVersion)}; allowed: a version that is not deprecated: the CustomResourceDefinition ${version.crd} says "${warning}"`);
  },
};
