import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  AppStack, Environment, ManifestObject, PlatformApp, PlatformError, SealedSecret, SEALED_FINGERPRINTS_ANNOTATION, SEALING_KEY_VARIABLE,
  SealingScope, toYaml,
} from '../../lib';
import { sealedValueFingerprint } from '../../lib/config/_sealing-fingerprint';
import { expectPropError, tmpdir } from '../_helpers';
import { CERT, fingerprintsOf, isolateKeyVariable, KEY_1, KEY_2, KEY_VARIABLE, otherCertificate, sealOnce, unseal } from './_sealing';

// How a synth keeps or replaces the previous ciphertexts. The previous output is a fake one (registered on a plain
// cdk8s App), given for whatever name is asked, so that the bindings to the name and namespace are tested too.
isolateKeyVariable();

/** `o` as a JSON copy, with `change` applied. */
function edited(o: ManifestObject, change: (copy: ManifestObject) => void): ManifestObject {
  const copy: ManifestObject = JSON.parse(JSON.stringify(o));
  change(copy);
  return copy;
}

describe('SealedSecret: keeping previous ciphertexts', () => {
  test('GIVEN a fingerprint key and nothing changed WHEN synthesized again THEN the object is byte-identical', () => {
    // GIVEN
    const first = sealOnce({ fingerprintKey: KEY_1 });
    // WHEN
    const second = sealOnce({ fingerprintKey: KEY_1, previous: first });
    // THEN
    expect(toYaml([second])).toBe(toYaml([first]));
  });

  test('GIVEN a changed value WHEN synthesized again THEN that value is sealed again and decrypts to the new value', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const second = sealOnce({ fingerprintKey: KEY_1, previous: first, values: { a: 'one', b: 'changed' } });
    expect(second.spec.encryptedData.b).not.toBe(first.spec.encryptedData.b);
    expect(unseal(second.spec.encryptedData.b, 'shop/keys')).toBe('changed');
  });

  test('GIVEN a changed value WHEN synthesized again THEN the unchanged value keeps its ciphertext and fingerprint', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const second = sealOnce({ fingerprintKey: KEY_1, previous: first, values: { a: 'one', b: 'changed' } });
    expect(second.spec.encryptedData.a).toBe(first.spec.encryptedData.a);
    expect(fingerprintsOf(second)!.a).toBe(fingerprintsOf(first)!.a);
  });

  test('GIVEN a changed scope WHEN synthesized again THEN each value is sealed again with the new label', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const second = sealOnce({ fingerprintKey: KEY_1, previous: first, scope: SealingScope.namespaceWide() });
    expect(second.spec.encryptedData.a).not.toBe(first.spec.encryptedData.a);
    expect(unseal(second.spec.encryptedData.a, 'shop')).toBe('one');
  });

  test('GIVEN a changed certificate WHEN synthesized again THEN each value is sealed again', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const second = sealOnce({ fingerprintKey: KEY_1, previous: first, certificate: otherCertificate() });
    expect(second.spec.encryptedData.a).not.toBe(first.spec.encryptedData.a);
    expect(() => unseal(second.spec.encryptedData.a, 'shop/keys')).toThrow();
  });

  test('GIVEN the cluster-wide scope (no label) and a changed name WHEN synthesized again THEN each value is sealed again', () => {
    const first = sealOnce({ fingerprintKey: KEY_1, scope: SealingScope.clusterWide() });
    const second = sealOnce({ fingerprintKey: KEY_1, scope: SealingScope.clusterWide(), previous: first, name: 'renamed' });
    expect(second.spec.encryptedData.a).not.toBe(first.spec.encryptedData.a);
  });

  test('GIVEN the cluster-wide scope (no label) and a changed namespace WHEN synthesized again THEN each value is sealed again', () => {
    const first = sealOnce({ fingerprintKey: KEY_1, scope: SealingScope.clusterWide() });
    const second = sealOnce({ fingerprintKey: KEY_1, scope: SealingScope.clusterWide(), previous: first, namespace: 'other' });
    expect(second.spec.encryptedData.a).not.toBe(first.spec.encryptedData.a);
  });

  test('GIVEN another fingerprint key WHEN synthesized again THEN each value is sealed again', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const second = sealOnce({ fingerprintKey: KEY_2, previous: first });
    expect(second.spec.encryptedData.a).not.toBe(first.spec.encryptedData.a);
  });

  test('GIVEN the ciphertext and fingerprint of key a copied to key b, with the same value WHEN synthesized again THEN b is sealed again', () => {
    // GIVEN
    const first = sealOnce({ fingerprintKey: KEY_1, values: { a: 'same', b: 'same' } });
    const copied = edited(first, (o) => {
      o.spec.encryptedData.b = o.spec.encryptedData.a;
      o.metadata.annotations![SEALED_FINGERPRINTS_ANNOTATION] = JSON.stringify({ a: fingerprintsOf(first)!.a, b: fingerprintsOf(first)!.a });
    });
    // WHEN
    const second = sealOnce({ fingerprintKey: KEY_1, values: { a: 'same', b: 'same' }, previous: copied });
    // THEN
    expect(second.spec.encryptedData.b).not.toBe(first.spec.encryptedData.a);
    expect(unseal(second.spec.encryptedData.b, 'shop/keys')).toBe('same');
  });

  test('GIVEN an annotation that is not JSON WHEN synthesized again THEN each value is sealed again, without an error', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const broken = edited(first, (o) => {
      o.metadata.annotations![SEALED_FINGERPRINTS_ANNOTATION] = '{not json';
    });
    const second = sealOnce({ fingerprintKey: KEY_1, previous: broken });
    expect(second.spec.encryptedData.a).not.toBe(first.spec.encryptedData.a);
  });
});

