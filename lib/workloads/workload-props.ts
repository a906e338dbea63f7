import { ConstructMetadataProps } from '../core/metadata';
import { IServiceAccount } from '../core/service-account-ref';
import { AutoscalingOptions } from '../scaling/horizontal-pod-autoscaler';
import { NodeAffinity } from '../scheduling/node-affinity';
import { PodAffinity } from '../scheduling/pod-affinity';
import { DisruptionBudgetOptions } from '../scheduling/pod-disruption-budget';
import { IPriorityClass } from '../scheduling/priority-class';
import { Toleration } from '../scheduling/toleration';
import { TopologySpread } from '../scheduling/topology-spread';
import { ContainerOptions, ContainerSpec } from './container';
import { DeploymentStrategy } from './deployment-strategy';
import { LifecycleHook } from './lifecycle-hook';
import { Probe } from './probe';
import { SidecarMode } from './sidecar-mode';

/**
 * What every workload (a `WebService` and the workloads that follow it) says about its pods and their main
 * container. Its `metadata` (labels and annotations) lands on every object of the workload: the workload object,
 * its Service, NetworkPolicy, PodDisruptionBudget and HorizontalPodAutoscaler, not on its pods (`podLabels`,
 * `podAnnotations`); a label the workload's selector uses keeps the selector's value.
 */
export interface WorkloadProps extends ContainerOptions, ConstructMetadataProps {

  /**
   * The workload's name: a DNS-1123 label. It names the workload object, its `app.kubernetes.io/name` label and,
   * by default, its container and Service.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The `app.kubernetes.io/component` label, e.g. `"frontend"`, `"api"`.
   *
   * @default "server" for a WebService, "worker" for a Worker, "database" for a StatefulService, "job" for a Job,
   * "cron" for a CronTask
   */
  readonly component?: string;

  /**
   * The `app.kubernetes.io/version` label of the workload and its pods.
   *
   * @default the image tag, or the stack's version when the image has no tag (or the tag is not a valid label value)
   */
  readonly version?: string;

  /**
   * The container's name: a DNS-1123 label.
   *
   * @default the workload's name
   */
  readonly containerName?: string;

  /**
   * The ServiceAccount the pods run as: a `ServiceAccount` of the stack (with its RBAC bindings and cloud identity;
   * an AKS workload identity also labels the pods `azure.workload.identity/use: "true"`), or one imported with
   * `ServiceAccount.fromServiceAccountName()`. It must be of the workload's namespace. A workload gets no account of
   * its own by default: its pods have no API token and no permissions, so an account of their own only matters
   * once something is granted to it.
   *
   * @default the namespace's `default` ServiceAccount
   */
  readonly serviceAccount?: IServiceAccount;

  /**
   * Whether a Kubernetes API token is mounted into the pods. Only workloads that call the Kubernetes API need it.
   *
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;

  /**
   * Extra labels on the pods.
   *
   * @default none
   */
  readonly podLabels?: Record<string, string>;

  /**
   * Annotations on the pods.
   *
   * @default none
   */
  readonly podAnnotations?: Record<string, string>;

  /**
   * Containers that run to completion, in order, before the main container starts (migrations, wait-fors).
   * More can be added with `addInitContainer()`.
   *
   * @default none
   */
  readonly initContainers?: ContainerSpec[];

  /**
   * Containers that run beside the main container (proxies, log shippers). More can be added with `addSidecar()`.
   * How they run is the `sidecarMode`: by default, on Kubernetes 1.29 and later, native sidecars (init containers
   * with `restartPolicy: Always`, started before the other init containers).
   *
   * @default none
   */
  readonly sidecars?: ContainerSpec[];

  /**
   * How the sidecars run: `SidecarMode.native()` (init containers with `restartPolicy: Always`, started before the
   * other init containers; Kubernetes 1.29 or later) or `SidecarMode.classic()` (regular containers beside the main
   * container; refused in a `Job` or `CronTask`, which would never complete).
   *
   * @default the app's or stack's `WorkloadDefaults`, else native on Kubernetes 1.29 and later, classic before
   */
  readonly sidecarMode?: SidecarMode;

