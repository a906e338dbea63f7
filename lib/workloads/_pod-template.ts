import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Config } from '../config/config';
import { Secret } from '../config/secret';
import { PropChecker } from '../core/_props';
import { isAtLeast } from '../core/kubernetes-version';
import { renderApiObject } from '../core/_render';
import { isValidLabelValue } from '../core/names';
import { parseQuantity } from '../core/quantity';
import { checkServiceAccount, IServiceAccount } from '../core/service-account-ref';
import { PlatformAnnotations, recommendedLabels, StackLabelSource } from '../core/labels';
import { NodeAffinity } from '../scheduling/node-affinity';
import { PodAffinity } from '../scheduling/pod-affinity';
import { IPriorityClass } from '../scheduling/priority-class';
import { Toleration } from '../scheduling/toleration';
import { TopologySpread } from '../scheduling/topology-spread';
import { ContainerBuilder, ContainerPortSpec, effectiveLimits } from './_container';
import { JsonObject, l1Json } from './_k8s-json';
import { GatedFeature, requireVersion } from './_version-gate';
import { ContainerSpec } from './container';
import { EnvFrom, EnvValue } from './env';
import { LifecycleHook } from './lifecycle-hook';
import { Mount } from './mount';
import { Probe } from './probe';
import { Protocol } from '../networking/protocol';
import { appArmorAnnotations, renderPodSecurityContext } from './security';
import { SidecarMode } from './sidecar-mode';
import { WorkloadDefaults } from './workload-defaults';
import { WorkloadProps } from './workload-props';

export type { ContainerPortSpec } from './_container';


/** What the workload construct decides for its pod template. @internal */
export interface PodTemplateConfig {
  readonly stack: StackLabelSource;
  /** The workload's name (`app.kubernetes.io/name`). */
  readonly name: string;
  readonly component: string;
  /** Labels the workload's selector matches; the pods always carry them. */
  readonly selector: Record<string, string>;
  readonly ports: ContainerPortSpec[];
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly startupProbe?: Probe;
  /** The pod's restart policy, for Jobs. */
  readonly restartPolicy?: 'Never' | 'OnFailure';
  /** Topology spread constraints. */
  readonly spread: readonly TopologySpread[];
  /** Whether the config-hash annotation is rendered. */
  readonly configHash: boolean;
  /** The inherited workload defaults. */
  readonly defaults: WorkloadDefaults;
  /** The target Kubernetes version. */
  readonly kubernetesVersion: string;
  /** Whether the pods run to completion (a Job's, a CronTask's): a classic sidecar would keep them running. */
  readonly runToCompletion?: boolean;
}

/** The pod template, as Kubernetes JSON. @internal */
export interface PodTemplateJson {
  readonly metadata: { readonly labels: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec: JsonObject;
}

/** Native sidecars: init containers with `restartPolicy: Always`. */
const NATIVE_SIDECARS: GatedFeature = {
  minimum: SidecarMode.NATIVE_MINIMUM_VERSION,
  what: 'native sidecars (SidecarContainers, beta and on by default from 1.29)',
};

/** User namespaces: `hostUsers: false`. */
const USER_NAMESPACES: GatedFeature = {
  minimum: '1.33',
  what: 'a user namespace per pod (UserNamespacesSupport, beta and on by default from 1.33)',
};

/** Requests of one pod, in nano-units. @internal */
export interface PodRequests {
  readonly cpu: bigint;
  readonly memory: bigint;
}

/**
 * The pod template shared by every workload: the main container, init containers and sidecars, volumes,
 * scheduling and security, rendered lazily so that `addEnv()`/`addMount()`/`addSidecar()` after construction land
 * in the output.
 *
 * @internal
 */
export class PodTemplate {
  public readonly containerName: string;
  public readonly version: string;
  public readonly main: ContainerBuilder;
  private readonly sidecars: ContainerBuilder[] = [];
  private readonly initContainers: ContainerBuilder[] = [];
  private readonly tmp = Mount.emptyDir('/tmp');
  private readonly tolerations: Toleration[];
  private readonly nodeAffinity: NodeAffinity[];
  private readonly podAffinity: PodAffinity[];
  private readonly nodeSelector?: Record<string, string>;
  private readonly priorityClass?: IPriorityClass;
  private readonly terminationGracePeriodSeconds?: number;
  private readonly annotations: Record<string, string> = {};
  /** The probes switched off on purpose (`Probe.none()`), by container name. */
  private readonly probesOff = new Map<string, Set<string>>();
  /** The ServiceAccount the pods run as, if one is given. */
  private readonly serviceAccount?: IServiceAccount;
  /** Whether sidecars are native (init containers with `restartPolicy: Always`) rather than regular containers. */
  private readonly nativeSidecars: boolean;
  /** The sidecar mode set on the workload or its defaults, with the prop that set it. */
  private readonly sidecarMode?: { readonly mode: SidecarMode; readonly prop: string };

