import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { createObject } from './_k8s-json';
import { checkMainPort } from './_main-port';
import { ContainerSpec } from './container';
import { PodRestartPolicy } from './pod-restart-policy';
import { Probe } from './probe';
import { Workload } from './workload';
import { WorkerProps } from './worker';
import { WorkloadProps } from './workload-props';

/** Props of a `Pod`. */
export interface PodProps extends WorkloadProps, Pick<WorkerProps, 'port' | 'portName' | 'startupProbe'> {
  /**
   * What the kubelet does when the main container exits. With `ON_FAILURE` or `NEVER` the pod runs to completion,
   * and its sidecars must be native (`SidecarMode.native()`, Kubernetes 1.29 or later).
   *
   * @default PodRestartPolicy.ALWAYS (not rendered: the Kubernetes default)
   */
  readonly restartPolicy?: PodRestartPolicy;

  /**
   * The probe that decides whether the pod is ready.
   *
   * @default Probe.tcp() on `port` when the pod restarts always; none otherwise
   */
  readonly readinessProbe?: Probe;

  /**
   * The probe that decides whether the container is restarted.
   *
   * @default Probe.tcp({ initialDelaySeconds: 10 }) on `port` when the pod restarts always; none otherwise
   */
  readonly livenessProbe?: Probe;
}

/**
 * A bare Pod: one pod that no controller replaces when its node fails (a debugging shell, a one-off task a tool
 * watches, a pod an operator expects), with the same pod API and secure pod defaults as every workload. Long-running
 * apps want a `WebService` or `Worker`, run-to-completion tasks a `Job`. A Pod's spec cannot change once created,
 * so the config-hash annotation is off by default; it has no disruption budget.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 * @example
 * new Pod(stack, 'toolbox', {
 *   image: 'ghcr.io/acme/toolbox:1.2.0',
 *   command: ['sleep', 'infinity'],
 *   readinessProbe: Probe.none(),
 *   livenessProbe: Probe.none(),
 *   resources: { requests: { cpu: '10m', memory: '32Mi' } },
 * });
 */
export class Pod extends Workload {
  /** Whether `x` is a `Pod`, also across copies of this package. */
  public static isPod(x: unknown): x is Pod {
    return hasBrand(x, 'Pod');
  }

  /** What the kubelet does when the main container exits. */
  public readonly restartPolicy: PodRestartPolicy;

  constructor(scope: Construct, id: string, props: PodProps) {
    const p = props ?? ({} as PodProps);
    super(scope, id, 'Pod', p, { defaultComponent: 'pod' });
    this._check.knownKeys('', p, 'PodProps');
    const check = this._check;

    let restartPolicy = PodRestartPolicy.ALWAYS;
    if (p.restartPolicy !== undefined && !PodRestartPolicy.isPodRestartPolicy(p.restartPolicy)) {
      check.fail('restartPolicy', p.restartPolicy, 'PodRestartPolicy.ALWAYS, PodRestartPolicy.ON_FAILURE or PodRestartPolicy.NEVER');
    } else if (p.restartPolicy !== undefined) {
      restartPolicy = p.restartPolicy;
    }
    this.restartPolicy = restartPolicy;
    const always = restartPolicy.value === 'Always';

    const ports = checkMainPort(check, p);
    const probes = always && p.port !== undefined;
    this._createPod(p, {
      ports,
      readinessProbe: this._probe('readinessProbe', p.readinessProbe, probes ? Probe.tcp() : undefined),
      livenessProbe: this._probe('livenessProbe', p.livenessProbe, probes ? Probe.tcp({ initialDelaySeconds: 10 }) : undefined),
      startupProbe: this._probe('startupProbe', p.startupProbe, undefined),
      spread: [],
      restartPolicy: always ? undefined : (restartPolicy.value as 'OnFailure' | 'Never'),
      configHash: false,
      runToCompletion: !always,
    });
    check.throwIfInvalid();

    this._setApiObject(createObject(this, 'Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: this.name, labels: { ...this._labels(), ...this._pod.podLabels() }, annotations: this._metadata.annotations },
      spec: () => this._pod.render().spec,
    }));
    this.addTemplateAnnotations();
  }

  /**
   * Adds a container that runs to completion before the main container starts. The workload's secure defaults
   * apply to it.
   *
   * @throws PropError if the spec is invalid or its name is taken
   */
  public override addInitContainer(spec: ContainerSpec): void {
    super.addInitContainer(spec);
    this.addTemplateAnnotations();
  }

  /**
   * Adds a container that runs beside the main container for the pod's whole life. The workload's secure defaults
   * apply to it.
   *
   * @throws PropError if the spec is invalid or its name is taken
   */
  public override addSidecar(spec: ContainerSpec): void {
    super.addSidecar(spec);
    this.addTemplateAnnotations();
  }

  /** A Pod is one pod. @internal */
  protected _podCounts(): { minPods: number; maxPods: number; surgePods: number } {
    return { minPods: 1, maxPods: 1, surgePods: 0 };
  }

  /**
   * Puts the pod template's annotations (`podAnnotations`, and before Kubernetes 1.30 the AppArmor profile of each
   * container) on the Pod, under those of the `metadata` prop.
   */
  private addTemplateAnnotations(): void {
    const own = this._metadata.annotations ?? {};
    for (const [key, value] of Object.entries(this._pod.render().metadata.annotations ?? {})) {
      if (!(key in own)) this.apiObject.metadata.addAnnotation(key, value);
    }
  }
}

brand(Pod, 'Pod');
