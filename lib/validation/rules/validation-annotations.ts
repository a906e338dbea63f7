import { Rule } from '../rule';
import { EXTERNAL_ALLOWED, EXTERNAL_REFERENCES_ANNOTATION, externalAnnotationEntries } from '../external-references';
import { parseSuppressionEntries } from '../suppression-annotations';
import { isObject, received } from '../_util';

/**
 * The annotations that steer validation are well-formed: `cdk8s-platform.io/validation-suppressed` and
 * `-downgraded` hold `rule-id: justification` lines naming known rules with a written justification;
 * `cdk8s-platform.io/external-references` holds `Kind/name` or `Kind/namespace/name` entries.
 */
export const validationAnnotations: Rule = {
  id: 'validation-annotations',
  description: 'Suppression and external-reference annotations are well-formed, with justifications.',
  remediation: 'Write the annotation as lines of `rule-id: justification` naming known rules, or external references as Kind/name or Kind/namespace/name (`Validation.suppress()` writes them for you).',
  layer: 'api',
  severity: 'error',
  check(o, ctx) {
    if (!isObject(o.metadata) || !isObject(o.metadata.annotations)) return;
    for (const p of parseSuppressionEntries(o.metadata.annotations, (id) => ctx.isKnownRule(id)).problems) ctx.report(p.field, p.message);
    for (const e of externalAnnotationEntries(o)) {
      if (!e.parsed) ctx.report(`metadata.annotations[${JSON.stringify(EXTERNAL_REFERENCES_ANNOTATION)}]`, received(e.text, EXTERNAL_ALLOWED));
    }
  },
};