  /**
   * A hook run in the main container before it is sent SIGTERM, e.g. `LifecycleHook.sleep(5)` so that load
   * balancers stop sending traffic to a terminating pod first.
   *
   * @default none
   */
  readonly preStop?: LifecycleHook;

  /**
   * Seconds a pod has to shut down after SIGTERM (and after `preStop`) before it is killed.
   *
   * @default the app's or stack's `WorkloadDefaults`, else the Kubernetes default (30)
   */
  readonly terminationGracePeriodSeconds?: number;

  /**
   * Node labels the pods require (e.g. `{ 'kubernetes.io/arch': 'arm64' }`).
   *
   * @default the app's or stack's `WorkloadDefaults`, else none
   */
  readonly nodeSelector?: Record<string, string>;

  /**
   * Taints the pods tolerate.
   *
   * @default the app's or stack's `WorkloadDefaults`, else none
   */
  readonly tolerations?: Toleration[];

  /**
   * Node affinity rules.
   *
   * @default none
   */
  readonly nodeAffinity?: NodeAffinity[];

  /**
   * Pod affinity and anti-affinity rules.
   *
   * @default none
   */
  readonly podAffinity?: PodAffinity[];

  /**
   * The pods' priority class.
   *
   * @default the app's or stack's `WorkloadDefaults`, else none
   */
  readonly priorityClass?: IPriorityClass;

  /**
   * Whether a change to a ConfigMap or Secret defined in the stack that the pods read rolls the pods: the pod
   * template carries a hash of their content (`cdk8s-platform.io/config-hash`).
   *
   * @default true (false for a `Job`, whose pod template cannot change)
   */
  readonly rolloutOnConfigChange?: boolean;
}

/** What every long-running, replicated workload (`WebService`, `Worker`, `StatefulService`) says. */
export interface ReplicatedWorkloadProps extends WorkloadProps {
  /**
   * How many pods run (when no autoscaler owns the count).
   *
   * @default 2 for services, 1 for workers
   */
  readonly replicas?: number;

  /**
   * The probe that holds back liveness and readiness probes until a slow-starting container is up.
   *
   * @default none
   */
  readonly startupProbe?: Probe;

  /**
   * Autoscaling: an autoscaler then owns the replica count and `replicas` is left out of the workload. Also
   * available as `autoscale()`.
   *
   * @default none: a fixed replica count
   */
  readonly autoscaling?: AutoscalingOptions;

  /**
   * The PodDisruptionBudget that limits voluntary disruptions.
   *
   * @default maxUnavailable 1 when the workload runs two or more pods, none otherwise
   */
  readonly disruptionBudget?: DisruptionBudgetOptions;

  /**
   * How the pods spread over the cluster's topology. An empty list switches spreading off.
   *
   * @default the app's or stack's `WorkloadDefaults`, else [TopologySpread.acrossNodes()]: preferred, not required;
   * a Deployment's constraints count only the pods of the same revision unless they set `matchLabelKeys`
   */
  readonly spread?: TopologySpread[];

  /**
   * Seconds a new pod must have been ready, without any of its containers crashing, before it counts as available:
   * a rollout (and a StatefulSet's ordered start) then waits that long per pod, which catches a pod that passes its
   * readiness probe and crashes soon after.
   *
   * @default 0: available as soon as it is ready
   */
  readonly minReadySeconds?: number;

  /**
   * How many old revisions are kept for rollback (`kubectl rollout undo`).
   *
   * @default the app's or stack's `WorkloadDefaults`, else 10
   */
  readonly revisionHistoryLimit?: number;

  /**
   * The labels the workload selects its pods by. Set it only to adopt an existing workload, whose selector cannot
   * change (e.g. `{ app: 'api-server' }`).
   *
   * @default { "app.kubernetes.io/name": <name>, "app.kubernetes.io/instance": <stack instance> }
   */
  readonly selectorLabels?: Record<string, string>;
}

/** What every workload that runs as a Deployment (`WebService`, `Worker`) says about its rollouts. */
export interface DeploymentWorkloadProps extends ReplicatedWorkloadProps {
  /**
   * How pods are replaced when the template changes.
   *
   * @default DeploymentStrategy.rollingUpdate(): maxSurge "25%", maxUnavailable 0 (zero downtime)
   */
  readonly strategy?: DeploymentStrategy;
}
