import { k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';

/**
 * The seccomp profile a pod's containers run under.
 *
 * @see https://kubernetes.io/docs/tutorials/security/seccomp/
 */
export class SeccompProfile {
  /** The container runtime's default profile: what the "restricted" Pod Security Standard asks for. */
  public static runtimeDefault(): SeccompProfile {
    return new SeccompProfile('RuntimeDefault');
  }

  /**
   * A profile file on the node, relative to the kubelet's seccomp directory; allowed by "restricted".
   *
   * @param localhostProfile the profile's path, e.g. "profiles/audit.json"
   */
  public static localhost(localhostProfile: string): SeccompProfile {
    return new SeccompProfile('Localhost', localhostProfile);
  }

  /** No seccomp filtering. Fails the "restricted" Pod Security Standard. */
  public static unconfined(): SeccompProfile {
    return new SeccompProfile('Unconfined');
  }

  private constructor(
    /** `RuntimeDefault`, `Localhost` or `Unconfined`. */
    public readonly type: 'RuntimeDefault' | 'Localhost' | 'Unconfined',
    /** The profile file, for `Localhost`. */
    public readonly localhostProfile?: string,
  ) {}
}

/**
 * A workload's security settings. The defaults pass the Pod Security Standards "restricted" profile of Kubernetes
 * 1.27 and add a read-only root filesystem; each default is switched off by its own field.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @example
 * // an image that writes to its own filesystem and must bind port 80
 * security: { readOnlyRootFilesystem: false, addCapabilities: ['NET_BIND_SERVICE'] }
 */
export interface SecurityOptions {
  /**
   * Whether the kubelet refuses to start a container whose user is root. An image whose `USER` is a name rather
   * than a number needs `runAsUser` as well, since the kubelet cannot check a name.
   *
   * @default true
   */
  readonly runAsNonRoot?: boolean;

  /**
   * The user ID the containers run as.
   *
   * @default the image's user
   */
  readonly runAsUser?: number;

  /**
   * The primary group ID the containers run as.
   *
   * @default the image's group
   */
  readonly runAsGroup?: number;

  /**
   * A supplementary group that owns mounted volumes, so a non-root user can write to them.
   *
   * @default none
   */
  readonly fsGroup?: number;

  /**
   * Whether the container's root filesystem is read-only. Writable paths then need a volume: `/tmp` gets one by
   * default (see `writableTmp`), others can be added with `Mount.emptyDir()`.
   *
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;

  /**
   * Whether an `emptyDir` volume is mounted at `/tmp`, so that ordinary images start with a read-only root
   * filesystem. Ignored when a mount at `/tmp` is given.
   *
   * @default true when the root filesystem is read-only, false otherwise
   */
  readonly writableTmp?: boolean;

  /**
   * Whether a process can gain more privileges than its parent (setuid binaries). Must be false for "restricted".
   *
   * @default false
   */
  readonly allowPrivilegeEscalation?: boolean;

  /**
   * Whether every Linux capability is dropped. Must be true for "restricted".
   *
   * @default true
   */
  readonly dropAllCapabilities?: boolean;

  /**
   * Linux capabilities to add back, without the `CAP_` prefix. "restricted" allows only `NET_BIND_SERVICE`.
   *
   * @default none
   */
  readonly addCapabilities?: string[];

  /**
   * The seccomp profile. Must be RuntimeDefault or Localhost for "restricted".
   *
   * @default SeccompProfile.runtimeDefault()
   */
  readonly seccompProfile?: SeccompProfile;
}

/** The effective security settings, defaults applied. @internal */
export interface ResolvedSecurity {
  readonly runAsNonRoot: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly readOnlyRootFilesystem: boolean;
  readonly writableTmp: boolean;
  readonly allowPrivilegeEscalation: boolean;
  readonly dropAllCapabilities: boolean;
  readonly addCapabilities: string[];
  readonly seccompProfile: SeccompProfile;
}

/**
 * The largest user or group ID the API server accepts (`IsValidUserID`, `IsValidGroupID`: math.MaxInt32), though the
 * fields are int64.
 */
const MAX_ID = 2147483647;

/** Checks `options` and applies the defaults. @internal */
export function resolveSecurity(check: PropChecker, prop: string, options: SecurityOptions | undefined): ResolvedSecurity {
  const o: SecurityOptions = options ?? {};
  if (!isPlainRecord(o as unknown)) {
    check.fail(prop, o, 'an object of security options');
  }
  const bool = (key: keyof SecurityOptions, def: boolean): boolean => {
    const v = o[key];
    if (v === undefined) return def;
    return check.boolean(`${prop}.${key}`, v) ? (v as boolean) : def;
  };
  const runAsNonRoot = bool('runAsNonRoot', true);
  const readOnlyRootFilesystem = bool('readOnlyRootFilesystem', true);
  const writableTmp = bool('writableTmp', readOnlyRootFilesystem);
  const allowPrivilegeEscalation = bool('allowPrivilegeEscalation', false);
  const dropAllCapabilities = bool('dropAllCapabilities', true);
  for (const key of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
    if (o[key] !== undefined) check.integer(`${prop}.${key}`, o[key], 0, MAX_ID);
  }
  if (runAsNonRoot && o.runAsUser === 0) {
    check.fail(`${prop}.runAsUser`, 0, 'a non-zero user ID while runAsNonRoot is true (the kubelet refuses to start the container)');
  }
  const addCapabilities = o.addCapabilities ?? [];
  if (!Array.isArray(addCapabilities)) {
    check.fail(`${prop}.addCapabilities`, addCapabilities, 'an array of capability names such as ["NET_BIND_SERVICE"]');
  } else {
    for (const cap of addCapabilities) {
      if (typeof cap === 'string' && /^CAP_/.test(cap)) {
        check.fail(`${prop}.addCapabilities`, cap, `a capability name without the CAP_ prefix ("${cap.slice(4)}"), as Kubernetes expects`);
      } else if (typeof cap !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(cap)) {
        check.fail(`${prop}.addCapabilities`, cap, 'an upper-case Linux capability name such as "NET_BIND_SERVICE"');
      }
    }
    if (new Set(addCapabilities).size !== addCapabilities.length) {
      check.fail(`${prop}.addCapabilities`, addCapabilities, 'each capability at most once');
    }
  }
  const seccompProfile = o.seccompProfile ?? SeccompProfile.runtimeDefault();
  if (!(seccompProfile instanceof SeccompProfile)) {
    check.fail(`${prop}.seccompProfile`, seccompProfile, 'SeccompProfile.runtimeDefault(), SeccompProfile.localhost(path) or SeccompProfile.unconfined()');
  } else if (seccompProfile.type === 'Localhost' && (typeof seccompProfile.localhostProfile !== 'string' || seccompProfile.localhostProfile.length === 0)) {
    check.fail(`${prop}.seccompProfile`, seccompProfile.localhostProfile, 'a non-empty profile path relative to the kubelet seccomp directory');
  }
  return {
    runAsNonRoot,
    runAsUser: o.runAsUser,
    runAsGroup: o.runAsGroup,
    fsGroup: o.fsGroup,
    readOnlyRootFilesystem,
    writableTmp,
    allowPrivilegeEscalation,
    dropAllCapabilities,
    addCapabilities: Array.isArray(addCapabilities) ? [...addCapabilities] : [],
    seccompProfile,
  };
}

/** The pod-level security context. @internal */
export function renderPodSecurityContext(s: ResolvedSecurity): k8s.PodSecurityContext {
  return {
    runAsNonRoot: s.runAsNonRoot,
    runAsUser: s.runAsUser,
    runAsGroup: s.runAsGroup,
    fsGroup: s.fsGroup,
    seccompProfile: { type: s.seccompProfile.type, localhostProfile: s.seccompProfile.localhostProfile },
  };
}

/** The container-level security context. @internal */
export function renderContainerSecurityContext(s: ResolvedSecurity): k8s.SecurityContext {
  const drop = s.dropAllCapabilities ? ['ALL'] : undefined;
  const add = s.addCapabilities.length > 0 ? s.addCapabilities : undefined;
  return {
    allowPrivilegeEscalation: s.allowPrivilegeEscalation,
    readOnlyRootFilesystem: s.readOnlyRootFilesystem,
    runAsNonRoot: s.runAsNonRoot,
    capabilities: drop || add ? { drop, add } : undefined,
  };
}
