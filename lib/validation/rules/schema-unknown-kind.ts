import { Rule } from '../rule';
import { isKnownKind } from '../schema/_schema';
import { crdIndexOf } from '../_crd-index';

/**
 * Reports, once per kind in a validation, custom resources (kinds that are not Kubernetes built-ins of any supported
 * version, such as an Argo CD `Application` or an `ExternalSecret`) whose CustomResourceDefinition validation does
 * not know: their fields are not schema-checked. Give their CRDs (`validation.crds`, `check --crd`, or the CRD among
 * the objects) and `crd-schema` checks them.
 *
 * @see https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/
 */
export const schemaUnknownKind: Rule = {
  id: 'schema-unknown-kind',
  description: 'Custom resources have a CustomResourceDefinition known to validation (one warning per kind without one: its objects are not schema-checked).',
  remediation: 'Give the kind\'s CustomResourceDefinition to validation (`validation.crds` of the PlatformApp, `check --crd`), or correct apiVersion and kind if the object is meant to be a Kubernetes built-in.',
  layer: 'schema',
  severity: 'warning',
  check(o, ctx) {
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || isKnownKind(o.apiVersion, o.kind)) return;
    const crds = crdIndexOf(ctx);
    if (crds.kindOf(o) || !crds.firstReport(`kind ${o.apiVersion.split('/')[0]}/${o.kind}`)) return;
    ctx.report('', `received ${o.apiVersion} ${o.kind}, a custom resource whose CustomResourceDefinition is not known; ` +
      'allowed: a Kubernetes built-in kind, or a custom resource whose CRD is given (the fields of this kind\'s objects were not checked)');
  },
};
