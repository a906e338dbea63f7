import { brand, hasBrand } from '../core/_brand';
import { PropChecker } from '../core/_props';
import { isAtLeast } from '../core/kubernetes-version';
import { LifecycleHandlerJson } from './_k8s-json';

/** The first Kubernetes version with the `sleep` lifecycle action on by default (PodLifecycleSleepAction beta). */
const SLEEP_ACTION_MINIMUM_VERSION = '1.30';

type Handler =
  | { kind: 'sleep'; seconds: number }
  | { kind: 'exec'; command: string[] }
  | { kind: 'http'; path: string; port?: number };

/**
 * An action the kubelet runs in a container at a point of its lifecycle; used as `preStop`, before the container
 * is sent SIGTERM.
 *
 * A short `preStop` sleep gives load balancers and kube-proxy time to stop sending traffic to a terminating pod,
 * so a rollout or a drain drops no requests.
 *
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
 * @example
 * preStop: LifecycleHook.sleep(5),
 * terminationGracePeriodSeconds: 30,
 */
export class LifecycleHook {
  /**
   * Waits `seconds` (1 to 3600) before the container is sent SIGTERM.
   *
   * On Kubernetes 1.30 and later (`PodLifecycleSleepAction`, beta and on by default from 1.30) this is the kubelet's
   * own `sleep` action: the image needs no shell and no `sleep` binary (distroless images work). Before 1.30 it runs
   * `sleep <seconds>` in the container, as earlier versions of this library always did, and the image must have a
   * `sleep` binary. Moving the target version to 1.30 or later changes the pod template (the pods are rolled once).
   * For a command that must stay `sleep` in the container, use `LifecycleHook.exec(['sleep', '5'])`.
   *
   * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-implementations
   * @see https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/ (PodLifecycleSleepAction)
   */
  public static sleep(seconds: number): LifecycleHook {
    return new LifecycleHook({ kind: 'sleep', seconds });
  }

  /** Runs a command in the container (not in a shell). */
  public static exec(command: string[]): LifecycleHook {
    return new LifecycleHook({ kind: 'exec', command });
  }

  /**
   * Sends an HTTP GET to the container.
   *
   * @param path the request path, starting with "/"
   * @param port the port; defaults to the workload's main port
   */
  public static http(path: string, port?: number): LifecycleHook {
    return new LifecycleHook({ kind: 'http', path, port });
  }

  /** Whether `x` is a `LifecycleHook`, also across copies of this package. */
  public static isLifecycleHook(x: unknown): x is LifecycleHook {
    return hasBrand(x, 'LifecycleHook');
  }

  private constructor(private readonly handler: Handler) {}

  /** How long the hook waits, for a `sleep()` hook. */
  public get sleepSeconds(): number | undefined {
    return this.handler.kind === 'sleep' ? this.handler.seconds : undefined;
  }

  /** @internal */
  public _check(check: PropChecker, prop: string, ports: number[]): void {
    const h = this.handler;
    switch (h.kind) {
      case 'sleep':
        check.integer(`${prop} seconds`, h.seconds, 1, 3600);
        break;
      case 'exec':
        if (!Array.isArray(h.command) || h.command.length === 0 || h.command.some((c) => typeof c !== 'string')) {
          check.fail(`${prop} command`, h.command, 'a non-empty array of strings');
        }
        break;
      case 'http':
        if (typeof h.path !== 'string' || !h.path.startsWith('/') || /\s/.test(h.path)) {
          check.fail(`${prop} path`, h.path, 'an HTTP path starting with "/" and containing no spaces');
        }
        if (h.port !== undefined) check.port(`${prop} port`, h.port);
        else if (ports.length === 0) check.fail(`${prop} port`, undefined, 'a port number: the container has no port to default to');
        break;
    }
  }

  /**
   * The handler as Kubernetes JSON, for the target Kubernetes version (a sleep is the `sleep` action from 1.30).
   *
   * @internal
   */
  public _render(defaultPort: number | undefined, kubernetesVersion: string): LifecycleHandlerJson {
    const h = this.handler;
    switch (h.kind) {
      case 'sleep':
        return isAtLeast(kubernetesVersion, SLEEP_ACTION_MINIMUM_VERSION)
          ? { sleep: { seconds: h.seconds } }
          : { exec: { command: ['sleep', String(h.seconds)] } };
      case 'exec': return { exec: { command: [...h.command] } };
      case 'http': return { httpGet: { path: h.path, port: h.port ?? defaultPort! } };
    }
  }
}

brand(LifecycleHook, 'LifecycleHook');
