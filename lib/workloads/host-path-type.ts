import { brand, hasBrand } from '../core/_brand';

/**
 * What the kubelet checks (or creates) at a host path before it mounts it: the `type` of a `hostPath` volume. A
 * path that fails the check keeps the pod from starting, instead of mounting whatever is there.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
 */
export class HostPathType {
  /** `""`, the API's own default, written out: no check before mounting. */
  public static readonly UNSET = new HostPathType('');
  /** A folder, created (empty, mode 0755, owned by the kubelet) when nothing is at the path. */
  public static readonly DIRECTORY_OR_CREATE = new HostPathType('DirectoryOrCreate');
  /** A folder that must exist. */
  public static readonly DIRECTORY = new HostPathType('Directory');
  /** A file, created (empty, mode 0644, owned by the kubelet) when nothing is at the path. */
  public static readonly FILE_OR_CREATE = new HostPathType('FileOrCreate');
  /** A file that must exist. */
  public static readonly FILE = new HostPathType('File');
  /** A UNIX socket that must exist (a container runtime's socket). */
  public static readonly SOCKET = new HostPathType('Socket');
  /** A character device that must exist. */
  public static readonly CHAR_DEVICE = new HostPathType('CharDevice');
  /** A block device that must exist. */
  public static readonly BLOCK_DEVICE = new HostPathType('BlockDevice');

  /** Whether `x` is a `HostPathType`, also across copies of this package. */
  public static isHostPathType(x: unknown): x is HostPathType {
    return hasBrand(x, 'HostPathType');
  }

  private constructor(
    /** The value of the volume's `hostPath.type` field. */
    public readonly value: '' | 'DirectoryOrCreate' | 'Directory' | 'FileOrCreate' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice',
  ) {}

  /** The value, as written to the object. */
  public toString(): string {
    return this.value;
  }
}

brand(HostPathType, 'HostPathType');
