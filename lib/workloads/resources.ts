/**
 * Compute resource amounts, as Kubernetes quantities (`"100m"`, `"0.5"`, `"128Mi"`, `"1Gi"`).
 *
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export interface ResourceAmounts {
  /**
   * CPU, in cores: `"500m"` is half a core.
   *
   * @default none
   */
  readonly cpu?: string;

  /**
   * Memory, in bytes: `"256Mi"`.
   *
   * @default none
   */
  readonly memory?: string;

  /**
   * Local ephemeral storage (container logs, writable layers, `emptyDir` volumes): `"1Gi"`.
   *
   * @default none
   */
  readonly ephemeralStorage?: string;
}

/** What the scheduler reserves for a container. CPU and memory are both required. */
export interface ResourceRequests extends ResourceAmounts {
  /** CPU the scheduler reserves, in cores: `"100m"` is a tenth of a core. */
  readonly cpu: string;
  /** Memory the scheduler reserves, in bytes: `"128Mi"`. */
  readonly memory: string;
}

/**
 * A container's resource requests and limits.
 *
 * @example
 * { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } }
 */
export interface Resources {
  /** What the scheduler reserves for the container. */
  readonly requests: ResourceRequests;

  /**
   * The most the container may use. Each limit must be at least its request.
   *
   * @default memory: the memory request (a container cannot use memory it was not scheduled for, and is
   * OOM-killed rather than its neighbours); cpu: no limit (the container may use idle CPU, and is never
   * throttled); ephemeral storage: no limit
   */
  readonly limits?: ResourceAmounts;
}
