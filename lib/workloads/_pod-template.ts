import { k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { isValidLabelValue } from '../core/names';
import { compareQuantities, parseQuantity } from '../core/quantity';
import { recommendedLabels, StackLabelSource } from '../core/labels';
import { IMAGE_ALLOWED, isPinned, parseImage } from './_image';
import { EnvFrom, EnvValue } from './env';
import { ImagePullPolicy } from './image-pull-policy';
import { Mount } from './mount';
import { Probe } from './probe';
import { ResourceAmounts, Resources } from './resources';
import { renderContainerSecurityContext, renderPodSecurityContext, ResolvedSecurity, resolveSecurity } from './security';
import { WorkloadProps } from './workload-props';

/** A container port, as the workload declares it. @internal */
export interface ContainerPortSpec {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol: string;
}

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
}

const RESOURCE_KEYS: Array<[keyof ResourceAmounts, string]> = [
  ['cpu', 'cpu'], ['memory', 'memory'], ['ephemeralStorage', 'ephemeral-storage'],
];

/**
 * The pod template shared by every workload: one main container with its image, command, ports, env, mounts,
 * resources, probes and security context, rendered lazily so that `addEnv()`/`addMount()` after construction land
 * in the output.
 *
 * @internal
 */
export class PodTemplate {
  public readonly containerName: string;
  public readonly version: string;
  public readonly security: ResolvedSecurity;
  private readonly env: Array<[string, EnvValue]> = [];
  private readonly envFrom: EnvFrom[] = [];
  private readonly mounts: Mount[] = [];
  private readonly imagePullPolicy: ImagePullPolicy;

  constructor(check: PropChecker, private readonly props: WorkloadProps, private readonly config: PodTemplateConfig) {
    const p = props;
    const ref = typeof p.image === 'string' ? parseImage(p.image) : undefined;
    if (!ref) check.fail('image', p.image, IMAGE_ALLOWED);

    this.containerName = p.containerName ?? config.name;
    if (p.containerName !== undefined) check.name('containerName', p.containerName, 'dns1123-label');

    if (p.version !== undefined) {
      check.labelValue('version', p.version);
      this.version = p.version;
    } else {
      this.version = ref?.tag !== undefined && isValidLabelValue(ref.tag).length === 0 ? ref.tag : config.stack.version;
    }

    if (p.imagePullPolicy !== undefined && !(p.imagePullPolicy instanceof ImagePullPolicy)) {
      check.fail('imagePullPolicy', p.imagePullPolicy, 'ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT or ImagePullPolicy.NEVER');
    }
    this.imagePullPolicy = p.imagePullPolicy ?? (ref && isPinned(ref) ? ImagePullPolicy.IF_NOT_PRESENT : ImagePullPolicy.ALWAYS);

    if (p.command !== undefined) check.stringList('command', p.command, false);
    if (p.args !== undefined) check.stringList('args', p.args);
    if (p.workingDir !== undefined && (typeof p.workingDir !== 'string' || !p.workingDir.startsWith('/'))) {
      check.fail('workingDir', p.workingDir, 'an absolute path, e.g. "/app"');
    }

    checkResources(check, p.resources);

    if (p.env !== undefined) {
      if (!isPlainRecord(p.env)) {
        check.fail('env', p.env, 'an object mapping variable names to strings or EnvValues');
      } else {
        for (const [name, value] of Object.entries(p.env)) this.pushEnv(check, 'env', name, value);
      }
    }
    if (p.envFrom !== undefined) {
      if (!Array.isArray(p.envFrom)) {
        check.fail('envFrom', p.envFrom, 'an array of EnvFrom.config() / EnvFrom.secret()');
      } else {
        p.envFrom.forEach((e, i) => this.pushEnvFrom(check, `envFrom[${i}]`, e));
      }
    }
    if (p.mounts !== undefined) {
      if (!Array.isArray(p.mounts)) {
        check.fail('mounts', p.mounts, 'an array of Mount.config() / Mount.secret() / Mount.emptyDir()');
      } else {
        p.mounts.forEach((m, i) => this.pushMount(check, `mounts[${i}]`, m));
      }
    }

    this.security = resolveSecurity(check, 'security', p.security);
    if (p.serviceAccountName !== undefined) check.name('serviceAccountName', p.serviceAccountName, 'dns1123-subdomain');
    if (p.automountServiceAccountToken !== undefined) check.boolean('automountServiceAccountToken', p.automountServiceAccountToken);
    if (p.labels !== undefined) check.labels('labels', p.labels);
    if (p.podAnnotations !== undefined) check.annotations('podAnnotations', p.podAnnotations);
    if (p.podLabels !== undefined && check.labels('podLabels', p.podLabels)) {
      for (const [k, v] of Object.entries(config.selector)) {
        if (k in p.podLabels && p.podLabels[k] !== v) {
          check.fail(`podLabels.${k}`, p.podLabels[k], `"${v}", the value the workload's selector matches (or leave the label out)`);
        }
      }
    }

    const ports = config.ports.map((x) => x.containerPort);
    config.readinessProbe?._check(check, 'readinessProbe', { liveness: false, ports });
    config.livenessProbe?._check(check, 'livenessProbe', { liveness: true, ports });
  }

