import { IConstruct } from 'constructs';
import { closestName, KNOWN_PROPS, KnownPropsOf } from './_known-props';
import { kubernetesVersionOf } from './kubernetes-version';
import { PropError, PropProblem } from './errors';
import {
  envVarNameAllowed, isConfigMapKey, isDns1035Label, isDns1123Label, isDns1123Subdomain, isEnvVarNameFor, isQualifiedName,
  isValidLabelValue, isValidPortName,
} from './names';
import { parseQuantity, QUANTITY_ALLOWED } from './quantity';

/** The naming rule an object name must follow, per kind. */
export type NameRule = 'dns1123-label' | 'dns1123-subdomain' | 'dns1035-label';

/** Each naming rule's check and what it allows, in words. @internal */
export const NAME_RULES: Record<NameRule, { check: (v: string) => string[]; allowed: string }> = {
  'dns1123-label': {
    check: isDns1123Label,
    allowed: "a DNS-1123 label: at most 63 lower case alphanumeric characters or '-', starting and ending with an alphanumeric character",
  },
  'dns1123-subdomain': {
    check: isDns1123Subdomain,
    allowed: "a DNS-1123 subdomain: at most 253 lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character",
  },
  'dns1035-label': {
    check: isDns1035Label,
    allowed: "a DNS-1035 label: at most 63 lower case alphanumeric characters or '-', starting with a letter and ending with an alphanumeric character",
  },
};

const QUALIFIED_NAME_ALLOWED =
  "an optional DNS subdomain prefix and '/', then at most 63 alphanumeric characters, '-', '_' or '.', starting and ending alphanumeric";

/** What the API server's syntax rules allow, in words, for error messages. @internal */
export const ALLOWED = {
  portName: "an IANA service name: at most 15 characters of a-z, 0-9 and '-', with at least one letter and no leading, trailing or adjacent '-' (e.g. 'http', 'grpc-api')",
  configKey: "a ConfigMap/Secret key: at most 253 alphanumeric characters, '-', '_' or '.', not '.' or '..'-prefixed (e.g. 'app.properties')",
  labelValue: "a label value: empty, or at most 63 alphanumeric characters, '-', '_' or '.', starting and ending alphanumeric",
  labelKey: `a label key: ${QUALIFIED_NAME_ALLOWED} (e.g. 'app.kubernetes.io/name', 'tier')`,
  annotationKey: `an annotation key: ${QUALIFIED_NAME_ALLOWED}`,
} as const;

/** The integer formats of Kubernetes API fields (Go's `int32` and `int64`). @internal */
export type IntFormat = 'int32' | 'int64';

/**
 * The integers each format takes from a construct's props: int32 as the API server decodes it; int64 up to the largest
 * integer a JavaScript number holds exactly (2^53 - 1), since a larger one is written as another value than the one
 * given (the API server's own int64 limit, 2^63 - 1, cannot be given exactly).
 *
 * @internal
 */
export const INT_RANGE: Record<IntFormat, { readonly min: number; readonly max: number; readonly what: string }> = {
  int32: { min: -2147483648, max: 2147483647, what: 'the field is an int32' },
  int64: { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, what: 'the largest integer a JavaScript number holds exactly' },
};

/** Total size limit of a ConfigMap's or Secret's data (the etcd object size limit the API server enforces). */
export const MAX_DATA_BYTES = 1024 * 1024;

/**
 * Collects the invalid props of one construct and throws them together as one `PropError`.
 *
 * Every check tolerates a value of the wrong type (plain JavaScript callers, `as any`) and reports it as a problem
 * instead of failing with a TypeError.
 *
 * @internal
 */
export class PropChecker {
  private readonly problems: PropProblem[] = [];
  /** Unknown keys, reported only where no other check reported the same prop (one that moved, say). */
  private readonly unknownKeys: PropProblem[] = [];

  constructor(private readonly scope: IConstruct, private readonly constructType: string) {}

  /** Records a problem. */
  public fail(prop: string, value: unknown, allowed: string, reasons?: string[]): void {
    this.problems.push({ prop, value, allowed, reasons });
  }