describe('SealedSecret: the shape of a previous ciphertext', () => {
  /** The fingerprint of `ciphertext` as the value "one" of key a of shop/keys, under `KEY_1` (as a key holder could make it). */
  const fingerprintFor = (ciphertext: string): string => sealedValueFingerprint(Buffer.from(KEY_1), {
    certificate: CERT.fingerprint, scope: 'strict', label: 'shop/keys', namespace: 'shop', name: 'keys', key: 'a', value: 'one', ciphertext,
  });
  const withCiphertextOfA = (o: ManifestObject, ciphertext: string): ManifestObject => edited(o, (copy) => {
    copy.spec.encryptedData.a = ciphertext;
    copy.metadata.annotations![SEALED_FINGERPRINTS_ANNOTATION] = JSON.stringify({ ...fingerprintsOf(o), a: fingerprintFor(ciphertext) });
  });

  test('GIVEN a key WHEN sealed THEN each fingerprint is the HMAC of what its ciphertext belongs to', () => {
    const o = sealOnce({ fingerprintKey: KEY_1 });
    expect(fingerprintsOf(o)!.a).toBe(fingerprintFor(o.spec.encryptedData.a));
  });

  test('GIVEN a valid fingerprint over a ciphertext whose RSA length is not the key size WHEN synthesized again THEN the value is sealed again', () => {
    // GIVEN: 512 bytes claimed for a 2048-bit (256-byte) key
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const bytes = Buffer.from(first.spec.encryptedData.a, 'base64');
    bytes.writeUInt16BE(512);
    const forged = bytes.toString('base64');
    // WHEN
    const second = sealOnce({ fingerprintKey: KEY_1, previous: withCiphertextOfA(first, forged) });
    // THEN
    expect(second.spec.encryptedData.a).not.toBe(forged);
    expect(unseal(second.spec.encryptedData.a, 'shop/keys')).toBe('one');
  });

  test('GIVEN a valid fingerprint over a ciphertext shorter than an RSA block and a tag WHEN synthesized again THEN the value is sealed again', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const short = Buffer.from(first.spec.encryptedData.a, 'base64').subarray(0, 2 + 256 + 15).toString('base64');
    const second = sealOnce({ fingerprintKey: KEY_1, previous: withCiphertextOfA(first, short) });
    expect(second.spec.encryptedData.a).not.toBe(short);
  });

  test('GIVEN a valid fingerprint over a ciphertext that is not canonical base64 WHEN synthesized again THEN the value is sealed again', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const spaced = `${first.spec.encryptedData.a.slice(0, 8)} ${first.spec.encryptedData.a.slice(8)}`;
    const second = sealOnce({ fingerprintKey: KEY_1, previous: withCiphertextOfA(first, spaced) });
    expect(second.spec.encryptedData.a).not.toBe(spaced);
    expect(unseal(second.spec.encryptedData.a, 'shop/keys')).toBe('one');
  });
});

