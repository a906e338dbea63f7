import * as crypto from 'crypto';
import * as fs from 'fs';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { previousObject } from '../core/_previous-output';
import { isPlainRecord, PropChecker } from '../core/_props';
import { PlatformError } from '../core/errors';
import { findStack, recommendedLabels } from '../core/labels';
import { ISecret } from './secret';
import { SecretType } from './secret-type';

const SEALING_CERTIFICATE = Symbol.for('cdk8s-platform.SealingCertificate');

/**
 * The sealed-secrets controller's public certificate (`kubeseal --fetch-cert`), whose RSA key seals the values.
 *
 * It is public: commit it beside the app. Only the controller, which holds the private key, can decrypt.
 *
 * @see https://github.com/bitnami-labs/sealed-secrets#public-key--certificate
 */
export class SealingCertificate {
  /** Whether `x` is a `SealingCertificate`, also across copies of this package. */
  public static isSealingCertificate(x: unknown): x is SealingCertificate {
    return x !== null && typeof x === 'object' && SEALING_CERTIFICATE in x;
  }

  /**
   * Reads a PEM certificate from a file.
   *
   * @throws PlatformError when the file cannot be read or does not hold an X.509 certificate with an RSA key
   */
  public static fromFile(file: string): SealingCertificate {
    let pem: string;
    try {
      pem = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new PlatformError(`SealingCertificate.fromFile(): cannot read "${file}": ${(e as Error).message}`);
    }
    return SealingCertificate.parse(pem, `the file "${file}"`);
  }

  /**
   * A PEM certificate (`-----BEGIN CERTIFICATE-----...`).
   *
   * @throws PlatformError when it is not an X.509 certificate with an RSA key
   */
  public static fromPem(pem: string): SealingCertificate {
    return SealingCertificate.parse(pem, 'the PEM text');
  }

  private static parse(pem: unknown, what: string): SealingCertificate {
    let cert: crypto.X509Certificate;
    try {
      if (typeof pem !== 'string') throw new Error(`received ${typeof pem}`);
      cert = new crypto.X509Certificate(pem);
    } catch (e) {
      throw new PlatformError(`SealingCertificate: ${what} is not a PEM X.509 certificate (${(e as Error).message}); allowed: the output of "kubeseal --fetch-cert"`);
    }
    if (cert.publicKey.asymmetricKeyType !== 'rsa') {
      throw new PlatformError(`SealingCertificate: ${what} holds a key of type "${cert.publicKey.asymmetricKeyType}"; allowed: a certificate with an RSA key, as the sealed-secrets controller makes`);
    }
    return new SealingCertificate(cert.publicKey, cert.fingerprint256);
  }

  private constructor(
    /** @internal */
    public readonly _publicKey: crypto.KeyObject,
    /** The SHA-256 fingerprint of the certificate, as `AB:CD:...`. */
    public readonly fingerprint: string,
  ) {
    Object.defineProperty(this, SEALING_CERTIFICATE, { value: true });
  }
}

/**
 * Which Secret a sealed value may be unsealed into, as the controller checks it (the value is bound to it by the
 * RSA-OAEP label).
 *
 * @see https://github.com/bitnami-labs/sealed-secrets#scopes
 */
export class SealingScope {
  /** Only a Secret with exactly this name in exactly this namespace (kubeseal's default). */
  public static strict(): SealingScope {
    return new SealingScope('strict');
  }

  /** A Secret of any name in this namespace. */
  public static namespaceWide(): SealingScope {
    return new SealingScope('namespace-wide');
  }

  /** A Secret of any name in any namespace. */
  public static clusterWide(): SealingScope {
    return new SealingScope('cluster-wide');
  }

  private constructor(
    /** `strict`, `namespace-wide` or `cluster-wide`, as kubeseal's `--scope`. */
    public readonly value: 'strict' | 'namespace-wide' | 'cluster-wide',
  ) {}

  /** The OAEP label that binds a value to its Secret. @internal */
  public _label(namespace: string, name: string): string {
    return this.value === 'strict' ? `${namespace}/${name}` : this.value === 'namespace-wide' ? namespace : '';
  }

  /** The annotations that tell the controller the scope. @internal */
  public _annotations(): Record<string, string> {
    return this.value === 'strict' ? {} : { [`sealedsecrets.bitnami.com/${this.value}`]: 'true' };
  }
}

