import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../lib';

const DOC = path.join(__dirname, '..', '..', 'docs', 'validation-rules.md');

/** The rules table of docs/validation-rules.md, from the rules themselves. */
function rulesTable(): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const rows = ALL_RULES.map((r) => `| \`${r.id}\` | ${r.layer} | ${r.severity} | ${cell(r.description)} | ${cell(r.remediation)} |`);
  return ['| rule | layer | severity (recommended preset) | what it checks | how to fix |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

test('GIVEN the validation rules WHEN docs/validation-rules.md is read THEN its table lists every rule as the code defines it', () => {
  const doc = fs.readFileSync(DOC, 'utf8');
  // If this fails after adding or changing a rule, replace the table in docs/validation-rules.md with the expected one.
  expect(doc).toContain(rulesTable());
});
