import { Construct } from 'constructs';
import { PropChecker } from '../core/_props';
import { findStack, StackLabelSource } from '../core/labels';
import { PodTemplate } from './_pod-template';
import { EnvFrom, EnvValue } from './env';
import { Mount } from './mount';
import { Probe } from './probe';

/**
 * What every workload construct (`WebService`, `Worker`) offers: its name, the labels its pods are selected by, and
 * methods that add environment variables and mounts after construction.
 */
export abstract class Workload extends Construct {
  /** The workload's name. */
  public readonly name: string;
  /** The labels the workload selects its pods by. */
  public abstract readonly selectorLabels: Readonly<Record<string, string>>;

  /** @internal */
  protected readonly _stack: StackLabelSource;
  /** @internal */
  protected abstract readonly _pod: PodTemplate;
  private readonly constructType: string;

  protected constructor(scope: Construct, id: string, constructType: string, name: string | undefined) {
    super(scope, id);
    this.constructType = constructType;
    this._stack = findStack(this, constructType);
    this.name = name ?? id;
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
   * Checks a probe prop: `undefined` takes `def`, `Probe.none()` switches the probe off.
   *
   * @internal
   */
  protected _probe(check: PropChecker, prop: string, probe: unknown, def: Probe | undefined): Probe | undefined {
    if (probe === undefined) return def;
    if (!(probe instanceof Probe)) {
      check.fail(prop, probe, 'Probe.http(), Probe.tcp(), Probe.grpc(), Probe.exec() or Probe.none()');
      return undefined;
    }
    return probe.isNone ? undefined : probe;
  }
}