  /** Adds an environment variable. */
  public addEnv(check: PropChecker, name: string, value: string | EnvValue): void {
    this.pushEnv(check, `addEnv("${name}")`, name, value);
  }

  /** Adds an `envFrom` source. */
  public addEnvFrom(check: PropChecker, source: EnvFrom): void {
    this.pushEnvFrom(check, 'addEnvFrom()', source);
  }

  /** Adds a mount. */
  public addMount(check: PropChecker, mount: Mount): void {
    this.pushMount(check, 'addMount()', mount);
  }

  /** The labels every pod carries. */
  public podLabels(): Record<string, string> {
    const c = this.config;
    return {
      ...recommendedLabels(c.stack, { name: c.name, component: c.component, version: this.version }),
      ...this.props.podLabels,
      ...c.selector,
    };
  }

  /** Problems visible only once the stack is complete (keys read from Configs/Secrets defined in the stack). */
  public validate(): string[] {
    return [
      ...this.env.flatMap(([name, value]) => value._validate(name)),
      ...this.mounts.flatMap((m) => m._validate()),
    ];
  }

  /** Renders the pod template. */
  public render(): k8s.PodTemplateSpec {
    const p = this.props;
    const c = this.config;
    const mounts = [...this.mounts];
    if (this.security.writableTmp && !mounts.some((m) => m.path === '/tmp')) mounts.push(Mount.emptyDir('/tmp'));
    const volumeNames = assignVolumeNames(mounts);
    const container: k8s.Container = {
      name: this.containerName,
      image: p.image,
      imagePullPolicy: this.imagePullPolicy.value,
      command: p.command ? [...p.command] : undefined,
      args: p.args ? [...p.args] : undefined,
      workingDir: p.workingDir,
      ports: c.ports.length > 0
        ? c.ports.map((x) => ({ name: x.name, containerPort: x.containerPort, protocol: x.protocol }))
        : undefined,
      env: this.env.length > 0 ? this.env.map(([name, value]) => value._render(name)) : undefined,
      envFrom: this.envFrom.length > 0 ? this.envFrom.map((e) => e._render()) : undefined,
      resources: renderResources(p.resources),
      readinessProbe: c.readinessProbe?._render(c.ports[0]?.containerPort),
      livenessProbe: c.livenessProbe?._render(c.ports[0]?.containerPort),
      securityContext: renderContainerSecurityContext(this.security),
      volumeMounts: mounts.length > 0 ? mounts.map((m, i) => m._renderMount(volumeNames[i])) : undefined,
    };
    return {
      metadata: {
        labels: this.podLabels(),
        annotations: p.podAnnotations && Object.keys(p.podAnnotations).length > 0 ? { ...p.podAnnotations } : undefined,
      },
      spec: {
        automountServiceAccountToken: p.automountServiceAccountToken ?? false,
        serviceAccountName: p.serviceAccountName,
        securityContext: renderPodSecurityContext(this.security),
        containers: [container],
        volumes: mounts.length > 0 ? mounts.map((m, i) => m._renderVolume(volumeNames[i])) : undefined,
      },
    };
  }

