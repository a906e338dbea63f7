import { IConstruct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { Config, IConfig } from '../config/config';
import { ISecret } from '../config/secret';
import { k8s } from '../core/_k8s';
import { PropChecker } from '../core/_props';

/** Options of a value read from a ConfigMap or Secret key. */
export interface KeyRefOptions {
  /**
   * Whether the container may start when the ConfigMap/Secret or the key does not exist (the variable is then
   * unset).
   *
   * @default false: the container does not start until it exists
   */
  readonly optional?: boolean;
}

const POD_FIELDS = new Set([
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.podIP', 'status.podIPs',
]);
const POD_FIELD_MAP_RE = /^metadata\.(labels|annotations)\['[^']+'\]$/;

type Source =
  | { kind: 'value'; value: string }
  | { kind: 'config'; config: IConfig; key: string; optional?: boolean; options?: KeyRefOptions }
  | { kind: 'secret'; secret: ISecret; key: string; optional?: boolean; options?: KeyRefOptions }
  | { kind: 'field'; fieldPath: string };

/**
 * The value of one environment variable: literal text, a ConfigMap key, a Secret key or a field of the pod.
 *
 * @see https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
 * @example
 * env: {
 *   LOG_LEVEL: 'info',
 *   DATABASE_URL: EnvValue.fromSecret(dbSecret, 'url'),
 *   FEATURES: EnvValue.fromConfig(config, 'features'),
 *   POD_NAME: EnvValue.fromPodField('metadata.name'),
 * }
 */
export class EnvValue {
  /** Literal text. */
  public static fromValue(value: string): EnvValue {
    return new EnvValue({ kind: 'value', value });
  }

  /** The value of `key` in a ConfigMap. */
  public static fromConfig(config: IConfig, key: string, options: KeyRefOptions = {}): EnvValue {
    return new EnvValue({ kind: 'config', config, key, optional: options?.optional, options });
  }

  /** The value of `key` in a Secret. */
  public static fromSecret(secret: ISecret, key: string, options: KeyRefOptions = {}): EnvValue {
    return new EnvValue({ kind: 'secret', secret, key, optional: options?.optional, options });
  }

  /**
   * A field of the pod (the downward API): `metadata.name`, `metadata.namespace`, `metadata.uid`,
   * `metadata.labels['<key>']`, `metadata.annotations['<key>']`, `spec.nodeName`, `spec.serviceAccountName`,
   * `status.hostIP`, `status.podIP` or `status.podIPs`.
   *
   * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
   */
  public static fromPodField(fieldPath: string): EnvValue {
    return new EnvValue({ kind: 'field', fieldPath });
  }

  /** Whether `x` is an `EnvValue`, also across copies of this package. */
  public static isEnvValue(x: unknown): x is EnvValue {
    return hasBrand(x, 'EnvValue');
  }

  private constructor(private readonly source: Source) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    const s = this.source;
    switch (s.kind) {
      case 'value':
        if (typeof s.value !== 'string') check.fail(prop, s.value, 'a string (numbers and booleans must be quoted)');
        break;
      case 'config':
        if (!s.config || typeof s.config.configMapName !== 'string') check.fail(prop, s.config, 'a Config or Config.fromConfigMapName()');
        check.configKey(`${prop} key`, s.key);
        check.knownKeys(prop, s.options, 'KeyRefOptions');
        if (s.optional !== undefined) check.boolean(`${prop}.optional`, s.optional);
        break;
      case 'secret':
        if (!s.secret || typeof s.secret.secretName !== 'string') check.fail(prop, s.secret, 'a Secret or Secret.fromSecretName()');
        check.configKey(`${prop} key`, s.key);
        check.knownKeys(prop, s.options, 'KeyRefOptions');
        if (s.optional !== undefined) check.boolean(`${prop}.optional`, s.optional);
        break;
      case 'field':
        if (typeof s.fieldPath !== 'string' || !(POD_FIELDS.has(s.fieldPath) || POD_FIELD_MAP_RE.test(s.fieldPath))) {
          check.fail(prop, s.fieldPath, `one of ${[...POD_FIELDS].join(', ')}, metadata.labels['<key>'] or metadata.annotations['<key>']`);
        }
        break;
    }
  }

  /**
   * Problems visible only once the stack is complete: a key read from a Config or Secret defined in the stack
   * that it does not have.
   *
   * @internal
   */
  public _validate(variable: string): string[] {
    const s = this.source;
    if (s.kind === 'config' && !s.optional && Config.isConfig(s.config) && !(s.key in s.config.data)) {
      return [`environment variable ${variable} reads key "${s.key}" of ConfigMap "${s.config.configMapName}", which has no such key (it has: ${Object.keys(s.config.data).join(', ') || 'no keys'})`];
    }
    const secretKeys = s.kind === 'secret' ? s.secret.keys : undefined;
    if (s.kind === 'secret' && !s.optional && secretKeys && !secretKeys.includes(s.key)) {
      return [`environment variable ${variable} reads key "${s.key}" of Secret "${s.secret.secretName}", which has no such key (it has: ${secretKeys.join(', ') || 'no keys'})`];
    }
    return [];
  }

  /** The ConfigMap or Secret this value reads, if any (for the config-hash annotation). @internal */
  public _references(): IConstruct[] {
    const s = this.source;
    if (s.kind === 'config') return [s.config];
    if (s.kind === 'secret') return [s.secret];
    return [];
  }

  /** @internal */
  public _render(name: string): k8s.EnvVar {
    const s = this.source;
    switch (s.kind) {
      case 'value':
        return { name, value: s.value };
      case 'config':
        return { name, valueFrom: { configMapKeyRef: { name: s.config.configMapName, key: s.key, optional: s.optional } } };
      case 'secret':
        return { name, valueFrom: { secretKeyRef: { name: s.secret.secretName, key: s.key, optional: s.optional } } };
      case 'field':
        return { name, valueFrom: { fieldRef: { fieldPath: s.fieldPath } } };
    }
  }
}

