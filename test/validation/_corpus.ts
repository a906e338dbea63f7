import { ManifestObject } from '../../lib';
import { ValidationOptions } from '../../lib/validation/validator';
import { findingsOf } from './_fixtures';

/** One bad input: what it is, the objects, and the finding expected (rule, field, a fragment of the message). */
export type CorpusCase = [title: string, objects: () => ManifestObject[], rule: string, field: string, message: string];

/** Runs each case: the rule reports the field, with a message naming the value received and what is allowed. */
export function runCorpus(cases: CorpusCase[], options: ValidationOptions = {}): void {
  test.each(cases)('GIVEN %s WHEN validated THEN rule %s reports it', (_title, objects, rule, field, message) => {
    // GIVEN
    const input = objects();
    // WHEN
    const findings = findingsOf(input, options).filter((f) => f.rule === rule);
    // THEN
    const match = findings.find((f) => f.field === field);
    if (!match) throw new Error(`no ${rule} finding at "${field}"; got:\n${findings.map((f) => `${f.field}: ${f.message}`).join('\n') || '(none)'}`);
    expect(match.message).toContain(message);
    expect(match.message).toMatch(/received .*; allowed: /s);
  });
}
