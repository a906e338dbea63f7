import { Rule } from '../rule';
import { schemaProblemsOf } from '../schema/_schema';

/**
 * No field that the schema of the object's kind, in the Kubernetes version validated for, does not define (a field
 * added by a later version is reported with that version).
 *
 * The API server rejects unknown fields under strict field validation (`kubectl apply` validates strictly by default
 * since 1.25); under lax validation it drops them silently, which is worse: a misspelt `readinessProbe` just vanishes.
 *
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/staging/src/k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager (strict decoding)
 */
export const schemaUnknownField: Rule = {
  id: 'schema-unknown-field',
  description: 'Every field is defined by the schema of the kind in the Kubernetes version validated for.',
  remediation: 'Remove the field or correct its name (and its place in the object) to one the kind\'s schema defines in the targeted Kubernetes version.',
  layer: 'schema',
  severity: 'error',
  check(o, ctx) {
    for (const p of schemaProblemsOf(o, ctx.kubernetesVersion)) if (p.type === 'unknown-field') ctx.report(p.field, p.message);
  },
};
