import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { ScaleTargetRef } from '../scaling/horizontal-pod-autoscaler';
import { DEPLOYMENT_REVISION_LABEL } from '../scheduling/topology-spread';
import { checkStrategy, createDeployment, surgePods } from './_deployment';
import { ContainerPortSpec } from './_container';
import { DeploymentStrategy } from './deployment-strategy';
import { Probe } from './probe';
import { ReplicatedWorkload } from './replicated-workload';
import { DeploymentWorkloadProps } from './workload-props';

/** Props of a `Worker`. */
export interface WorkerProps extends DeploymentWorkloadProps {
  /**
   * How many pods run (when no autoscaler owns the count).
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

/**
 * A long-running background process that serves no traffic (a queue consumer, a scheduler): a Deployment with no
 * Service, and the same secure pod defaults as a `WebService`. Scale it on a queue's length with
 * `autoscale({ metrics: [Metric.external(...)] })`.
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
export class Worker extends ReplicatedWorkload {
  /** Whether `x` is a `Worker`, also across copies of this package. */
  public static isWorker(x: unknown): x is Worker {
    return hasBrand(x, 'Worker');
  }

  /** The Deployment's update strategy. */
  public readonly strategy: DeploymentStrategy;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    const p = props ?? ({} as WorkerProps);
    super(scope, id, 'Worker', p, { defaultComponent: 'worker', defaultReplicas: 1, spreadMatchLabelKeys: [DEPLOYMENT_REVISION_LABEL] });
    this._check.knownKeys('', p, 'WorkerProps');
    const check = this._check;

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
    this.strategy = checkStrategy(check, p.strategy);
    this._createPod(p, {
      ports,
      readinessProbe: this._probe('readinessProbe', p.readinessProbe, hasPort ? Probe.tcp() : undefined),
      livenessProbe: this._probe('livenessProbe', p.livenessProbe, hasPort ? Probe.tcp({ initialDelaySeconds: 10 }) : undefined),
      startupProbe: this._probe('startupProbe', p.startupProbe, undefined),
      spread: this._spread,
    });
    check.throwIfInvalid();

    this._setApiObject(createDeployment(this, { name: this.name, labels: this._labels(), annotations: this._metadata.annotations }, {
      replicas: () => (this.autoscaler ? undefined : this.replicas),
      selector: this.selectorLabels,
      strategy: this.strategy,
      revisionHistoryLimit: this._revisionHistoryLimit,
      minReadySeconds: this._minReadySeconds,
      pod: this._pod,
    }));
    this._finishReplicated();
  }

  /** The Deployment, as an autoscaler refers to it. */
  public get scaleTargetRef(): ScaleTargetRef {
    return { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name };
  }

  /** @internal */
  public _surgePods(replicas: number): number {
    return surgePods(this.strategy, replicas);
  }
}

brand(Worker, 'Worker');
