import { ALL_RULES } from '../../lib';
import { formatFinding, formatReport, toJsonReport } from '../../lib/validation/report';
import { validateObjects } from '../../lib/validation/validator';
import { deployment, set } from './_fixtures';

/** A Deployment whose image is not pinned: one image-pinned warning. */
const unpinned = () => set(deployment(), 'spec.template.spec.containers[0].image', 'nginx');

describe('remediation', () => {
  test.each(ALL_RULES.map((r) => [r.id, r.remediation]))('GIVEN the built-in rule %s THEN its remediation is one non-empty sentence ending with a period', (_id, remediation) => {
    expect(typeof remediation).toBe('string');
    expect(remediation.trim().length).toBeGreaterThan(0);
    expect(remediation).toMatch(/^[A-Z`].*\.$/s);
  });

  test('GIVEN a finding of a rule WHEN validated THEN it carries the rule\'s remediation', () => {
    // WHEN
    const { findings } = validateObjects([unpinned()]);
    // THEN
    expect(findings.find((f) => f.rule === 'image-pinned')?.remediation).toBe(ALL_RULES.find((r) => r.id === 'image-pinned')!.remediation);
  });

  test('GIVEN a finding WHEN formatted THEN its remediation is on the next line, indented', () => {
    // GIVEN
    const finding = validateObjects([unpinned()]).findings.find((f) => f.rule === 'image-pinned')!;
    // WHEN
    const lines = formatFinding(finding).split('\n');
    // THEN
    expect(lines).toEqual([expect.stringMatching(/^warning \[image-pinned\] Deployment shop\/api /), `    remediation: ${finding.remediation}`]);
  });

  test('GIVEN a finding without a remediation WHEN formatted THEN it is one line', () => {
    // GIVEN
    const finding = { ...validateObjects([unpinned()]).findings[0], remediation: undefined };
    // WHEN / THEN
    expect(formatFinding(finding)).not.toContain('\n');
  });

  test('GIVEN findings WHEN reported for people THEN each remediation follows its finding', () => {
    // GIVEN
    const result = validateObjects([unpinned()]);
    // WHEN
    const report = formatReport(result, 1);
    // THEN
    expect(report).toContain(`${formatFinding(result.findings[0]).split('\n')[0]}\n    remediation: ${result.findings[0].remediation}\n`);
  });

  test('GIVEN findings WHEN reported as JSON THEN each has its remediation', () => {
    // GIVEN
    const result = validateObjects([unpinned()]);
    // WHEN
    const json = toJsonReport(result);
    // THEN
    expect(json.findings.map((f) => f.remediation)).toEqual(result.findings.map((f) => f.remediation));
  });

  test('GIVEN a remediation with control characters WHEN formatted THEN they are escaped', () => {
    // GIVEN
    const finding = { ...validateObjects([unpinned()]).findings[0], remediation: 'Fix it.\u001b[2J\nfake line' };
    // WHEN
    const text = formatFinding(finding);
    // THEN
    expect(text.split('\n')).toHaveLength(2);
    expect(text).not.toContain('\u001b');
  });
});
