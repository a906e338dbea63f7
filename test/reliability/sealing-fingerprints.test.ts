import * as crypto from 'crypto';
import { ManifestObject } from '../../lib';
import { CERT, fingerprintsOf, isolateKeyVariable, KEY_1, sealOnce } from '../config/_sealing';

// Issue 13, item 7: the fingerprints committed to Git were salted scrypt hashes of the secret values, so a guessable
// value could be confirmed offline, by anyone who reads the repository.
isolateKeyVariable();

/** The guesses an attacker with the output (and the public certificate), but not the key, can confirm. */
function confirmedOffline(o: ManifestObject, label: string, guesses: string[]): string[] {
  const annotation = o.metadata.annotations?.['cdk8s-platform.io/sealed-fingerprints'] ?? '{}';
  const confirmed: string[] = [];
  for (const fingerprint of Object.values(JSON.parse(annotation) as Record<string, string>)) {
    const scrypt = /^scrypt:([^:]+):([^:]+)$/.exec(fingerprint);
    for (const guess of guesses) {
      const input = Buffer.from(`${CERT.fingerprint}\n${label}\n${guess}`);
      if (scrypt && crypto.scryptSync(input, Buffer.from(scrypt[1], 'base64'), 32, { N: 1 << 14 }).toString('base64') === scrypt[2]) {
        confirmed.push(guess);
      }
      const plain = crypto.createHash('sha256').update(input).digest('base64');
      if (fingerprint.includes(plain)) confirmed.push(guess);
    }
  }
  return confirmed;
}

describe('Sealing: what the fingerprints reveal', () => {
  test('GIVEN a guessable value sealed with a key WHEN the output is read without the key THEN no guess can be confirmed from it', () => {
    // GIVEN
    const o = sealOnce({ fingerprintKey: KEY_1, values: { pin: '4242' } });
    // WHEN
    const confirmed = confirmedOffline(o, 'shop/keys', ['0000', '1234', '4242', '9999']);
    // THEN
    expect(confirmed).toEqual([]);
  });

  test('GIVEN values sealed with a key WHEN the annotation is read THEN it holds no scrypt hash and no salt', () => {
    const o = sealOnce({ fingerprintKey: KEY_1 });
    expect(o.metadata.annotations?.['cdk8s-platform.io/sealed-fingerprints']).not.toMatch(/scrypt|salt/i);
  });

  test('GIVEN no key WHEN sealed THEN no fingerprint annotation is written', () => {
    const o = sealOnce({ values: { pin: '4242' } });
    expect(fingerprintsOf(o)).toBeUndefined();
  });
});
