import { Finding } from '../../lib/validation/finding';
import { formatFinding, formatReport, toJsonReport } from '../../lib/validation/report';

const HOSTILE = 'x\u001b]0;title\u0007\u001b[2J\rfake\nerror [fake] line\u202e';
const ESCAPED = 'x\\x1b]0;title\\x07\\x1b[2J\\rfake\\nerror [fake] line\\u202e';

function finding(over: Partial<Finding> = {}): Finding {
  return { rule: 'object-name', severity: 'error', apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'c', field: 'metadata.name', message: 'received "c"', ...over };
}

describe('findings for people', () => {
  test('GIVEN control characters in kind, namespace, name, field, message and location WHEN formatted THEN each is escaped', () => {
    // GIVEN
    const f = finding({ kind: HOSTILE, namespace: HOSTILE, name: HOSTILE, field: HOSTILE, message: HOSTILE, location: HOSTILE });
    // WHEN
    const line = formatFinding(f);
    // THEN
    expect(line).toBe(`error [object-name] ${ESCAPED} ${ESCAPED}/${ESCAPED} ${ESCAPED}: ${ESCAPED} (${ESCAPED})`);
  });

  test('GIVEN a control character in a construct path or a file-only finding WHEN formatted THEN it is escaped', () => {
    expect(formatFinding(finding({ constructPath: HOSTILE }))).toContain(`(construct ${ESCAPED})`);
    expect(formatFinding(finding({ kind: '', location: HOSTILE, message: HOSTILE }))).toBe(`error [object-name] ${ESCAPED}: ${ESCAPED}`);
  });

  test('GIVEN a hostile justification and unchecked object WHEN reported THEN the report has only its own lines', () => {
    // GIVEN
    const result = {
      findings: [],
      suppressed: [{ finding: finding(), action: 'off' as const, justification: HOSTILE }],
      unchecked: [{ apiVersion: 'x/v1', kind: HOSTILE, name: HOSTILE }],
    };
    // WHEN
    const text = formatReport(result, 1);
    // THEN
    expect(text).toBe(`suppressed [object-name] 1 finding(s): ${ESCAPED}\nnot schema-checked (custom resources): ${ESCAPED} ${ESCAPED}\n0 error(s), 0 warning(s) in 1 object(s)\n`);
  });

  test('GIVEN control characters WHEN reported as JSON THEN the values are exact', () => {
    const json = toJsonReport({ findings: [finding({ name: HOSTILE })], suppressed: [], unchecked: [] });
    expect(json.findings[0].name).toBe(HOSTILE);
  });
});
