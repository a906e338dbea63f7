import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { importByName } from '../core/_external';
import { createL1Object } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';

/** A ConfigMap, defined in the stack or imported by name. */
export interface IConfig extends IConstruct {
  /** The ConfigMap's name. */
  readonly configMapName: string;
}

/** Props of a `Config`. */
export interface ConfigProps extends ConstructMetadataProps {
  /**
   * The ConfigMap's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The configuration entries: file names or variable names mapped to UTF-8 text.
   *
   * @default no entries (add them with `addData()`)
   */
  readonly data?: Record<string, string>;

  /**
   * Whether the ConfigMap is immutable: the API server refuses changes to its data, and kubelets stop watching it.
   *
   * @default false
   * @see https://kubernetes.io/docs/concepts/configuration/configmap/#configmap-immutable
   */
  readonly immutable?: boolean;

  /**
   * The `app.kubernetes.io/component` label.
   *
   * @default "config"
   */
  readonly component?: string;
}

const CONFIG = Symbol.for('cdk8s-platform.Config');

/**
 * Non-secret configuration: a ConfigMap that workloads read as environment variables (`EnvValue.fromConfig()`,
 * `EnvFrom.config()`) or as files (`Mount.config()`).
 *
 * Keys are checked against the API server's rules, and the data against its 1 MiB limit, as they are added.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/configmap/
 * @example
 * const config = new Config(stack, 'shop-config', { data: { LOG_LEVEL: 'info' } });
 * config.addData('app.properties', 'feature.search=true\n');
 */
export class Config extends Construct implements IConfig {
  /** Whether `x` is a `Config` defined in a stack, also across copies of this package. */
  public static isConfig(x: unknown): x is Config {
    return x !== null && typeof x === 'object' && CONFIG in x;
  }

  /**
   * References a ConfigMap that exists outside the synthesized output, by name.
   *
   * @param scope the scope of the reference
   * @param id the reference's construct id
   * @param configMapName the existing ConfigMap's name
   */
  public static fromConfigMapName(scope: Construct, id: string, configMapName: string): IConfig {
    return importByName(scope, id, 'Config.fromConfigMapName()', 'ConfigMap', 'configMapName', configMapName);
  }

  /** The ConfigMap's name. */
  public readonly configMapName: string;
  /** The ConfigMap API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of(config)`). */
  public readonly apiObject: ApiObject;
  private readonly _data: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: ConfigProps = {}) {
    super(scope, id);
    Object.defineProperty(this, CONFIG, { value: true });
    const stack = findStack(this, 'Config');
    const check = new PropChecker(this, 'Config');
    const name = props.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    const component = props.component ?? 'config';
    check.labelValue('component', component);
    if (props.immutable !== undefined) check.boolean('immutable', props.immutable);
    const metadata = checkMetadata(check, props);
    if (props.data !== undefined) {
      if (!isPlainRecord(props.data)) {
        check.fail('data', props.data, 'an object mapping keys to string values');
      } else {
        check.dataEntries('data', props.data, {}, 'ConfigMap');
      }
    }
    check.knownKeys('', props, 'ConfigProps');
    check.throwIfInvalid();

    this.configMapName = name;
    Object.assign(this._data, props.data);
    this.apiObject = createL1Object(this, 'Resource', 'KubeConfigMap', {
      metadata: {
        name,
        labels: recommendedLabels(stack, { name, component }, metadata.labels),
        annotations: metadata.annotations,
      },
      immutable: props.immutable,
      data: Lazy.any({ produce: () => (Object.keys(this._data).length > 0 ? { ...this._data } : undefined) }) as unknown as Record<string, string>,
    });
    this.node.defaultChild = this.apiObject;
  }

  /** The entries so far. */
  public get data(): Readonly<Record<string, string>> {
    return { ...this._data };
  }

  /**
   * Adds one entry.
   *
   * @throws PropError if the key is invalid, already present, or the data would exceed 1 MiB
   */
  public addData(key: string, value: string): void {
    const check = new PropChecker(this, 'Config');
    check.dataEntries(`addData("${key}")`, { [key]: value }, this._data, 'ConfigMap');
    check.throwIfInvalid();
    this._data[key] = value;
  }
}
