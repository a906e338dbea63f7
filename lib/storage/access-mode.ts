import { brand, hasBrand } from '../core/_brand';

/**
 * How a persistent volume may be mounted.
 *
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
 */
export class AccessMode {
  /** Whether `x` is a `AccessMode`, also across copies of this package. */
  public static isAccessMode(x: unknown): x is AccessMode {
    return hasBrand(x, 'AccessMode');
  }

  /** Read-write by the pods of one node (every block-storage class supports it). */
  public static readWriteOnce(): AccessMode {
    return new AccessMode('ReadWriteOnce');
  }

  /** Read-write by a single pod in the whole cluster (CSI volumes only). */
  public static readWriteOncePod(): AccessMode {
    return new AccessMode('ReadWriteOncePod');
  }

  /** Read-only by many nodes. */
  public static readOnlyMany(): AccessMode {
    return new AccessMode('ReadOnlyMany');
  }

  /** Read-write by many nodes (file storage such as NFS, EFS, Azure Files). */
  public static readWriteMany(): AccessMode {
    return new AccessMode('ReadWriteMany');
  }

  private constructor(
    /** The access mode's name. */
    public readonly value: string,
  ) {}
}

brand(AccessMode, 'AccessMode');
