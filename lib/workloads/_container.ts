import { IConstruct } from 'constructs';
import { k8s, Quantity } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { compareQuantities, parseQuantity } from '../core/quantity';
import { IMAGE_ALLOWED, ImageReference, isPinned, parseImage } from '../core/_image-reference';
import { ContainerAdditions, JsonObject, l1Json, withFields } from './_k8s-json';
import { ContainerOptions } from './container';
import { EnvFrom, EnvValue } from './env';
import { ImagePullPolicy } from './image-pull-policy';
import { LifecycleHook } from './lifecycle-hook';
import { Mount } from './mount';
import { Probe } from './probe';
import { ResourceAmounts, Resources } from './resources';
import { renderContainerSecurityContext, ResolvedSecurity, resolveSecurity } from './security';

/** A container port, as the workload declares it. @internal */
export interface ContainerPortSpec {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol: string;
}

/** Everything one container is made of, as props say it. @internal */
export interface ContainerInput extends ContainerOptions {
  readonly name: string;
  readonly ports: ContainerPortSpec[];
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly startupProbe?: Probe;
  readonly preStop?: LifecycleHook;
}

/** What rendering a container needs of its pod. @internal */
export interface ContainerRenderOptions {
  /** The target Kubernetes version. */
  readonly kubernetesVersion: string;
  /** The pod-level security settings (the main container's). */
  readonly pod: ResolvedSecurity;
  /** Whether the container is a native sidecar: an init container with `restartPolicy: Always`. */
  readonly nativeSidecar?: boolean;
}

const RESOURCE_KEYS: Array<[keyof ResourceAmounts, string]> = [
  ['cpu', 'cpu'], ['memory', 'memory'], ['ephemeralStorage', 'ephemeral-storage'],
];

/**
 * One container of a pod: checks its props (prop names prefixed by `prefix`, e.g. `sidecars[0].`) and renders it.
 *
 * @internal
 */
export class ContainerBuilder {
  public readonly name: string;
  public readonly image?: ImageReference;
  public readonly security: ResolvedSecurity;
  public readonly resources: Resources;
  public readonly ports: ContainerPortSpec[];
  private readonly env: Array<[string, EnvValue]> = [];
  private readonly envFrom: EnvFrom[] = [];
  private readonly mounts: Mount[] = [];
  private readonly imagePullPolicy: ImagePullPolicy;

  constructor(check: PropChecker, prefix: string, private readonly input: ContainerInput) {
    const p = input;
    const ref = typeof p.image === 'string' ? parseImage(p.image) : undefined;
    if (!ref) check.fail(`${prefix}image`, p.image, IMAGE_ALLOWED);
    this.image = ref;
    this.name = p.name;
    this.ports = p.ports;

    if (p.imagePullPolicy !== undefined && !ImagePullPolicy.isImagePullPolicy(p.imagePullPolicy)) {
      check.fail(`${prefix}imagePullPolicy`, p.imagePullPolicy, 'ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT or ImagePullPolicy.NEVER');
    }
    this.imagePullPolicy = p.imagePullPolicy ?? (ref && isPinned(ref) ? ImagePullPolicy.IF_NOT_PRESENT : ImagePullPolicy.ALWAYS);
    if (p.command !== undefined) check.stringList(`${prefix}command`, p.command, false);
    if (p.args !== undefined) check.stringList(`${prefix}args`, p.args);
    if (p.workingDir !== undefined && (typeof p.workingDir !== 'string' || !p.workingDir.startsWith('/'))) {
      check.fail(`${prefix}workingDir`, p.workingDir, 'an absolute path, e.g. "/app"');
    }
    checkResources(check, `${prefix}resources`, p.resources);
    this.resources = p.resources ?? { requests: { cpu: '0', memory: '0' } };

    if (p.env !== undefined) {
      if (!isPlainRecord(p.env)) {
        check.fail(`${prefix}env`, p.env, 'an object mapping variable names to strings or EnvValues');
      } else {
        for (const [name, value] of Object.entries(p.env)) this.pushEnv(check, `${prefix}env`, name, value);
      }
    }
    if (p.envFrom !== undefined) {
      if (!Array.isArray(p.envFrom)) {
        check.fail(`${prefix}envFrom`, p.envFrom, 'an array of EnvFrom.config() / EnvFrom.secret()');
      } else {
        p.envFrom.forEach((e, i) => this.pushEnvFrom(check, `${prefix}envFrom[${i}]`, e));
      }
    }
    if (p.mounts !== undefined) {
      if (!Array.isArray(p.mounts)) {
        check.fail(`${prefix}mounts`, p.mounts, 'an array of Mount.config() / Mount.secret() / Mount.emptyDir() / Mount.claim()');
      } else {
        p.mounts.forEach((m, i) => this.pushMount(check, `${prefix}mounts[${i}]`, m));
      }
    }
    check.knownKeys(`${prefix}security`, p.security, 'SecurityOptions');
    this.security = resolveSecurity(check, `${prefix}security`, p.security);

    const ports = p.ports.map((x) => x.containerPort);
    p.readinessProbe?._check(check, `${prefix}readinessProbe`, { liveness: false, ports });
    p.livenessProbe?._check(check, `${prefix}livenessProbe`, { liveness: true, ports });
    p.startupProbe?._check(check, `${prefix}startupProbe`, { liveness: true, ports });
    if (p.preStop !== undefined) {
      if (!LifecycleHook.isLifecycleHook(p.preStop)) {
        check.fail(`${prefix}preStop`, p.preStop, 'LifecycleHook.sleep(seconds), LifecycleHook.exec(command) or LifecycleHook.http(path)');
      } else {
        p.preStop._check(check, `${prefix}preStop`, ports);
      }
    }
  }

