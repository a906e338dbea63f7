import * as crypto from 'crypto';
import { ManifestObject } from '../../lib';
import { CERT, fingerprintsOf, isolateKeyVariable, KEY_1, sealOnce, unseal } from '../config/_sealing';

// Issue 13, item 7: a previous ciphertext was reused whenever the fingerprint of its key matched, though the
// fingerprint bound neither the ciphertext nor the key it was written for.
isolateKeyVariable();

/** A fingerprint as the earlier version wrote it for `value` (strict scope, SealedSecret shop/keys). */
function scryptFingerprint(value: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(Buffer.from(`${CERT.fingerprint}\nshop/keys\n${value}`), salt, 32, { N: 1 << 14, r: 8, p: 1 });
  return `scrypt:${salt.toString('base64')}:${hash.toString('base64')}`;
}

/** `o` with its encryptedData changed by `change` (the fingerprints left as they are). */
function tampered(o: ManifestObject, change: (data: Record<string, string>) => void): ManifestObject {
  const copy: ManifestObject = JSON.parse(JSON.stringify(o));
  change(copy.spec.encryptedData);
  return copy;
}

describe('Sealing: reuse of previous ciphertexts', () => {
  test('GIVEN a previous output whose ciphertexts of keys a and b are swapped WHEN synthesized again THEN each key decrypts to its own value', () => {
    // GIVEN
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const swapped = tampered(first, (d) => {
      [d.a, d.b] = [d.b, d.a];
    });
    // WHEN
    const o = sealOnce({ fingerprintKey: KEY_1, previous: swapped });
    // THEN
    expect([unseal(o.spec.encryptedData.a, 'shop/keys'), unseal(o.spec.encryptedData.b, 'shop/keys')]).toEqual(['one', 'two']);
  });

  test('GIVEN a previous output whose ciphertexts of keys a and b are swapped WHEN synthesized again THEN neither swapped ciphertext is kept', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const swapped = tampered(first, (d) => {
      [d.a, d.b] = [d.b, d.a];
    });
    const o = sealOnce({ fingerprintKey: KEY_1, previous: swapped });
    expect([o.spec.encryptedData.a, o.spec.encryptedData.b]).not.toContain(first.spec.encryptedData.a);
    expect([o.spec.encryptedData.a, o.spec.encryptedData.b]).not.toContain(first.spec.encryptedData.b);
  });

  test('GIVEN a previous ciphertext replaced by text that is not a sealed value WHEN synthesized again THEN the value is sealed again', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const o = sealOnce({ fingerprintKey: KEY_1, previous: tampered(first, (d) => { d.a = 'not-a-sealed-value'; }) });
    expect(unseal(o.spec.encryptedData.a, 'shop/keys')).toBe('one');
  });

  test('GIVEN a previous output with the old scrypt fingerprints WHEN synthesized with a key THEN every value is sealed again and no scrypt fingerprint is left', () => {
    // GIVEN: what the earlier version wrote, with fingerprints that match the values
    const old = sealOnce({ fingerprintKey: KEY_1 });
    const legacy: ManifestObject = JSON.parse(JSON.stringify(old));
    legacy.metadata.annotations!['cdk8s-platform.io/sealed-fingerprints'] = JSON.stringify({ a: scryptFingerprint('one'), b: scryptFingerprint('two') });
    // WHEN
    const o = sealOnce({ fingerprintKey: KEY_1, previous: legacy });
    // THEN
    expect(o.spec.encryptedData.a).not.toBe(old.spec.encryptedData.a);
    expect(o.spec.encryptedData.b).not.toBe(old.spec.encryptedData.b);
    expect(JSON.stringify(fingerprintsOf(o))).not.toContain('scrypt');
  });
});
