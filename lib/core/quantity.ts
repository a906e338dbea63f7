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
