import { brand, hasBrand } from '../core/_brand';
import { IntOrString, k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';

/** Timing options common to every probe. Unset fields take the Kubernetes defaults. */
export interface ProbeOptions {
  /**
   * Seconds after the container starts before the first probe.
   *
   * @default 0
   */
  readonly initialDelaySeconds?: number;

  /**
   * Seconds between probes.
   *
   * @default 10
   */
  readonly periodSeconds?: number;

  /**
   * Seconds after which one probe times out.
   *
   * @default 1
   */
  readonly timeoutSeconds?: number;

  /**
   * Consecutive failures after which the probe has failed.
   *
   * @default 3
   */
  readonly failureThreshold?: number;

  /**
   * Consecutive successes after which a failed probe succeeds again. Must be 1 for liveness probes.
   *
   * @default 1
   */
  readonly successThreshold?: number;

  /**
   * For a liveness or startup probe: seconds the container has to stop once the probe has failed, instead of the
   * pod's `terminationGracePeriodSeconds` (a hung container need not get the long grace period a draining one
   * does). Not for readiness probes, which never stop a container. `ProbeTerminationGracePeriod`, GA in 1.28 (beta
   * and on by default before).
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#probe-level-terminationgraceperiodseconds
   * @default the pod's terminationGracePeriodSeconds
   */
  readonly terminationGracePeriodSeconds?: number;
}

/** Options of a probe that connects to a port. */
export interface PortProbeOptions extends ProbeOptions {
  /**
   * The container port to probe: its number, or the name of one of the container's ports (`'http'`, as adopted
   * manifests often write it; HTTP and TCP probes only).
   *
   * @default the workload's main port
   */
  readonly port?: number | string;
}

/** Options of an HTTP probe. */
export interface HttpProbeOptions extends PortProbeOptions {
  /**
   * Whether to probe with HTTPS (the certificate is not verified).
   *
   * @default false
   */
  readonly https?: boolean;

  /**
   * Extra request headers.
   *
   * @default none
   */
  readonly headers?: Record<string, string>;
}

/** Options of a gRPC probe. */
export interface GrpcProbeOptions extends PortProbeOptions {
  /**
   * The container port to probe, by number (the API server takes no name for a gRPC probe).
   *
   * @default the workload's main port
   */
  readonly port?: number;

  /**
   * The service name sent in the gRPC health check request.
   *
   * @default the server's overall health ("")
   */
  readonly service?: string;
}

type Handler =
  | { kind: 'http'; path: string; options: HttpProbeOptions }
  | { kind: 'tcp'; options: PortProbeOptions }
  | { kind: 'grpc'; options: GrpcProbeOptions }
  | { kind: 'exec'; command: string[]; options: ProbeOptions }
  | { kind: 'none' };

/**
 * How the kubelet checks a container's health: one handler (HTTP GET, TCP connect, gRPC health check or a command)
 * and its timing.
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 * @example
 * readinessProbe: Probe.http('/healthz', { periodSeconds: 5 }),
 * livenessProbe: Probe.tcp({ initialDelaySeconds: 10 }),
 */
export class Probe {
  /**
   * An HTTP GET; any status from 200 to 399 is a success.
   *
   * @param path the request path, starting with "/"
   */
  public static http(path: string = '/', options: HttpProbeOptions = {}): Probe {
    return new Probe({ kind: 'http', path, options });
  }

  /** A TCP connection; the probe succeeds if the port accepts it. */
  public static tcp(options: PortProbeOptions = {}): Probe {
    return new Probe({ kind: 'tcp', options });
  }

  /**
   * A gRPC health check (grpc.health.v1); the server must implement the gRPC health checking protocol.
   *
   * @see https://github.com/grpc/grpc/blob/master/doc/health-checking.md
   */
  public static grpc(options: GrpcProbeOptions = {}): Probe {
    return new Probe({ kind: 'grpc', options });
  }

  /**
   * A command run in the container; exit status 0 is a success.
   *
   * @param command the command and its arguments (not run in a shell)
   */
  public static exec(command: string[], options: ProbeOptions = {}): Probe {
    return new Probe({ kind: 'exec', command, options });
  }

  /** No probe: switches off a probe that is on by default. */
  public static none(): Probe {
    return new Probe({ kind: 'none' });
  }

  /** Whether `x` is a `Probe`, also across copies of this package. */
  public static isProbe(x: unknown): x is Probe {
    return hasBrand(x, 'Probe');
  }

  private constructor(private readonly handler: Handler) {}

  /** Whether this is `Probe.none()`. */
  public get isNone(): boolean {
    return this.handler.kind === 'none';
  }

  /** @internal */
  public _check(check: PropChecker, prop: string, opts: { liveness: boolean; ports: number[] }): void {
    const h = this.handler;
    if (h.kind === 'none') return;
    const o = h.options ?? {};
    if (!isPlainRecord(o)) {
      check.fail(`${prop} options`, o, 'an options object');
      return;
    }
    check.knownKeys(prop, o, ({ http: 'HttpProbeOptions', tcp: 'PortProbeOptions', grpc: 'GrpcProbeOptions', exec: 'ProbeOptions' } as const)[h.kind]);
    if (o.initialDelaySeconds !== undefined) check.integer(`${prop}.initialDelaySeconds`, o.initialDelaySeconds, 0);
    if (o.periodSeconds !== undefined) check.integer(`${prop}.periodSeconds`, o.periodSeconds, 1);
    if (o.timeoutSeconds !== undefined) check.integer(`${prop}.timeoutSeconds`, o.timeoutSeconds, 1);
    if (o.failureThreshold !== undefined) check.integer(`${prop}.failureThreshold`, o.failureThreshold, 1);
    if (o.terminationGracePeriodSeconds !== undefined) {
      if (!opts.liveness) {
        check.fail(`${prop}.terminationGracePeriodSeconds`, o.terminationGracePeriodSeconds, 'nothing on a readiness probe (the API server refuses it: a readiness probe never stops the container)');
      } else {
        check.integer(`${prop}.terminationGracePeriodSeconds`, o.terminationGracePeriodSeconds, 1, 'int64');
      }
    }
    if (o.successThreshold !== undefined) {
      if (opts.liveness) {
        if (o.successThreshold !== 1) check.fail(`${prop}.successThreshold`, o.successThreshold, '1 (the API server requires it for liveness and startup probes)');
      } else {
        check.integer(`${prop}.successThreshold`, o.successThreshold, 1);
      }
    }
    if (h.kind === 'http' || h.kind === 'tcp' || h.kind === 'grpc') {
      const port = h.options.port;
      if (typeof port === 'string' && h.kind !== 'grpc') {
        check.portName(`${prop}.port`, port);
      } else if (port !== undefined) {
        check.port(`${prop}.port`, port);
      } else if (opts.ports.length === 0) {
        check.fail(`${prop}.port`, undefined, 'a port number: the workload has no container port to default to');
      }
    }
    if (h.kind === 'http') {
      if (typeof h.path !== 'string' || !h.path.startsWith('/') || /\s/.test(h.path)) {
        check.fail(`${prop} path`, h.path, 'an HTTP path starting with "/" and containing no spaces');
      }
      if (h.options.https !== undefined) check.boolean(`${prop}.https`, h.options.https);
      const headers = h.options.headers;
      if (headers !== undefined) {
        if (!isPlainRecord(headers)) {
          check.fail(`${prop}.headers`, headers, 'an object mapping header names to string values');
        } else {
          for (const [k, v] of Object.entries(headers)) {
            if (!/^[-A-Za-z0-9]+$/.test(k)) check.fail(`${prop}.headers key`, k, "an HTTP header name of alphanumeric characters and '-' (e.g. 'X-Probe')");
            if (typeof v !== 'string') check.fail(`${prop}.headers.${k}`, v, 'a string');
          }
        }
      }
    }
    if (h.kind === 'grpc' && h.options.service !== undefined && typeof h.options.service !== 'string') {
      check.fail(`${prop}.service`, h.options.service, 'a string');
    }
    if (h.kind === 'exec') {
      if (!Array.isArray(h.command) || h.command.length === 0 || h.command.some((c) => typeof c !== 'string')) {
        check.fail(`${prop} command`, h.command, 'a non-empty array of strings, e.g. ["cat", "/tmp/healthy"]');
      }
    }
  }

  /** @internal */
  public _render(defaultPort: number | undefined): k8s.Probe | undefined {
    const h = this.handler;
    if (h.kind === 'none') return undefined;
    const o = h.options;
    const timing: k8s.Probe = {
      initialDelaySeconds: o.initialDelaySeconds,
      periodSeconds: o.periodSeconds,
      timeoutSeconds: o.timeoutSeconds,
      failureThreshold: o.failureThreshold,
      successThreshold: o.successThreshold,
      terminationGracePeriodSeconds: o.terminationGracePeriodSeconds,
    };
    switch (h.kind) {
      case 'http':
        return {
          ...timing,
          httpGet: {
            path: h.path,
            port: portValue(h.options.port ?? defaultPort!),
            scheme: h.options.https ? 'HTTPS' : undefined,
            httpHeaders: h.options.headers
              ? Object.entries(h.options.headers).map(([name, value]) => ({ name, value }))
              : undefined,
          },
        };
      case 'tcp':
        return { ...timing, tcpSocket: { port: portValue(h.options.port ?? defaultPort!) } };
      case 'grpc':
        return { ...timing, grpc: { port: (h.options.port as number | undefined) ?? defaultPort!, service: h.options.service } };
      case 'exec':
        return { ...timing, exec: { command: [...h.command] } };
    }
  }
}

brand(Probe, 'Probe');

/** A probe's port: a number, or a container port's name. */
function portValue(port: number | string): ReturnType<typeof IntOrString.fromNumber> {
  return typeof port === 'string' ? IntOrString.fromString(port) : IntOrString.fromNumber(port);
}