  /** Whether any problem was recorded for `prop` or below it. */
  public hasProblem(prop: string): boolean {
    return this.problems.some((p) => p.prop === prop || p.prop.startsWith(`${prop}.`) || p.prop.startsWith(`${prop}[`));
  }

  /** Throws a `PropError` if any problem was recorded. */
  public throwIfInvalid(): void {
    const unknown = this.unknownKeys.filter((u) => !this.problems.some((p) => p.prop === u.prop));
    if (this.problems.length + unknown.length > 0) {
      throw new PropError(this.scope, this.constructType, [...this.problems, ...unknown]);
    }
  }

  /**
   * Refuses every key of `value` that the interface `props` does not declare, with the closest known name, so a
   * misspelt prop fails here also where no type checker sees it (plain JavaScript, transpile-only synth). `prop` is
   * where `value` sits (`''` for the construct's own props). A value that is not an object is left to the other checks,
   * and so is a key they report (before or after this call), e.g. one that moved.
   */
  public knownKeys(prop: string, value: unknown, props: KnownPropsOf): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const known: readonly string[] = KNOWN_PROPS[props];
    for (const key of Object.keys(value)) {
      const path = prop === '' ? key : `${prop}.${key}`;
      if (known.includes(key)) continue;
      const suggestion = closestName(key, known);
      const unknown = `unknown prop "${key}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
      const allowed = suggestion === undefined ? `a prop of ${props}: ${known.join(', ')}` : `"${suggestion}" or another prop of ${props}`;
      this.unknownKeys.push({ prop: path, value: (value as Record<string, unknown>)[key], allowed, reasons: [unknown] });
    }
  }

  public string(prop: string, value: unknown, allowed = 'a non-empty string'): value is string {
    if (typeof value !== 'string' || value.length === 0) {
      this.fail(prop, value, allowed);
      return false;
    }
    return true;
  }

  /**
   * Checks a string against one of the API server's syntax rules; a non-string fails too.
   */
  public syntax(prop: string, value: unknown, rule: (v: string) => string[], allowed: string): value is string {
    if (typeof value !== 'string') {
      this.fail(prop, value, allowed);
      return false;
    }
    const reasons = rule(value);
    if (reasons.length > 0) {
      this.fail(prop, value, allowed, reasons);
      return false;
    }
    return true;
  }

  public name(prop: string, value: unknown, rule: NameRule): value is string {
    return this.syntax(prop, value, NAME_RULES[rule].check, NAME_RULES[rule].allowed);
  }

  /**
   * Checks an integer from `min` to `max`.
   *
   * `max` is a number for a field with its own upper bound, or the integer format of the Kubernetes field: `int32`
   * (the default, so no caller can forget it) or `int64`. The API server refuses an int32 above 2147483647 when it
   * decodes the object; an int64 is bounded here by the largest integer a JavaScript number holds exactly, since a
   * larger one would be written as another value than the one given.
   */
  public integer(prop: string, value: unknown, min: number, max: number | IntFormat = 'int32'): value is number {
    const upper = typeof max === 'number' ? max : INT_RANGE[max].max;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > upper) {
      this.fail(prop, value, `an integer from ${min} to ${upper}${typeof max === 'number' ? '' : ` (${INT_RANGE[max].what})`}`);
      return false;
    }
    return true;
  }

  public boolean(prop: string, value: unknown): value is boolean {
    if (typeof value !== 'boolean') {
      this.fail(prop, value, 'true or false');
      return false;
    }
    return true;
  }

  public port(prop: string, value: unknown): value is number {
    return this.integer(prop, value, 1, 65535);
  }

  public portName(prop: string, value: unknown): value is string {
    return this.syntax(prop, value, isValidPortName, ALLOWED.portName);
  }

  public quantity(prop: string, value: unknown): value is string {
    if (typeof value !== 'string' || parseQuantity(value) === undefined) {
      this.fail(prop, value, QUANTITY_ALLOWED);
      return false;
    }
    if (value.startsWith('-')) {
      this.fail(prop, value, 'a quantity greater than or equal to 0');
      return false;
    }
    return true;
  }

  /** An environment variable name, as the Kubernetes version the construct targets accepts it. */
  public envName(prop: string, value: unknown): value is string {
    const version = kubernetesVersionOf(this.scope);
    return this.syntax(prop, value, isEnvVarNameFor(version), envVarNameAllowed(version));
  }

  public configKey(prop: string, value: unknown): value is string {
    return this.syntax(prop, value, isConfigMapKey, ALLOWED.configKey);
  }

  /** One label value. */
  public labelValue(prop: string, value: unknown): value is string {
    return this.syntax(prop, value, isValidLabelValue, ALLOWED.labelValue);
  }

  /** Label keys and values, as in `metadata.labels` and selectors. */
  public labels(prop: string, value: unknown): value is Record<string, string> {
    if (!isPlainRecord(value)) {
      this.fail(prop, value, 'an object mapping label keys to string values');
      return false;
    }
    let ok = true;
    for (const [k, v] of Object.entries(value)) {
      if (!this.syntax(`${prop} key`, k, isQualifiedName, ALLOWED.labelKey)) ok = false;
      if (!this.labelValue(`${prop}.${k}`, v)) ok = false;
    }
    return ok;
  }

  /** Annotation keys (qualified names) and string values; the 256 KiB total is checked on the object. */
  public annotations(prop: string, value: unknown): value is Record<string, string> {
    if (!isPlainRecord(value)) {
      this.fail(prop, value, 'an object mapping annotation keys to string values');
      return false;
    }
    let ok = true;
    let total = 0;
    for (const [k, v] of Object.entries(value)) {
      if (!this.syntax(`${prop} key`, k, isQualifiedName, ALLOWED.annotationKey)) ok = false;
      if (typeof v !== 'string') {
        this.fail(`${prop}.${k}`, v, 'a string annotation value');
        ok = false;
        continue;
      }
      total += Buffer.byteLength(k) + Buffer.byteLength(v);
    }
    if (total > 256 * 1024) {
      this.fail(prop, `${total} bytes`, 'annotations of at most 262144 bytes (256 KiB) in total, keys and values');
      ok = false;
    }
    return ok;
  }

  /**
   * Entries added to a ConfigMap's or Secret's data: valid keys not already present, string values, and at most
   * 1 MiB of keys and values in all (the API server's limit for both kinds).
   *
   * Keys are compared with the existing ones as own properties, so `constructor` or `toString` are ordinary keys;
   * `__proto__` is refused, since setting it on the data object would replace its prototype or be ignored.
   */
  public dataEntries(prop: string, entries: Record<string, unknown>, existing: Record<string, string>, kind: 'ConfigMap' | 'Secret'): void {
    const hide = kind === 'Secret';
    let total = 0;
    for (const [k, v] of Object.entries(existing)) total += Buffer.byteLength(k) + Buffer.byteLength(v);
    for (const [key, value] of Object.entries(entries)) {
      this.configKey(`${prop} key`, key);
      if (key === '__proto__') {
        this.fail(`${prop} key`, key, `${ALLOWED.configKey}, other than "__proto__" (a JavaScript object cannot hold it as data)`);
      } else if (Object.prototype.hasOwnProperty.call(existing, key)) {
        this.fail(`${prop} key`, key, `a key not already in the ${kind}`);
      }
      if (typeof value !== 'string') {
        this.fail(`${prop}.${key}`, hide ? '(hidden)' : value, 'a string value');
        continue;
      }
      total += Buffer.byteLength(key) + Buffer.byteLength(value);
    }
    if (total > MAX_DATA_BYTES) {
      this.fail(prop, `${total} bytes in all`, `at most ${MAX_DATA_BYTES} bytes (1 MiB) of keys and values in one ${kind}`);
    }
  }

  /** A list of strings, e.g. a command or its arguments. */
  public stringList(prop: string, value: unknown, allowEmptyStrings = true): value is string[] {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || (!allowEmptyStrings && v.length === 0))) {
      this.fail(prop, value, allowEmptyStrings ? 'an array of strings' : 'an array of non-empty strings');
      return false;
    }
    return true;
  }
}

/** Whether `x` is a plain `{ key: value }` object (not an array, not a class instance). */
export function isPlainRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x) &&
    (Object.getPrototypeOf(x) === Object.prototype || Object.getPrototypeOf(x) === null);
}
