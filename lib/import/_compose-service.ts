/**
 * One Compose service as the objects this library's constructs write by default: a Deployment named after the
 * service (the constructs' default selector, the main container named after the workload, the first port named
 * `http`), and a Service for its `ports` and `expose`.
 *
 * @internal
 */
import { parseImage } from '../core/_image-reference';
import { isDns1035Label, isDns1123Label, isValidPortName } from '../core/names';
import { SERVICE_KEYS_TRANSLATED, SERVICE_KEYS_WITHOUT_MEANING, DEPLOY_KEYS_WITHOUT_MEANING } from './_compose-keys';
import { entry } from './_import-context';
import { splitShellWords } from './_compose-text';
import {
  ComposeMount, ComposePort, describe, isRecord, looksSecret, parseBytes, parseCpus, parseDurationSeconds, parseMount, parsePort,
} from './_compose-values';
import { SourcedObject } from './import-model';

/** A top-level named volume and the claim it becomes. */
export interface DeclaredVolume {
  /** Its key under `volumes:`. */
  readonly key: string;
  /** The PersistentVolumeClaim's name. */
  readonly claimName: string;
  /** Whether it is `external` (the claim exists; none is made). */
  readonly external: boolean;
}

/** What translating a service needs of the whole file. */
export interface ComposeContext {
  readonly file: string;
  readonly namespace: string;
  readonly volumes: ReadonlyMap<string, DeclaredVolume>;
  /** Reports a problem at `path` (`services.web.ports`). */
  readonly problem: (path: string, message: string) => void;
  /** The ConfigMap made of an env file, or `undefined` (after a problem) when there is none. */
  readonly envFileConfig: (relative: string, required: boolean, path: string) => string | undefined;
  /** Records that the service mounts `volume` (its claim is made on first use). */
  readonly claim: (volume: DeclaredVolume) => void;
}

/** What a service became. */
export interface TranslatedService {
  readonly name: string;
  /** Whether it has a Service (ports to connect to). */
  readonly hasService: boolean;
  /** Its Deployment, and its Service if it has one. */
  readonly objects: SourcedObject[];
}

/**
 * The labels a workload's pods carry, and its Deployment and Service select them by: the constructs' default selector
 * (`app.kubernetes.io/instance` is the stack's instance, which is its namespace unless set otherwise). The other
 * recommended labels (version, component, part-of, managed-by) are not written: the Compose file has none, and the
 * generated code's constructs add them as the library does for every object.
 */
export function selectorLabels(namespace: string, name: string): Record<string, string> {
  return { 'app.kubernetes.io/instance': namespace, 'app.kubernetes.io/name': name };
}

/** Compose's healthcheck defaults (`interval`, `timeout`: 30 s; `retries`: 3). */
const HEALTHCHECK_DEFAULT_SECONDS = 30;
const HEALTHCHECK_DEFAULT_RETRIES = 3;

type Container = Record<string, unknown>;

