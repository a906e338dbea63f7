import { brand, hasBrand } from '../core/_brand';
import { isPlainRecord, PropChecker } from '../core/_props';
import { isAtLeast } from '../core/kubernetes-version';
import { AppArmorProfileJson, JsonObject, l1Json } from './_k8s-json';

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

  /** Whether `x` is a `SeccompProfile`, also across copies of this package. */
  public static isSeccompProfile(x: unknown): x is SeccompProfile {
    return hasBrand(x, 'SeccompProfile');
  }

  private constructor(
    /** `RuntimeDefault`, `Localhost` or `Unconfined`. */
    public readonly type: 'RuntimeDefault' | 'Localhost' | 'Unconfined',
    /** The profile file, for `Localhost`. */
    public readonly localhostProfile?: string,
  ) {}
}

brand(SeccompProfile, 'SeccompProfile');

/** The first Kubernetes version with the `appArmorProfile` security context field (AppArmor GA). */
const APP_ARMOR_FIELD_MINIMUM_VERSION = '1.30';

/** The annotation that set a container's AppArmor profile before Kubernetes 1.30, followed by the container name. @internal */
export const APP_ARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * The AppArmor profile a pod's containers run under, on nodes with AppArmor.
 *
 * Rendered as the `appArmorProfile` field of the pod's security context (and of a container's whose profile differs
 * from the pod's) on Kubernetes 1.30 and later, where AppArmor is GA; before 1.30 as the
 * `container.apparmor.security.beta.kubernetes.io/<container>` annotation of the pod template, one per container.
 *
 * @see https://kubernetes.io/docs/tutorials/security/apparmor/
 */
export class AppArmorProfile {
  /** The container runtime's default profile: what the "baseline" Pod Security Standard allows. */
  public static runtimeDefault(): AppArmorProfile {
    return new AppArmorProfile('RuntimeDefault');
  }

  /**
   * A profile loaded on the node, by name; allowed by "baseline". Pods run only on nodes that have it loaded.
   *
   * @param localhostProfile the profile's name, e.g. "k8s-apparmor-example-deny-write"
   */
  public static localhost(localhostProfile: string): AppArmorProfile {
    return new AppArmorProfile('Localhost', localhostProfile);
  }

  /** No AppArmor enforcement. Fails the "baseline" Pod Security Standard. */
  public static unconfined(): AppArmorProfile {
    return new AppArmorProfile('Unconfined');
  }

  /** Whether `x` is an `AppArmorProfile`, also across copies of this package. */
  public static isAppArmorProfile(x: unknown): x is AppArmorProfile {
    return hasBrand(x, 'AppArmorProfile');
  }

  private constructor(
    /** `RuntimeDefault`, `Localhost` or `Unconfined`. */
    public readonly type: 'RuntimeDefault' | 'Localhost' | 'Unconfined',
    /** The profile's name, for `Localhost`. */
    public readonly localhostProfile?: string,
  ) {}

  /** The `appArmorProfile` field. @internal */
  public _json(): AppArmorProfileJson {
    return this.type === 'Localhost' ? { type: this.type, localhostProfile: this.localhostProfile } : { type: this.type };
  }

  /** The value of the annotation used before 1.30: `runtime/default`, `localhost/<name>` or `unconfined`. @internal */
  public _annotationValue(): string {
    switch (this.type) {
      case 'RuntimeDefault': return 'runtime/default';
      case 'Localhost': return `localhost/${this.localhostProfile}`;
      case 'Unconfined': return 'unconfined';
    }
  }

  /** Whether `other` is the same profile. @internal */
  public _equals(other: AppArmorProfile | undefined): boolean {
    return other !== undefined && other.type === this.type && other.localhostProfile === this.localhostProfile;
  }
}

