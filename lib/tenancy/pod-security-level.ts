import { brand, hasBrand } from '../core/_brand';

/**
 * A Pod Security Standards level, enforced on a namespace by the Pod Security admission controller.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export class PodSecurityLevel {
  /** Whether `x` is a `PodSecurityLevel`, also across copies of this package. */
  public static isPodSecurityLevel(x: unknown): x is PodSecurityLevel {
    return hasBrand(x, 'PodSecurityLevel');
  }

  /** Heavily restricted: current pod hardening best practice. Every workload of this library passes it by default. */
  public static readonly RESTRICTED = new PodSecurityLevel('restricted');
  /** Minimally restrictive: prevents known privilege escalations. */
  public static readonly BASELINE = new PodSecurityLevel('baseline');
  /** Unrestricted. Only for system or infrastructure workloads run by trusted users. */
  public static readonly PRIVILEGED = new PodSecurityLevel('privileged');

  private constructor(
    /** The level's name as the `pod-security.kubernetes.io/*` labels spell it. */
    public readonly value: 'restricted' | 'baseline' | 'privileged',
  ) {}

  /** The value, as written to the object. */
  public toString(): string {
    return this.value;
  }
}

brand(PodSecurityLevel, 'PodSecurityLevel');