/** Translates one service; `undefined` (after a problem) when it cannot be imported at all. */
export function translateService(name: string, service: unknown, ctx: ComposeContext): TranslatedService | undefined {
  const path = `services.${name}`;
  const at = (key: string, message: string) => ctx.problem(`${path}.${key}`, message);
  if (!isRecord(service)) {
    ctx.problem(path, `received ${describe(service)}; allowed: a map of the service's options (image, ports, environment, ...)`);
    return undefined;
  }
  const exposesPorts = nonEmptyList(service.ports) || nonEmptyList(service.expose);
  const nameErrors = exposesPorts ? isDns1035Label(name) : isDns1123Label(name);
  if (nameErrors.length > 0) {
    const suggestion = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+|-+$/g, '');
    ctx.problem(path, `"${name}" cannot be a Kubernetes name (${exposesPorts ? 'a Service name: ' : ''}${nameErrors[0]}): the service is not imported; ` +
      `rename it${suggestion ? ` (e.g. "${suggestion}")` : ''} here and where other services name it`);
    return undefined;
  }
  for (const key of Object.keys(service)) {
    if (SERVICE_KEYS_TRANSLATED.has(key)) continue;
    if (key.startsWith('x-')) at(key, 'an extension field: ignored');
    else if (entry(SERVICE_KEYS_WITHOUT_MEANING, key) !== undefined) at(key, `not imported: ${entry(SERVICE_KEYS_WITHOUT_MEANING, key)}`);
    else at(key, 'not a key of a Compose service: ignored');
  }
  const image = service.image;
  if (typeof image !== 'string' || image === '') {
    ctx.problem(path, service.build !== undefined
      ? 'has only build, no image: a cluster runs images from a registry; build and push the image, then set image: and import again. The service is not imported'
      : `has no image (received ${describe(image)}); allowed: the image it runs, e.g. image: nginx:1.25. The service is not imported`);
    return undefined;
  }
  if (!parseImage(image)) {
    at('image', `"${image}" is not an image reference ([registry/]repository[:tag][@digest], lower case): the service is not imported`);
    return undefined;
  }
  if (service.build !== undefined) at('build', `not imported: the workload runs the image "${image}"; build and push it before deploying`);

  const container: Container = { name, image };
  translateCommand(service, container, at);
  if (service.working_dir !== undefined) {
    if (typeof service.working_dir === 'string' && service.working_dir.startsWith('/')) container.workingDir = service.working_dir;
    else at('working_dir', `received ${describe(service.working_dir)}; allowed: an absolute path in the container`);
  }
  translateEnvFiles(service, container, ctx, path);
  translateEnvironment(service, container, at);
  const ports = translatePorts(service, at);
  if (ports.length > 0) container.ports = ports.map((p) => ({ containerPort: p.target, name: p.name, protocol: p.protocol }));
  translateResources(service, container, at);
  translateHealthcheck(service, container, at);
  translatePullPolicy(service, container, at);
  const volumes = translateMounts(service, container, ctx, at);
  const replicas = translateDeploy(service, at);
  translateRestart(service, at);

  const podSpec: Record<string, unknown> = { containers: [container] };
  if (volumes.length > 0) podSpec.volumes = volumes;
  if (service.stop_grace_period !== undefined) {
    const d = parseDurationSeconds(service.stop_grace_period);
    if ('problem' in d) at('stop_grace_period', d.problem);
    else podSpec.terminationGracePeriodSeconds = d.value.seconds;
  }

  const selector = selectorLabels(ctx.namespace, name);
  const source = `${ctx.file}: ${path}`;
  const objects: SourcedObject[] = [{
    source,
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ctx.namespace },
      spec: {
        replicas,
        selector: { matchLabels: selector },
        template: { metadata: { labels: { ...selector } }, spec: podSpec },
      },
    },
  }];
  if (ports.length > 0) {
    objects.push({
      source,
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: ctx.namespace },
        spec: {
          ports: ports.map((p) => ({ name: p.name, port: p.servicePort, protocol: p.protocol, targetPort: p.target })),
          selector: { ...selector },
          type: 'ClusterIP',
        },
      },
    });
  }
  return { name, hasService: ports.length > 0, objects };
}

function nonEmptyList(x: unknown): boolean {
  return Array.isArray(x) && x.length > 0;
}

type At = (key: string, message: string) => void;

/** `entrypoint` → the container's `command`, `command` → its `args` (a string is split into words as Compose does). */
function translateCommand(service: Record<string, unknown>, container: Container, at: At): void {
  for (const [key, field] of [['entrypoint', 'command'], ['command', 'args']] as const) {
    const value = service[key];
    if (value === undefined || value === null) continue;
    let words: string[] | undefined;
    if (typeof value === 'string') words = splitShellWords(value);
    else if (Array.isArray(value) && value.every((w) => typeof w === 'string' || typeof w === 'number')) words = value.map(String);
    if (words === undefined) at(key, `received ${describe(value)}; allowed: a list of words, or a string (split into words with shell quoting)`);
    else container[field] = words;
  }
}

