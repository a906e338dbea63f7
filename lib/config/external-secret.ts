import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { isPlainRecord, PropChecker } from '../core/_props';
import { createdObjectLabels, findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { ISecret } from './secret';
import { SecretType } from './secret-type';

/**
 * The (Cluster)SecretStore an `ExternalSecret` reads from: a store in the stack's namespace, or a cluster-wide one.
 *
 * @see https://external-secrets.io/latest/api/secretstore/
 */
export class SecretStoreRef {
  /** Whether `x` is a `SecretStoreRef`, also across copies of this package. */
  public static isSecretStoreRef(x: unknown): x is SecretStoreRef {
    return hasBrand(x, 'SecretStoreRef');
  }

  /** A `SecretStore` in the ExternalSecret's namespace. */
  public static store(name: string): SecretStoreRef {
    return new SecretStoreRef(name, 'SecretStore');
  }

  /** A `ClusterSecretStore`, which serves every namespace it allows. */
  public static clusterStore(name: string): SecretStoreRef {
    return new SecretStoreRef(name, 'ClusterSecretStore');
  }

  private constructor(
    /** The store's name. */
    public readonly name: string,
    /** `SecretStore` or `ClusterSecretStore`. */
    public readonly kind: 'SecretStore' | 'ClusterSecretStore',
  ) {}
}

brand(SecretStoreRef, 'SecretStoreRef');

/** Where one value lives in the external secret manager. */
export interface RemoteRef {
  /** The secret's key (path, name) in the external manager, e.g. `prod/shop/database`. */
  readonly key: string;

  /**
   * The property of a structured (JSON) secret, e.g. `url`.
   *
   * @default the whole secret value
   */
  readonly property?: string;

  /**
   * The secret's version in the external manager.
   *
   * @default the latest version
   */
  readonly version?: string;
}

/** Props of an `ExternalSecret`. */
export interface ExternalSecretProps extends ConstructMetadataProps {
  /**
   * The name of the ExternalSecret and of the Secret it creates: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /** The (Cluster)SecretStore to read from. */
  readonly store: SecretStoreRef;

  /**
   * The Secret's keys, each with where its value lives in the external manager.
   *
   * @default none (then `extract` is required)
   */
  readonly data?: Record<string, RemoteRef>;

  /**
   * External secrets whose every property becomes a key of the Secret (`dataFrom.extract`). The keys are then only
   * known at run time, so env vars and mounts reading this Secret are not checked.
   *
   * @default none (then `data` is required)
   */
  readonly extract?: RemoteRef[];

  /**
   * How often the controller reads the values again, as a Go duration (`1h`, `15m`, `30s`); `0` reads them once.
   *
   * @default "1h"
   */
  readonly refreshInterval?: string;

  /**
   * The type of the Secret it creates.
   *
   * @default SecretType.OPAQUE
   */
  readonly type?: SecretType;
}

const EXTERNAL_SECRET = Symbol.for('cdk8s-platform.ExternalSecret');
const GO_DURATION = /^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$/;

/**
 * A Secret the External Secrets Operator creates and keeps up to date from an external secret manager (Vault, AWS
 * Secrets Manager, GCP Secret Manager, ...), through a (Cluster)SecretStore: only where the values live is written
 * to the output, never the values.
 *
 * It can be used wherever a Secret can (`EnvValue.fromSecret()`, `EnvFrom.secret()`, `Mount.secret()`): it names
 * the Secret it creates, and its keys when `data` gives them. The Secret carries the ExternalSecret's labels and its
 * stack's (the environment's among them) and its `metadata.annotations`, through `spec.target.template.metadata`.
 *
 * @see https://external-secrets.io/latest/api/externalsecret/
 * @example
 * const db = new ExternalSecret(stack, 'shop-db', {
 *   store: SecretStoreRef.clusterStore('aws-secrets-manager'),
 *   data: { url: { key: 'prod/shop/database', property: 'url' } },
 * });
 * new WebService(stack, 'api', { ..., env: { DATABASE_URL: EnvValue.fromSecret(db, 'url') } });
 */
export class ExternalSecret extends Construct implements ISecret {
  /** Whether `x` is an `ExternalSecret`, also across copies of this package. */
  public static isExternalSecret(x: unknown): x is ExternalSecret {
    return x !== null && typeof x === 'object' && EXTERNAL_SECRET in x;
  }

  /** The name of the ExternalSecret and of the Secret it creates. */
  public readonly secretName: string;
  /** The Secret's keys, when `data` alone gives them; undefined with `extract`. */
  public readonly keys?: readonly string[];
  /** The ExternalSecret API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    Object.defineProperty(this, EXTERNAL_SECRET, { value: true });
    const p = props ?? ({} as ExternalSecretProps);
    const stack = findStack(this, 'ExternalSecret');
    const check = new PropChecker(this, 'ExternalSecret');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    if (!SecretStoreRef.isSecretStoreRef(p.store)) {
      check.fail('store', p.store, 'SecretStoreRef.store(name) or SecretStoreRef.clusterStore(name)');
    } else {
      check.name('store.name', p.store.name, 'dns1123-subdomain');
    }
    if (p.data !== undefined) {
      if (!isPlainRecord(p.data)) {
        check.fail('data', p.data, 'an object mapping Secret keys to { key, property?, version? }');
      } else {
        for (const [k, ref] of Object.entries(p.data)) {
          check.configKey('data key', k);
          checkRemoteRef(check, `data.${k}`, ref);
        }
      }
    }
    if (p.extract !== undefined) {
      if (!Array.isArray(p.extract)) check.fail('extract', p.extract, 'an array of { key, property?, version? }');
      else p.extract.forEach((ref, i) => checkRemoteRef(check, `extract[${i}]`, ref));
    }
    const dataCount = isPlainRecord(p.data) ? Object.keys(p.data).length : 0;
    const extractCount = Array.isArray(p.extract) ? p.extract.length : 0;
    if (dataCount + extractCount === 0 && !check.hasProblem('data') && !check.hasProblem('extract')) {
      check.fail('data', p.data, 'at least one key in data, or one entry in extract: the Secret needs a value');
    }
    const refreshInterval = p.refreshInterval ?? '1h';
    if (typeof refreshInterval !== 'string' || !GO_DURATION.test(refreshInterval)) {
      check.fail('refreshInterval', refreshInterval, 'a Go duration such as "1h", "15m" or "1h30m", or "0" to read once');
    }
    const type = p.type ?? SecretType.OPAQUE;
    if (!SecretType.isSecretType(type)) check.fail('type', type, 'a SecretType, e.g. SecretType.OPAQUE or SecretType.TLS');
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'ExternalSecretProps');
    check.throwIfInvalid();

    this.secretName = name;
    this.keys = extractCount === 0 ? Object.keys(p.data ?? {}) : undefined;
    const keys = this.keys;
    if (keys) {
      this.node.addValidation({
        validate: () => type._requiredKeys.filter((oneOf) => !oneOf.some((k) => keys.includes(k))).map((oneOf) =>
          `ExternalSecret "${name}" creates a Secret of type ${type.value}, which needs the key ${oneOf.map((k) => `"${k}"`).join(' or ')}; data has ${keys.map((k) => `"${k}"`).join(', ')}`),
      });
    }
    const labels = recommendedLabels(stack, { name, component: 'secret' }, metadata.labels);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: {
        name,
        labels,
        annotations: metadata.annotations,
      },
      spec: {
        refreshInterval,
        secretStoreRef: { name: p.store.name, kind: p.store.kind },
        target: {
          name,
          creationPolicy: 'Owner',
          // With a template, the operator labels and annotates the Secret from the template's metadata only.
          template: {
            metadata: { labels: createdObjectLabels(stack, labels), annotations: metadata.annotations },
            ...(type === SecretType.OPAQUE ? {} : { type: type.value }),
          },
        },
        data: dataCount > 0
          ? Object.entries(p.data!).map(([secretKey, ref]) => ({ secretKey, remoteRef: remoteRef(ref) }))
          : undefined,
        dataFrom: extractCount > 0 ? p.extract!.map((ref) => ({ extract: remoteRef(ref) })) : undefined,
      },
    });
    this.node.defaultChild = this.apiObject;
  }
}

function checkRemoteRef(check: PropChecker, prop: string, ref: unknown): void {
  if (!isPlainRecord(ref)) {
    check.fail(prop, ref, 'a remote reference { key, property?, version? }');
    return;
  }
  check.string(`${prop}.key`, ref.key, 'the non-empty key of the secret in the external manager');
  if (ref.property !== undefined) check.string(`${prop}.property`, ref.property, 'a non-empty property name');
  if (ref.version !== undefined) check.string(`${prop}.version`, ref.version, 'a non-empty version');
}

function remoteRef(ref: RemoteRef): Record<string, string> {
  return { key: ref.key, ...(ref.property !== undefined ? { property: ref.property } : {}), ...(ref.version !== undefined ? { version: ref.version } : {}) };
}