  private pushEnv(check: PropChecker, prop: string, name: string, value: unknown): void {
    const where = prop === 'env' ? `env.${name}` : prop;
    if (!check.envName(prop === 'env' ? 'env key' : `${prop} name`, name)) return;
    if (this.env.some(([n]) => n === name)) {
      check.fail(where, name, 'a variable name not already set on the container');
      return;
    }
    let env: EnvValue;
    if (typeof value === 'string') {
      env = EnvValue.fromValue(value);
    } else if (value instanceof EnvValue) {
      env = value;
    } else {
      check.fail(where, value, 'a string or an EnvValue (EnvValue.fromSecret(), EnvValue.fromConfig(), ...); numbers and booleans must be quoted');
      return;
    }
    env._check(check, where);
    this.env.push([name, env]);
  }

  private pushEnvFrom(check: PropChecker, prop: string, source: unknown): void {
    if (!(source instanceof EnvFrom)) {
      check.fail(prop, source, 'EnvFrom.config(config) or EnvFrom.secret(secret)');
      return;
    }
    source._check(check, prop);
    this.envFrom.push(source);
  }

  private pushMount(check: PropChecker, prop: string, mount: unknown): void {
    if (!(mount instanceof Mount)) {
      check.fail(prop, mount, 'Mount.config(), Mount.secret() or Mount.emptyDir()');
      return;
    }
    mount._check(check, prop);
    if (this.mounts.some((m) => m.path === mount.path)) {
      check.fail(`${prop} path`, mount.path, 'a mount path not already used by another mount of the container');
      return;
    }
    this.mounts.push(mount);
  }
}

function checkResources(check: PropChecker, resources: Resources | undefined): void {
  if (!isPlainRecord(resources)) {
    check.fail('resources', resources, 'an object { requests: { cpu, memory }, limits?: { cpu?, memory? } }');
    return;
  }
  const requests = resources.requests as ResourceAmounts | undefined;
  const limits = resources.limits as ResourceAmounts | undefined;
  if (!isPlainRecord(requests)) {
    check.fail('resources.requests', requests, 'an object { cpu, memory } such as { cpu: "100m", memory: "128Mi" }');
  } else {
    for (const [key] of RESOURCE_KEYS) {
      if (requests[key] !== undefined || key !== 'ephemeralStorage') check.quantity(`resources.requests.${key}`, requests[key]);
    }
  }
  if (limits !== undefined && !isPlainRecord(limits)) {
    check.fail('resources.limits', limits, 'an object { cpu?, memory?, ephemeralStorage? }');
    return;
  }
  for (const [key] of RESOURCE_KEYS) {
    const limit = limits?.[key];
    if (limit === undefined || !check.quantity(`resources.limits.${key}`, limit)) continue;
    const request = isPlainRecord(requests) ? requests[key] : undefined;
    if (typeof request === 'string' && parseQuantity(request) !== undefined && compareQuantities(limit, request) < 0) {
      check.fail(`resources.limits.${key}`, limit, `a limit of at least the request (${request})`);
    }
  }
}

function renderResources(resources: Resources): k8s.ResourceRequirements {
  const requests: Record<string, k8s.Quantity> = {};
  const limits: Record<string, k8s.Quantity> = {};
  const effectiveLimits: ResourceAmounts = { ...resources.limits, memory: resources.limits?.memory ?? resources.requests.memory };
  for (const [key, name] of RESOURCE_KEYS) {
    const r = resources.requests[key];
    if (r !== undefined) requests[name] = k8s.Quantity.fromString(r);
    const l = effectiveLimits[key];
    if (l !== undefined) limits[name] = k8s.Quantity.fromString(l);
  }
  return { requests, limits: Object.keys(limits).length > 0 ? limits : undefined };
}

/** Volume names, unique in the pod and at most 63 characters, in mount order. */
function assignVolumeNames(mounts: Mount[]): string[] {
  const used = new Set<string>();
  return mounts.map((m) => {
    const base = m._volumeBaseName();
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `-${n}`;
      const name = `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  });
}
