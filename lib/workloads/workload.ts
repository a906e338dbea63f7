import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropChecker } from '../core/_props';
import { defaultSelector, findStack, recommendedLabels, StackLabelSource } from '../core/labels';
import { IPodSelector } from '../scheduling/pod-affinity';
import { PodRequests, PodTemplate, PodTemplateConfig } from './_pod-template';
import { ContainerSpec } from './container';
import { EnvFrom, EnvValue } from './env';
import { Mount } from './mount';
import { Probe } from './probe';
import { WorkloadDefaults, workloadDefaultsOf } from './workload-defaults';
import { WorkloadProps } from './workload-props';

const WORKLOAD = Symbol.for('cdk8s-platform.Workload');

/**
 * What every workload construct (`WebService`, `Worker`, `StatefulService`, `Job`, `CronTask`) offers: its name,
 * the labels its pods are selected by, and methods that add environment variables, mounts, init containers and
 * sidecars after construction. It owns the pod template.
 */
export abstract class Workload extends Construct implements IPodSelector {
  /** Whether `x` is a workload, also across copies of this package. */
  public static isWorkload(x: unknown): x is Workload {
    return x !== null && typeof x === 'object' && WORKLOAD in x;
  }

  /** The workload's name. */
  public readonly name: string;
  /** The workload's `app.kubernetes.io/component` label. */
  public readonly component: string;
  /** The namespace the workload runs in. */
  public readonly namespace: string;
  /** The labels the workload selects its pods by. */
  public readonly selectorLabels: Readonly<Record<string, string>>;

  /** @internal */
  protected readonly _stack: StackLabelSource;
  /** @internal */
  protected readonly _check: PropChecker;
  /** @internal */
  protected readonly _defaults: WorkloadDefaults;
  /** @internal */
  protected _pod!: PodTemplate;
  private readonly constructType: string;
  private readonly props: WorkloadProps;

  protected constructor(scope: Construct, id: string, constructType: string, props: WorkloadProps,
    options: { defaultComponent: string; selectorLabels?: Record<string, string> }) {
    super(scope, id);
    Object.defineProperty(this, WORKLOAD, { value: true });
    this.constructType = constructType;
    this.props = props;
    this._stack = findStack(this, constructType);
    this.namespace = Chart.of(this).namespace ?? 'default';
    this._defaults = workloadDefaultsOf(this);
    const check = new PropChecker(this, constructType);
    this._check = check;
    this.name = props.name ?? id;
    check.name('name', this.name, 'dns1123-label');
    this.component = props.component ?? options.defaultComponent;
    check.labelValue('component', this.component);
    const sel = options.selectorLabels;
    if (sel !== undefined && check.labels('selectorLabels', sel) && Object.keys(sel).length === 0) {
      check.fail('selectorLabels', sel, 'at least one label (an empty selector would match every pod in the namespace)');
    }
    this.selectorLabels = sel ?? defaultSelector(this._stack, this.name);
    if (props.rolloutOnConfigChange !== undefined) check.boolean('rolloutOnConfigChange', props.rolloutOnConfigChange);
  }

  /** The pod's CPU and memory requests, in nano-units (for quota checks and capacity summaries). @internal */
  public get _podRequests(): PodRequests {
    return this._pod.podRequests();
  }

  /**
   * Adds an environment variable to the main container.
   *
   * @throws PropError if the name is invalid or already set
   */
  public addEnv(name: string, value: string | EnvValue): void {
    const check = new PropChecker(this, this.constructType);
    this._pod.addEnv(check, name, value);
    check.throwIfInvalid();
  }

  /** Adds every key of a ConfigMap or Secret as environment variables of the main container. */
  public addEnvFrom(source: EnvFrom): void {
    const check = new PropChecker(this, this.constructType);
    this._pod.addEnvFrom(check, source);
    check.throwIfInvalid();
  }

  /**
   * Mounts a volume into the main container.
   *
   * @throws PropError if the path is invalid or already mounted
   */
  public addMount(mount: Mount): void {
    const check = new PropChecker(this, this.constructType);
    this._pod.addMount(check, mount);
    check.throwIfInvalid();
  }

  /**
   * Adds a container that runs to completion before the main container starts; init containers run in the order
   * they are added. The workload's secure defaults apply to it.
   *
   * @throws PropError if the spec is invalid or its name is taken
   */
  public addInitContainer(spec: ContainerSpec): void {
    const check = new PropChecker(this, this.constructType);
    this._pod.addInitContainer(check, `addInitContainer("${spec?.name}")`, spec);
    check.throwIfInvalid();
  }

  /**
   * Adds a container that runs beside the main container for the pod's whole life (a proxy, a log shipper).
   * The workload's secure defaults apply to it.
   *
   * @throws PropError if the spec is invalid or its name is taken
   */
  public addSidecar(spec: ContainerSpec): void {
    const check = new PropChecker(this, this.constructType);
    this._pod.addSidecar(check, `addSidecar("${spec?.name}")`, spec);
    check.throwIfInvalid();
  }

  /**
   * Creates the pod template and registers its synth-time validation.
   *
   * @internal
   */
  protected _createPod(props: WorkloadProps, config: Omit<PodTemplateConfig, 'stack' | 'name' | 'component' | 'selector' | 'defaults' | 'configHash'> & { configHash?: boolean }): void {
    this._pod = new PodTemplate(this._check, props, {
      ...config,
      configHash: props.rolloutOnConfigChange ?? config.configHash ?? true,
      stack: this._stack,
      name: this.name,
      component: this.component,
      selector: { ...this.selectorLabels },
      defaults: this._defaults,
    });
    this.node.addValidation({ validate: () => this._pod.validate() });
  }

  /** The labels of the workload's objects. @internal */
  protected _labels(): Record<string, string> {
    return { ...recommendedLabels(this._stack, { name: this.name, component: this.component, version: this._pod.version }), ...this.props.labels };
  }

  /**
   * Checks a probe prop: `undefined` takes `def`, `Probe.none()` switches the probe off.
   *
   * @internal
   */
  protected _probe(prop: string, probe: unknown, def: Probe | undefined): Probe | undefined {
    if (probe === undefined) return def;
    if (!(probe instanceof Probe)) {
      this._check.fail(prop, probe, 'Probe.http(), Probe.tcp(), Probe.grpc(), Probe.exec() or Probe.none()');
      return undefined;
    }
    return probe.isNone ? undefined : probe;
  }
}