brand(AppArmorProfile, 'AppArmorProfile');

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

  /**
   * The AppArmor profile. Set on the pod from the workload's settings; an extra container whose own setting differs
   * gets its own. Rendered as the `appArmorProfile` field on Kubernetes 1.30 and later, as the
   * `container.apparmor.security.beta.kubernetes.io/<container>` annotations before.
   *
   * @default none: the container runtime's default profile on nodes with AppArmor
   */
  readonly appArmorProfile?: AppArmorProfile;

  /**
   * Whether the pod runs in a user namespace of its own (`hostUsers: false`): its root user, and every other user, is
   * mapped to an unprivileged user of the node, which contains a container breakout. The nodes need a Linux kernel
   * and a container runtime that support it (Linux 6.3 or later, containerd 2.0 or CRI-O 1.25 or later). Needs
   * Kubernetes 1.33 or later (`UserNamespacesSupport`, beta and on by default from 1.33). A pod-level setting: taken
   * from the workload's settings, not an extra container's.
   *
   * @see https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/
   * @default false: the pod shares the node's user namespace (`hostUsers` is not rendered)
   */
  readonly userNamespace?: boolean;
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
  readonly appArmorProfile?: AppArmorProfile;
  readonly userNamespace: boolean;
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
  const userNamespace = bool('userNamespace', false);
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
  if (!SeccompProfile.isSeccompProfile(seccompProfile)) {
    check.fail(`${prop}.seccompProfile`, seccompProfile, 'SeccompProfile.runtimeDefault(), SeccompProfile.localhost(path) or SeccompProfile.unconfined()');
  } else if (seccompProfile.type === 'Localhost' && (typeof seccompProfile.localhostProfile !== 'string' || seccompProfile.localhostProfile.length === 0)) {
    check.fail(`${prop}.seccompProfile`, seccompProfile.localhostProfile, 'a non-empty profile path relative to the kubelet seccomp directory');
  }
  let appArmorProfile = o.appArmorProfile;
  if (appArmorProfile !== undefined) {
    if (!AppArmorProfile.isAppArmorProfile(appArmorProfile)) {
      check.fail(`${prop}.appArmorProfile`, appArmorProfile, 'AppArmorProfile.runtimeDefault(), AppArmorProfile.localhost(name) or AppArmorProfile.unconfined()');
      appArmorProfile = undefined;
    } else if (appArmorProfile.type === 'Localhost' && (typeof appArmorProfile.localhostProfile !== 'string' || !/^\S+$/.test(appArmorProfile.localhostProfile))) {
      check.fail(`${prop}.appArmorProfile`, appArmorProfile.localhostProfile, 'a non-empty profile name without spaces, as loaded on the node');
    }
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
    appArmorProfile,
    userNamespace,
  };
}

/**
 * The pod-level security context, as Kubernetes JSON: `appArmorProfile` on Kubernetes 1.30 and later (before, the
 * profile is an annotation: see `appArmorAnnotations()`).
 *
 * @internal
 */
export function renderPodSecurityContext(s: ResolvedSecurity, kubernetesVersion: string): JsonObject {
  const json = l1Json('PodSecurityContext', {
    runAsNonRoot: s.runAsNonRoot,
    runAsUser: s.runAsUser,
    runAsGroup: s.runAsGroup,
    fsGroup: s.fsGroup,
    seccompProfile: { type: s.seccompProfile.type, localhostProfile: s.seccompProfile.localhostProfile },
  });
  if (s.appArmorProfile && isAtLeast(kubernetesVersion, APP_ARMOR_FIELD_MINIMUM_VERSION)) json.appArmorProfile = s.appArmorProfile._json();
  return json;
}

/**
 * The container-level security context, as Kubernetes JSON; on Kubernetes 1.30 and later with the container's
 * `appArmorProfile` when it differs from the pod's (`pod`).
 *
 * @internal
 */
export function renderContainerSecurityContext(s: ResolvedSecurity, pod: ResolvedSecurity, kubernetesVersion: string): JsonObject {
  const drop = s.dropAllCapabilities ? ['ALL'] : undefined;
  const add = s.addCapabilities.length > 0 ? s.addCapabilities : undefined;
  const json = l1Json('SecurityContext', {
    allowPrivilegeEscalation: s.allowPrivilegeEscalation,
    readOnlyRootFilesystem: s.readOnlyRootFilesystem,
    runAsNonRoot: s.runAsNonRoot,
    capabilities: drop || add ? { drop, add } : undefined,
  });
  const profile = s.appArmorProfile;
  if (profile && !profile._equals(pod.appArmorProfile) && isAtLeast(kubernetesVersion, APP_ARMOR_FIELD_MINIMUM_VERSION)) {
    json.appArmorProfile = profile._json();
  }
  return json;
}

/**
 * Before Kubernetes 1.30: the AppArmor annotations of the pod template, one per container that has a profile
 * (`containers`: each container's name and settings). From 1.30 on, none: the profile is a field.
 *
 * @internal
 */
export function appArmorAnnotations(containers: ReadonlyArray<{ readonly name: string; readonly security: ResolvedSecurity }>,
  kubernetesVersion: string): Record<string, string> {
  const annotations: Record<string, string> = {};
  if (isAtLeast(kubernetesVersion, APP_ARMOR_FIELD_MINIMUM_VERSION)) return annotations;
  for (const c of containers) {
    if (c.security.appArmorProfile) annotations[`${APP_ARMOR_ANNOTATION_PREFIX}${c.name}`] = c.security.appArmorProfile._annotationValue();
  }
  return annotations;
}