brand(EnvValue, 'EnvValue');

/** Options of `EnvFrom`. */
export interface EnvFromOptions {
  /**
   * A prefix added to every variable name, e.g. `"DB_"`.
   *
   * @default none
   */
  readonly prefix?: string;

  /**
   * Whether the container may start when the ConfigMap/Secret does not exist.
   *
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * Every key of a ConfigMap or Secret as an environment variable. Keys that are not valid variable names are
 * skipped by the kubelet.
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#configure-all-key-value-pairs-in-a-configmap-as-container-environment-variables
 */
export class EnvFrom {
  /** Every key of a ConfigMap. */
  public static config(config: IConfig, options: EnvFromOptions = {}): EnvFrom {
    return new EnvFrom({ config }, options);
  }

  /** Every key of a Secret. */
  public static secret(secret: ISecret, options: EnvFromOptions = {}): EnvFrom {
    return new EnvFrom({ secret }, options);
  }

  /** Whether `x` is an `EnvFrom`, also across copies of this package. */
  public static isEnvFrom(x: unknown): x is EnvFrom {
    return hasBrand(x, 'EnvFrom');
  }

  private constructor(
    private readonly source: { config?: IConfig; secret?: ISecret },
    private readonly options: EnvFromOptions,
  ) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    const { config, secret } = this.source;
    if (config !== undefined && typeof config?.configMapName !== 'string') check.fail(prop, config, 'a Config or Config.fromConfigMapName()');
    if (secret !== undefined && typeof secret?.secretName !== 'string') check.fail(prop, secret, 'a Secret or Secret.fromSecretName()');
    const o = this.options ?? {};
    check.knownKeys(prop, o, 'EnvFromOptions');
    if (o.prefix !== undefined && (typeof o.prefix !== 'string' || (o.prefix.length > 0 && !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(o.prefix)))) {
      check.fail(`${prop}.prefix`, o.prefix, "a prefix of letters, digits, '_', '-' or '.', not starting with a digit (e.g. 'DB_')");
    }
    if (o.optional !== undefined) check.boolean(`${prop}.optional`, o.optional);
  }

  /** The ConfigMap or Secret this source reads (for the config-hash annotation). @internal */
  public _references(): IConstruct[] {
    const { config, secret } = this.source;
    return [...(config ? [config] : []), ...(secret ? [secret] : [])];
  }

  /** @internal */
  public _render(): k8s.EnvFromSource {
    const { config, secret } = this.source;
    return {
      prefix: this.options.prefix || undefined,
      configMapRef: config ? { name: config.configMapName, optional: this.options.optional } : undefined,
      secretRef: secret ? { name: secret.secretName, optional: this.options.optional } : undefined,
    };
  }
}

brand(EnvFrom, 'EnvFrom');
