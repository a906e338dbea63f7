import { Rule } from '../rule';
import { schemaProblemsOf } from '../schema/_schema';

/**
 * Every field has the type the schema of the Kubernetes version validated for gives it (string, integer, boolean, list, object, or one of an
 * enum's values): `replicas: "3"` or `port: 80.5` are rejected when the API server decodes the object.
 *
 * @see https://github.com/kubernetes/kubernetes/tree/master/api/openapi-spec
 */
export const schemaType: Rule = {
  id: 'schema-type',
  description: 'Every field has the type (or enum value) the schema of the Kubernetes version validated for gives it.',
  remediation: 'Give the field a value of the type (or one of the enum values) that the kind\'s schema defines in the targeted Kubernetes version.',
  layer: 'schema',
  severity: 'error',
  check(o, ctx) {
    for (const p of schemaProblemsOf(o, ctx.kubernetesVersion)) if (p.type === 'type' || p.type === 'enum') ctx.report(p.field, p.message);
  },
};