/** `env_file` (a path, or a list of paths or `{ path, required }`) → a ConfigMap each, in `envFrom` (later files win, as in Compose). */
function translateEnvFiles(service: Record<string, unknown>, container: Container, ctx: ComposeContext, path: string): void {
  const value = service.env_file;
  if (value === undefined || value === null) return;
  const entries = Array.isArray(value) ? value : [value];
  const envFrom: unknown[] = [];
  for (const entry of entries) {
    const file = typeof entry === 'string' ? entry : isRecord(entry) && typeof entry.path === 'string' ? entry.path : undefined;
    if (file === undefined) {
      ctx.problem(`${path}.env_file`, `received ${describe(entry)}; allowed: a file path, or { path, required }`);
      continue;
    }
    const required = !(isRecord(entry) && entry.required === false);
    const config = ctx.envFileConfig(file, required, `${path}.env_file`);
    if (config !== undefined) envFrom.push({ configMapRef: { name: config } });
  }
  if (envFrom.length > 0) container.envFrom = envFrom;
}

/** `environment` (a map, or a list of `KEY=VALUE`) → the container's `env`, in order. */
function translateEnvironment(service: Record<string, unknown>, container: Container, at: At): void {
  const value = service.environment;
  if (value === undefined || value === null) return;
  let entries: Array<[string, unknown]>;
  if (isRecord(value)) entries = Object.entries(value);
  else if (Array.isArray(value) && value.every((e) => typeof e === 'string')) {
    entries = (value as string[]).map((e) => {
      const eq = e.indexOf('=');
      return eq < 0 ? [e, null] : [e.slice(0, eq), e.slice(eq + 1)];
    });
  } else {
    at('environment', `received ${describe(value)}; allowed: a map of names to values, or a list of "NAME=value"`);
    return;
  }
  const env = new Map<string, string>();
  for (const [key, v] of entries) {
    if (v === null || v === undefined) {
      at(`environment.${key}`, 'has no value: Compose takes it from the environment it runs in, which import never reads; set it on the workload (env), from a Config or a Secret');
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      env.set(key, String(v));
      if (looksSecret(key) && v !== '') {
        at(`environment.${key}`, 'looks like a secret: its value is written into the generated code; keep it in a Secret instead (EnvValue.fromSecret())');
      }
    } else {
      at(`environment.${key}`, `received ${describe(v)}; allowed: a string, number or boolean`);
    }
  }
  if (env.size > 0) container.env = [...env].map(([name, v]) => ({ name, value: v }));
}

/** A port of the workload: the container port, the Service port and the name. */
interface WorkloadPort {
  readonly name: string;
  readonly target: number;
  readonly servicePort: number;
  readonly protocol: string;
}

/**
 * `ports` and `expose` → the container's ports and the Service's: the Service port is the published one (else the
 * container's). The first is named `http` (the constructs' main port), the others after the protocol and port
 * (`port-9090`, `udp-53`), or as the long syntax names them.
 */