  constructor(check: PropChecker, private readonly props: WorkloadProps, private readonly config: PodTemplateConfig) {
    const p = props;
    const d = config.defaults;
    const version = config.kubernetesVersion;
    const modeProp = p.sidecarMode !== undefined ? 'sidecarMode' : 'workloadDefaults.sidecarMode';
    const mode = p.sidecarMode ?? d.sidecarMode;
    if (mode !== undefined && !SidecarMode.isSidecarMode(mode)) {
      check.fail(modeProp, mode, 'SidecarMode.native() or SidecarMode.classic()');
    } else if (mode !== undefined) {
      this.sidecarMode = { mode, prop: modeProp };
      // A workload's own choice is checked at once; an inherited one only when the workload has a sidecar.
      if (p.sidecarMode !== undefined) this.checkSidecarMode(check);
    }
    this.nativeSidecars = this.sidecarMode ? this.sidecarMode.mode.mode === 'native' : isAtLeast(version, NATIVE_SIDECARS.minimum);
    this.containerName = p.containerName ?? config.name;
    if (p.containerName !== undefined) check.name('containerName', p.containerName, 'dns1123-label');

    this.main = new ContainerBuilder(check, '', {
      name: this.containerName,
      image: p.image,
      imagePullPolicy: p.imagePullPolicy,
      command: p.command,
      args: p.args,
      workingDir: p.workingDir,
      env: p.env,
      envFrom: p.envFrom,
      mounts: p.mounts,
      resources: p.resources ?? d.resources,
      security: mergeSecurity(d, p.security),
      ports: config.ports,
      readinessProbe: config.readinessProbe,
      livenessProbe: config.livenessProbe,
      startupProbe: config.startupProbe,
      preStop: p.preStop,
    });
    const ref = this.main.image;
    if (p.version !== undefined) {
      check.labelValue('version', p.version);
      this.version = p.version;
    } else {
      this.version = ref?.tag !== undefined && isValidLabelValue(ref.tag).length === 0 ? ref.tag : config.stack.version;
    }

    this.serviceAccount = this.checkServiceAccount(check);
    if (p.automountServiceAccountToken !== undefined) check.boolean('automountServiceAccountToken', p.automountServiceAccountToken);
    if (p.podAnnotations !== undefined && check.annotations('podAnnotations', p.podAnnotations)) Object.assign(this.annotations, p.podAnnotations);
    if (p.podLabels !== undefined && check.labels('podLabels', p.podLabels)) {
      for (const [k, v] of Object.entries(config.selector)) {
        if (k in p.podLabels && p.podLabels[k] !== v) {
          check.fail(`podLabels.${k}`, p.podLabels[k], `"${v}", the value the workload's selector matches (or leave the label out)`);
        }
      }
    }

    this.nodeSelector = p.nodeSelector ?? d.nodeSelector;
    if (this.nodeSelector !== undefined) check.labels(p.nodeSelector ? 'nodeSelector' : 'workloadDefaults.nodeSelector', this.nodeSelector);
    this.tolerations = checkList(check, p.tolerations ? 'tolerations' : 'workloadDefaults.tolerations', p.tolerations ?? d.tolerations, Toleration.isToleration,
      'Toleration.equal(key, value) or Toleration.exists(key)');
    this.nodeAffinity = checkList(check, 'nodeAffinity', p.nodeAffinity, NodeAffinity.isNodeAffinity, 'NodeAffinity.require(...) or NodeAffinity.prefer(...)');
    this.podAffinity = checkList(check, 'podAffinity', p.podAffinity, PodAffinity.isPodAffinity, 'PodAffinity.colocate(...) or PodAffinity.separate(...)');
    this.priorityClass = p.priorityClass ?? d.priorityClass;
    if (this.priorityClass !== undefined && typeof this.priorityClass.priorityClassName !== 'string') {
      check.fail('priorityClass', this.priorityClass, 'a PriorityClass or PriorityClass.fromPriorityClassName()');
    }
    this.terminationGracePeriodSeconds = p.terminationGracePeriodSeconds ?? d.terminationGracePeriodSeconds;
    if (this.terminationGracePeriodSeconds !== undefined) check.integer('terminationGracePeriodSeconds', this.terminationGracePeriodSeconds, 0, 'int64');
    this.checkPreStopDelay(check, 'preStop', p.preStop);
    if (this.main.security.userNamespace) {
      const own = (p.security as { userNamespace?: unknown } | undefined)?.userNamespace !== undefined;
      requireVersion(check, version, USER_NAMESPACES, own ? 'security.userNamespace' : 'workloadDefaults.security.userNamespace', true, 'false');
    }

    if (p.initContainers !== undefined) {
      if (!Array.isArray(p.initContainers)) check.fail('initContainers', p.initContainers, 'an array of container specs');
      else p.initContainers.forEach((c, i) => this.addInitContainer(check, `initContainers[${i}]`, c));
    }
    if (p.sidecars !== undefined) {
      if (!Array.isArray(p.sidecars)) check.fail('sidecars', p.sidecars, 'an array of container specs');
      else p.sidecars.forEach((c, i) => this.addSidecar(check, `sidecars[${i}]`, c));
    }
  }

