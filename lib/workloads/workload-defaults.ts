import { IConstruct } from 'constructs';
import { inheritedValues, setInherited } from '../core/_inherited';
import { DisruptionBudgetOptions } from '../scheduling/pod-disruption-budget';
import { IPriorityClass } from '../scheduling/priority-class';
import { Toleration } from '../scheduling/toleration';
import { TopologySpread } from '../scheduling/topology-spread';
import { Resources } from './resources';
import { SecurityOptions } from './security';
import { SidecarMode } from './sidecar-mode';

/**
 * Settings that every workload below the app, stack (or any grouping construct) they are set on inherits unless
 * it says otherwise: set them once instead of per service. The nearest setting wins, field by field; `security`
 * is merged option by option.
 *
 * @example
 * const app = new PlatformApp({
 *   workloadDefaults: {
 *     resources: { requests: { cpu: '100m', memory: '128Mi' } },
 *     nodeSelector: { 'kubernetes.io/arch': 'arm64' },
 *     spread: [TopologySpread.acrossNodes(), TopologySpread.acrossZones()],
 *   },
 * });
 */
export interface WorkloadDefaults {
  /**
   * Resources of containers that set none (main containers, init containers and sidecars).
   *
   * @default none: each container must set its resources
   */
  readonly resources?: Resources;

  /**
   * Security options, under each workload's own `security`.
   *
   * @default the restricted defaults
   */
  readonly security?: SecurityOptions;

  /**
   * Node labels every pod requires.
   *
   * @default none
   */
  readonly nodeSelector?: Record<string, string>;

  /**
   * Tolerations of every pod.
   *
   * @default none
   */
  readonly tolerations?: Toleration[];

  /**
   * The priority class of every pod.
   *
   * @default none (priority 0, or the cluster's global default class)
   */
  readonly priorityClass?: IPriorityClass;

  /**
   * How replicated workloads spread their pods.
   *
   * @default [TopologySpread.acrossNodes()]
   */
  readonly spread?: TopologySpread[];

  /**
   * The disruption budget of replicated workloads.
   *
   * @default maxUnavailable 1 for workloads with two or more pods
   */
  readonly disruptionBudget?: DisruptionBudgetOptions;

  /**
   * How many old ReplicaSets (revisions) Deployments keep for rollback.
   *
   * @default 10
   */
  readonly revisionHistoryLimit?: number;

  /**
   * Seconds a pod has to shut down after SIGTERM before it is killed.
   *
   * @default the Kubernetes default, 30
   */
  readonly terminationGracePeriodSeconds?: number;

  /**
   * How sidecars run, e.g. `SidecarMode.classic()` for a service mesh whose injector expects regular containers. A
   * `Job` or `CronTask` with a sidecar refuses classic: set `sidecarMode: SidecarMode.native()` on it.
   *
   * @default native on Kubernetes 1.29 and later, classic before
   */
  readonly sidecarMode?: SidecarMode;
}

const DEFAULTS_KEY = 'workloadDefaults';

/**
 * Sets workload defaults for every workload defined below `scope` (what the `workloadDefaults` prop of
 * `PlatformApp` and `AppStack` does; a grouping construct such as an environment can do the same).
 */
export function useWorkloadDefaults(scope: IConstruct, defaults: WorkloadDefaults): void {
  setInherited(scope, DEFAULTS_KEY, defaults);
}

/** The workload defaults in effect at `scope`: every setting above it, the nearest winning field by field. @internal */
export function workloadDefaultsOf(scope: IConstruct): WorkloadDefaults {
  const all = inheritedValues<WorkloadDefaults>(scope, DEFAULTS_KEY).reverse();
  const merged: Record<string, unknown> = {};
  let security: SecurityOptions | undefined;
  for (const d of all) {
    for (const [k, v] of Object.entries(d)) {
      if (v !== undefined) merged[k] = v;
    }
    if (d.security) security = { ...security, ...d.security };
  }
  return { ...merged, security } as WorkloadDefaults;
}