function translatePorts(service: Record<string, unknown>, at: At): WorkloadPort[] {
  const found: Array<ComposePort & { key: string }> = [];
  let published = false;
  for (const key of ['ports', 'expose'] as const) {
    const value = service[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      at(key, `received ${describe(value)}; allowed: a list of ports`);
      continue;
    }
    for (const entry of value) {
      const p = parsePort(entry, key === 'expose');
      if ('problem' in p) {
        at(key, `${p.problem}: the port is not imported`);
        continue;
      }
      if (p.value.hostIp !== undefined && p.value.hostIp !== '') at(key, `${describe(entry)}: the host IP ${p.value.hostIp} has no Kubernetes meaning and is ignored`);
      if (key === 'ports') published = true;
      found.push({ ...p.value, key });
    }
  }
  if (published) {
    at('ports', 'Compose publishes these ports on the host; the Service is ClusterIP, reached inside the cluster: ' +
      'to reach it from outside, add an Ingress or set serviceType: ServiceType.loadBalancer()');
  }
  const ports: WorkloadPort[] = [];
  const names = new Set<string>();
  for (const p of found) {
    const servicePort = p.published ?? p.target;
    const sameTarget = ports.find((q) => q.target === p.target && q.protocol === p.protocol);
    const sameServicePort = ports.find((q) => q.servicePort === servicePort && q.protocol === p.protocol);
    if (sameTarget && sameTarget.servicePort === servicePort) continue;
    if (sameTarget || sameServicePort) {
      at(p.key, `${p.target}/${p.protocol.toLowerCase()} as ${servicePort}: the Service has port ${(sameTarget ?? sameServicePort)!.servicePort} for container port ` +
        `${(sameTarget ?? sameServicePort)!.target} already (one Service port per container port): not imported`);
      continue;
    }
    let name = ports.length === 0 ? 'http' : `${p.protocol === 'TCP' ? 'port' : p.protocol.toLowerCase()}-${p.target}`;
    if (p.name !== undefined) {
      if (isValidPortName(p.name).length === 0) name = p.name;
      else at(p.key, `the port name "${p.name}" is not an IANA service name (${isValidPortName(p.name)[0]}): it is named "${name}"`);
    }
    for (let n = 2; names.has(name); n++) name = `p${n}-${p.target}`;
    names.add(name);
    ports.push({ name, target: p.target, servicePort, protocol: p.protocol });
  }
  return ports;
}

/**
 * `deploy.resources` (`limits`, `reservations`: `cpus`, `memory`) and the older `cpus`, `mem_limit`,
 * `mem_reservation` → the container's resources: reservations are requests, limits are limits; `cpus: 0.5` is
 * `500m`, `memory: 512M` is `512Mi` (Docker's units are powers of 1024).
 */
function translateResources(service: Record<string, unknown>, container: Container, at: At): void {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const read = (value: unknown, key: string, kind: 'cpu' | 'memory', into: Record<string, string>) => {
    if (value === undefined || value === null) return;
    const q = kind === 'cpu' ? parseCpus(value) : parseBytes(value);
    if ('problem' in q) at(key, q.problem);
    else into[kind] = q.value;
  };
  const deploy = isRecord(service.deploy) ? service.deploy : {};
  const resources = deploy.resources;
  if (resources !== undefined && resources !== null) {
    if (!isRecord(resources)) at('deploy.resources', `received ${describe(resources)}; allowed: a map with limits and reservations`);
    else {
      for (const [group, into] of [['limits', limits], ['reservations', requests]] as const) {
        const g = resources[group];
        if (g === undefined || g === null) continue;
        if (!isRecord(g)) {
          at(`deploy.resources.${group}`, `received ${describe(g)}; allowed: a map with cpus and memory`);
          continue;
        }
        read(g.cpus, `deploy.resources.${group}.cpus`, 'cpu', into);
        read(g.memory, `deploy.resources.${group}.memory`, 'memory', into);
        for (const k of Object.keys(g).filter((x) => x !== 'cpus' && x !== 'memory')) {
          at(`deploy.resources.${group}.${k}`, k === 'devices' || k === 'generic_resources'
            ? 'not imported: devices (GPUs) are extended resources of the node; request them with an escape hatch (addJsonPatch)'
            : k === 'pids' ? 'not imported: the number of processes is limited per node (the kubelet\'s podPidsLimit)'
              : 'not a key of Compose resources: ignored');
        }
      }
      for (const k of Object.keys(resources).filter((x) => x !== 'limits' && x !== 'reservations')) at(`deploy.resources.${k}`, 'not a key of Compose resources: ignored');
    }
  }
  if (limits.cpu === undefined) read(service.cpus, 'cpus', 'cpu', limits);
  if (limits.memory === undefined) read(service.mem_limit, 'mem_limit', 'memory', limits);
  if (requests.memory === undefined) read(service.mem_reservation, 'mem_reservation', 'memory', requests);
  const r: Record<string, unknown> = {};
  if (Object.keys(limits).length > 0) r.limits = limits;
  if (Object.keys(requests).length > 0) r.requests = requests;
  if (Object.keys(r).length > 0) container.resources = r;
}

