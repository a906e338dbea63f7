import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { AppStack, ManifestObject, SealedSecret, SealedSecretProps, SealingCertificate, synthObjects } from '../../lib';
import { registerPreviousOutput } from '../../lib/core/_previous-output';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'sealing');

/** The test certificate (2048-bit RSA); `PRIVATE_KEY` is its key. */
export const CERT = SealingCertificate.fromFile(path.join(FIXTURES, 'sealing-cert.pem'));
/** The private key of `CERT`, for tests only. */
export const PRIVATE_KEY = crypto.createPrivateKey(fs.readFileSync(path.join(FIXTURES, 'test-only-private-key.pem'), 'utf8'));

/** The environment variable the fingerprint key is read from (spelled out, so a renamed constant fails the tests). */
export const KEY_VARIABLE = 'CDK8S_PLATFORM_SEALING_KEY';
/** Two fingerprint keys of 32 bytes or more. */
export const KEY_1 = 'test-fingerprint-key-one-0123456789abcdef';
export const KEY_2 = 'test-fingerprint-key-two-0123456789abcdef';

/** Decrypts one sealed value as the sealed-secrets controller does. */
export function unseal(base64: string, label: string): string {
  const data = Buffer.from(base64, 'base64');
  const rsaLength = data.readUInt16BE(0);
  const sessionKey = crypto.privateDecrypt({
    key: PRIVATE_KEY, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256',
    oaepLabel: label === '' ? undefined : Buffer.from(label),
  }, data.subarray(2, 2 + rsaLength));
  const rest = data.subarray(2 + rsaLength);
  const decipher = crypto.createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
  decipher.setAuthTag(rest.subarray(rest.length - 16));
  return Buffer.concat([decipher.update(rest.subarray(0, rest.length - 16)), decipher.final()]).toString('utf8');
}

/** A second, freshly made certificate (openssl), with a key of `bits` bits. */
export function otherCertificate(bits = 2048): SealingCertificate {
  const pem = execFileSync('openssl', [
    'req', '-x509', '-newkey', `rsa:${bits}`, '-nodes', '-keyout', '/dev/null', '-days', '1', '-subj', '/CN=other-sealing-cert',
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return SealingCertificate.fromPem(pem);
}

/** What `sealOnce` seals: the SealedSecret's props, its namespace, and the previous output it sees. */
export interface SealCase extends Partial<SealedSecretProps> {
  /** The stack's namespace. @default "shop" */
  readonly namespace?: string;
  /** The object the previous output holds, given for any name asked (so that bindings to the name are tested). */
  readonly previous?: ManifestObject;
}

/**
 * Synthesizes one SealedSecret (`keys` by default, values `{ a: 'one', b: 'two' }`, `CERT`) in an app whose previous
 * output is `previous`, and returns it.
 */
export function sealOnce(c: SealCase = {}): ManifestObject {
  const { namespace, previous, ...props } = c;
  const app = new App();
  registerPreviousOutput(app, () => previous === undefined ? undefined : JSON.parse(JSON.stringify(previous)));
  const stack = new AppStack(app, 'shop', { namespace: namespace ?? 'shop' });
  new SealedSecret(stack, 'keys', { certificate: CERT, values: { a: 'one', b: 'two' }, ...props });
  return synthObjects(stack).find((o) => o.kind === 'SealedSecret')!;
}

/** The fingerprints annotation, parsed; undefined when there is none. */
export function fingerprintsOf(o: ManifestObject): Record<string, string> | undefined {
  const text = o.metadata.annotations?.['cdk8s-platform.io/sealed-fingerprints'];
  return text === undefined ? undefined : JSON.parse(text);
}

/**
 * Runs each test of the file without the fingerprint key variable (whatever the shell that runs jest has), and puts
 * it back afterwards.
 */
export function isolateKeyVariable(): void {
  const outside = process.env[KEY_VARIABLE];
  beforeEach(() => {
    delete process.env[KEY_VARIABLE];
  });
  afterAll(() => {
    if (outside === undefined) delete process.env[KEY_VARIABLE];
    else process.env[KEY_VARIABLE] = outside;
  });
}
