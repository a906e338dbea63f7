import { isQualifiedName } from '../../core/names';
import { ALLOWED } from '../../core/_props';
import { Rule, RuleContext } from '../rule';
import { checkSyntax } from '../_checks';
import { podTemplateOf } from '../_pod';
import { entriesOf, isObject } from '../_util';

/** The API server's limit on an object's annotations, keys and values together. */
const MAX_ANNOTATION_BYTES = 256 * 1024;

/** Annotation keys are checked in lower case (`ValidateAnnotations`). */
const isAnnotationKey = (key: string): string[] => isQualifiedName(key.toLowerCase());

/**
 * Annotation keys are qualified names, and an object's annotations (keys and values) total at most 256 KiB, in
 * `metadata` and in pod templates.
 *
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.27/pkg/api/validation/objectmeta.go (ValidateAnnotations, TotalAnnotationSizeLimitB)
 */
export const metadataAnnotations: Rule = {
  id: 'metadata-annotations',
  description: 'Annotation keys are qualified names and annotations total at most 256 KiB.',
  remediation: 'Use qualified names as annotation keys (an optional DNS prefix and \'/\', then at most 63 characters) and keep all annotations of the object under 256 KiB.',
  layer: 'api',
  severity: 'error',
  check(o, ctx) {
    if (isObject(o.metadata)) checkAnnotations(ctx, o.metadata.annotations, 'metadata.annotations');
    const pod = podTemplateOf(o);
    if (pod && pod.metadataPath !== 'metadata') checkAnnotations(ctx, pod.metadata.annotations, `${pod.metadataPath}.annotations`);
  },
};

function checkAnnotations(ctx: RuleContext, annotations: unknown, path: string): void {
  let total = 0;
  for (const [key, value] of entriesOf(annotations)) {
    checkSyntax(ctx, path, key, isAnnotationKey, ALLOWED.annotationKey);
    total += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (total > MAX_ANNOTATION_BYTES) {
    ctx.report(path, `received ${total} bytes of annotations; allowed: at most ${MAX_ANNOTATION_BYTES} bytes (256 KiB), keys and values together`);
  }
}