/**
 * `healthcheck` → a readiness and a liveness exec probe with the same command: `CMD` runs its words, `CMD-SHELL` (and
 * a string) runs `/bin/sh -c` with its text. Timings: `periodSeconds` is `interval`, `timeoutSeconds` is `timeout`
 * (Compose's default of 30 s each written out, since Kubernetes' are 10 s and 1 s), `failureThreshold` is
 * `retries` (3 in both); the liveness probe's `initialDelaySeconds` is `start_period` (Compose ignores failures
 * during it); durations in whole seconds, rounded up. `disable: true` or `test: ["NONE"]` gives no probes.
 */
function translateHealthcheck(service: Record<string, unknown>, container: Container, at: At): void {
  const h = service.healthcheck;
  if (h === undefined || h === null) return;
  if (!isRecord(h)) {
    at('healthcheck', `received ${describe(h)}; allowed: a map with test, interval, timeout, retries, start_period`);
    return;
  }
  if (h.disable === true) return;
  let command: string[] | undefined;
  const test = h.test;
  if (typeof test === 'string') command = ['/bin/sh', '-c', test];
  else if (Array.isArray(test) && test.length > 0 && test.every((w) => typeof w === 'string')) {
    const [kind, ...rest] = test as string[];
    if (kind === 'NONE') return;
    if (kind === 'CMD' && rest.length > 0) command = rest;
    else if (kind === 'CMD-SHELL' && rest.length === 1) command = ['/bin/sh', '-c', rest[0]];
  } else if (test === undefined) {
    at('healthcheck', 'has no test: the image\'s HEALTHCHECK applies, which import cannot read; no probes are imported (write Probe.exec([...]) with its command)');
    return;
  }
  if (command === undefined) {
    at('healthcheck.test', `received ${describe(test)}; allowed: ["CMD", "program", "arg", ...], ["CMD-SHELL", "command line"], ["NONE"] or a command line: no probes are imported`);
    return;
  }
  const seconds = (key: string, fallback: number, minimum: number): number => {
    const value = h[key];
    if (value === undefined || value === null) return fallback;
    const d = parseDurationSeconds(value);
    if ('problem' in d) {
      at(`healthcheck.${key}`, `${d.problem}: Compose's default (${fallback}s) is used`);
      return fallback;
    }
    if (d.value.seconds === 0 && minimum > 0) return fallback;
    if (d.value.rounded) at(`healthcheck.${key}`, `"${value}" is rounded up to ${Math.max(d.value.seconds, minimum)}s: probe timings are whole seconds`);
    return Math.max(d.value.seconds, minimum);
  };
  const period = seconds('interval', HEALTHCHECK_DEFAULT_SECONDS, 1);
  const timeout = seconds('timeout', HEALTHCHECK_DEFAULT_SECONDS, 1);
  const startPeriod = seconds('start_period', 0, 0);
  let retries = HEALTHCHECK_DEFAULT_RETRIES;
  if (h.retries !== undefined && h.retries !== null) {
    if (Number.isInteger(h.retries) && (h.retries as number) >= 1) retries = h.retries as number;
    else at('healthcheck.retries', `received ${describe(h.retries)}; allowed: a whole number of at least 1: Compose's default (3) is used`);
  }
  if (h.start_interval !== undefined) at('healthcheck.start_interval', 'not imported: Kubernetes probes have one period (interval); a startupProbe can check more often while the container starts');
  for (const k of Object.keys(h).filter((x) => !['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable'].includes(x))) {
    at(`healthcheck.${k}`, 'not a key of a Compose healthcheck: ignored');
  }
  const timing = { periodSeconds: period, timeoutSeconds: timeout, ...(retries !== 3 ? { failureThreshold: retries } : {}) };
  container.readinessProbe = { exec: { command }, ...timing };
  container.livenessProbe = { exec: { command: [...command] }, ...(startPeriod > 0 ? { initialDelaySeconds: startPeriod } : {}), ...timing };
}

