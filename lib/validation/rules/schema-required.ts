import { Rule } from '../rule';
import { schemaProblemsOf } from '../schema/_schema';
import { isObject, received } from '../_util';

/**
 * Every object has a string `apiVersion` and `kind` and a `metadata` object, and every field the schema of the
 * Kubernetes version validated for marks required (a container's `name`, a Deployment's `selector` and `template`, a port's `containerPort`).
 *
 * @see https://github.com/kubernetes/kubernetes/tree/master/api/openapi-spec
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.27/pkg/runtime/serializer/json/json.go (apiVersion and kind are required to decode)
 */
export const schemaRequired: Rule = {
  id: 'schema-required',
  description: 'apiVersion, kind, metadata and every field the schema of the Kubernetes version validated for requires are present.',
  remediation: 'Add the missing field that the kind\'s schema requires in the targeted Kubernetes version.',
  layer: 'schema',
  severity: 'error',
  check(o, ctx) {
    if (typeof o.apiVersion !== 'string' || o.apiVersion === '') ctx.report('apiVersion', received(o.apiVersion, 'a non-empty string such as "apps/v1"'));
    if (typeof o.kind !== 'string' || o.kind === '') ctx.report('kind', received(o.kind, 'a non-empty string such as "Deployment"'));
    if (!isObject(o.metadata)) ctx.report('metadata', received(o.metadata, 'an object with at least a name'));
    for (const p of schemaProblemsOf(o, ctx.kubernetesVersion)) if (p.type === 'required') ctx.report(p.field, p.message);
  },
};
