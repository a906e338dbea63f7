import { Rule } from '../rule';
import { isKnownKind } from '../schema/_schema';

/**
 * Reports objects whose kind is not a Kubernetes built-in of any supported version (custom resources such as an Argo CD `Application` or
 * an `ExternalSecret`): their fields are not schema-checked. Only the strict preset reports them (as warnings);
 * otherwise they are listed in the report as not schema-checked.
 *
 * @see https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/
 */
export const schemaUnknownKind: Rule = {
  id: 'schema-unknown-kind',
  description: 'Objects of kinds that are not Kubernetes built-ins (custom resources) are not schema-checked.',
  remediation: 'Check the custom resource against its CustomResourceDefinition yourself, or correct apiVersion and kind if the object is meant to be a Kubernetes built-in.',
  layer: 'schema',
  severity: 'warning',
  check(o, ctx) {
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || isKnownKind(o.apiVersion, o.kind)) return;
    ctx.report('', `received ${o.apiVersion} ${o.kind}, a custom resource; allowed: a Kubernetes built-in kind (this object's fields were not checked)`);
  },
};