describe('SealedSecret: without a fingerprint key', () => {
  test('GIVEN no key and a previous output WHEN synthesized again THEN every value is sealed again', () => {
    const first = sealOnce();
    const second = sealOnce({ previous: first });
    expect(second.spec.encryptedData.a).not.toBe(first.spec.encryptedData.a);
    expect(second.spec.encryptedData.b).not.toBe(first.spec.encryptedData.b);
  });

  test('GIVEN no key and a previous output with valid fingerprints WHEN synthesized again THEN nothing is kept and no fingerprint is written', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    const second = sealOnce({ previous: first });
    expect(second.spec.encryptedData.a).not.toBe(first.spec.encryptedData.a);
    expect(second.metadata.annotations).toBeUndefined();
  });

  test('GIVEN no key and metadata.annotations with the fingerprints annotation WHEN synthesized THEN it is dropped', () => {
    const o = sealOnce({ metadata: { annotations: { [SEALED_FINGERPRINTS_ANNOTATION]: '{}', team: 'shop' } } });
    expect(o.metadata.annotations).toEqual({ team: 'shop' });
  });

  test('GIVEN a key and metadata.annotations with the fingerprints annotation WHEN synthesized THEN it holds the real fingerprints', () => {
    const o = sealOnce({ fingerprintKey: KEY_1, metadata: { annotations: { [SEALED_FINGERPRINTS_ANNOTATION]: '{}' } } });
    expect(Object.keys(fingerprintsOf(o)!)).toEqual(['a', 'b']);
  });
});

describe('SealedSecret: the fingerprint key', () => {
  test('GIVEN the key in the environment variable WHEN synthesized again THEN the object is byte-identical', () => {
    process.env[KEY_VARIABLE] = KEY_1;
    const first = sealOnce();
    expect(toYaml([sealOnce({ previous: first })])).toBe(toYaml([first]));
  });

  test('GIVEN the variable constant WHEN read THEN it names CDK8S_PLATFORM_SEALING_KEY', () => {
    expect(SEALING_KEY_VARIABLE).toBe(KEY_VARIABLE);
  });

  test('GIVEN an empty environment variable WHEN sealed THEN it counts as no key', () => {
    process.env[KEY_VARIABLE] = '';
    expect(fingerprintsOf(sealOnce())).toBeUndefined();
  });

  test('GIVEN an environment variable of 31 bytes WHEN constructed THEN a PlatformError names the variable and hides the value', () => {
    // GIVEN
    const short = 'x'.repeat(30) + 'Z';
    process.env[KEY_VARIABLE] = short;
    // WHEN
    let error: unknown;
    try {
      sealOnce();
    } catch (e) {
      error = e;
    }
    // THEN
    expect(PlatformError.isPlatformError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^SealedSecret at "shop\/keys": the environment variable CDK8S_PLATFORM_SEALING_KEY received \(hidden\), 31 bytes; allowed: at least 32 bytes/);
    expect((error as Error).message).not.toContain(short);
  });

  test('GIVEN a fingerprintKey prop of 31 bytes WHEN constructed THEN a PropError hides it and says what is allowed', () => {
    expectPropError(() => sealOnce({ fingerprintKey: 'x'.repeat(31) }), {
      path: 'shop/keys', prop: 'fingerprintKey', received: '"(hidden)"', allowed: 'a string of at least 32 bytes (UTF-8)',
    });
  });

  test('GIVEN a fingerprintKey prop and another key in the variable WHEN synthesized again THEN the prop is the key used', () => {
    const first = sealOnce({ fingerprintKey: KEY_1 });
    process.env[KEY_VARIABLE] = KEY_2;
    expect(sealOnce({ fingerprintKey: KEY_1, previous: first }).spec.encryptedData.a).toBe(first.spec.encryptedData.a);
  });
});

describe('SealedSecret: what the fingerprints reveal', () => {
  test('GIVEN the same value under two fingerprint keys WHEN sealed THEN the fingerprints are unrelated', () => {
    const one = fingerprintsOf(sealOnce({ fingerprintKey: KEY_1, values: { a: 'same' } }))!.a;
    const two = fingerprintsOf(sealOnce({ fingerprintKey: KEY_2, values: { a: 'same' } }))!.a;
    expect(one).not.toBe(two);
  });

  test('GIVEN the same value under two data keys WHEN sealed THEN their fingerprints differ (equal values do not show)', () => {
    const f = fingerprintsOf(sealOnce({ fingerprintKey: KEY_1, values: { a: 'same', b: 'same' } }))!;
    expect(f.a).not.toBe(f.b);
  });

  test('GIVEN a key WHEN sealed THEN each fingerprint is the version and a 32-byte HMAC, nothing else', () => {
    const f = fingerprintsOf(sealOnce({ fingerprintKey: KEY_1 }))!;
    expect(Object.values(f).map((v) => /^hmac-sha256-v1:([A-Za-z0-9+/]{43}=)$/.test(v))).toEqual([true, true]);
  });
});

