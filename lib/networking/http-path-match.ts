import { brand, hasBrand } from '../core/_brand';
import { PropChecker } from '../core/_props';

/** The characters an Exact or PathPrefix path may hold (the HTTPRoute CRD's rule): RFC 3986 path characters. */
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;

/**
 * How an `HttpRoute` rule matches request paths: by prefix, exactly, or by a regular expression.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httppathmatch
 * @example
 * rules: [{ matches: [HttpPathMatch.prefix('/api'), HttpPathMatch.exact('/healthz')], backends: [{ backend: api }] }]
 */
export class HttpPathMatch {
  /** Whether `x` is an `HttpPathMatch`, also across copies of this package. */
  public static isHttpPathMatch(x: unknown): x is HttpPathMatch {
    return hasBrand(x, 'HttpPathMatch');
  }

  /** The path and everything below it, element by element (`/api` matches `/api` and `/api/v1`, not `/apis`). */
  public static prefix(path: string): HttpPathMatch {
    return new HttpPathMatch('PathPrefix', path);
  }

  /** Exactly the path. */
  public static exact(path: string): HttpPathMatch {
    return new HttpPathMatch('Exact', path);
  }

  /**
   * Paths matching a regular expression. Its dialect is the gateway implementation's (RE2 for most), so it is not
   * checked here beyond its length; not every implementation supports it.
   */
  public static regularExpression(pattern: string): HttpPathMatch {
    return new HttpPathMatch('RegularExpression', pattern);
  }

  private constructor(
    /** The match type: `PathPrefix`, `Exact` or `RegularExpression`. */
    public readonly type: string,
    /** The path, or the regular expression. */
    public readonly value: string,
  ) {}

  /**
   * Checks the value as the HTTPRoute CRD's validation rules do (which synth does not evaluate): a path of 1 to 1024
   * characters; an Exact or PathPrefix one absolute, of path characters, without `//`, `/./`, `/../`, `%2f` or `#`,
   * not ending with `/.` or `/..`.
   *
   * @internal
   */
  public _check(check: PropChecker, prop: string): void {
    const v = this.value;
    if (typeof v !== 'string' || v.length === 0 || v.length > 1024) {
      check.fail(prop, v, 'a path or regular expression of 1 to 1024 characters');
      return;
    }
    if (this.type === 'RegularExpression') return;
    const reasons: string[] = [];
    if (!v.startsWith('/')) reasons.push('it must start with "/"');
    if (!PATH_CHARS.test(v)) reasons.push('it must hold only path characters (letters, digits, "-._~!$&\'()*+,;=:@/" and %-escapes)');
    for (const part of ['//', '/./', '/../', '%2f', '%2F', '#']) if (v.includes(part)) reasons.push(`it must not contain "${part}"`);
    if (v.endsWith('/.') || v.endsWith('/..')) reasons.push('it must not end with "/." or "/.."');
    if (reasons.length > 0) check.fail(prop, v, 'an absolute, normalized path such as "/api/v1"', reasons);
  }

  /** The match as HTTPRoute JSON. @internal */
  public _render(): { type: string; value: string } {
    return { type: this.type, value: this.value };
  }
}

brand(HttpPathMatch, 'HttpPathMatch');
