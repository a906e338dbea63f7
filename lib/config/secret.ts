import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { importByName } from '../core/_external';
import { createL1Object } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, PlatformAnnotations, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { SecretType } from './secret-type';

/** A Secret, defined in the stack, produced by a controller (`ExternalSecret`, `SealedSecret`) or imported by name. */
export interface ISecret extends IConstruct {
  /** The Secret's name. */
  readonly secretName: string;

  /**
   * The keys the Secret will have, when they are known at synthesis (a `Secret` or `SealedSecret` of the stack, an
   * `ExternalSecret` with `data` only): env vars and mounts that read another key are then an error.
   *
   * @default unknown (an imported Secret): any key may be read
   */
  readonly keys?: readonly string[];
}

/** Props of a `Secret`. */
export interface SecretProps extends ConstructMetadataProps {
  /**
   * The Secret's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The secret values, as text. They are written base64-encoded (not encrypted) into the synthesized YAML, so
   * they are refused unless `allowPlaintext` is true. To keep values out of Git, reference an existing Secret with
   * `Secret.fromSecretName()` instead.
   *
   * @default no values (add them with `addValue()`)
   */
  readonly values?: Record<string, string>;

  /**
   * Allows the secret's values to be written to the synthesized output, readable by anyone who can read it. Meant
   * for local development and test clusters, never for output that goes to Git. The Secret is then annotated
   * `cdk8s-platform.io/allow-plaintext: "true"`: synthesis refuses any Secret with data that lacks it.
   *
   * @default false: a Secret with values is an error
   */
  readonly allowPlaintext?: boolean;

  /**
   * The Secret's type, which fixes the keys it must have.
   *
   * @default SecretType.OPAQUE
   */
  readonly type?: SecretType;

  /**
   * Whether the Secret is immutable.
   *
   * @default false
   */
  readonly immutable?: boolean;
}

const SECRET = Symbol.for('cdk8s-platform.Secret');

/**
 * Sensitive configuration that workloads read as environment variables (`EnvValue.fromSecret()`,
 * `EnvFrom.secret()`) or as files (`Mount.secret()`).
 *
 * Most stacks reference a Secret that is created outside Git (`Secret.fromSecretName()`); defining one with values
 * in the stack writes those values, base64-encoded, into the output, and requires `allowPlaintext: true`.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/
 * @example
 * const db = Secret.fromSecretName(stack, 'db', 'db-secret');
 * new WebService(stack, 'api', { ..., env: { DATABASE_URL: EnvValue.fromSecret(db, 'url') } });
 */
export class Secret extends Construct implements ISecret {
  /** Whether `x` is a `Secret` defined in a stack, also across copies of this package. */
  public static isSecret(x: unknown): x is Secret {
    return x !== null && typeof x === 'object' && SECRET in x;
  }

  /**
   * References a Secret that exists outside the synthesized output, by name (created by hand, by a controller, or
   * by another tool). The reference is declared, so checks do not report it as missing.
   *
   * @param scope the scope of the reference
   * @param id the reference's construct id
   * @param secretName the existing Secret's name
   */
  public static fromSecretName(scope: Construct, id: string, secretName: string): ISecret {
    return importByName(scope, id, 'Secret.fromSecretName()', 'Secret', 'secretName', secretName);
  }

  /** The Secret's name. */
  public readonly secretName: string;
  /** The Secret's type. */
  public readonly type: SecretType;
  /** The Secret API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of(secret)`). */
  public readonly apiObject: ApiObject;
  private readonly _values: Record<string, string> = {};
  private readonly allowPlaintext: boolean;

  constructor(scope: Construct, id: string, props: SecretProps = {}) {
    super(scope, id);
    Object.defineProperty(this, SECRET, { value: true });
    const stack = findStack(this, 'Secret');
    const check = new PropChecker(this, 'Secret');
    const name = props.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    const type = props.type ?? SecretType.OPAQUE;
    if (!SecretType.isSecretType(type)) {
      check.fail('type', type, 'a SecretType, e.g. SecretType.OPAQUE, SecretType.TLS or SecretType.custom("acme.com/token")');
    }
    this.allowPlaintext = props.allowPlaintext ?? false;
    if (props.allowPlaintext !== undefined) check.boolean('allowPlaintext', props.allowPlaintext);
    if (props.immutable !== undefined) check.boolean('immutable', props.immutable);
    const metadata = checkMetadata(check, props);
    if (props.values !== undefined) {
      if (!isPlainRecord(props.values)) {
        check.fail('values', '(hidden)', 'an object mapping keys to string values');
      } else {
        this.checkValues(check, 'values', props.values);
      }
    }
    check.knownKeys('', props, 'SecretProps');
    check.throwIfInvalid();

    this.secretName = name;
    this.type = type;
    Object.assign(this._values, props.values);
    this.apiObject = createL1Object(this, 'Resource', 'KubeSecret', {
      metadata: {
        name,
        labels: recommendedLabels(stack, { name, component: 'secret' }, metadata.labels),
        annotations: this.allowPlaintext
          ? { ...metadata.annotations, [PlatformAnnotations.ALLOW_PLAINTEXT]: 'true' }
          : metadata.annotations,
      },
      type: type.value,
      immutable: props.immutable,
      data: Lazy.any({ produce: () => this.renderData() }) as unknown as Record<string, string>,
    });
    this.node.defaultChild = this.apiObject;
    this.node.addValidation({ validate: () => this.validateKeys() });
  }

  /** The keys so far (values are never exposed). */
  public get keys(): string[] {
    return Object.keys(this._values);
  }

  /**
   * Adds one value.
   *
   * @throws PropError if plaintext is not allowed, the key is invalid or already present, or the data would exceed
   * 1 MiB
   */
  public addValue(key: string, value: string): void {
    const check = new PropChecker(this, 'Secret');
    this.checkValues(check, `addValue("${key}")`, { [key]: value });
    check.throwIfInvalid();
    this._values[key] = value;
  }

  private checkValues(check: PropChecker, prop: string, values: Record<string, unknown>): void {
    if (!this.allowPlaintext && Object.keys(values).length > 0) {
      check.fail(prop, '(hidden)',
        'no values unless allowPlaintext is true: values are written base64-encoded, not encrypted, into the output. ' +
        'Reference an existing Secret with Secret.fromSecretName() to keep them out of Git');
    }
    check.dataEntries(prop, values, this._values, 'Secret');
  }

  private validateKeys(): string[] {
    const missing = this.type._requiredKeys.filter((oneOf) => !oneOf.some((k) => k in this._values));
    return missing.map((oneOf) =>
      `Secret "${this.secretName}" of type ${this.type.value} needs the key ${oneOf.map((k) => `"${k}"`).join(' or ')}; it has ${this.keys.length ? this.keys.map((k) => `"${k}"`).join(', ') : 'no keys'}`);
  }

  private renderData(): Record<string, string> | undefined {
    const keys = Object.keys(this._values);
    if (keys.length === 0) return undefined;
    const data: Record<string, string> = {};
    for (const k of keys) data[k] = Buffer.from(this._values[k], 'utf8').toString('base64');
    return data;
  }
}
