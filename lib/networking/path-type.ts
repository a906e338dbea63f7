import { brand, hasBrand } from '../core/_brand';

/**
 * How an Ingress path matches request paths.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types
 */
export class PathType {
  /** Whether `x` is a `PathType`, also across copies of this package. */
  public static isPathType(x: unknown): x is PathType {
    return hasBrand(x, 'PathType');
  }

  /** Matches the path and everything below it, element by element (`/api` matches `/api` and `/api/v1`, not `/apis`). */
  public static readonly PREFIX = new PathType('Prefix');
  /** Matches exactly the path. */
  public static readonly EXACT = new PathType('Exact');
  /** Left to the ingress controller. */
  public static readonly IMPLEMENTATION_SPECIFIC = new PathType('ImplementationSpecific');

  private constructor(
    /** The `pathType` value. */
    public readonly value: string,
  ) {}
}

brand(PathType, 'PathType');