  /** Adds an init container. */
  public addInitContainer(check: PropChecker, prop: string, spec: ContainerSpec): void {
    const c = this.sideContainer(check, prop, spec, false);
    if (c) this.initContainers.push(c);
  }

  /** Adds a sidecar container (refused in pods that run to completion unless sidecars are native). */
  public addSidecar(check: PropChecker, prop: string, spec: ContainerSpec): void {
    this.checkSidecarMode(check);
    const refused = this.config.runToCompletion === true && !this.nativeSidecars;
    if (refused && this.sidecarMode) {
      if (!check.hasProblem(this.sidecarMode.prop)) {
        check.fail(this.sidecarMode.prop, this.sidecarMode.mode.toString(), 'SidecarMode.native() in a pod that runs to completion: ' +
          'a classic sidecar keeps running after the main container has exited, so the Job would never complete');
      }
    } else if (refused) {
      requireVersion(check, this.config.kubernetesVersion, {
        minimum: NATIVE_SIDECARS.minimum,
        what: 'a sidecar in a Job or CronTask (a classic sidecar keeps running after the main container has exited, so ' +
          'the Job would never complete; native sidecars, which do not hold it back, are beta and on by default from 1.29)',
      }, prop, spec?.name);
    }
    const c = this.sideContainer(check, prop, spec, true);
    if (c && !refused) this.sidecars.push(c);
  }

  /** Adds an environment variable to the main container. */
  public addEnv(check: PropChecker, name: string, value: string | EnvValue): void {
    this.main.addEnv(check, `addEnv("${name}")`, name, value);
  }