/** Props of a `SealedSecret`. */
export interface SealedSecretProps {
  /**
   * The name of the SealedSecret and of the Secret the controller unseals it into: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The plaintext values, by key. They are encrypted at synthesis and never written; read them from somewhere
   * outside Git (an environment variable, a file that is not committed).
   */
  readonly values: Record<string, string>;

  /** The controller's certificate. */
  readonly certificate: SealingCertificate;

  /**
   * Which Secret the values may be unsealed into.
   *
   * @default SealingScope.strict(): this name in this namespace
   */
  readonly scope?: SealingScope;

  /**
   * The type of the Secret.
   *
   * @default SecretType.OPAQUE
   */
  readonly type?: SecretType;

  /**
   * Extra labels on the SealedSecret and its Secret.
   *
   * @default none
   */
  readonly labels?: Record<string, string>;

  /**
   * Annotations on the SealedSecret.
   *
   * @default none
   */
  readonly annotations?: Record<string, string>;
}

/** The annotation holding a salted scrypt fingerprint of each sealed value (see `SealedSecret`). */
export const SEALED_FINGERPRINTS_ANNOTATION = 'cdk8s-platform.io/sealed-fingerprints';

const SEALED_SECRET = Symbol.for('cdk8s-platform.SealedSecret');
const SCRYPT = { N: 1 << 14, r: 8, p: 1, keylen: 32 } as const;

/**
 * A Secret whose values are encrypted at synthesis with the sealed-secrets controller's public key, so that the
 * output can go to Git: only the controller in the cluster can decrypt them, into a Secret of this name.
 *
 * The values are sealed exactly as `kubeseal` does, without the binary: for each value a one-time 32-byte AES-256-GCM
 * key (nonce of 12 zero bytes) encrypts the value, and RSA-OAEP with SHA-256 encrypts that key, with the scope as
 * the OAEP label (`<namespace>/<name>` by default). The result is the RSA ciphertext's length (2 bytes, big-endian),
 * the RSA ciphertext and the AES-GCM ciphertext with its tag, base64-encoded.
 *
 * **Stable output.** Sealing is randomized, so sealing again would change every byte at each synth. When the
 * previous output has this SealedSecret, each value whose plaintext, certificate and scope are unchanged keeps its
 * previous ciphertext. To tell, the object carries, per key, a salted scrypt hash (N=2^14, r=8, p=1) of the
 * certificate fingerprint, scope label and value (annotation `cdk8s-platform.io/sealed-fingerprints`). A slow salted
 * hash reveals nothing practical about a strong secret, but a guessable one (a short password) could be guessed
 * offline from it: seal only strong, random values, or delete the previous output file to drop the hashes.
 *
 * It can be used wherever a Secret can (`EnvValue.fromSecret()`, `EnvFrom.secret()`, `Mount.secret()`).
 *
 * @see https://github.com/bitnami-labs/sealed-secrets
 * @example
 * const cert = SealingCertificate.fromFile('sealing/prod.pem'); // kubeseal --fetch-cert > sealing/prod.pem
 * new SealedSecret(stack, 'shop-api-keys', {
 *   certificate: cert,
 *   values: { 'payment-api-key': process.env.PAYMENT_API_KEY! },
 * });
 */
export class SealedSecret extends Construct implements ISecret {
  /** Whether `x` is a `SealedSecret`, also across copies of this package. */
  public static isSealedSecret(x: unknown): x is SealedSecret {
    return x !== null && typeof x === 'object' && SEALED_SECRET in x;
  }

