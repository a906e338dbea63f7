import { Suppression } from '../../lib/validation/suppression';
import { validateObjects } from '../../lib/validation/validator';
import { findingsOf, secret, set } from './_fixtures';

const LAST_APPLIED = 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]';

describe('findings on secret values', () => {
  test('GIVEN a Secret value of the wrong type WHEN validated THEN the finding names the field and hides the value', () => {
    // GIVEN
    const o = set(secret(), 'stringData.pin', 4242424242);
    // WHEN
    const [finding] = findingsOf([o]).filter((f) => f.rule === 'schema-type');
    // THEN
    expect(finding).toEqual(expect.objectContaining({ field: 'stringData.pin', message: 'received (hidden) (an integer); allowed: a string' }));
  });

  test('GIVEN a list in Secret data WHEN validated THEN the list is hidden', () => {
    const findings = findingsOf([set(secret(), 'data.list', ['SECRET-list-item'])]);
    expect(findings.map((f) => f.field)).toContain('data.list');
    expect(JSON.stringify(findings)).not.toContain('SECRET-list-item');
  });

  test('GIVEN a Secret\'s last-applied configuration of the wrong type WHEN validated THEN its copy of the values is hidden', () => {
    const findings = findingsOf([set(secret(), LAST_APPLIED, { data: { password: 'U0VDUkVU' } })]);
    expect(findings.map((f) => f.field)).toContain(LAST_APPLIED);
    expect(JSON.stringify(findings)).not.toContain('U0VDUkVU');
  });

  test('GIVEN a secret value quoted in a finding on another field WHEN validated THEN it is hidden there too', () => {
    // GIVEN the same value in stringData and in a field that is not secret
    const o = set(set(secret(), 'stringData.token', 'SECRET-token-value'), 'immutable', 'SECRET-token-value');
    // WHEN
    const [finding] = findingsOf([o]).filter((f) => f.field === 'immutable');
    // THEN
    expect(finding.message).toBe('received (hidden) (a string); allowed: true or false');
  });

  test('GIVEN the decoded text of base64 Secret data quoted elsewhere WHEN validated THEN it is hidden too', () => {
    const o = set(secret(), 'immutable', 'hunter2');
    expect(findingsOf([o]).find((f) => f.field === 'immutable')!.message).not.toContain('hunter2');
  });

  test('GIVEN a suppressed finding on a secret value WHEN validated THEN the suppressed finding hides it too', () => {
    const o = set(secret(), 'stringData.pin', 4242424242);
    const { suppressed } = validateObjects([o], { suppressions: [Suppression.off('schema-type', 'testing suppressed findings')] });
    expect(suppressed.map((s) => s.finding.message)).toEqual(['received (hidden) (an integer); allowed: a string']);
  });

  test('GIVEN a ConfigMap WHEN validated THEN its values are quoted as they are', () => {
    const o = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' }, data: { pin: 4242424242 } };
    expect(findingsOf([o]).find((f) => f.field === 'data.pin')!.message).toContain('received 4242424242');
  });
});
