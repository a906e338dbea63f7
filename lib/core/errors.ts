import { IConstruct } from 'constructs';

const PLATFORM_ERROR = Symbol.for('cdk8s-platform.PlatformError');

/**
 * Base class of the errors this library throws on purpose: bad input, not a bug.
 *
 * `PlatformApp.run()` prints these without a stack trace; anything else is printed with its stack, since it is a
 * bug in the app code or in this library.
 */
export class PlatformError extends Error {
  /** Whether `x` is a `PlatformError`, also across copies of this package. */
  public static isPlatformError(x: unknown): x is PlatformError {
    return x !== null && typeof x === 'object' && PLATFORM_ERROR in x;
  }

  constructor(message: string) {
    super(message);
    this.name = 'PlatformError';
    Object.defineProperty(this, PLATFORM_ERROR, { value: true });
  }
}

/** One invalid prop of a construct. */
export interface PropProblem {
  /** The prop's path, e.g. `port` or `resources.requests.cpu` or `env.DATABASE_URL`. */
  readonly prop: string;
  /** The value received. */
  readonly value: unknown;
  /** What is allowed, in words. */
  readonly allowed: string;
  /** What is wrong with the value, as the Kubernetes API server would say it. @default none */
  readonly reasons?: string[];
}

const PROP_ERROR = Symbol.for('cdk8s-platform.PropError');

/**
 * Invalid props given to a construct, found at construct time.
 *
 * The message names the construct type and path, and for each invalid prop the value received and what is allowed.
 *
 * @example
 * Invalid WebService props at "shop/api":
 *   - port: received 70000; allowed: an integer from 1 to 65535
 */
export class PropError extends PlatformError {
  /** Whether `x` is a `PropError`, also across copies of this package. */
  public static isPropError(x: unknown): x is PropError {
    return x !== null && typeof x === 'object' && PROP_ERROR in x;
  }

  /** The construct path of the construct that received the props. */
  public readonly constructPath: string;
  /** The construct type, e.g. `WebService`. */
  public readonly constructType: string;
  /** The invalid props. */
  public readonly problems: readonly PropProblem[];

  constructor(scope: IConstruct, constructType: string, problems: PropProblem[]) {
    const path = scope.node.path;
    super(
      `Invalid ${constructType} props at "${path}":\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'PropError';
    this.constructPath = path;
    this.constructType = constructType;
    this.problems = problems;
    Object.defineProperty(this, PROP_ERROR, { value: true });
  }
}

function formatProblem(p: PropProblem): string {
  const reasons = p.reasons && p.reasons.length > 0 ? ` (${p.reasons.join('; ')})` : '';
  return `${p.prop}: received ${formatValue(p.value)}${reasons}; allowed: ${p.allowed}`;
}

/**
 * Renders a received value for an error message: JSON where possible, shortened when long.
 *
 * `NaN`, `Infinity` and `-Infinity` are written as such, also inside lists and objects, where JSON would write
 * `null` and so report a value that was not given.
 *
 * @internal
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
    if (typeof value === 'object' && value !== null && text.includes('null')) text = withNonFiniteNumbers(value, text);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * `json` (the JSON of `value`) with the `null`s that stand for non-finite numbers written as `NaN`, `Infinity` or
 * `-Infinity`. Those numbers are first written as strings starting with a mark that `json` does not contain, so
 * no string of the value itself can be mistaken for one.
 */
function withNonFiniteNumbers(value: object, json: string): string {
  let mark = 'NonFinite';
  while (json.includes(mark)) mark += '~';
  let found = false;
  const marked = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number' || Number.isFinite(v)) return v;
    found = true;
    return `${mark}${v}`;
  });
  return found ? marked.replace(new RegExp(`"${mark}(NaN|-?Infinity)"`, 'g'), '$1') : json;
}
