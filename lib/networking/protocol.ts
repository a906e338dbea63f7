import { brand, hasBrand } from '../core/_brand';

/**
 * A port's transport protocol.
 *
 * @see https://kubernetes.io/docs/reference/networking/service-protocols/
 */
export class Protocol {
  /** Whether `x` is a `Protocol`, also across copies of this package. */
  public static isProtocol(x: unknown): x is Protocol {
    return hasBrand(x, 'Protocol');
  }

  /** TCP. */
  public static readonly TCP = new Protocol('TCP');
  /** UDP. */
  public static readonly UDP = new Protocol('UDP');
  /** SCTP. */
  public static readonly SCTP = new Protocol('SCTP');

  private constructor(
    /** The value of a port's `protocol` field. */
    public readonly value: 'TCP' | 'UDP' | 'SCTP',
  ) {}

  /** The value, as written to the object. */
  public toString(): string {
    return this.value;
  }
}

brand(Protocol, 'Protocol');
