import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropChecker } from '../core/_props';
import { recommendedLabels } from '../core/labels';
import { createDeployment, resolveDeploymentProps } from './_deployment';
import { ContainerPortSpec, PodTemplate } from './_pod-template';
import { Probe } from './probe';
import { Workload } from './workload';
import { DeploymentWorkloadProps } from './workload-props';

/** Props of a `Worker`. */
export interface WorkerProps extends DeploymentWorkloadProps {
  /**
   * How many pods run.
   *
   * @default 1: safe for workers that must not run twice; raise it for workers that share a queue
   */
  readonly replicas?: number;

  /**
   * A port the container listens on for health checks or metrics (not exposed by any Service).
   *
   * @default none
   */
  readonly port?: number;

  /**
   * The port's name: an IANA service name.
   *
   * @default "http"
   */
  readonly portName?: string;

  /**
   * The probe that decides whether a pod counts as available during a rollout.
   *
   * @default Probe.tcp() on `port`; required (or `Probe.none()`) when there is no port
   */
  readonly readinessProbe?: Probe;

  /**
   * The probe that decides whether a container is restarted.
   *
   * @default Probe.tcp({ initialDelaySeconds: 10 }) on `port`; required (or `Probe.none()`) when there is no port
   */
  readonly livenessProbe?: Probe;
}

const WORKER = Symbol.for('cdk8s-platform.Worker');

/**
 * A long-running background process that serves no traffic (a queue consumer, a scheduler): a Deployment with no
 * Service, and the same secure pod defaults as a `WebService`.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
 * @example
 * new Worker(stack, 'shop-worker', {
 *   image: 'ghcr.io/acme/shop-worker:1.8.0',
 *   replicas: 2,
 *   port: 9102,
 *   readinessProbe: Probe.http('/healthz'),
 *   resources: { requests: { cpu: '200m', memory: '256Mi' } },
 * });
 */
export class Worker extends Workload {
  /** Whether `x` is a `Worker`, also across copies of this package. */
  public static isWorker(x: unknown): x is Worker {
    return x !== null && typeof x === 'object' && WORKER in x;
  }

  /** The labels the Deployment selects pods by. */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** The Deployment (the escape hatch). */
  public readonly deployment: ApiObject;

  /** @internal */
  protected readonly _pod: PodTemplate;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    const p = props ?? ({} as WorkerProps);
    super(scope, id, 'Worker', p.name);
    Object.defineProperty(this, WORKER, { value: true });
    const check = new PropChecker(this, 'Worker');
    check.name('name', this.name, 'dns1123-label');
    const component = p.component ?? 'worker';
    check.labelValue('component', component);
    const replicas = p.replicas ?? 1;
    check.integer('replicas', replicas, 0);

    const ports: ContainerPortSpec[] = [];
    if (p.port !== undefined) {
      const portName = p.portName ?? 'http';
      check.port('port', p.port);
      check.portName('portName', portName);
      ports.push({ name: portName, containerPort: p.port, protocol: 'TCP' });
    } else if (p.portName !== undefined) {
      check.fail('portName', p.portName, 'no portName without a port');
    }
    const hasPort = p.port !== undefined;
    for (const prop of ['readinessProbe', 'livenessProbe'] as const) {
      if (!hasPort && p[prop] === undefined) {
        check.fail(prop, undefined, 'a probe such as Probe.exec(["/bin/healthcheck"]), or Probe.none(): a Worker without a port has no default probe');
      }
    }

    const { strategy, selectorLabels } = resolveDeploymentProps(check, this._stack, this.name, p);
    this.selectorLabels = selectorLabels;

    this._pod = new PodTemplate(check, p, {
      stack: this._stack,
      name: this.name,
      component,
      selector: { ...this.selectorLabels },
      ports,
      readinessProbe: this._probe(check, 'readinessProbe', p.readinessProbe, hasPort ? Probe.tcp() : undefined),
      livenessProbe: this._probe(check, 'livenessProbe', p.livenessProbe, hasPort ? Probe.tcp({ initialDelaySeconds: 10 }) : undefined),
    });
    check.throwIfInvalid();

    const labels = { ...recommendedLabels(this._stack, { name: this.name, component, version: this._pod.version }), ...p.labels };
    this.deployment = createDeployment(this, this.name, labels, { replicas, selector: selectorLabels, strategy, pod: this._pod });
  }
}
