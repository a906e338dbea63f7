import * as fs from 'fs';
import * as path from 'path';
import {
  AppStack, EnvValue, Environment, ManifestObject, PlatformApp, PlatformError, SealedSecret,
  SealingCertificate, SealingScope, SecretType, SynthError, WebService,
} from '../../lib';
import { containerOf, expectPropError, makeStack, RESOURCES, synth, tmpdir } from '../_helpers';
import { CERT, isolateKeyVariable, KEY_1, unseal } from './_sealing';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'sealing');
isolateKeyVariable();

function sealedOf(objects: ManifestObject[]): ManifestObject {
  return objects.find((o) => o.kind === 'SealedSecret')!;
}

describe('SealedSecret', () => {
  test('GIVEN values WHEN synthesized THEN each decrypts with the controller key and the strict label namespace/name', () => {
    // GIVEN
    const { stack } = makeStack();
    new SealedSecret(stack, 'api-keys', { certificate: CERT, values: { payment: 'pay-123', 'db.url': 'postgres://u:p@db/shop' } });
    // WHEN
    const o = sealedOf(synth(stack));
    // THEN
    expect(unseal(o.spec.encryptedData.payment, 'test/api-keys')).toBe('pay-123');
    expect(unseal(o.spec.encryptedData['db.url'], 'test/api-keys')).toBe('postgres://u:p@db/shop');
    expect(() => unseal(o.spec.encryptedData.payment, 'other/api-keys')).toThrow();
  });

  test('GIVEN defaults WHEN synthesized THEN it is a bitnami.com/v1alpha1 SealedSecret with a template and no plaintext', () => {
    const { stack } = makeStack();
    new SealedSecret(stack, 's', { certificate: CERT, values: { k: 'plain-value' } });
    const o = sealedOf(synth(stack));
    expect(o.apiVersion).toBe('bitnami.com/v1alpha1');
    expect(o.metadata).toEqual(expect.objectContaining({ name: 's', namespace: 'test' }));
    expect(o.metadata.annotations).toBeUndefined();
    expect(o.spec.template).toEqual({ metadata: { name: 's', namespace: 'test', labels: o.metadata.labels }, type: 'Opaque' });
    expect(JSON.stringify(o)).not.toContain('plain-value');
    expect(JSON.stringify(o)).not.toContain(Buffer.from('plain-value').toString('base64'));
  });

  test('GIVEN a SealedSecret in an Environment WHEN synthesized THEN the Secret it unseals into carries its labels, the stack\'s and the environment\'s', () => {
    // GIVEN
    const app = new PlatformApp();
    const stack = new AppStack(new Environment(app, 'prod'), 'shop', { namespace: 'shop', metadata: { labels: { team: 'payments' } } });
    new SealedSecret(stack, 's', { certificate: CERT, values: { k: 'v' } });
    // WHEN
    const o = sealedOf(synth(stack));
    // THEN
    expect(o.spec.template.metadata.labels).toEqual(o.metadata.labels);
    expect(o.spec.template.metadata.labels).toEqual(expect.objectContaining({ 'cdk8s-platform.io/environment': 'prod', team: 'payments', 'app.kubernetes.io/instance': 'shop' }));
  });

  test('GIVEN the namespace-wide scope WHEN synthesized THEN the label is the namespace and both levels are annotated', () => {
    const { stack } = makeStack();
    new SealedSecret(stack, 's', { certificate: CERT, values: { k: 'v' }, scope: SealingScope.namespaceWide() });
    const o = sealedOf(synth(stack));
    expect(unseal(o.spec.encryptedData.k, 'test')).toBe('v');
    expect(o.metadata.annotations?.['sealedsecrets.bitnami.com/namespace-wide']).toBe('true');
    expect(o.spec.template.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
  });

  test('GIVEN the cluster-wide scope WHEN synthesized THEN the label is empty', () => {
    const { stack } = makeStack();
    new SealedSecret(stack, 's', { certificate: CERT, values: { k: 'v' }, scope: SealingScope.clusterWide() });
    const o = sealedOf(synth(stack));
    expect(unseal(o.spec.encryptedData.k, '')).toBe('v');
    expect(o.metadata.annotations?.['sealedsecrets.bitnami.com/cluster-wide']).toBe('true');
  });

  test('GIVEN a type WHEN synthesized THEN the template has it', () => {
    const { stack } = makeStack();
    new SealedSecret(stack, 's', { certificate: CERT, values: { username: 'u', password: 'p' }, type: SecretType.BASIC_AUTH });
    expect(sealedOf(synth(stack)).spec.template).toEqual(expect.objectContaining({ type: 'kubernetes.io/basic-auth' }));
  });

  test('GIVEN a SealedSecret WHEN an env var reads it THEN it reads the Secret it unseals into, and a missing key is an error', () => {
    const { stack } = makeStack();
    const s = new SealedSecret(stack, 's', { certificate: CERT, values: { k: 'v' } });
    new WebService(stack, 'api', { image: 'nginx:1.25', resources: RESOURCES, env: { K: EnvValue.fromSecret(s, 'k') } });
    expect(containerOf(synth(stack), 'api').env).toContainEqual({ name: 'K', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } });
    new WebService(stack, 'bad', { image: 'nginx:1.25', resources: RESOURCES, env: { K: EnvValue.fromSecret(s, 'nope') } });
    expect(() => synth(stack)).toThrow(SynthError);
  });

  describe('stable output (through the output folder)', () => {
    /** Synthesizes the SealedSecret shop/keys into `outdir`, with the fingerprint key `KEY_1` unless `key` is null. */
    function synthApp(outdir: string, values: Record<string, string>, key: string | null = KEY_1): void {
      const app = new PlatformApp({ outdir, environments: ['prod'] });
      const stack = new AppStack(new Environment(app, 'prod'), 'shop', { namespace: 'shop' });
      new SealedSecret(stack, 'keys', { certificate: CERT, values, fingerprintKey: key ?? undefined });
      app.synth();
    }
    const file = (outdir: string): string => path.join(outdir, 'prod', 'shop', 'sealedsecret-keys.yaml');

    test('GIVEN a fingerprint key and unchanged values WHEN synthesized again THEN the file is byte-identical', () => {
      const outdir = path.join(tmpdir(), 'dist');
      synthApp(outdir, { a: 'one', b: 'two' });
      const before = fs.readFileSync(file(outdir), 'utf8');
      synthApp(outdir, { a: 'one', b: 'two' });
      expect(fs.readFileSync(file(outdir), 'utf8')).toBe(before);
    });

    test('GIVEN no fingerprint key and unchanged values WHEN synthesized again THEN the file changes', () => {
      const outdir = path.join(tmpdir(), 'dist');
      synthApp(outdir, { a: 'one', b: 'two' }, null);
      const before = fs.readFileSync(file(outdir), 'utf8');
      synthApp(outdir, { a: 'one', b: 'two' }, null);
      expect(fs.readFileSync(file(outdir), 'utf8')).not.toBe(before);
    });

    test('GIVEN a fingerprint key and one changed value WHEN synthesized again THEN only that value is sealed again', () => {
      const outdir = path.join(tmpdir(), 'dist');
      synthApp(outdir, { a: 'one', b: 'two' });
      const before = fs.readFileSync(file(outdir), 'utf8');
      synthApp(outdir, { a: 'one', b: 'three' });
      const after = fs.readFileSync(file(outdir), 'utf8');
      const data = (text: string): Record<string, string> => /encryptedData:\n {4}a: (\S+)\n {4}b: (\S+)/.exec(text)!.slice(1, 3).reduce((r, v, i) => ({ ...r, [i ? 'b' : 'a']: v }), {});
      expect(data(after).a).toBe(data(before).a);
      expect(data(after).b).not.toBe(data(before).b);
      expect(unseal(data(after).b, 'shop/keys')).toBe('three');
    });

    test('GIVEN no previous output WHEN sealed twice THEN the ciphertexts differ (sealing is randomized)', () => {
      const { stack } = makeStack();
      new SealedSecret(stack, 's1', { certificate: CERT, name: 's', values: { k: 'v' } });
      const { stack: other } = makeStack();
      new SealedSecret(other, 's1', { certificate: CERT, name: 's', values: { k: 'v' } });
      expect(sealedOf(synth(stack)).spec.encryptedData.k).not.toBe(sealedOf(synth(other)).spec.encryptedData.k);
    });
  });

  describe('bad input', () => {
    test('GIVEN no values WHEN constructed THEN a PropError says at least one is needed', () => {
      const { stack } = makeStack();
      expectPropError(() => new SealedSecret(stack, 's', { certificate: CERT, values: {} }), {
        path: 'test/s', prop: 'values', received: '"{}"', allowed: 'at least one key',
      });
    });

    test('GIVEN a non-string value WHEN constructed THEN a PropError hides it', () => {
      const { stack } = makeStack();
      expectPropError(() => new SealedSecret(stack, 's', { certificate: CERT, values: { k: 42 as any } }), {
        path: 'test/s', prop: 'values.k', received: '"(hidden)"', allowed: 'a string value',
      });
    });

    test('GIVEN no certificate WHEN constructed THEN a PropError names the factories', () => {
      const { stack } = makeStack();
      expectPropError(() => new SealedSecret(stack, 's', { certificate: undefined as any, values: { k: 'v' } }), {
        path: 'test/s', prop: 'certificate', received: 'undefined', allowed: 'SealingCertificate.fromFile(path)',
      });
    });

    test('GIVEN a TLS type without tls.key WHEN constructed THEN a PropError names the missing key', () => {
      const { stack } = makeStack();
      expectPropError(() => new SealedSecret(stack, 's', { certificate: CERT, values: { 'tls.crt': 'c' }, type: SecretType.TLS }), {
        path: 'test/s', prop: 'values', received: '["tls.crt"]', allowed: 'keys including "tls.key"',
      });
    });

    test('GIVEN text that is not a certificate WHEN read THEN a PlatformError says what is allowed', () => {
      expect(() => SealingCertificate.fromPem('not a cert')).toThrow(PlatformError);
      expect(() => SealingCertificate.fromPem('not a cert')).toThrow(/is not a PEM X.509 certificate .*kubeseal --fetch-cert/);
    });

    test('GIVEN a certificate with an EC key WHEN read THEN a PlatformError asks for an RSA key', () => {
      expect(() => SealingCertificate.fromFile(path.join(FIXTURES, 'ec-cert.pem'))).toThrow(/holds a key of type "ec"; allowed: a certificate with an RSA key/);
    });

    test('GIVEN PEM text WHEN read THEN it gives the same certificate as the file', () => {
      const pem = fs.readFileSync(path.join(FIXTURES, 'sealing-cert.pem'), 'utf8');
      expect(SealingCertificate.fromPem(pem).fingerprint).toBe(CERT.fingerprint);
    });

    test('GIVEN a scope that is not a SealingScope WHEN constructed THEN a PropError names the factories', () => {
      const { stack } = makeStack();
      expectPropError(() => new SealedSecret(stack, 's', { certificate: CERT, values: { k: 'v' }, scope: 'strict' as any }), {
        path: 'test/s', prop: 'scope', received: '"strict"', allowed: 'SealingScope.strict()',
      });
    });

    test('GIVEN an invalid name WHEN constructed THEN a PropError names it', () => {
      const { stack } = makeStack();
      expectPropError(() => new SealedSecret(stack, 's', { certificate: CERT, values: { k: 'v' }, name: 'Bad_Name' }), {
        path: 'test/s', prop: 'name', received: '"Bad_Name"', allowed: 'a DNS-1123 subdomain',
      });
    });

    test('GIVEN a missing file WHEN read THEN a PlatformError names it', () => {
      expect(() => SealingCertificate.fromFile('/nonexistent/cert.pem')).toThrow('cannot read "/nonexistent/cert.pem"');
    });
  });
});
