import { Rule } from '../rule';
import { crdIndexOf } from '../_crd-index';

/**
 * A custom resource's apiVersion is a version its CustomResourceDefinition defines and serves: the API server
 * refuses the others.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definition-versioning/
 */
export const crdVersionServed: Rule = {
  id: 'crd-version-served',
  description: 'A custom resource\'s apiVersion is served by its CustomResourceDefinition.',
  remediation: 'Change apiVersion to a version the CustomResourceDefinition serves (and the fields to that version\'s schema).',
  layer: 'schema',
  severity: 'error',
  check(o, ctx) {
    const crds = crdIndexOf(ctx);
    const kind = crds.kindOf(o);
    if (!kind) return;
    const version = crds.versionOf(o);
    if (version?.served) return;
    const served = [...kind.versions.values()].filter((v) => v.served).map((v) => `${String(o.apiVersion).split('/')[0]}/${v.name}`);
    ctx.report('apiVersion', `received ${JSON.stringify(o.apiVersion)}${version ? ', a version the CRD defines but does not serve' : ''}; ` +
      `allowed: ${served.length === 0 ? 'nothing: the CRD serves no version' : `a version the CustomResourceDefinition ${kind.crd} serves: ${served.join(', ')}`}`);
  },
};