  /** The name of the SealedSecret and of the Secret it unseals into. */
  public readonly secretName: string;
  /** The Secret's keys. */
  public readonly keys: readonly string[];
  /** The SealedSecret API object (the escape hatch). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: SealedSecretProps) {
    super(scope, id);
    Object.defineProperty(this, SEALED_SECRET, { value: true });
    const p = props ?? ({} as SealedSecretProps);
    const stack = findStack(this, 'SealedSecret');
    const check = new PropChecker(this, 'SealedSecret');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    if (!SealingCertificate.isSealingCertificate(p.certificate)) {
      check.fail('certificate', p.certificate, 'SealingCertificate.fromFile(path) or SealingCertificate.fromPem(pem)');
    }
    const sealingScope = p.scope ?? SealingScope.strict();
    if (!(sealingScope instanceof SealingScope)) {
      check.fail('scope', sealingScope, 'SealingScope.strict(), SealingScope.namespaceWide() or SealingScope.clusterWide()');
    }
    if (!isPlainRecord(p.values) || Object.keys(p.values).length === 0) {
      check.fail('values', isPlainRecord(p.values) ? '{}' : p.values === undefined ? undefined : '(hidden)', 'an object mapping at least one key to its plaintext value');
    } else {
      check.dataEntries('values', p.values, {}, 'Secret');
    }
    const type = p.type ?? SecretType.OPAQUE;
    if (!(type instanceof SecretType)) check.fail('type', type, 'a SecretType, e.g. SecretType.OPAQUE or SecretType.TLS');
    if (p.labels !== undefined) check.labels('labels', p.labels);
    if (p.annotations !== undefined) check.annotations('annotations', p.annotations);
    check.throwIfInvalid();

    const keys = Object.keys(p.values);
    const missing = type._requiredKeys.filter((oneOf) => !oneOf.some((k) => keys.includes(k)));
    if (missing.length > 0) {
      check.fail('values', keys, `keys including ${missing.map((oneOf) => oneOf.map((k) => `"${k}"`).join(' or ')).join(' and ')} (a Secret of type ${type.value})`);
      check.throwIfInvalid();
    }

    this.secretName = name;
    this.keys = keys;
    const namespace = stack.namespace ?? '';
    const labels = recommendedLabels(stack, { name, component: 'secret' }, p.labels);
    const label = sealingScope._label(namespace, name);
    const previous = previousObject(this, { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', name, namespace });
    const sealed = sealValues(p.values, p.certificate, label, previous);
    const scopeAnnotations = sealingScope._annotations();

    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: {
        name,
        labels,
        annotations: { ...p.annotations, ...scopeAnnotations, [SEALED_FINGERPRINTS_ANNOTATION]: JSON.stringify(sealed.fingerprints) },
      },
      spec: {
        encryptedData: sealed.encryptedData,
        template: {
          metadata: {
            name,
            namespace,
            labels,
            annotations: Object.keys(scopeAnnotations).length > 0 ? scopeAnnotations : undefined,
          },
          type: type.value,
        },
      },
    });
  }
}

/** Encrypts `plaintext` for the controller as kubeseal does (see `SealedSecret`). */
function hybridEncrypt(publicKey: crypto.KeyObject, plaintext: Buffer, label: string): Buffer {
  const sessionKey = crypto.randomBytes(32);
  const rsa = crypto.publicEncrypt({
    key: publicKey,
    padding: crypto.constants.RSA_PKCS1_OAEP_PADDING,
    oaepHash: 'sha256',
    oaepLabel: label === '' ? undefined : Buffer.from(label, 'utf8'),
  }, sessionKey);
  const cipher = crypto.createCipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(rsa.length);
  return Buffer.concat([length, rsa, sealed]);
}

function fingerprintOf(value: string, certificate: SealingCertificate, label: string, salt: Buffer): string {
  const input = Buffer.from(`${certificate.fingerprint}\n${label}\n${value}`, 'utf8');
  const hash = crypto.scryptSync(input, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt:${salt.toString('base64')}:${hash.toString('base64')}`;
}

/** Seals each value, keeping the previous ciphertext of the values that did not change. */
function sealValues(values: Record<string, string>, certificate: SealingCertificate, label: string, previous: ReturnType<typeof previousObject>):
{ encryptedData: Record<string, string>; fingerprints: Record<string, string> } {
  let previousFingerprints: Record<string, unknown> = {};
  try {
    previousFingerprints = JSON.parse(previous?.metadata.annotations?.[SEALED_FINGERPRINTS_ANNOTATION] ?? '{}');
  } catch {
    previousFingerprints = {};
  }
  const previousData: Record<string, unknown> = isPlainRecord(previous?.spec?.encryptedData) ? previous!.spec.encryptedData : {};
  const encryptedData: Record<string, string> = {};
  const fingerprints: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const old = previousFingerprints[key];
    const oldData = previousData[key];
    const match = typeof old === 'string' && typeof oldData === 'string' ? /^scrypt:([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(old) : null;
    if (match && fingerprintOf(value, certificate, label, Buffer.from(match[1], 'base64')) === old) {
      encryptedData[key] = oldData as string;
      fingerprints[key] = old as string;
    } else {
      encryptedData[key] = hybridEncrypt(certificate._publicKey, Buffer.from(value, 'utf8'), label).toString('base64');
      fingerprints[key] = fingerprintOf(value, certificate, label, crypto.randomBytes(16));
    }
  }
  return { encryptedData, fingerprints };
}