  /** Adds an environment variable. */
  public addEnv(check: PropChecker, prop: string, name: string, value: string | EnvValue): void {
    this.pushEnv(check, prop, name, value);
  }

  /** Adds an `envFrom` source. */
  public addEnvFrom(check: PropChecker, prop: string, source: EnvFrom): void {
    this.pushEnvFrom(check, prop, source);
  }

  /** Adds a mount. */
  public addMount(check: PropChecker, prop: string, mount: Mount): void {
    this.pushMount(check, prop, mount);
  }

  /** Whether the container sets the variable `name`. */
  public hasEnv(name: string): boolean {
    return this.env.some(([n]) => n === name);
  }

  /** The mounts, with the shared writable `/tmp` when the container needs it. */
  public allMounts(tmp: Mount): Mount[] {
    const mounts = [...this.mounts];
    if (this.security.writableTmp && !mounts.some((m) => m.path === '/tmp')) mounts.push(tmp);
    return mounts;
  }

  /** The ConfigMaps and Secrets the container reads. */
  public references(): IConstruct[] {
    return [
      ...this.env.flatMap(([, v]) => v._references()),
      ...this.envFrom.flatMap((e) => e._references()),
      ...this.mounts.flatMap((m) => m._references()),
    ];
  }

  /** Problems visible only once the stack is complete. */
  public validate(): string[] {
    return [
      ...this.env.flatMap(([name, value]) => value._validate(name)),
      ...this.mounts.flatMap((m) => m._validate()),
    ];
  }

  /**
   * Renders the container as Kubernetes JSON; `volumeName` names the volume of each of its mounts, `pod` holds the
   * pod-level security settings, `nativeSidecar` makes it an init container that runs for the pod's whole life.
   */
  public render(tmp: Mount, volumeName: (m: Mount) => string, options: ContainerRenderOptions): JsonObject {
    const p = this.input;
    const mounts = this.allMounts(tmp);
    const mainPort = this.ports[0]?.containerPort;
    const json = l1Json('Container', {
      name: this.name,
      image: p.image as string,
      imagePullPolicy: this.imagePullPolicy.value,
      command: p.command ? [...p.command] : undefined,
      args: p.args ? [...p.args] : undefined,
      workingDir: p.workingDir,
      ports: this.ports.length > 0
        ? this.ports.map((x) => ({ name: x.name, containerPort: x.containerPort, protocol: x.protocol }))
        : undefined,
      env: this.env.length > 0 ? this.env.map(([name, value]) => value._render(name)) : undefined,
      envFrom: this.envFrom.length > 0 ? this.envFrom.map((e) => e._render()) : undefined,
      resources: renderResources(this.resources),
      readinessProbe: p.readinessProbe?._render(mainPort),
      livenessProbe: p.livenessProbe?._render(mainPort),
      startupProbe: p.startupProbe?._render(mainPort),
      volumeMounts: mounts.length > 0 ? mounts.map((m) => m._renderMount(volumeName(m))) : undefined,
    });
    json.securityContext = renderContainerSecurityContext(this.security, options.pod, options.kubernetesVersion);
    return withFields<ContainerAdditions>(json, {
      restartPolicy: options.nativeSidecar ? 'Always' : undefined,
      lifecycle: p.preStop ? { preStop: p.preStop._render(mainPort, options.kubernetesVersion) } : undefined,
    });
  }

