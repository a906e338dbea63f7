import { IConstruct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { Config, IConfig } from '../config/config';
import { ISecret } from '../config/secret';
import { k8s, Quantity } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { emptyDirVolumeName, sourceVolumeName } from '../core/_volume-names';
import { IPersistentVolumeClaim } from '../storage/persistent-volume-claim';

/** What every kind of mount may say about its volume. */
export interface VolumeOptions {
  /**
   * The name of the pod's volume for this mount: a DNS-1123 label. Set it to keep the name of an existing
   * workload's volume (as `cdk8s-platform import` does); a name another volume of the pod has is numbered (`-2`).
   *
   * @default from what is mounted: `config-<name>`, `secret-<name>`, `claim-<name>`, or the path for an emptyDir
   */
  readonly volumeName?: string;

  /**
   * A file or folder of the volume, relative to its root, mounted at the path instead of the whole volume (e.g. one
   * key of a ConfigMap as `/etc/app/app.yaml`). A file mounted so is not updated when the ConfigMap or Secret changes.
   *
   * @default the whole volume
   */
  readonly subPath?: string;
}

/** Options of a ConfigMap or Secret mounted as files. */
export interface FileMountOptions extends VolumeOptions {
  /**
   * Which keys to mount and under which relative file names, e.g. `{ 'app.properties': 'conf/app.properties' }`.
   *
   * @default every key, as a file named after the key
   */
  readonly items?: Record<string, string>;

  /**
   * The files' permission bits, e.g. `0o440`.
   *
   * @default 0o644
   */
  readonly defaultMode?: number;

  /**
   * Whether the pod may start when the ConfigMap/Secret does not exist (the folder is then empty).
   *
   * @default false
   */
  readonly optional?: boolean;
}

/** Options of an `emptyDir` mount. */
export interface EmptyDirOptions extends VolumeOptions {
  /**
   * The most the folder may hold; the pod is evicted beyond it.
   *
   * @default no limit other than the node's
   */
  readonly sizeLimit?: string;

  /**
   * Whether the folder lives in memory (tmpfs); it then counts against the container's memory limit.
   *
   * @default false: on the node's disk
   */
  readonly memory?: boolean;
}

type Source =
  | { kind: 'config'; config: IConfig; options: FileMountOptions }
  | { kind: 'secret'; secret: ISecret; options: FileMountOptions }
  | { kind: 'emptyDir'; options: EmptyDirOptions }
  | { kind: 'claim'; claim: IPersistentVolumeClaim; options: ClaimMountOptions }
  | { kind: 'claimTemplate'; template: string; options: ClaimMountOptions };

/** Options of a PersistentVolumeClaim mount. */
export interface ClaimMountOptions extends VolumeOptions {
  /**
   * Whether the container may only read the volume.
   *
   * @default false
   */
  readonly readOnly?: boolean;
}

/**
 * A volume mounted into a workload's container: a ConfigMap or Secret as read-only files, a scratch folder, or a
 * PersistentVolumeClaim.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/
 * @example
 * mounts: [
 *   Mount.config(config, '/etc/shop'),
 *   Mount.secret(tls, '/etc/tls', { defaultMode: 0o440 }),
 *   Mount.emptyDir('/var/cache/shop', { sizeLimit: '1Gi' }),
 * ]
 */
export class Mount {
  /** A ConfigMap's keys as read-only files under `path`. */
  public static config(config: IConfig, path: string, options: FileMountOptions = {}): Mount {
    return new Mount(path, { kind: 'config', config, options });
  }

  /** A Secret's keys as read-only files under `path`. */
  public static secret(secret: ISecret, path: string, options: FileMountOptions = {}): Mount {
    return new Mount(path, { kind: 'secret', secret, options });
  }

  /** An empty, writable folder at `path` that lives as long as the pod. */
  public static emptyDir(path: string, options: EmptyDirOptions = {}): Mount {
    return new Mount(path, { kind: 'emptyDir', options });
  }

  /**
   * A PersistentVolumeClaim's volume at `path`: storage that outlives the pod.
   *
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/
   */
  public static claim(claim: IPersistentVolumeClaim, path: string, options: ClaimMountOptions = {}): Mount {
    return new Mount(path, { kind: 'claim', claim, options });
  }

  /** The volume of a StatefulSet's claim template `template` (no pod volume: the StatefulSet makes one). @internal */
  public static _claimTemplate(template: string, path: string, options: ClaimMountOptions = {}): Mount {
    return new Mount(path, { kind: 'claimTemplate', template, options });
  }

  /** Whether `x` is a `Mount`, also across copies of this package. */
  public static isMount(x: unknown): x is Mount {
    return hasBrand(x, 'Mount');
  }

  private constructor(
    /** The absolute path in the container. */
    public readonly path: string,
    private readonly source: Source,
  ) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    if (typeof this.path !== 'string' || !this.path.startsWith('/') || this.path.split('/').includes('..')) {
      check.fail(`${prop} path`, this.path, 'an absolute path without ".." segments, e.g. "/etc/app"');
    }
    const s = this.source;
    if (!isPlainRecord(s.options ?? {})) {
      check.fail(`${prop} options`, s.options, 'an options object');
      return;
    }
    if (s.options.volumeName !== undefined) check.name(`${prop}.volumeName`, s.options.volumeName, 'dns1123-label');
    const sub = s.options.subPath;
    if (sub !== undefined && (typeof sub !== 'string' || sub.length === 0 || sub.startsWith('/') || sub.split('/').includes('..'))) {
      check.fail(`${prop}.subPath`, sub, 'a relative path without ".." segments, e.g. "app.yaml"');
    }
    if (s.kind === 'claim' || s.kind === 'claimTemplate') {
      if (s.kind === 'claim' && typeof s.claim?.claimName !== 'string') check.fail(prop, s.claim, 'a PersistentVolumeClaim or PersistentVolumeClaim.fromClaimName()');
      check.knownKeys(prop, s.options, 'ClaimMountOptions');
      if (s.options.readOnly !== undefined) check.boolean(`${prop}.readOnly`, s.options.readOnly);
      return;
    }
    if (s.kind === 'emptyDir') {
      check.knownKeys(prop, s.options, 'EmptyDirOptions');
      if (s.options.sizeLimit !== undefined) check.quantity(`${prop}.sizeLimit`, s.options.sizeLimit);
      if (s.options.memory !== undefined) check.boolean(`${prop}.memory`, s.options.memory);
      return;
    }
    if (s.kind === 'config' && typeof s.config?.configMapName !== 'string') check.fail(prop, s.config, 'a Config or Config.fromConfigMapName()');
    if (s.kind === 'secret' && typeof s.secret?.secretName !== 'string') check.fail(prop, s.secret, 'a Secret or Secret.fromSecretName()');
    const o = s.options;
    check.knownKeys(prop, o, 'FileMountOptions');
    if (o.defaultMode !== undefined) check.integer(`${prop}.defaultMode`, o.defaultMode, 0, 0o777);
    if (o.optional !== undefined) check.boolean(`${prop}.optional`, o.optional);
    if (o.items !== undefined) {
      if (!isPlainRecord(o.items)) {
        check.fail(`${prop}.items`, o.items, 'an object mapping keys to relative file paths');
      } else {
        for (const [key, file] of Object.entries(o.items)) {
          check.configKey(`${prop}.items key`, key);
          if (typeof file !== 'string' || file.length === 0 || file.startsWith('/') || file.split('/').includes('..')) {
            check.fail(`${prop}.items.${key}`, file, 'a relative file path without ".." segments, e.g. "conf/app.properties"');
          }
        }
      }
    }
  }

  /** Problems visible once the stack is complete: items naming keys a defined Config/Secret lacks. @internal */
  public _validate(): string[] {
    const s = this.source;
    if (s.kind === 'emptyDir' || s.kind === 'claim' || s.kind === 'claimTemplate' || !s.options.items || s.options.optional) return [];
    const keys = s.kind === 'config'
      ? (Config.isConfig(s.config) ? Object.keys(s.config.data) : undefined)
      : s.secret.keys;
    if (!keys) return [];
    const what = s.kind === 'config' ? `ConfigMap "${s.config.configMapName}"` : `Secret "${s.secret.secretName}"`;
    return Object.keys(s.options.items)
      .filter((k) => !keys.includes(k))
      .map((k) => `the mount at ${this.path} reads key "${k}" of ${what}, which has no such key (it has: ${keys.join(', ') || 'no keys'})`);
  }

  /** The ConfigMap or Secret this mount reads, if any (for the config-hash annotation). @internal */
  public _references(): IConstruct[] {
    const s = this.source;
    if (s.kind === 'config') return [s.config];
    if (s.kind === 'secret') return [s.secret];
    return [];
  }

  /** Whether the pod needs no volume of its own for this mount (a StatefulSet claim template). @internal */
  public get _isClaimTemplate(): boolean {
    return this.source.kind === 'claimTemplate';
  }

  /** The volume name this mount asks for, before de-duplication. @internal */
  public _volumeBaseName(): string {
    const s = this.source;
    if (s.options.volumeName !== undefined) return s.options.volumeName;
    switch (s.kind) {
      case 'config': return sourceVolumeName('config', s.config.configMapName);
      case 'secret': return sourceVolumeName('secret', s.secret.secretName);
      case 'claim': return sourceVolumeName('claim', s.claim.claimName);
      case 'claimTemplate': return s.template;
      case 'emptyDir': return emptyDirVolumeName(this.path);
    }
  }

  /** @internal */
  public _renderVolume(name: string): k8s.Volume {
    const s = this.source;
    switch (s.kind) {
      case 'claim':
        return { name, persistentVolumeClaim: { claimName: s.claim.claimName, readOnly: s.options.readOnly } };
      case 'claimTemplate':
        throw new Error('a claim template has no pod volume');
      case 'config':
        return {
          name,
          configMap: { name: s.config.configMapName, items: renderItems(s.options.items), defaultMode: s.options.defaultMode, optional: s.options.optional },
        };
      case 'secret':
        return {
          name,
          secret: { secretName: s.secret.secretName, items: renderItems(s.options.items), defaultMode: s.options.defaultMode, optional: s.options.optional },
        };
      case 'emptyDir':
        return {
          name,
          emptyDir: {
            medium: s.options.memory ? 'Memory' : undefined,
            sizeLimit: s.options.sizeLimit !== undefined ? Quantity.fromString(s.options.sizeLimit) : undefined,
          },
        };
    }
  }

  /** @internal */
  public _renderMount(name: string): k8s.VolumeMount {
    const s = this.source;
    const readOnly = s.kind === 'emptyDir' ? undefined
      : s.kind === 'claim' || s.kind === 'claimTemplate' ? (s.options.readOnly ? true : undefined)
        : true;
    return { name, mountPath: this.path, readOnly, subPath: s.options.subPath };
  }
}

brand(Mount, 'Mount');

function renderItems(items: Record<string, string> | undefined): k8s.KeyToPath[] | undefined {
  if (!items) return undefined;
  return Object.entries(items).map(([key, path]) => ({ key, path }));
}
