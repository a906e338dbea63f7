import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { createObject, JsonObject } from './_k8s-json';
import { checkMainPort, requireProbesWithoutPort } from './_main-port';
import { DaemonSetStrategy } from './daemon-set-strategy';
import { HostAccess } from './host-access';
import { Probe } from './probe';
import { Workload } from './workload';
import { WorkerProps } from './worker';
import { ReplicatedWorkloadProps, WorkloadProps } from './workload-props';

/** Props of a `DaemonSet`. */
export interface DaemonSetProps extends WorkloadProps, Pick<WorkerProps, 'port' | 'portName' | 'readinessProbe' | 'livenessProbe' | 'startupProbe'>,
  Pick<ReplicatedWorkloadProps, 'minReadySeconds' | 'revisionHistoryLimit' | 'selectorLabels'> {
  /**
   * Whether the pods tolerate every taint (a toleration with `operator: Exists` and no key), so they run on every
   * node: tainted node pools (GPUs, spot instances) and control-plane nodes included. `nodeSelector` and
   * `nodeAffinity` still choose among the nodes. It covers the tolerations of `workloadDefaults` too.
   *
   * @default true, unless `tolerations` is set: then only those
   */
  readonly tolerateAllTaints?: boolean;

  /**
   * How pods are replaced when the template changes.
   *
   * @default DaemonSetStrategy.rollingUpdate(): maxUnavailable 1, maxSurge 0 (one node at a time)
   */
  readonly strategy?: DaemonSetStrategy;

  /**
   * Access to the node: `HostAccess.paths()`, `HostAccess.ports()`, `HostAccess.network()`,
   * `HostAccess.processes()`. Each is refused by the Pod Security levels "baseline" and "restricted": the
   * AppStack's Namespace must enforce "privileged" (`namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED }`).
   *
   * @default none: the pods pass Pod Security "restricted"
   */
  readonly hostAccess?: HostAccess[];
}

/**
 * A node agent (a log shipper, a node exporter): a DaemonSet that runs one pod on every node, with the same pod API
 * and secure pod defaults as every workload. By default its pods tolerate every taint; access to the node
 * (`hostPath` volumes, host ports, the node's network or processes) is given only through `hostAccess`, and needs
 * a stack whose Namespace enforces the "privileged" Pod Security level.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/
 * @example
 * const agents = new AppStack(app, 'node-agents', {
 *   namespace: 'node-agents',
 *   namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED },
 * });
 * new DaemonSet(agents, 'log-shipper', {
 *   image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9',
 *   port: 2020,
 *   readinessProbe: Probe.http('/api/v1/health'),
 *   resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
 *   hostAccess: [HostAccess.paths([{ hostPath: '/var/log' }])],
 * });
 */
export class DaemonSet extends Workload {
  /** Whether `x` is a `DaemonSet`, also across copies of this package. */
  public static isDaemonSet(x: unknown): x is DaemonSet {
    return hasBrand(x, 'DaemonSet');
  }

  /** The DaemonSet's update strategy. */
  public readonly strategy: DaemonSetStrategy;
  /** Whether the pods tolerate every taint. */
  public readonly tolerateAllTaints: boolean;
  /** The access to the node the pods have. */
  public readonly hostAccess: readonly HostAccess[];

