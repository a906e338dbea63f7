import { IConstruct } from 'constructs';
import { inheritedValues, setInherited } from './_inherited';
import { formatValue, PlatformError } from './errors';

/**
 * The Kubernetes minor versions the library renders and validates for, oldest first: each has its API definitions
 * (schema, served group/versions) in the library.
 */
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = Object.freeze([
  '1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36',
]);

/** The Kubernetes version targeted when none is set on the app, the environment or `check`. */
export const DEFAULT_KUBERNETES_VERSION = '1.33';

const INHERITED_KEY = 'kubernetesVersion';

/**
 * `value` as a supported Kubernetes minor version (`"1.33"`; `"v1.33"` and `"1.33.2"` are read as `"1.33"`).
 *
 * @param what the prop or flag being read, for the error
 * @throws PlatformError naming `what`, the value received and the supported versions
 * @internal
 */
export function checkKubernetesVersion(value: unknown, what: string): string {
  const m = typeof value === 'string' ? /^v?(1\.\d{1,2})(?:\.\d+)?$/.exec(value.trim()) : null;
  if (m && SUPPORTED_KUBERNETES_VERSIONS.includes(m[1])) return m[1];
  throw new PlatformError(`${what} received ${formatValue(value)}; allowed: a supported Kubernetes minor version, one of ` +
    `${SUPPORTED_KUBERNETES_VERSIONS.map((v) => `"${v}"`).join(', ')} (default "${DEFAULT_KUBERNETES_VERSION}")`);
}

/** The minor number of a supported version: `"1.33"` → 33. */
function minorOf(version: string): number {
  return Number(version.slice(version.indexOf('.') + 1));
}

/**
 * Whether the supported version `version` is `minimum` or later (both as `"1.x"`).
 *
 * @internal
 */
export function isAtLeast(version: string, minimum: string): boolean {
  return minorOf(version) >= minorOf(minimum);
}

/**
 * Stores the Kubernetes version targeted by `scope` (a `PlatformApp` or an `Environment`) and everything below it.
 *
 * @throws PlatformError when the version is not supported
 * @internal
 */
export function setKubernetesVersion(scope: IConstruct, value: unknown, what: string): void {
  if (value === undefined) return;
  setInherited(scope, INHERITED_KEY, checkKubernetesVersion(value, what));
}

/**
 * The Kubernetes version a construct renders and is validated for: the nearest one set above it (an
 * `Environment`'s `kubernetesVersion`, else the `PlatformApp`'s), else `DEFAULT_KUBERNETES_VERSION`.
 */
export function kubernetesVersionOf(scope: IConstruct): string {
  return inheritedValues<string>(scope, INHERITED_KEY)[0] ?? DEFAULT_KUBERNETES_VERSION;
}
