import { formatValue } from '../core/errors';

/** Annotation listing the rules turned off for an object, one `rule-id: justification` per line. */
export const SUPPRESSED_ANNOTATION = 'cdk8s-platform.io/validation-suppressed';
/** Annotation listing the rules downgraded to warnings for an object, one `rule-id: justification` per line. */
export const DOWNGRADED_ANNOTATION = 'cdk8s-platform.io/validation-downgraded';

/** Whether a suppression turns a rule off or downgrades its errors to warnings. */
export type SuppressionAction = 'off' | 'downgrade';

/** The annotation that records the suppressions of each action. */
const ANNOTATION_OF: ReadonlyArray<readonly [string, SuppressionAction]> = [[SUPPRESSED_ANNOTATION, 'off'], [DOWNGRADED_ANNOTATION, 'downgrade']];

const RULE_ID_ALLOWED = 'the id of a validation rule, e.g. "image-pinned" or "pss-restricted-seccomp-profile"';
const JUSTIFICATION_ALLOWED = 'a written justification: a non-empty sentence saying why the rule does not apply';

/** One suppression as data: the rule, what happens to its findings, and why. @internal */
export interface SuppressionEntry {
  readonly rule: string;
  readonly action: SuppressionAction;
  readonly justification: string;
}

/**
 * What is wrong with a suppression's rule id and justification. A rule id must be kebab-case; whether a rule has it
 * is decided by `isKnownRule` when given (validation knows the built-in and custom rules; a suppression is made
 * before them).
 *
 * @internal
 */
export function suppressionProblems(rule: unknown, justification: unknown, isKnownRule?: (id: string) => boolean): Array<{ prop: string; value: unknown; allowed: string }> {
  const problems = [];
  if (typeof rule !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(rule) || (isKnownRule !== undefined && !isKnownRule(rule))) {
    problems.push({ prop: 'ruleId', value: rule, allowed: RULE_ID_ALLOWED });
  }
  if (typeof justification !== 'string' || justification.trim().length === 0) {
    problems.push({ prop: 'justification', value: justification, allowed: JUSTIFICATION_ALLOWED });
  }
  return problems;
}

/**
 * The annotations recording `suppressions` on an object: for each action that has some, one `rule-id:
 * justification` line each, sorted and without repeats.
 *
 * @internal
 */
export function suppressionAnnotations(suppressions: readonly SuppressionEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, action] of ANNOTATION_OF) {
    const of = suppressions.filter((s) => s.action === action);
    if (of.length > 0) out[key] = [...new Set(of.map((s) => `${s.rule}: ${s.justification.trim().replace(/\s*\n\s*/g, ' ')}`))].sort().join('\n');
  }
  return out;
}

/**
 * Reads the suppressions an object's annotations declare; malformed lines (and, with `isKnownRule`, lines naming no
 * known rule) are returned as problems.
 *
 * @internal
 */
export function parseSuppressionEntries(annotations: Record<string, unknown> | undefined, isKnownRule?: (id: string) => boolean):
{ entries: SuppressionEntry[]; problems: Array<{ field: string; message: string }> } {
  const entries: SuppressionEntry[] = [];
  const problems: Array<{ field: string; message: string }> = [];
  if (!annotations || (annotations[SUPPRESSED_ANNOTATION] === undefined && annotations[DOWNGRADED_ANNOTATION] === undefined)) {
    return { entries, problems };
  }
  for (const [key, action] of ANNOTATION_OF) {
    const value = annotations[key];
    if (value === undefined) continue;
    const field = `metadata.annotations[${JSON.stringify(key)}]`;
    if (typeof value !== 'string') {
      problems.push({ field, message: `received ${formatValue(value)}; allowed: lines of "rule-id: justification"` });
      continue;
    }
    for (const line of value.split('\n')) {
      if (line.trim() === '') continue;
      const m = /^\s*([a-z0-9-]+)\s*:(.*)$/.exec(line);
      const issues = m ? suppressionProblems(m[1], m[2], isKnownRule) : [];
      if (!m || issues.length > 0) {
        const allowed = m ? issues.map((i) => `${i.prop}: ${i.allowed}`).join('; ') : '"rule-id: justification"';
        problems.push({ field, message: `received the line ${formatValue(line)}; allowed: ${allowed}` });
        continue;
      }
      entries.push({ rule: m[1], action, justification: m[2].trim() });
    }
  }
  return { entries, problems };
}