  /** Adds an `envFrom` source to the main container. */
  public addEnvFrom(check: PropChecker, source: EnvFrom): void {
    this.main.addEnvFrom(check, 'addEnvFrom()', source);
  }

  /** Adds a mount to the main container. */
  public addMount(check: PropChecker, mount: Mount): void {
    this.main.addMount(check, 'addMount()', mount);
  }

  /** Adds an annotation to the pod template. */
  public addAnnotation(key: string, value: string): void {
    this.annotations[key] = value;
  }

  /** The labels every pod carries. */
  public podLabels(): Record<string, string> {
    const c = this.config;
    return recommendedLabels(c.stack, { name: c.name, component: c.component, version: this.version }, this.serviceAccount?.podLabels, this.props.podLabels, c.selector);
  }

  /**
   * The requests of one pod, as the scheduler counts them: the larger of its containers' sum (sidecars included) and
   * its largest init container, plus the native sidecars, which run beside every init container (they start first).
   */
  public podRequests(): PodRequests {
    const q = (v: string | undefined) => (v === undefined ? 0n : parseQuantity(v) ?? 0n);
    const sumOf = (list: ContainerBuilder[], key: 'cpu' | 'memory') => list.reduce((a, c) => a + q(c.resources.requests[key]), 0n);
    const sum = (key: 'cpu' | 'memory') => sumOf([this.main, ...this.sidecars], key);
    const init = (key: 'cpu' | 'memory') => {
      if (this.initContainers.length === 0) return 0n;
      const largest = this.initContainers.reduce((a, c) => {
        const v = q(c.resources.requests[key]);
        return v > a ? v : a;
      }, 0n);
      return this.nativeSidecars ? largest + sumOf(this.sidecars, key) : largest;
    };
    const max = (a: bigint, b: bigint) => (a > b ? a : b);
    return { cpu: max(sum('cpu'), init('cpu')), memory: max(sum('memory'), init('memory')) };
  }

  /** The limits of one pod (memory defaults to the request); a resource is undefined when a container has no limit. */
  public podLimits(): { cpu?: bigint; memory?: bigint } {
    const total = (key: 'cpu' | 'memory'): bigint | undefined => {
      let sum = 0n;
      for (const c of [this.main, ...this.sidecars]) {
        const v = effectiveLimits(c.resources)[key];
        if (v === undefined) return undefined;
        sum += parseQuantity(v) ?? 0n;
      }
      return sum;
    };
    return { cpu: total('cpu'), memory: total('memory') };
  }

  /** Records that `container` has no `probe` on purpose (`Probe.none()`). */
  public markProbeOff(container: string, probe: 'readinessProbe' | 'livenessProbe'): void {
    const set = this.probesOff.get(container) ?? new Set<string>();
    set.add(probe);
    this.probesOff.set(container, set);
  }

  /**
   * The value of the `PlatformAnnotations.PROBES_OFF` annotation: one `<container>: <probe>, <probe>` line per
   * container with a probe switched off by `Probe.none()`, sorted; undefined when there is none.
   */
  public probesOffAnnotation(): string | undefined {
    if (this.probesOff.size === 0) return undefined;
    return [...this.probesOff.keys()].sort().map((c) => `${c}: ${[...this.probesOff.get(c)!].sort().join(', ')}`).join('\n');
  }

  /** The container named `name` (the main container, a sidecar or an init container), if any. */
  public containerNamed(name: string): ContainerBuilder | undefined {
    return [this.main, ...this.sidecars, ...this.initContainers].find((c) => c.name === name);
  }

  /** The names of the pod's containers: the main container, sidecars and init containers. */
  public containerNames(): string[] {
    return [this.main, ...this.sidecars, ...this.initContainers].map((c) => c.name);
  }