/** `pull_policy` → the container's `imagePullPolicy`. */
function translatePullPolicy(service: Record<string, unknown>, container: Container, at: At): void {
  const value = service.pull_policy;
  if (value === undefined || value === null) return;
  const policy = ({ always: 'Always', never: 'Never', missing: 'IfNotPresent', if_not_present: 'IfNotPresent' } as Record<string, string>)[String(value)];
  if (policy !== undefined) container.imagePullPolicy = policy;
  else at('pull_policy', `"${value}" has no Kubernetes counterpart (allowed there: always, never, missing, if_not_present): the image pull policy is left to its default`);
}

/**
 * `volumes` and `tmpfs` → the pod's volumes and the container's mounts, named as the constructs name them
 * (`claim-<claim>`, the path's words for a scratch folder): a named volume is its claim; an anonymous volume an
 * `emptyDir`; a tmpfs an `emptyDir` in memory; a bind mount (a host path) is refused.
 */
function translateMounts(service: Record<string, unknown>, container: Container, ctx: ComposeContext, at: At): unknown[] {
  const mounts: ComposeMount[] = [];
  if (service.volumes !== undefined && service.volumes !== null) {
    if (!Array.isArray(service.volumes)) at('volumes', `received ${describe(service.volumes)}; allowed: a list of mounts`);
    else {
      for (const entry of service.volumes) {
        const m = parseMount(entry);
        if ('problem' in m) at('volumes', `${m.problem}: not imported`);
        else mounts.push(m.value);
      }
    }
  }
  const tmpfs = service.tmpfs;
  if (tmpfs !== undefined && tmpfs !== null) {
    const list = Array.isArray(tmpfs) ? tmpfs : [tmpfs];
    for (const entry of list) {
      const [target, options = ''] = typeof entry === 'string' ? [entry.split(':')[0], entry.split(':').slice(1).join(':')] : [undefined];
      if (target === undefined || !target.startsWith('/')) {
        at('tmpfs', `received ${describe(entry)}; allowed: an absolute container path, with options such as ":size=64m"`);
        continue;
      }
      let sizeLimit: string | undefined;
      for (const option of options.split(',').filter((o) => o !== '')) {
        const size = /^size=(.*)$/.exec(option);
        const parsed = size ? parseBytes(size[1]) : undefined;
        if (parsed && 'value' in parsed) sizeLimit = parsed.value;
        else at('tmpfs', `${describe(entry)}: the option "${option}" is not imported (only size=)`);
      }
      mounts.push({ type: 'tmpfs', target, readOnly: false, sizeLimit });
    }
  }
  const volumes: unknown[] = [];
  const volumeMounts: unknown[] = [];
  const used = new Set<string>();
  for (const m of mounts) {
    let volume: Record<string, unknown>;
    let base: string;
    if (m.type === 'bind') {
      at('volumes', `${m.source}:${m.target}: a bind mount of a host folder is not imported: a pod runs on any node. ` +
        'Put configuration files in a Config (Mount.config()), data in a PersistentVolumeClaim (Mount.claim()), or bake the files into the image');
      continue;
    }
    if (m.type === 'other') {
      at('volumes', `${m.target}: a mount of type ${m.otherType} has no Kubernetes counterpart: not imported`);
      continue;
    }
    if (m.type === 'volume' && m.source !== undefined) {
      const declared = ctx.volumes.get(m.source);
      if (!declared) {
        at('volumes', `${m.source}:${m.target}: the volume "${m.source}" is not declared under the top-level volumes (or could not be imported): not imported`);
        continue;
      }
      ctx.claim(declared);
      base = `claim-${declared.claimName}`;
      volume = { persistentVolumeClaim: { claimName: declared.claimName, ...(m.readOnly ? { readOnly: true } : {}) } };
    } else {
      base = slug(m.target);
      const emptyDir: Record<string, string> = {};
      if (m.type === 'tmpfs') emptyDir.medium = 'Memory';
      if (m.sizeLimit !== undefined) emptyDir.sizeLimit = m.sizeLimit;
      volume = { emptyDir };
    }
    const name = uniqueName(base, used);
    volumes.push({ name, ...volume });
    volumeMounts.push({ mountPath: m.target, name, ...(m.readOnly && m.type === 'volume' && m.source !== undefined ? { readOnly: true } : {}) });
  }
  if (volumeMounts.length > 0) container.volumeMounts = volumeMounts;
  return volumes;
}

