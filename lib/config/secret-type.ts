import { brand, hasBrand } from '../core/_brand';

/**
 * The type of a Secret, which fixes the keys the API server requires in it.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#secret-types
 */
export class SecretType {
  /** Whether `x` is a `SecretType`, also across copies of this package. */
  public static isSecretType(x: unknown): x is SecretType {
    return hasBrand(x, 'SecretType');
  }

  /** Arbitrary user-defined data. */
  public static readonly OPAQUE = new SecretType('Opaque', []);
  /** A TLS certificate and key: keys `tls.crt` and `tls.key`. */
  public static readonly TLS = new SecretType('kubernetes.io/tls', [['tls.crt'], ['tls.key']]);
  /** Credentials for basic authentication: key `username`, `password` or both. */
  public static readonly BASIC_AUTH = new SecretType('kubernetes.io/basic-auth', [['username', 'password']]);
  /** SSH credentials: key `ssh-privatekey`. */
  public static readonly SSH_AUTH = new SecretType('kubernetes.io/ssh-auth', [['ssh-privatekey']]);
  /** Registry credentials for image pulls: key `.dockerconfigjson`. */
  public static readonly DOCKER_CONFIG_JSON = new SecretType('kubernetes.io/dockerconfigjson', [['.dockerconfigjson']]);

  /**
   * A type of your own, e.g. `acme.com/api-token`; the API server requires no particular keys.
   *
   * @param type the type's name
   */
  public static custom(type: string): SecretType {
    return new SecretType(type, []);
  }

  private constructor(
    /** The value of the Secret's `type` field. */
    public readonly value: string,
    /**
     * The keys the API server requires: each inner list needs at least one of its keys present.
     *
     * @internal
     */
    public readonly _requiredKeys: string[][],
  ) {}

  /** The value, as written to the object. */
  public toString(): string {
    return this.value;
  }
}

brand(SecretType, 'SecretType');