describe('SealedSecret: reading the previous output folder', () => {
  const REGISTER = require.resolve('@swc-node/register');
  const LIB = path.resolve(__dirname, '../../lib');
  const CERT_FILE = path.join(__dirname, '..', 'fixtures', 'sealing', 'sealing-cert.pem');
  /** The SealedSecret shop/keys synthesized into `outdir` by a PlatformApp (environment prod, key `KEY_1`). */
  function synthApp(outdir: string): void {
    const app = new PlatformApp({ outdir, capacitySummary: false });
    const stack = new AppStack(new Environment(app, 'prod'), 'shop', { namespace: 'shop' });
    new SealedSecret(stack, 'keys', { certificate: CERT, values: { a: 'one' }, fingerprintKey: KEY_1 });
    app.synth();
  }
  const file = (outdir: string): string => path.join(outdir, 'prod', 'shop', 'sealedsecret-keys.yaml');
  const ciphertextIn = (text: string): string => /encryptedData:\n {4}a: (\S+)\n/.exec(text)![1];

  test('GIVEN the previous file of the object WHEN synthesized again THEN its ciphertext is kept', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    synthApp(outdir);
    const before = ciphertextIn(fs.readFileSync(file(outdir), 'utf8'));
    // WHEN
    synthApp(outdir);
    // THEN
    expect(ciphertextIn(fs.readFileSync(file(outdir), 'utf8'))).toBe(before);
  });

  test('GIVEN the previous file grown past 4 MiB WHEN synthesized again THEN it is not read: the value is sealed again', () => {
    // GIVEN: the same object, followed by a comment that makes the file larger than any object the API server stores
    const outdir = path.join(tmpdir(), 'dist');
    synthApp(outdir);
    const text = fs.readFileSync(file(outdir), 'utf8');
    fs.writeFileSync(file(outdir), `${text}# ${'x'.repeat(4 * 1024 * 1024)}\n`);
    // WHEN
    synthApp(outdir);
    // THEN
    expect(ciphertextIn(fs.readFileSync(file(outdir), 'utf8'))).not.toBe(ciphertextIn(text));
  });

  test('GIVEN the previous file holding the object twice WHEN synthesized again THEN the value is sealed again', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    synthApp(outdir);
    const text = fs.readFileSync(file(outdir), 'utf8');
    fs.writeFileSync(file(outdir), `${text}---\n${text}`);
    // WHEN
    synthApp(outdir);
    // THEN
    expect(ciphertextIn(fs.readFileSync(file(outdir), 'utf8'))).not.toBe(ciphertextIn(text));
  });

  test('GIVEN a FIFO where the previous file was WHEN synthesized again THEN the synth does not wait for it and seals the value again', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    synthApp(outdir);
    fs.rmSync(file(outdir));
    execFileSync('mkfifo', [file(outdir)]);
    // WHEN: in a process of its own, so that a synth blocked on the FIFO fails this test instead of hanging it
    const script = [
      `require(${JSON.stringify(REGISTER)});`,
      `const { AppStack, Environment, PlatformApp, SealedSecret, SealingCertificate } = require(${JSON.stringify(LIB)});`,
      'const app = new PlatformApp({ outdir: process.argv[1], capacitySummary: false });',
      "const stack = new AppStack(new Environment(app, 'prod'), 'shop', { namespace: 'shop' });",
      `new SealedSecret(stack, 'keys', { certificate: SealingCertificate.fromFile(${JSON.stringify(CERT_FILE)}), values: { a: 'one' }, fingerprintKey: ${JSON.stringify(KEY_1)} });`,
      'app.synth();',
    ].join('\n');
    const env = { ...process.env };
    delete env[KEY_VARIABLE];
    const run = spawnSync(process.execPath, ['-e', script, outdir], { encoding: 'utf8', timeout: 60_000, env });
    // THEN
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(fs.lstatSync(file(outdir)).isFile()).toBe(true);
    expect(unseal(ciphertextIn(fs.readFileSync(file(outdir), 'utf8')), 'shop/keys')).toBe('one');
  }, 70_000);
});