/** A path's words as a volume name, as the library names a scratch folder's volume (`/var/cache` → `var-cache`). */
function slug(path: string): string {
  const s = path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s.length > 0 ? s : 'root';
}

/** `base` cut to the 63 characters of a volume name, numbered (`-2`, `-3`) when taken in the pod. */
function uniqueName(base: string, used: Set<string>): string {
  let n = 1;
  let name = base.slice(0, 63).replace(/-+$/, '');
  while (used.has(name)) {
    n++;
    name = `${base.slice(0, 63 - `-${n}`.length).replace(/-+$/, '')}-${n}`;
  }
  used.add(name);
  return name;
}

/** `deploy.replicas` (or the older `scale`) → the Deployment's replicas (1 by default, as in Compose); the rest of `deploy`. */
function translateDeploy(service: Record<string, unknown>, at: At): number {
  let replicas = 1;
  const deploy = service.deploy;
  if (deploy !== undefined && deploy !== null && !isRecord(deploy)) at('deploy', `received ${describe(deploy)}; allowed: a map with replicas, resources, ...`);
  const d = isRecord(deploy) ? deploy : {};
  for (const [key, value] of [['scale', service.scale], ['deploy.replicas', d.replicas]] as const) {
    if (value === undefined || value === null) continue;
    if (Number.isInteger(value) && (value as number) >= 0) replicas = value as number;
    else at(key, `received ${describe(value)}; allowed: a whole number of replicas, 0 or more`);
  }
  if (Number.isInteger(service.scale) && Number.isInteger(d.replicas) && service.scale !== d.replicas) {
    at('scale', `${service.scale} differs from deploy.replicas (${d.replicas}): deploy.replicas is used`);
  }
  for (const key of Object.keys(d)) {
    if (key === 'replicas' || key === 'resources') continue;
    if (key === 'mode') {
      if (d.mode !== 'replicated') at('deploy.mode', `"${d.mode}" is not imported: a Deployment runs replicas; for one pod per node use a DaemonSet, for a one-off task a Job`);
    } else if (key === 'restart_policy') {
      const condition = isRecord(d.restart_policy) ? d.restart_policy.condition : undefined;
      if (condition === 'none' || condition === 'on-failure') at('deploy.restart_policy', `condition "${condition}": a Deployment always restarts its containers; run a task that ends as a Job`);
      else if (isRecord(d.restart_policy) && Object.keys(d.restart_policy).some((k) => k !== 'condition')) {
        at('deploy.restart_policy', 'delay, max_attempts and window are not imported: the kubelet restarts containers with its own back-off');
      }
    } else if (entry(DEPLOY_KEYS_WITHOUT_MEANING, key) !== undefined) at(`deploy.${key}`, `not imported: ${entry(DEPLOY_KEYS_WITHOUT_MEANING, key)}`);
    else at(`deploy.${key}`, 'not a key of Compose deploy: ignored');
  }
  return replicas;
}

/** `restart`: a Deployment always restarts its containers, so `no` and `on-failure` cannot be honoured. */
function translateRestart(service: Record<string, unknown>, at: At): void {
  const restart = service.restart;
  if (restart === undefined || restart === null || restart === 'always' || restart === 'unless-stopped') return;
  if (restart === 'no' || restart === false || (typeof restart === 'string' && restart.startsWith('on-failure'))) {
    at('restart', `"${restart}" cannot be honoured: a Deployment always restarts its containers; run a task that ends as a Job`);
  } else {
    at('restart', `received ${describe(restart)}; allowed: "no", always, on-failure[:N] or unless-stopped`);
  }
}