  /** Problems visible only once the stack is complete (keys read from Configs/Secrets defined in the stack). */
  public validate(): string[] {
    return [this.main, ...this.sidecars, ...this.initContainers].flatMap((c) => c.validate());
  }

  /**
   * The hash of the content of every ConfigMap and Secret defined in the stack that the pods read, or `undefined`
   * when they read none.
   */
  public configHash(): string | undefined {
    const seen = new Map<string, ApiObject>();
    for (const ref of [this.main, ...this.sidecars, ...this.initContainers].flatMap((c) => c.references())) {
      const resource = definedResource(ref);
      if (resource) seen.set(`${resource.kind}/${resource.name}`, resource);
    }
    if (seen.size === 0) return undefined;
    const hash = createHash('sha256');
    for (const key of [...seen.keys()].sort()) {
      const json = renderApiObject(seen.get(key)!) as { data?: unknown; binaryData?: unknown; type?: unknown };
      hash.update(JSON.stringify([key, json.data ?? null, json.binaryData ?? null, json.type ?? null]));
      hash.update('\n');
    }
    return hash.digest('hex').slice(0, 16);
  }

  /**
   * Renders the pod template as Kubernetes JSON, for the target version: native sidecars first among the init
   * containers (or classic ones after the main container), the AppArmor profile as a field or as annotations.
   */
  public render(): PodTemplateJson {
    const p = this.props;
    const c = this.config;
    const version = c.kubernetesVersion;
    const all = [this.main, ...this.sidecars, ...this.initContainers];
    const mounts: Mount[] = [];
    for (const container of all) {
      for (const m of container.allMounts(this.tmp)) if (!mounts.includes(m)) mounts.push(m);
    }
    const names = new Map<Mount, string>();
    assignVolumeNames(mounts).forEach((n, i) => names.set(mounts[i], n));
    const volumeName = (m: Mount) => names.get(m)!;
    const volumes = mounts.filter((m) => !m._isClaimTemplate).map((m) => m._renderVolume(volumeName(m)));

    const annotations = { ...this.annotations, ...appArmorAnnotations(all, version) };
    const hash = c.configHash ? this.configHash() : undefined;
    if (hash !== undefined) annotations[PlatformAnnotations.CONFIG_HASH] = hash;
    const affinity = { nodeAffinity: NodeAffinity._render(this.nodeAffinity), ...PodAffinity._render(this.podAffinity) };
    const hasAffinity = Object.values(affinity).some((v) => v !== undefined);
    const pod = this.main.security;
    const render = (x: ContainerBuilder, nativeSidecar = false) => x.render(this.tmp, volumeName, { kubernetesVersion: version, pod, nativeSidecar });
    const native = this.nativeSidecars;
    const initContainers = [...(native ? this.sidecars.map((x) => render(x, true)) : []), ...this.initContainers.map((x) => render(x))];
    const spec = l1Json('PodSpec', {
      automountServiceAccountToken: p.automountServiceAccountToken ?? false,
      serviceAccountName: this.serviceAccount?.serviceAccountName,
      volumes: volumes.length > 0 ? volumes : undefined,
      restartPolicy: c.restartPolicy,
      terminationGracePeriodSeconds: this.terminationGracePeriodSeconds,
      nodeSelector: this.nodeSelector ? { ...this.nodeSelector } : undefined,
      tolerations: this.tolerations.length > 0 ? this.tolerations.map((t) => t._render()) : undefined,
      affinity: hasAffinity ? affinity : undefined,
      topologySpreadConstraints: c.spread.length > 0 ? c.spread.map((s) => s._render(c.selector)) : undefined,
      priorityClassName: this.priorityClass?.priorityClassName,
      hostUsers: pod.userNamespace ? false : undefined,
    });
    spec.securityContext = renderPodSecurityContext(pod, version);
    if (initContainers.length > 0) spec.initContainers = initContainers;
    spec.containers = [render(this.main), ...(native ? [] : this.sidecars.map((x) => render(x)))];
    return {
      metadata: {
        labels: this.podLabels(),
        annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      },
      spec,
    };
  }

