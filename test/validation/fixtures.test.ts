import { findingsOf, validApp } from './_fixtures';

describe('the valid fixtures', () => {
  test('GIVEN a consistent app of every common kind WHEN validated strictly THEN there is no finding', () => {
    // GIVEN
    const objects = validApp();
    // WHEN
    const findings = findingsOf(objects);
    // THEN
    expect(findings.map((f) => `${f.rule} ${f.kind}/${f.name} ${f.field}: ${f.message}`)).toEqual([]);
  });
});