  private pushEnv(check: PropChecker, prop: string, name: string, value: unknown): void {
    const isProp = prop.endsWith('env');
    const where = isProp ? `${prop}.${name}` : prop;
    if (!check.envName(isProp ? `${prop} key` : `${prop} name`, name)) return;
    if (this.env.some(([n]) => n === name)) {
      check.fail(where, name, 'a variable name not already set on the container');
      return;
    }
    let env: EnvValue;
    if (typeof value === 'string') {
      env = EnvValue.fromValue(value);
    } else if (EnvValue.isEnvValue(value)) {
      env = value;
    } else {
      check.fail(where, value, 'a string or an EnvValue (EnvValue.fromSecret(), EnvValue.fromConfig(), ...); numbers and booleans must be quoted');
      return;
    }
    env._check(check, where);
    this.env.push([name, env]);
  }

  private pushEnvFrom(check: PropChecker, prop: string, source: unknown): void {
    if (!EnvFrom.isEnvFrom(source)) {
      check.fail(prop, source, 'EnvFrom.config(config) or EnvFrom.secret(secret)');
      return;
    }
    source._check(check, prop);
    this.envFrom.push(source);
  }

  private pushMount(check: PropChecker, prop: string, mount: unknown): void {
    if (!Mount.isMount(mount)) {
      check.fail(prop, mount, 'Mount.config(), Mount.secret(), Mount.emptyDir() or Mount.claim()');
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

function checkResources(check: PropChecker, prop: string, resources: Resources | undefined): void {
  if (!isPlainRecord(resources)) {
    check.fail(prop, resources, 'an object { requests: { cpu, memory }, limits?: { cpu?, memory? } } (or WorkloadDefaults resources on the app or stack)');
    return;
  }
  const requests = resources.requests as ResourceAmounts | undefined;
  const limits = resources.limits as ResourceAmounts | undefined;
  check.knownKeys(prop, resources, 'Resources');
  check.knownKeys(`${prop}.requests`, requests, 'ResourceRequests');
  check.knownKeys(`${prop}.limits`, limits, 'ResourceAmounts');
  if (!isPlainRecord(requests)) {
    check.fail(`${prop}.requests`, requests, 'an object { cpu, memory } such as { cpu: "100m", memory: "128Mi" }');
  } else {
    for (const [key] of RESOURCE_KEYS) {
      if (requests[key] !== undefined || key !== 'ephemeralStorage') check.quantity(`${prop}.requests.${key}`, requests[key]);
    }
  }
  if (limits !== undefined && !isPlainRecord(limits)) {
    check.fail(`${prop}.limits`, limits, 'an object { cpu?, memory?, ephemeralStorage? }');
    return;
  }
  for (const [key] of RESOURCE_KEYS) {
    const limit = limits?.[key];
    if (limit === undefined || !check.quantity(`${prop}.limits.${key}`, limit)) continue;
    const request = isPlainRecord(requests) ? requests[key] : undefined;
    if (typeof request === 'string' && parseQuantity(request) !== undefined && compareQuantities(limit, request) < 0) {
      check.fail(`${prop}.limits.${key}`, limit, `a limit of at least the request (${request})`);
    }
  }
}

/** The effective limits: the memory limit defaults to the memory request. @internal */
export function effectiveLimits(resources: Resources): ResourceAmounts {
  return { ...resources.limits, memory: resources.limits?.memory ?? resources.requests.memory };
}

function renderResources(resources: Resources): k8s.ResourceRequirements {
  const requests: Record<string, k8s.Quantity> = {};
  const limits: Record<string, k8s.Quantity> = {};
  const eff = effectiveLimits(resources);
  for (const [key, name] of RESOURCE_KEYS) {
    const r = resources.requests[key];
    if (r !== undefined) requests[name] = Quantity.fromString(r);
    const l = eff[key];
    if (l !== undefined) limits[name] = Quantity.fromString(l);
  }
  return { requests, limits: Object.keys(limits).length > 0 ? limits : undefined };
}