  constructor(scope: Construct, id: string, props: DaemonSetProps) {
    const p = props ?? ({} as DaemonSetProps);
    super(scope, id, 'DaemonSet', p, { defaultComponent: 'agent', selectorLabels: p.selectorLabels });
    this._check.knownKeys('', p, 'DaemonSetProps');
    const check = this._check;
    const d = this._defaults;

    const ports = checkMainPort(check, p);
    const hasPort = ports.length > 0;
    requireProbesWithoutPort(check, 'DaemonSet', p);

    if (p.tolerateAllTaints !== undefined && check.boolean('tolerateAllTaints', p.tolerateAllTaints) && p.tolerateAllTaints && p.tolerations !== undefined) {
      check.fail('tolerations', p.tolerations, 'no tolerations with tolerateAllTaints: true (it tolerates every taint already); or tolerateAllTaints: false');
    }
    this.tolerateAllTaints = p.tolerateAllTaints === true || (p.tolerateAllTaints === undefined && p.tolerations === undefined);

    const strategy = p.strategy ?? DaemonSetStrategy.rollingUpdate();
    if (!DaemonSetStrategy.isDaemonSetStrategy(strategy)) {
      check.fail('strategy', strategy, 'DaemonSetStrategy.rollingUpdate() or DaemonSetStrategy.onDelete()');
      this.strategy = DaemonSetStrategy.rollingUpdate();
    } else {
      strategy._check(check, 'strategy');
      this.strategy = strategy;
    }
    this.hostAccess = this.checkHostAccess(p);

    const revisionHistoryLimit = p.revisionHistoryLimit ?? d.revisionHistoryLimit ?? 10;
    check.integer('revisionHistoryLimit', revisionHistoryLimit, 0);
    if (p.minReadySeconds !== undefined) check.integer('minReadySeconds', p.minReadySeconds, 0);

    this._createPod(p, {
      ports,
      readinessProbe: this._probe('readinessProbe', p.readinessProbe, hasPort ? Probe.tcp() : undefined),
      livenessProbe: this._probe('livenessProbe', p.livenessProbe, hasPort ? Probe.tcp({ initialDelaySeconds: 10 }) : undefined),
      startupProbe: this._probe('startupProbe', p.startupProbe, undefined),
      spread: [],
    });
    check.throwIfInvalid();

    this._setApiObject(createObject(this, 'DaemonSet', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: this.name, labels: this._labels(), annotations: this._metadata.annotations },
      spec: () => {
        const template = this._pod.render();
        const spec = template.spec;
        if (this.tolerateAllTaints) spec.tolerations = [{ operator: 'Exists' }];
        for (const access of this.hostAccess) access._apply(spec, this._pod.containerName);
        const json: JsonObject = {
          minReadySeconds: p.minReadySeconds,
          revisionHistoryLimit,
          selector: { matchLabels: { ...this.selectorLabels } },
          template,
          updateStrategy: this.strategy._render(),
        };
        if (json.minReadySeconds === undefined) delete json.minReadySeconds;
        return json;
      },
    }));
    this.node.addValidation({ validate: () => this.mountConflicts() });
  }

  /**
   * A DaemonSet runs one pod per node: the capacity summary counts it per node, apart from the other workloads.
   *
   * @internal
   */
  protected _podCounts(): { minPods: number; maxPods: number; surgePods: number; perNode: boolean } {
    return { minPods: 1, maxPods: 1, surgePods: this.strategy._surges ? 1 : 0, perNode: true };
  }

  /** Checks `hostAccess`, and that the stack's Namespace lets the pods have it. */
  private checkHostAccess(p: DaemonSetProps): HostAccess[] {
    const check = this._check;
    if (p.hostAccess === undefined) return [];
    if (!Array.isArray(p.hostAccess)) {
      check.fail('hostAccess', p.hostAccess, 'an array of HostAccess.paths(), HostAccess.ports(), HostAccess.network() or HostAccess.processes()');
      return [];
    }
    const out: HostAccess[] = [];
    const props: Array<[HostAccess, string]> = [];
    p.hostAccess.forEach((a, i) => {
      if (!HostAccess.isHostAccess(a)) {
        check.fail(`hostAccess[${i}]`, a, 'HostAccess.paths(), HostAccess.ports(), HostAccess.network() or HostAccess.processes()');
        return;
      }
      a._check(check, `hostAccess[${i}]`);
      out.push(a);
      props.push([a, `hostAccess[${i}]`]);
    });
    HostAccess._checkVolumeNames(check, props);
    if (check.hasProblem('hostAccess') || out.length === 0) return out;

    const ns = (this._stack as { namespaceResource?: { name?: string; podSecurity?: { value?: string } } }).namespaceResource;
    const level = ns?.podSecurity?.value;
    if (level !== undefined && level !== 'privileged') {
      check.fail('hostAccess', out.map((a) => a.toString()).join(', '),
        `host access only in a namespace that enforces the "privileged" Pod Security level: namespace "${this.namespace}" enforces "${level}", ` +
        'which rejects hostPath volumes, host ports and the node\'s namespaces; set namespaceOptions.podSecurity: PodSecurityLevel.PRIVILEGED ' +
        'on the AppStack (an AppStack of its own for node agents), or leave hostAccess out');
    }
    const network = out.some((a) => a.kind === 'network');
    const seen = new Set<string>();
    for (const { port, hostPort, key } of out.flatMap((a) => a._hostPorts())) {
      if (seen.has(key)) check.fail('hostAccess', key, 'each host port and protocol at most once');
      seen.add(key);
      if (network && hostPort !== port) {
        check.fail('hostAccess', `hostPort ${hostPort} for port ${port}`, 'a hostPort equal to the container port with HostAccess.network() (the pod listens on the node)');
      }
    }
    const binds = network || seen.size > 0;
    if (binds && this.strategy._surges) {
      check.fail('strategy.maxSurge', this.strategy.maxSurge, '0 with host ports or HostAccess.network(): the new pod cannot bind the node\'s port while the old one holds it');
    }
    const paths = out.flatMap((a) => a._mountPaths());
    const dup = paths.find((x, i) => paths.indexOf(x) !== i);
    if (dup !== undefined) check.fail('hostAccess', dup, 'each mount path at most once');
    return out;
  }

  /** Mount paths of the main container that a host path and another mount both use (added by `addMount()`). */
  private mountConflicts(): string[] {
    const paths = new Set(this.hostAccess.flatMap((a) => a._mountPaths()));
    if (paths.size === 0) return [];
    const template = this._pod.render();
    const main = (template.spec.containers as JsonObject[]).find((c) => c.name === this._pod.containerName)!;
    const taken = ((main.volumeMounts as JsonObject[] | undefined) ?? []).map((m) => m.mountPath as string);
    return taken.filter((x) => paths.has(x)).map((x) => `${this.node.path}: hostAccess mounts a host path at ${x}, where another mount of the container already is`);
  }
}

brand(DaemonSet, 'DaemonSet');
