import * as crypto from 'crypto';

// The fingerprints `SealedSecret` writes in its annotation, so that a later synth can tell which previous
// ciphertexts it may keep.
//
// A fingerprint is `hmac-sha256-v1:` and the base64 HMAC-SHA-256, keyed by a secret kept outside Git, of everything
// a ciphertext belongs to: the certificate, the scope and its OAEP label, the SealedSecret's namespace and name, the
// data key, the value and the ciphertext itself. Without the key it says nothing about the value (not even whether
// two values are equal: each covers its own randomized ciphertext), and no one can make one that checks out: a
// previous ciphertext whose fingerprint checks out was written, by a holder of the key, for exactly that binding.

/** The version of the fingerprint format: its prefix, and the first field of what the HMAC covers. */
const VERSION = 'hmac-sha256-v1';

/** The smallest fingerprint key, in bytes: HMAC-SHA-256's output size. */
export const MIN_FINGERPRINT_KEY_BYTES = 32;

/** What one sealed value belongs to: every field a fingerprint covers. */
export interface SealedValueBinding {
  /** The certificate's SHA-256 fingerprint (`SealingCertificate.fingerprint`). */
  readonly certificate: string;
  /** `strict`, `namespace-wide` or `cluster-wide`. */
  readonly scope: string;
  /** The RSA-OAEP label (`<namespace>/<name>`, `<namespace>` or empty). */
  readonly label: string;
  /** The SealedSecret's namespace. */
  readonly namespace: string;
  /** The SealedSecret's name. */
  readonly name: string;
  /** The data key. */
  readonly key: string;
  /** The plaintext value. */
  readonly value: string;
  /** The sealed value, base64, exactly as written in `spec.encryptedData`. */
  readonly ciphertext: string;
}

/**
 * The HMAC's input: the version and each field of `b`, in a fixed order, each as its length in UTF-8 bytes (4 bytes,
 * big-endian) and those bytes, so that no two bindings give the same input.
 */
function encode(b: SealedValueBinding): Buffer {
  const fields = [VERSION, b.certificate, b.scope, b.label, b.namespace, b.name, b.key, b.value, b.ciphertext];
  const parts: Buffer[] = [];
  for (const field of fields) {
    const bytes = Buffer.from(field, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  }
  return Buffer.concat(parts);
}

function mac(key: Buffer, b: SealedValueBinding): Buffer {
  return crypto.createHmac('sha256', key).update(encode(b)).digest();
}

/**
 * The fingerprint of one sealed value, keyed by `key` (at least `MIN_FINGERPRINT_KEY_BYTES` bytes).
 *
 * @internal
 */
export function sealedValueFingerprint(key: Buffer, b: SealedValueBinding): string {
  return `${VERSION}:${mac(key, b).toString('base64')}`;
}

/**
 * Whether `fingerprint` is the fingerprint of `b` under `key` (compared in constant time). Anything else (another
 * version, the earlier `scrypt:` fingerprints, text that is not a fingerprint) is false.
 *
 * @internal
 */
export function isSealedValueFingerprint(key: Buffer, b: SealedValueBinding, fingerprint: unknown): boolean {
  if (typeof fingerprint !== 'string' || !fingerprint.startsWith(`${VERSION}:`)) return false;
  const given = fingerprint.slice(VERSION.length + 1);
  if (!isCanonicalBase64(given)) return false;
  const expected = mac(key, b);
  const received = Buffer.from(given, 'base64');
  return received.length === expected.length && crypto.timingSafeEqual(received, expected);
}

/**
 * Whether `text` is base64 as Node writes it (padded, no whitespace, nothing `Buffer.from()` would skip), so that
 * one byte string has one spelling.
 *
 * @internal
 */
export function isCanonicalBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text) && Buffer.from(text, 'base64').toString('base64') === text;
}
