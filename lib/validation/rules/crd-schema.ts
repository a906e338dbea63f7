import { Rule } from '../rule';
import { crdIndexOf } from '../_crd-index';

/**
 * A custom resource matches the structural schema of its CustomResourceDefinition version, as the API server checks
 * it: types (and `x-kubernetes-int-or-string`), `required`, `enum`, the string formats the API server checks,
 * `nullable`, bounds (`minimum`/`maximum`, `minLength`/`maxLength`, `pattern`, `minItems`/`maxItems`, `uniqueItems`,
 * `minProperties`/`maxProperties`), `x-kubernetes-list-type` set and map (no duplicates), `additionalProperties`, and no
 * unknown field unless `x-kubernetes-preserve-unknown-fields` keeps it (the API server drops unknown fields silently,
 * so a misspelt field just vanishes). The CRDs are those given (`validation.crds`, `check --crd`) and those among the objects validated.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
 */
export const crdSchema: Rule = {
  id: 'crd-schema',
  description: 'Every custom resource matches the schema of its CustomResourceDefinition version: types, required fields, enums, formats, bounds and no unknown field.',
  remediation: 'Correct the field to what the CustomResourceDefinition\'s schema for this apiVersion allows (its name, type or value), or update the CRD given to validation if it is older than the cluster\'s.',
  layer: 'schema',
  severity: 'error',
  check(o, ctx) {
    for (const p of crdIndexOf(ctx).problemsOf(o)) ctx.report(p.field, p.message);
  },
};