  /**
   * The `serviceAccount` prop, checked: an account of the pods' namespace whose pod labels the `podLabels` prop does
   * not contradict; `serviceAccountName`, which it replaced, is refused.
   */
  private checkServiceAccount(check: PropChecker): IServiceAccount | undefined {
    const p = this.props;
    const old = (p as { serviceAccountName?: unknown }).serviceAccountName;
    if (old !== undefined) {
      check.fail('serviceAccountName', old, 'nothing: it moved to serviceAccount (a ServiceAccount, or ServiceAccount.fromServiceAccountName(); see CHANGELOG.md)');
    }
    if (p.serviceAccount === undefined) return undefined;
    const sa = checkServiceAccount(check, 'serviceAccount', p.serviceAccount);
    if (sa === undefined) return undefined;
    const namespace = this.config.stack.namespace;
    if (sa.namespace !== undefined && namespace !== undefined && sa.namespace !== namespace) {
      check.fail('serviceAccount', `ServiceAccount "${sa.serviceAccountName}" of namespace "${sa.namespace}"`,
        `a ServiceAccount of the workload's namespace ("${namespace}"): pods run only as an account of their own namespace`);
    }
    for (const [key, value] of Object.entries(sa.podLabels ?? {})) {
      const own = p.podLabels?.[key];
      if (own !== undefined && own !== value) {
        check.fail(`podLabels.${key}`, own, `"${value}", the value the ServiceAccount's pods need (its cloud identity), or leave the label out`);
      }
    }
    return sa;
  }

  /** Refuses native sidecars when the target version is older than 1.29 (once per check). */
  private checkSidecarMode(check: PropChecker): void {
    const m = this.sidecarMode;
    if (m === undefined || m.mode.mode !== 'native' || check.hasProblem(m.prop)) return;
    requireVersion(check, this.config.kubernetesVersion, NATIVE_SIDECARS, m.prop, m.mode.toString(), 'SidecarMode.classic()');
  }

  /** Refuses a preStop sleep as long as the grace period: the container would be killed before it stops. */
  private checkPreStopDelay(check: PropChecker, prop: string, hook: LifecycleHook | undefined): void {
    const sleep = LifecycleHook.isLifecycleHook(hook) ? hook.sleepSeconds : undefined;
    if (sleep === undefined) return;
    const grace = this.terminationGracePeriodSeconds;
    if (grace !== undefined) {
      if (Number.isInteger(grace) && sleep >= grace) {
        check.fail(prop, `sleep ${sleep}s`, `a delay shorter than terminationGracePeriodSeconds (${grace}), or the container is killed before it stops`);
      }
    } else if (sleep >= 30) {
      check.fail(prop, `sleep ${sleep}s`, 'a delay shorter than the grace period (30 s by default; raise terminationGracePeriodSeconds)');
    }
  }

