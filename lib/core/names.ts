import { isAtLeast } from './kubernetes-version';
/**
 * The Kubernetes API server's syntax rules for names, label keys and values, port names, environment variable
 * names and ConfigMap/Secret keys.
 *
 * Each function mirrors the function of the same name in `k8s.io/apimachinery/pkg/util/validation` (Kubernetes
 * 1.27) and returns the list of problems with the value, worded as the API server words them; an empty list means
 * the value is valid. The constructs call them at construct time; the validation layer calls them on synthesized
 * objects.
 *
 * @see https://github.com/kubernetes/apimachinery/blob/release-1.27/pkg/util/validation/validation.go
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_RE = new RegExp(`^(${QUALIFIED_NAME_FMT})?$`);
const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_NAME_RE = new RegExp(`^${ENV_VAR_NAME_FMT}$`);
const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_RE = new RegExp(`^${CONFIG_MAP_KEY_FMT}$`);

/** Maximum length of a DNS-1123 or DNS-1035 label, and of a label value or the name part of a label key. @internal */
export const DNS1123_LABEL_MAX_LENGTH = 63;
/** Maximum length of a DNS-1123 subdomain (most object names, label key prefixes). @internal */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
/** Maximum length of a ConfigMap or Secret key. @internal */
export const CONFIG_MAP_KEY_MAX_LENGTH = 253;
/** Maximum length of an IANA service name (a container or Service port name). @internal */
export const PORT_NAME_MAX_LENGTH = 15;

function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  const ex = examples.length ? ` (e.g. ${examples.map((e) => `'${e}'`).join(', or ')})` : '';
  return `${msg}${ex}, regex used for validation is '${fmt}'`;
}

/** A lowercase RFC 1123 label: Namespace names, container names, most `name` fields. @internal */
export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_RE.test(value)) {
    if (DNS1123_SUBDOMAIN_RE.test(value)) {
      errs.push('must not contain dots');
    } else {
      errs.push(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, 'my-name', '123-abc'));
    }
  }
  return errs;
}

/** A lowercase RFC 1123 subdomain: the names of most objects (Deployments, ConfigMaps, Secrets, ...). @internal */
export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

/** An RFC 1035 label: Service names (they become DNS names and must start with a letter). @internal */
export function isDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1035_LABEL_RE.test(value)) {
    errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  }
  return errs;
}

/** A qualified name: label and annotation keys, `[prefix/]name` where the prefix is a DNS-1123 subdomain. @internal */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) {
      errs.push('prefix part must be non-empty');
    } else {
      errs.push(...isDns1123Subdomain(prefix).map((e) => `prefix part ${e}`));
    }
  } else {
    return [
      regexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) {
    errs.push('name part must be non-empty');
  } else if (name.length > DNS1123_LABEL_MAX_LENGTH) {
    errs.push(`name part ${maxLenError(DNS1123_LABEL_MAX_LENGTH)}`);
  }
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push(`name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** A label value: empty, or up to 63 alphanumeric characters, '-', '_' or '.', starting and ending alphanumeric. @internal */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", `(${QUALIFIED_NAME_FMT})?`, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/**
 * A path segment name, as the names of RBAC Roles and bindings must be (`system:controller:x` is valid): not `.`
 * or `..`, and without `/` or `%` (`ValidatePathSegmentName` in `k8s.io/apimachinery/pkg/api/validation/path`).
 * @internal
 */
export function isValidPathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  const errs: string[] = [];
  if (value.includes('/')) errs.push("may not contain '/'");
  if (value.includes('%')) errs.push("may not contain '%'");
  return errs;
}

/** A port number: an integer from 1 to 65535. @internal */
export function isValidPortNum(port: number): string[] {
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return [];
  return ['must be between 1 and 65535, inclusive'];
}

/**
 * An IANA service name (RFC 6335), as container and Service port names must be: at most 15 characters of
 * `[-a-z0-9]`, at least one letter, no leading, trailing or adjacent hyphens.
 * @internal
 */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > PORT_NAME_MAX_LENGTH) errs.push(maxLenError(PORT_NAME_MAX_LENGTH));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** The first Kubernetes version that accepts relaxed environment variable names by default (KEP-4369: beta in 1.32). */
const RELAXED_ENV_VAR_NAMES_FROM = '1.32';

/**
 * An environment variable name as the Kubernetes version `version` accepts it: from 1.32 (RelaxedEnvironmentVariable
 * Validation, beta and on by default; GA in 1.34) any printable ASCII characters but '='; before, letters, digits,
 * '_', '-' and '.', not starting with a digit.
 *
 * @see https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/4369-allow-special-characters-environment-variable
 * @internal
 */
export function isEnvVarNameFor(version: string): (value: string) => string[] {
  return isAtLeast(version, RELAXED_ENV_VAR_NAMES_FROM) ? isRelaxedEnvVarName : isEnvVarName;
}

/** What an environment variable name may be at `version`, in words (see `isEnvVarNameFor()`). @internal */
export function envVarNameAllowed(version: string): string {
  return isAtLeast(version, RELAXED_ENV_VAR_NAMES_FROM)
    ? `an environment variable name of printable ASCII characters other than '=' (Kubernetes ${version}; e.g. 'DATABASE_URL')`
    : "an environment variable name of letters, digits, '_', '-' or '.', not starting with a digit (e.g. 'DATABASE_URL')";
}

/** An environment variable name under the relaxed rule (Kubernetes 1.32 and later). */
function isRelaxedEnvVarName(value: string): string[] {
  if (value.length === 0) return ['environment variable name must be non-empty'];
  return /^[\x20-\x3c\x3e-\x7e]+$/.test(value) ? [] : ["must consist of printable ASCII characters other than '='"];
}

/** An environment variable name as Kubernetes 1.27 to 1.31 accept it (before the relaxed rule). @internal */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!ENV_VAR_NAME_RE.test(value)) {
    errs.push(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", ENV_VAR_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  }
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/** A ConfigMap or Secret key: up to 253 alphanumeric characters, '-', '_' or '.', not '.', '..' or '..'-prefixed. @internal */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > CONFIG_MAP_KEY_MAX_LENGTH) errs.push(maxLenError(CONFIG_MAP_KEY_MAX_LENGTH));
  if (!CONFIG_MAP_KEY_RE.test(value)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  }
  errs.push(...hasChDirPrefix(value));
  return errs;
}
