import { Rule } from '../rule';
import { schemaProblemsOf } from '../schema/_schema';

/**
 * Every field has the type the Kubernetes 1.27 schema gives it (string, integer, boolean, list, object, or one of an
 * enum's values): `replicas: "3"` or `port: 80.5` are rejected when the API server decodes the object.
 *
 * @see https://github.com/kubernetes/kubernetes/tree/release-1.27/api/openapi-spec
 */
export const schemaType: Rule = {
  id: 'schema-type',
  description: 'Every field has the type (or enum value) the Kubernetes 1.27 schema gives it.',
  layer: 'schema',
  severity: 'error',
  check(o, ctx) {
    for (const p of schemaProblemsOf(o)) if (p.type === 'type' || p.type === 'enum') ctx.report(p.field, p.message);
  },
};