  private sideContainer(check: PropChecker, prop: string, spec: ContainerSpec, sidecar: boolean): ContainerBuilder | undefined {
    if (spec === null || typeof spec !== 'object') {
      check.fail(prop, spec, 'a container spec { name, image, resources, ... }');
      return undefined;
    }
    check.knownKeys(prop, spec, 'ContainerSpec');
    const where = `${prop}.`;
    if (!check.name(`${where}name`, spec.name, 'dns1123-label')) return undefined;
    const names = [this.main, ...this.sidecars, ...this.initContainers].map((c) => c.name);
    if (names.includes(spec.name)) {
      check.fail(`${where}name`, spec.name, `a container name not already used in the pod (${names.join(', ')})`);
      return undefined;
    }
    const ports: ContainerPortSpec[] = [];
    if (spec.ports !== undefined) {
      if (!Array.isArray(spec.ports)) {
        check.fail(`${where}ports`, spec.ports, 'an array of { name, port, protocol? }');
      } else {
        spec.ports.forEach((x, i) => {
          check.portName(`${where}ports[${i}].name`, x?.name);
          check.port(`${where}ports[${i}].port`, x?.port);
          if (x?.protocol !== undefined && !Protocol.isProtocol(x.protocol)) check.fail(`${where}ports[${i}].protocol`, x.protocol, 'Protocol.TCP, Protocol.UDP or Protocol.SCTP');
          ports.push({ name: x?.name, containerPort: x?.port, protocol: Protocol.isProtocol(x?.protocol) ? x.protocol.value : 'TCP' });
        });
      }
    }
    const probe = (key: 'readinessProbe' | 'livenessProbe' | 'startupProbe'): Probe | undefined => {
      const value = spec[key];
      if (value === undefined) return undefined;
      if (!sidecar) {
        check.fail(`${where}${key}`, value, 'no probe: init containers run to completion and take no probes');
        return undefined;
      }
      if (!Probe.isProbe(value)) {
        check.fail(`${where}${key}`, value, 'Probe.http(), Probe.tcp(), Probe.grpc() or Probe.exec()');
        return undefined;
      }
      if (value.isNone && key !== 'startupProbe') this.markProbeOff(spec.name, key);
      return value.isNone ? undefined : value;
    };
    let preStop = spec.preStop;
    if (preStop !== undefined && !sidecar) {
      check.fail(`${where}preStop`, preStop, 'no hook: init containers run to completion and take no lifecycle hooks');
      preStop = undefined;
    }
    this.checkPreStopDelay(check, `${where}preStop`, preStop);
    const d = this.config.defaults;
    return new ContainerBuilder(check, where, {
      readinessProbe: probe('readinessProbe'),
      livenessProbe: probe('livenessProbe'),
      startupProbe: probe('startupProbe'),
      preStop,
      name: spec.name,
      image: spec.image,
      imagePullPolicy: spec.imagePullPolicy,
      command: spec.command,
      args: spec.args,
      workingDir: spec.workingDir,
      env: spec.env,
      envFrom: spec.envFrom,
      mounts: spec.mounts,
      resources: spec.resources ?? d.resources,
      security: { ...mergeSecurity(d, this.props.security), ...spec.security },
      ports,
    });
  }
}

function mergeSecurity(d: WorkloadDefaults, own: WorkloadProps['security']): WorkloadProps['security'] {
  if (d.security === undefined) return own;
  if (own !== undefined && (own === null || typeof own !== 'object')) return own;
  return { ...d.security, ...own };
}

function checkList<T>(check: PropChecker, prop: string, value: unknown, is: (x: unknown) => x is T, allowed: string): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    check.fail(prop, value, `an array of ${allowed}`);
    return [];
  }
  const out: T[] = [];
  value.forEach((v, i) => {
    if (!is(v)) {
      check.fail(`${prop}[${i}]`, v, allowed);
      return;
    }
    (v as unknown as { _check(c: PropChecker, p: string): void })._check(check, `${prop}[${i}]`);
    out.push(v);
  });
  return out;
}

/** The API object of a Config or Secret defined in a stack, or undefined for an imported one. */
function definedResource(ref: IConstruct): ApiObject | undefined {
  return Config.isConfig(ref) || Secret.isSecret(ref) ? ref.apiObject : undefined;
}

/** Volume names, unique in the pod and at most 63 characters, in mount order. */
function assignVolumeNames(mounts: Mount[]): string[] {
  const used = new Set<unknown>();
  return mounts.map((m) => uniqueVolumeName(m._volumeBaseName(), used));
}

/**
 * `base`, cut to the 63 characters of a volume name, numbered (`-2`, `-3`, ...) when `used` has it; added to `used`.
 *
 * @internal
 */
export function uniqueVolumeName(base: string, used: Set<unknown>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const name = `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}
