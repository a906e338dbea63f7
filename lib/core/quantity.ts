/**
 * Kubernetes resource quantities ("100m", "128Mi", "1.5", "2e3"), parsed exactly.
 *
 * The grammar is the one `k8s.io/apimachinery/pkg/api/resource.ParseQuantity` accepts:
 * a signed decimal number followed by a binary suffix (Ki, Mi, Gi, Ti, Pi, Ei), a decimal suffix (n, u, m, k, M, G,
 * T, P, E) or a decimal exponent (`e3`, `E-2`). Values are compared exactly (as whole nano-units, rounded up the
 * way the API server rounds), so `"0.5"` equals `"500m"` and `"1Gi"` is larger than `"1G"`.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.27/pkg/api/resource/quantity.go
 */

const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n,
};
const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** What the quantity grammar allows, for error messages. @internal */
export const QUANTITY_ALLOWED =
  'a Kubernetes quantity: a decimal number with an optional suffix Ki, Mi, Gi, Ti, Pi, Ei, n, u, m, k, M, G, T, P, E or an exponent such as e3, with no spaces (e.g. "100m", "0.5", "128Mi", "1G")';

/**
 * Parses a quantity to a whole number of nano-units (rounded up), or returns `undefined` if the string is not a
 * valid quantity.
 * @internal
 */
export function parseQuantity(value: string): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  // The same few quantities recur across thousands of containers, quotas and checks.
  if (parsed.has(value)) return parsed.get(value);
  const nanos = parse(value);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(value, nanos);
  return nanos;
}

/** Parsed quantities, by text (bounded: cleared when full). */
const parsed = new Map<string, bigint | undefined>();
const PARSED_LIMIT = 10_000;

function parse(value: string): bigint | undefined {
  const m = QUANTITY_RE.exec(value);
  if (!m) return undefined;
  const [, sign, num, suffix = ''] = m;
  const [intPart, fracPart = ''] = num.split('.');
  // mantissa = digits / 10^fracLen
  let numerator = BigInt((intPart || '0') + fracPart);
  let denominator = 10n ** BigInt(fracPart.length);
  // scale to nano-units
  numerator *= 10n ** 9n;
  if (suffix in BINARY) {
    numerator *= BINARY[suffix];
  } else {
    const exp = suffix in DECIMAL_EXP ? DECIMAL_EXP[suffix] : Number(suffix.slice(1));
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 64) return undefined;
    if (exp >= 0) numerator *= 10n ** BigInt(exp);
    else denominator *= 10n ** BigInt(-exp);
  }
  let nanos = numerator / denominator;
  if (numerator % denominator !== 0n) nanos += 1n; // the API server rounds up to its smallest scale
  return sign === '-' ? -nanos : nanos;
}

/** Whether `value` is a syntactically valid quantity. @internal */
export function isQuantity(value: string): boolean {
  return parseQuantity(value) !== undefined;
}

/**
 * Compares two valid quantities: negative if `a < b`, zero if equal, positive if `a > b`.
 *
 * @throws if either is not a valid quantity
 * @internal
 */
export function compareQuantities(a: string, b: string): number {
  const pa = parseQuantity(a);
  const pb = parseQuantity(b);
  if (pa === undefined || pb === undefined) {
    throw new Error(`cannot compare invalid quantities "${a}" and "${b}"`);
  }
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** The decimal suffixes, by power of ten. */
const DECIMAL_SUFFIX: ReadonlyMap<number, string> = new Map(Object.entries(DECIMAL_EXP).map(([suffix, exp]) => [exp, suffix]));
/** The binary suffixes, by power of 1024. */
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const NANOS_PER_UNIT = 1_000_000_000n;

/**
 * A quantity as text, in the canonical form the API server prints (`Quantity.String()`), so that the same amount is
 * written the same way everywhere (the environment README, the capacity summary, quota messages):
 *
 * - `'decimal'` (CPU, and any amount that is not memory): the integer with the largest decimal suffix (`n`, `u`, `m`,
 *   none, `k`, `M`, `G`, `T`, `P`, `E`) that keeps it an integer: `"250m"`, `"2"`, `"1500m"` (not `"1.5"`), `"2k"`.
 * - `'binary'` (memory): a whole number of bytes of at least 1024 that 1024 divides, with the largest binary suffix
 *   that keeps it an integer: `"1536Mi"` (not `"1.5Gi"`), `"2Gi"`; any other amount in the decimal form (`"512"`,
 *   `"100M"`, `"500m"`), as the API server prints it when it was written with a decimal suffix.
 *
 * `parseQuantity()` of the text gives back `nanos` exactly.
 *
 * @param nanos the amount in nano-units, as `parseQuantity()` gives it
 * @param form `'binary'` for memory, `'decimal'` for CPU and other amounts
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.27/pkg/api/resource/quantity.go (CanonicalizeBytes)
 * @internal
 */
export function formatQuantity(nanos: bigint, form: 'decimal' | 'binary'): string {
  if (nanos === 0n) return '0';
  const sign = nanos < 0n ? '-' : '';
  const magnitude = nanos < 0n ? -nanos : nanos;
  if (form === 'binary' && magnitude % NANOS_PER_UNIT === 0n && magnitude >= 1024n * NANOS_PER_UNIT) {
    let bytes = magnitude / NANOS_PER_UNIT;
    let power = 0;
    while (power < BINARY_SUFFIX.length - 1 && bytes % 1024n === 0n) {
      bytes /= 1024n;
      power++;
    }
    if (power > 0) return `${sign}${bytes}${BINARY_SUFFIX[power]}`;
  }
  // The mantissa without trailing zeros, then the exponent lowered to a multiple of 3 (at most 18: E).
  let mantissa = magnitude;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  let down = ((exponent % 3) + 3) % 3;
  if (exponent - down > 18) down = exponent - 18;
  mantissa *= 10n ** BigInt(down);
  exponent -= down;
  return `${sign}${mantissa}${DECIMAL_SUFFIX.get(exponent)}`;
}

/** CPU (or any amount but memory) in nano-units, as canonical text: `"250m"`, `"2"`, `"1500m"`. @internal */
export function formatCpu(nanos: bigint): string {
  return formatQuantity(nanos, 'decimal');
}

/** Memory in nano-units (bytes × 10⁹), as canonical text: `"256Mi"`, `"1536Mi"`, `"2Gi"`, `"100M"`. @internal */
export function formatMemory(nanos: bigint): string {
  return formatQuantity(nanos, 'binary');
}
