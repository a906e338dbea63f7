import * as crypto from 'crypto';
import * as fs from 'fs';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { previousObject } from '../core/_previous-output';
import { isPlainRecord, PropChecker } from '../core/_props';
import { PlatformError } from '../core/errors';
import { createdObjectLabels, findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { isCanonicalBase64, isSealedValueFingerprint, MIN_FINGERPRINT_KEY_BYTES, SealedValueBinding, sealedValueFingerprint } from './_sealing-fingerprint';
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
  /** Whether `x` is a `SealingScope`, also across copies of this package. */
  public static isSealingScope(x: unknown): x is SealingScope {
    return hasBrand(x, 'SealingScope');
  }

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

brand(SealingScope, 'SealingScope');

/** Props of a `SealedSecret`. */
export interface SealedSecretProps extends ConstructMetadataProps {
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
   * The secret key of the fingerprints that let a synth keep the previous ciphertext of an unchanged value (see
   * `SealedSecret`): at least 32 bytes of UTF-8, used as they are (not decoded, not trimmed), e.g. the output of
   * `openssl rand -base64 32`. Keep it outside Git, like the values; anyone who has it can check a guess of a value
   * against the fingerprints in the output.
   *
   * @default the environment variable `CDK8S_PLATFORM_SEALING_KEY` (`SEALING_KEY_VARIABLE`) when it is set and not
   * empty; otherwise none: every value is sealed again at every synth, and no fingerprints are written
   */
  readonly fingerprintKey?: string;
}

/**
 * The environment variable a `SealedSecret` reads its fingerprint key from when it has no `fingerprintKey` prop: its
 * value's UTF-8 bytes, as they are (not decoded from base64 or hex, not trimmed), at least 32 of them. Unset or
 * empty means no key.
 */
export const SEALING_KEY_VARIABLE = 'CDK8S_PLATFORM_SEALING_KEY';

/**
 * The annotation holding, as a JSON object by data key, the fingerprint of each sealed value (see `SealedSecret`).
 *
 * A fingerprint is `hmac-sha256-v1:` and a base64 HMAC-SHA-256, keyed by the fingerprint key (kept outside Git), of
 * the certificate fingerprint, the scope and its OAEP label, the SealedSecret's namespace and name, the data key, the
 * value and the ciphertext. Without the key it reveals nothing about the values, not even whether two are equal;
 * what it does show is which data keys there are (as `spec.encryptedData` does) and that a key was used. With the
 * key, a guess of a value can be checked against it: keep the key as secret as the values. It is
 * written only when there is a fingerprint key, and is always this library's own: an annotation of this name in the
 * `metadata.annotations` prop is replaced, or dropped when there is no key.
 */
export const SEALED_FINGERPRINTS_ANNOTATION = 'cdk8s-platform.io/sealed-fingerprints';

const SEALED_SECRET = Symbol.for('cdk8s-platform.SealedSecret');

/**
 * A Secret whose values are encrypted at synthesis with the sealed-secrets controller's public key, so that the
 * output can go to Git: only the controller in the cluster can decrypt them, into a Secret of this name.
 *
 * The values are sealed exactly as `kubeseal` does, without the binary: for each value a one-time 32-byte AES-256-GCM
 * key (nonce of 12 zero bytes) encrypts the value, and RSA-OAEP with SHA-256 encrypts that key, with the scope as
 * the OAEP label (`<namespace>/<name>` by default). The result is the RSA ciphertext's length (2 bytes, big-endian),
 * the RSA ciphertext and the AES-GCM ciphertext with its tag, base64-encoded.
 *
 * **Stable output.** Sealing is randomized, so each synth would change every ciphertext. With a fingerprint key
 * (the `fingerprintKey` prop, else the environment variable `CDK8S_PLATFORM_SEALING_KEY`; at least 32 bytes, kept
 * outside Git), each value is written with a fingerprint: an HMAC-SHA-256, under that key, of the certificate, the
 * scope, the namespace and name, the data key, the value and its ciphertext (annotation
 * `cdk8s-platform.io/sealed-fingerprints`). A synth keeps a value's previous ciphertext only when the previous output
 * (the file of this SealedSecret in the output folder) has a ciphertext for that data key that is well formed (base64,
 * with the RSA length of this certificate's key) and whose fingerprint checks out, under the same key, for this
 * certificate, scope, namespace, name, data key and value; anything else (no previous output, another key, a changed
 * value, scope, certificate, name or namespace, an edited or swapped ciphertext, the earlier `scrypt:` fingerprints)
 * is sealed again. So the file is byte-identical across synths when the key, the certificate and all of the props
 * are unchanged and the previous output is there; it changes only where a value is sealed again. The fingerprints
 * reveal nothing about the values without the key. Without a key, every value is sealed again at every synth and no
 * fingerprints are written: the file changes at each synth (Git shows every SealedSecret as changed), which is
 * the price of having no key.
 *
 * It can be used wherever a Secret can (`EnvValue.fromSecret()`, `EnvFrom.secret()`, `Mount.secret()`). The Secret
 * the controller unseals it into (`spec.template`) carries its labels, `metadata.labels` included, and its stack's
 * (the environment's among them), so a prune by the stack's labels selects it; its `metadata.annotations` annotate
 * the SealedSecret only.
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
  /** The SealedSecret API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

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
    if (!SealingScope.isSealingScope(sealingScope)) {
      check.fail('scope', sealingScope, 'SealingScope.strict(), SealingScope.namespaceWide() or SealingScope.clusterWide()');
    }
    if (!isPlainRecord(p.values) || Object.keys(p.values).length === 0) {
      check.fail('values', isPlainRecord(p.values) ? '{}' : p.values === undefined ? undefined : '(hidden)', 'an object mapping at least one key to its plaintext value');
    } else {
      check.dataEntries('values', p.values, {}, 'Secret');
    }
    const type = p.type ?? SecretType.OPAQUE;
    if (!SecretType.isSecretType(type)) check.fail('type', type, 'a SecretType, e.g. SecretType.OPAQUE or SecretType.TLS');
    const metadata = checkMetadata(check, p);
    if (p.fingerprintKey !== undefined && (typeof p.fingerprintKey !== 'string' || Buffer.byteLength(p.fingerprintKey) < MIN_FINGERPRINT_KEY_BYTES)) {
      check.fail('fingerprintKey', '(hidden)', `a string of at least ${MIN_FINGERPRINT_KEY_BYTES} bytes (UTF-8), kept outside Git, e.g. the output of "openssl rand -base64 32"; or leave it out (then the environment variable ${SEALING_KEY_VARIABLE}, else no key)`);
    }
    check.knownKeys('', props, 'SealedSecretProps');
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
    const labels = recommendedLabels(stack, { name, component: 'secret' }, metadata.labels);
    const label = sealingScope._label(namespace, name);
    const fingerprintKey = p.fingerprintKey !== undefined ? Buffer.from(p.fingerprintKey, 'utf8') : fingerprintKeyFromEnvironment(this);
    const previous = previousObject(this, { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', name, namespace });
    const sealed = sealValues(p.values, {
      certificate: p.certificate, scope: sealingScope.value, label, namespace, name,
    }, fingerprintKey, previous);
    const scopeAnnotations = sealingScope._annotations();
    const annotations: Record<string, string> = { ...metadata.annotations, ...scopeAnnotations };
    delete annotations[SEALED_FINGERPRINTS_ANNOTATION];
    if (sealed.fingerprints !== undefined) annotations[SEALED_FINGERPRINTS_ANNOTATION] = JSON.stringify(sealed.fingerprints);

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: {
        name,
        labels,
        annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      },
      spec: {
        encryptedData: sealed.encryptedData,
        template: {
          metadata: {
            name,
            namespace,
            labels: createdObjectLabels(stack, labels),
            annotations: Object.keys(scopeAnnotations).length > 0 ? scopeAnnotations : undefined,
          },
          type: type.value,
        },
      },
    });
    this.node.defaultChild = this.apiObject;
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

/**
 * The fingerprint key from `SEALING_KEY_VARIABLE`: undefined when it is unset or empty.
 *
 * @throws PlatformError when it is shorter than `MIN_FINGERPRINT_KEY_BYTES`
 */
function fingerprintKeyFromEnvironment(scope: Construct): Buffer | undefined {
  const text = process.env[SEALING_KEY_VARIABLE];
  if (text === undefined || text === '') return undefined;
  const key = Buffer.from(text, 'utf8');
  if (key.length < MIN_FINGERPRINT_KEY_BYTES) {
    throw new PlatformError(
      `SealedSecret at "${scope.node.path}": the environment variable ${SEALING_KEY_VARIABLE} received (hidden), ${key.length} bytes; allowed: at least ` +
        `${MIN_FINGERPRINT_KEY_BYTES} bytes (its UTF-8 text, as it is), e.g. the output of "openssl rand -base64 32"; or unset it ` +
        '(then every value is sealed again at every synth)',
    );
  }
  return key;
}

/** What every value of one SealedSecret is sealed for. */
interface SealingTarget {
  readonly certificate: SealingCertificate;
  readonly scope: SealingScope['value'];
  readonly label: string;
  readonly namespace: string;
  readonly name: string;
}

/**
 * Whether `ciphertext` has the shape of a value sealed for a `rsaBytes`-byte RSA key: canonical base64 of the RSA
 * length (2 bytes, big-endian, equal to `rsaBytes`), the RSA ciphertext, and at least AES-GCM's 16-byte tag.
 */
function isWellFormedCiphertext(ciphertext: unknown, rsaBytes: number): ciphertext is string {
  if (typeof ciphertext !== 'string' || !isCanonicalBase64(ciphertext)) return false;
  const bytes = Buffer.from(ciphertext, 'base64');
  return bytes.length >= 2 + rsaBytes + 16 && bytes.readUInt16BE(0) === rsaBytes;
}

/** The own property `key` of `record`, if it is a plain object (never one of `Object.prototype`'s). */
function ownEntry(record: unknown, key: string): unknown {
  return isPlainRecord(record) && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The previous object's fingerprints annotation, parsed; undefined when it is missing or not a JSON object. */
function previousFingerprints(previous: ReturnType<typeof previousObject>): unknown {
  const text = previous?.metadata?.annotations?.[SEALED_FINGERPRINTS_ANNOTATION];
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Seals each value. With a fingerprint key, a value keeps its previous ciphertext when that ciphertext is well formed
 * and its previous fingerprint proves it was sealed from this value for this target and data key; every value gets a
 * fingerprint. Without a key, every value is sealed again and there are no fingerprints.
 */
function sealValues(values: Record<string, string>, target: SealingTarget, fingerprintKey: Buffer | undefined, previous: ReturnType<typeof previousObject>):
{ encryptedData: Record<string, string>; fingerprints?: Record<string, string> } {
  const oldFingerprints = fingerprintKey === undefined ? undefined : previousFingerprints(previous);
  const oldData = previous?.spec?.encryptedData;
  const rsaBytes = Math.ceil(target.certificate._publicKey.asymmetricKeyDetails!.modulusLength! / 8);
  const encryptedData: [string, string][] = [];
  const fingerprints: [string, string][] = [];
  for (const [key, value] of Object.entries(values)) {
    const binding = (ciphertext: string): SealedValueBinding => ({
      certificate: target.certificate.fingerprint, scope: target.scope, label: target.label,
      namespace: target.namespace, name: target.name, key, value, ciphertext,
    });
    const old = ownEntry(oldData, key);
    const oldFingerprint = ownEntry(oldFingerprints, key);
    const keep = fingerprintKey !== undefined && isWellFormedCiphertext(old, rsaBytes) &&
      isSealedValueFingerprint(fingerprintKey, binding(old), oldFingerprint);
    const ciphertext = keep ? old as string : hybridEncrypt(target.certificate._publicKey, Buffer.from(value, 'utf8'), target.label).toString('base64');
    encryptedData.push([key, ciphertext]);
    if (fingerprintKey !== undefined) fingerprints.push([key, keep ? oldFingerprint as string : sealedValueFingerprint(fingerprintKey, binding(ciphertext))]);
  }
  return {
    encryptedData: Object.fromEntries(encryptedData),
    fingerprints: fingerprintKey === undefined ? undefined : Object.fromEntries(fingerprints),
  };
}
