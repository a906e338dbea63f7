import { brand, hasBrand } from '../core/_brand';

/**
 * How a workload's sidecars (the `sidecars` prop, `addSidecar()`) run in its pods.
 *
 * - **Native** (`SidecarMode.native()`, the default from Kubernetes 1.29, where the `SidecarContainers` feature is
 *   beta and on by default): each sidecar is an init container with `restartPolicy: Always`. Sidecars come first
 *   among the init containers, in the order they were added, so that they are up before the other init containers run
 *   (a migration can go through a database proxy or a service mesh sidecar): each starts after the one before it has
 *   started (and passed its `startupProbe`, if it has one), the other init containers then run in order, then the main
 *   container starts. They are restarted when they exit, stopped after the main container when the pod ends, and
 *   do not keep a `Job` from completing; their readiness probes count for the pod's readiness.
 * - **Classic** (`SidecarMode.classic()`, the only mode before Kubernetes 1.29): each sidecar is one more regular
 *   container, started with the main container, in no particular order, after every init container. A `Job` or
 *   `CronTask` with a classic sidecar would never complete (the sidecar keeps running after the main container has
 *   exited), so it is refused there.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
 * @see https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/ (SidecarContainers)
 * @example
 * // a mesh whose injector expects regular containers
 * new WebService(stack, 'api', { image, sidecarMode: SidecarMode.classic(), sidecars: [proxy] });
 */
export class SidecarMode {
  /** The first Kubernetes version that runs native sidecars by default. */
  public static readonly NATIVE_MINIMUM_VERSION = '1.29';

  /**
   * Sidecars as init containers with `restartPolicy: Always` (Kubernetes 1.29 or later), started before the other
   * init containers.
   */
  public static native(): SidecarMode {
    return new SidecarMode('native');
  }

  /** Sidecars as regular containers beside the main container, on any Kubernetes version (not in a Job or CronTask). */
  public static classic(): SidecarMode {
    return new SidecarMode('classic');
  }

  /** Whether `x` is a `SidecarMode`, also across copies of this package. */
  public static isSidecarMode(x: unknown): x is SidecarMode {
    return hasBrand(x, 'SidecarMode');
  }

  private constructor(
    /** `native` or `classic`. */
    public readonly mode: 'native' | 'classic',
  ) {}

  /** The factory call that makes this mode, for messages: `SidecarMode.native()` or `SidecarMode.classic()`. */
  public toString(): string {
    return `SidecarMode.${this.mode}()`;
  }
}

brand(SidecarMode, 'SidecarMode');
