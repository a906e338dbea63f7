import { Rule } from '../rule';
import { crdIndexOf } from '../_crd-index';

/**
 * Says, once per CustomResourceDefinition version in a validation, how many of its `x-kubernetes-validations`
 * rules (CEL expressions, evaluated by the API server) were not evaluated: validation does not evaluate CEL, so a
 * custom resource that passes `crd-schema` may still be refused for them.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation-rules
 */
export const crdValidationRules: Rule = {
  id: 'crd-validation-rules',
  description: 'Says once per CustomResourceDefinition version how many of its x-kubernetes-validations (CEL) rules were not evaluated.',
  remediation: 'Check the custom resources against the CRD\'s x-kubernetes-validations rules yourself (e.g. `kubectl apply --dry-run=server`), or suppress this rule once you have.',
  layer: 'schema',
  severity: 'warning',
  check(o, ctx) {
    const crds = crdIndexOf(ctx);
    const version = crds.versionOf(o);
    if (!version || !version.served) return;
    const rules = crds.schemaOf(version).celRules;
    if (rules === 0 || !crds.firstReport(`cel ${version.crd} ${version.name}`)) return;
    ctx.report('', `received a custom resource of ${version.what}, whose CustomResourceDefinition ${version.crd} has ${rules} x-kubernetes-validations rule(s); ` +
      'allowed: rules that validation evaluates: these were not evaluated (the API server evaluates them)');
  },
};
