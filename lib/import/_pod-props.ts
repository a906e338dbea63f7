import { emptyDirVolumeName, sourceVolumeName } from '../core/_volume-names';
import { FieldStep } from './addition-field';
import { AdditionKind, ImportContext, Json, asList, asObject, asStrings, entry } from './_import-context';
import { sameLabels } from './_import-item';
import { Code, Printable, code, print, quote } from './_source-text';

/** How the pod's references to other objects are written: a variable of the module, or an import by name. */
export interface ReferenceNames {
  /** The code naming the ConfigMap `name` (an imported `Config`, or `Config.fromConfigMapName()`). */
  config(name: string): Printable;
  /** The code naming the Secret `name` (`Secret.fromSecretName()`). */
  secret(name: string): Printable;
  /** The code naming the ServiceAccount `name`. */
  serviceAccount(name: string): Printable;
  /** The code naming the PersistentVolumeClaim `name`. */
  claim(name: string): Printable;
  /** The code naming the PriorityClass `name` (an imported `PriorityClass`, or `PriorityClass.fromPriorityClassName()`). */
  priorityClass(name: string): Printable;
}

/** The main port a workload's Service (or its single container port) gives it. */
export interface MainPorts {
  /** The container ports, in the order the workload's props list them (the first is the main one). */
  readonly ports: ReadonlyArray<{ readonly name?: string; readonly containerPort: number; readonly protocol?: string }>;
}

/** What the pod template of an object became: props, or the fields no prop can express. */
export interface PodImport {
  /** The workload's props read from the pod template (container and pod settings), in prop order. */
  readonly props: Record<string, Printable>;
  /** Fields of the object (dotted, from the object's root) that no prop expresses: the object stays raw. */
  readonly unsupported: string[];
  /** The additions the construct would make to the object, by kind, with the field paths (from the object's root). */
  readonly additions: Array<[AdditionKind, FieldStep[][]]>;
  /** The main container's name. */
  readonly containerName: string;
  /** Whether the pods read a ConfigMap of the module (the config hash annotation is then added). */
  readonly readsConfig: boolean;
  /** The mount path of each claim template the main container mounts, by template name. */
  readonly claimMounts: Map<string, string>;
}

const POD_KEYS = new Set([
  'containers', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'securityContext', 'nodeSelector',
  'terminationGracePeriodSeconds', 'volumes', 'restartPolicy', 'dnsPolicy', 'schedulerName', 'initContainers',
  'priorityClassName', 'tolerations', 'affinity', 'topologySpreadConstraints',
]);
const CONTAINER_KEYS = new Set([
  'name', 'image', 'imagePullPolicy', 'command', 'args', 'workingDir', 'ports', 'env', 'envFrom', 'resources',
  'readinessProbe', 'livenessProbe', 'startupProbe', 'securityContext', 'volumeMounts', 'terminationMessagePath',
  'terminationMessagePolicy', 'lifecycle', 'restartPolicy',
]);

/** What a container is to the construct: the main one, a classic or native sidecar, or an init container. */
type ContainerRole = 'main' | 'sidecar' | 'native' | 'init';

/** Where a container is, for messages (`spec.template.spec.containers[0]`) and for additions (by name). */
interface ContainerPlace {
  /** The dotted path of a field of the container, for problems. */
  readonly at: (...rest: FieldStep[]) => string;
  /** The path of the container from the object's root, for additions (`...containers[name=web]`). */
  readonly path: FieldStep[];
}

/** What one container became. */
interface ContainerImport {
  readonly props: Record<string, Printable>;
  readonly readsConfig: boolean;
}

/** The options of podProps(). */
export interface PodOptions {
  /** The workload's name (the default container name). */
  readonly workloadName: string;
  /** The workload's selector: the pod labels it uses are not repeated in `podLabels`. */
  readonly selector: Record<string, string>;
  /** The main container's ports as the construct declares them. */
  readonly ports?: MainPorts;
  /** The pods' restartPolicy the construct renders. */
  readonly restartPolicy?: string;
  /** Whether the construct gives the main container default probes when it has none. */
  readonly probesDefault: boolean;
  /** The ConfigMaps the module defines (reading one adds the config hash). */
  readonly localConfigs: ReadonlySet<string>;
  /** The names of a StatefulSet's claim templates, which the main container may mount. */
  readonly claimTemplates: ReadonlySet<string>;
  /**
   * Whether the construct takes `spread` (a replicated workload): the pods' own topologySpreadConstraints become it.
   * Other constructs write none, so a pod with some stays raw.
   *
   * @default false
   */
  readonly spread?: boolean;
}

/**
 * Reads the pod template at `path` of an object into workload props: the main container (the first), init
 * containers, pod settings.
 */
export function podProps(ctx: ImportContext, refs: ReferenceNames, template: Json, path: string[], options: PodOptions): PodImport {
  const unsupported: string[] = [];
  const additions: Array<[AdditionKind, FieldStep[][]]> = [];
  const props: Record<string, Printable> = {};
  const dotted = (steps: readonly FieldStep[]): string => steps.map((s) => (typeof s === 'number' ? `[${s}]` : typeof s === 'object' ? `[name=${s.name}]` : `.${s}`)).join('').replace(/^\./, '');
  const at = (...rest: FieldStep[]): string => dotted([...path, ...rest]);
  const meta = asObject(template.metadata) ?? {};
  for (const k of Object.keys(meta)) if (k !== 'labels' && k !== 'annotations') unsupported.push(at('metadata', k));
  const spec = asObject(template.spec) ?? {};
  for (const k of Object.keys(spec)) if (!POD_KEYS.has(k)) unsupported.push(at('spec', k));
  if (spec.restartPolicy !== undefined && spec.restartPolicy !== (options.restartPolicy ?? 'Always')) unsupported.push(at('spec', 'restartPolicy'));
  if (spec.dnsPolicy !== undefined && spec.dnsPolicy !== 'ClusterFirst') unsupported.push(at('spec', 'dnsPolicy'));
  if (spec.schedulerName !== undefined && spec.schedulerName !== 'default-scheduler') unsupported.push(at('spec', 'schedulerName'));
  const containers = asList(spec.containers).map((c) => asObject(c) ?? {});
  if (containers.length === 0) unsupported.push(at('spec', 'containers'));
  const c = containers[0] ?? {};
  const cName = typeof c.name === 'string' ? c.name : options.workloadName;
  const grace = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 30;
  const main = containerProps(ctx, refs, c, {
    at: (...rest) => at('spec', 'containers', 0, ...rest),
    path: [...path, 'spec', 'containers', { name: cName }],
  }, { ...options, main: true, role: 'main', grace }, unsupported, additions);
  props.image = main.props.image;
  if (cName !== options.workloadName) props.containerName = cName;
  const { image: _image, name: _name, ...mainRest } = main.props;
  Object.assign(props, mainRest);
  let readsConfig = main.readsConfig;

  // The other containers: classic sidecars (the containers after the first), native sidecars (init containers with
  // restartPolicy Always, which the construct writes first among the init containers) and init containers.
  const extras: Array<{ readonly c: Json; readonly place: ContainerPlace; readonly role: ContainerRole }> = [];
  if (containers.length > 1 && (options.restartPolicy ?? 'Always') !== 'Always') {
    unsupported.push(`${at('spec', 'containers', 1)} (a second container in pods that run to completion: the construct refuses a classic sidecar, which would keep them from completing)`);
  }
  containers.slice(1).forEach((x, i) => extras.push({
    c: x, role: 'sidecar',
    place: { at: (...rest) => at('spec', 'containers', i + 1, ...rest), path: [...path, 'spec', 'containers', { name: String(x.name) }] },
  }));
  const initList = asList(spec.initContainers).map((x) => asObject(x) ?? {});
  initList.forEach((x, i) => {
    const native = x.restartPolicy === 'Always';
    const place: ContainerPlace = { at: (...rest) => at('spec', 'initContainers', i, ...rest), path: [...path, 'spec', 'initContainers', { name: String(x.name) }] };
    if (native && initList.slice(0, i).some((y) => y.restartPolicy !== 'Always')) {
      unsupported.push(`${place.at('restartPolicy')} (a native sidecar after an init container: the construct starts its sidecars first)`);
    }
    if (native && containers.length > 1) unsupported.push(`${place.at('restartPolicy')} (native and classic sidecars in one pod: a workload has one sidecarMode)`);
    extras.push({ c: x, role: native ? 'native' : 'init', place });
  });

  // Security: the pod's context and the main container's, as one SecurityOptions.
  const security = securityOptions(ctx, asObject(spec.securityContext) ?? {}, asObject(c.securityContext) ?? {}, {
    at: (...rest) => at('spec', 'containers', 0, ...rest), path: [...path, 'spec', 'containers', { name: cName }],
  }, at, unsupported, additions, path, [[...path, 'spec', 'containers', { name: cName }], ...extras.map((x) => x.place.path)]);
  if (Object.keys(security).length > 0) props.security = security;

  // Volumes: each mounted once, by one container (a Mount of the generated code has a volume of its own).
  const volumes = new Map(asList(spec.volumes).map((v) => [String(asObject(v)?.name), asObject(v) ?? {}]));
  const uses = new Map<string, number>();
  for (const x of [c, ...extras.map((e) => e.c)]) {
    for (const m of asList(x.volumeMounts)) uses.set(String(asObject(m)?.name), (uses.get(String(asObject(m)?.name)) ?? 0) + 1);
  }
  for (const [name, n] of uses) {
    if (n > 1 && volumes.has(name)) unsupported.push(`${at('spec', 'volumes')}[name=${name}] (mounted ${n} times: each mount of the generated code has a volume of its own)`);
  }
  const claimMounts = new Map<string, string>();
  const readOnlyAdded: FieldStep[][] = [];
  const mountsOf = (x: Json, place: ContainerPlace, role: ContainerRole): Printable[] => {
    const out: Printable[] = [];
    for (const [i, raw] of asList(x.volumeMounts).entries()) {
      const m = asObject(raw) ?? {};
      const name = typeof m.name === 'string' ? m.name : '';
      const where = place.at('volumeMounts', i);
      const other = otherKeys(m, ['name', 'mountPath', 'readOnly', 'subPath']);
      if (typeof m.mountPath !== 'string' || other !== '' || (m.subPath !== undefined && typeof m.subPath !== 'string')) {
        unsupported.push(`${where} (${other || 'a mountPath and subPath that are text'})`);
        continue;
      }
      if (options.claimTemplates.has(name) && m.readOnly === undefined && m.subPath === undefined && role === 'main') {
        claimMounts.set(name, m.mountPath);
        continue;
      }
      const volume = volumes.get(name);
      if ((uses.get(name) ?? 0) > 1 && volume) continue;
      const mount = volume ? mountCode(ctx, refs, volume, m.mountPath, m.readOnly, m.subPath === '' ? undefined : m.subPath as string | undefined) : undefined;
      if (mount === undefined) {
        unsupported.push(volume ? `${at('spec', 'volumes')}[name=${name}]` : where);
        continue;
      }
      if (mount.readOnlyAdded) readOnlyAdded.push([...place.path, 'volumeMounts', { name }, 'readOnly']);
      if (mount.readsConfig && options.localConfigs.has(mount.readsConfig)) readsConfig = true;
      out.push(mount.code);
    }
    return out;
  };
  const mounts = mountsOf(c, { at: (...rest) => at('spec', 'containers', 0, ...rest), path: [...path, 'spec', 'containers', { name: cName }] }, 'main');

  // Sidecars and init containers: each a ContainerSpec (the workload's security settings apply to them, as to the
  // main one).
  const sidecars: Printable[] = [];
  const inits: Printable[] = [];
  for (const { c: x, place, role } of extras) {
    const extra = containerProps(ctx, refs, x, place, { ...options, main: false, role, grace }, unsupported, additions);
    if (!containerSecurity(asObject(x.securityContext) ?? {}, asObject(c.securityContext) ?? {})) unsupported.push(place.at('securityContext'));
    readsConfig ||= extra.readsConfig;
    const own = mountsOf(x, place, role);
    const spec: Record<string, Printable> = { ...extra.props, mounts: own.length > 0 ? own : undefined };
    (role === 'init' ? inits : sidecars).push(spec);
  }
  if (inits.length > 0) props.initContainers = inits;
  if (sidecars.length > 0) {
    props.sidecars = sidecars;
    props.sidecarMode = ctx.use('SidecarMode', containers.length > 1 ? 'classic()' : 'native()');
  }
  if (readOnlyAdded.length > 0) additions.push(['readOnlyMounts', readOnlyAdded]);
  writableTmp([{ c, path: [...path, 'spec', 'containers', { name: cName }] }, ...extras.filter((x) => x.role !== 'init').map((x) => ({ c: x.c, path: x.place.path })),
    ...extras.filter((x) => x.role === 'init').map((x) => ({ c: x.c, path: x.place.path }))], security.readOnlyRootFilesystem !== false, path, at, unsupported, additions);
  for (const name of volumes.keys()) if (!uses.has(name)) unsupported.push(`${at('spec', 'volumes')}[name=${name}] (mounted by no container)`);
  if (mounts.length > 0) props.mounts = mounts;
  // Pod settings.
  const sa = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : typeof spec.serviceAccount === 'string' ? spec.serviceAccount : undefined;
  if (spec.serviceAccount !== undefined && spec.serviceAccountName !== undefined && spec.serviceAccount !== spec.serviceAccountName) unsupported.push(at('spec', 'serviceAccount'));
  if (spec.serviceAccount !== undefined && spec.serviceAccountName === undefined) unsupported.push(at('spec', 'serviceAccount'));
  if (sa !== undefined && sa !== 'default') props.serviceAccount = refs.serviceAccount(sa);
  if (typeof spec.automountServiceAccountToken === 'boolean') {
    if (spec.automountServiceAccountToken) props.automountServiceAccountToken = true;
  } else {
    additions.push(['automount', [[...path, 'spec', 'automountServiceAccountToken']]]);
  }
  const podLabels = asStrings(meta.labels);
  if (meta.labels !== undefined && podLabels === undefined) unsupported.push(at('metadata', 'labels'));
  const extraLabels = Object.fromEntries(Object.entries(podLabels ?? {}).filter(([k, v]) => options.selector[k] !== v));
  for (const [k, v] of Object.entries(options.selector)) if (podLabels?.[k] !== v) unsupported.push(at('metadata', 'labels', k));
  if (Object.keys(extraLabels).length > 0) props.podLabels = extraLabels;
  const podAnnotations = asStrings(meta.annotations);
  if (meta.annotations !== undefined && podAnnotations === undefined) unsupported.push(at('metadata', 'annotations'));
  if (podAnnotations && Object.keys(podAnnotations).length > 0) props.podAnnotations = podAnnotations;
  if (typeof spec.terminationGracePeriodSeconds === 'number') {
    if (spec.terminationGracePeriodSeconds !== 30) props.terminationGracePeriodSeconds = spec.terminationGracePeriodSeconds;
  }
  const nodeSelector = asStrings(spec.nodeSelector);
  if (spec.nodeSelector !== undefined && nodeSelector === undefined) unsupported.push(at('spec', 'nodeSelector'));
  if (nodeSelector && Object.keys(nodeSelector).length > 0) props.nodeSelector = nodeSelector;
  Object.assign(props, schedulingProps(ctx, refs, spec, (...rest) => at('spec', ...rest), options, unsupported));
  return { props, unsupported, additions, containerName: cName, readsConfig, claimMounts };
}

/**
 * One container's props (`name`, image, command, env, resources, probes, ports of an extra container), the
 * problems and the additions.
 */
function containerProps(ctx: ImportContext, refs: ReferenceNames, c: Json, place: ContainerPlace,
  options: PodOptions & { readonly main: boolean; readonly role: ContainerRole; readonly grace: number }, unsupported: string[],
  additions: Array<[AdditionKind, FieldStep[][]]>): ContainerImport {
  const { at, path: cPath } = place;
  const props: Record<string, Printable> = {};
  for (const k of Object.keys(c)) if (!CONTAINER_KEYS.has(k)) unsupported.push(at(k));
  if (c.restartPolicy !== undefined && (options.role !== 'native' || c.restartPolicy !== 'Always')) unsupported.push(at('restartPolicy'));
  if (c.terminationMessagePath !== undefined && c.terminationMessagePath !== '/dev/termination-log') unsupported.push(at('terminationMessagePath'));
  if (c.terminationMessagePolicy !== undefined && c.terminationMessagePolicy !== 'File') unsupported.push(at('terminationMessagePolicy'));
  if (!options.main) {
    if (typeof c.name !== 'string') unsupported.push(at('name'));
    props.name = typeof c.name === 'string' ? c.name : '';
  }
  if (typeof c.image !== 'string') unsupported.push(at('image'));
  props.image = typeof c.image === 'string' ? c.image : '';
  if (typeof c.imagePullPolicy === 'string') {
    const image = props.image as string;
    const lastPart = image.slice(image.lastIndexOf('/') + 1);
    const defaultPolicy = image.includes('@') || (lastPart.includes(':') && !lastPart.endsWith(':latest')) ? 'IfNotPresent' : 'Always';
    if (c.imagePullPolicy !== defaultPolicy) {
      props.imagePullPolicy = ctx.use('ImagePullPolicy', c.imagePullPolicy === 'Always' ? 'ALWAYS' : c.imagePullPolicy === 'Never' ? 'NEVER' : 'IF_NOT_PRESENT');
    }
  }
  if (c.command !== undefined) props.command = stringList(c.command, at('command'), unsupported);
  if (c.args !== undefined) props.args = stringList(c.args, at('args'), unsupported);
  if (typeof c.workingDir === 'string') props.workingDir = c.workingDir;

  // Ports: the main container's must be those the workload declares (the Service's first; a list Kubernetes keys by
  // port and protocol, so in any order); an extra container's are its own.
  const cPorts = asList(c.ports).map((p) => asObject(p) ?? {});
  if (options.main) {
    const wanted = options.ports?.ports ?? [];
    const unnamed: FieldStep[][] = [];
    if (cPorts.length !== wanted.length) {
      if (cPorts.length > 0 || wanted.length > 0) unsupported.push(at('ports'));
    } else {
      cPorts.forEach((p, i) => {
        const w = wanted.find((x) => x.containerPort === p.containerPort && (x.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
        const known = new Set(['name', 'containerPort', 'protocol']);
        if (Object.keys(p).some((k) => !known.has(k)) || w === undefined) {
          unsupported.push(at('ports', i));
        } else if (p.name === undefined) {
          unnamed.push([...cPath, 'ports', i, 'name']);
        } else if (w.name !== undefined && p.name !== w.name) {
          unsupported.push(at('ports', i, 'name'));
        }
      });
    }
    if (unnamed.length > 0) additions.push(['portNames', unnamed]);
  } else if (cPorts.length > 0) {
    const ports: Printable[] = [];
    cPorts.forEach((p, i) => {
      if (!onlyKeys(p, ['name', 'containerPort', 'protocol']) || typeof p.name !== 'string' || typeof p.containerPort !== 'number') unsupported.push(at('ports', i));
      else ports.push({ name: p.name, port: p.containerPort, protocol: p.protocol !== undefined && p.protocol !== 'TCP' ? ctx.use('Protocol', String(p.protocol)) : undefined });
    });
    props.ports = ports;
  }

  // Environment.
  const env: Record<string, Printable> = {};
  let readsConfig = false;
  for (const [i, raw] of asList(c.env).entries()) {
    const e = asObject(raw) ?? {};
    const name = typeof e.name === 'string' ? e.name : '';
    const where = at('env', i);
    if (Object.keys(e).some((k) => !['name', 'value', 'valueFrom'].includes(k)) || name === '' || name in env) {
      unsupported.push(where);
      continue;
    }
    if (e.valueFrom === undefined) {
      env[name] = typeof e.value === 'string' ? e.value : '';
      continue;
    }
    const from = asObject(e.valueFrom) ?? {};
    const cm = asObject(from.configMapKeyRef);
    const sk = asObject(from.secretKeyRef);
    const fr = asObject(from.fieldRef);
    const optional = (ref: Json) => (ref.optional === true ? ', { optional: true }' : ref.optional === false ? ', { optional: false }' : '');
    if (Object.keys(from).length !== 1) {
      unsupported.push(`${where}.valueFrom`);
    } else if (cm && typeof cm.name === 'string' && typeof cm.key === 'string' && onlyKeys(cm, ['name', 'key', 'optional'])) {
      if (options.localConfigs.has(cm.name)) readsConfig = true;
      env[name] = code(`${ctx.need('EnvValue')}.fromConfig(${print(refs.config(cm.name))}, ${quote(cm.key)}${optional(cm)})`);
    } else if (sk && typeof sk.name === 'string' && typeof sk.key === 'string' && onlyKeys(sk, ['name', 'key', 'optional'])) {
      env[name] = code(`${ctx.need('EnvValue')}.fromSecret(${print(refs.secret(sk.name))}, ${quote(sk.key)}${optional(sk)})`);
    } else if (fr && typeof fr.fieldPath === 'string' && onlyKeys(fr, ['fieldPath', 'apiVersion']) && (fr.apiVersion ?? 'v1') === 'v1') {
      env[name] = code(`${ctx.need('EnvValue')}.fromPodField(${quote(fr.fieldPath)})`);
    } else {
      unsupported.push(`${where}.valueFrom`);
    }
  }
  if (Object.keys(env).length > 0) props.env = env;
  const envFrom: Printable[] = [];
  for (const [i, raw] of asList(c.envFrom).entries()) {
    const e = asObject(raw) ?? {};
    const cm = asObject(e.configMapRef);
    const sr = asObject(e.secretRef);
    const opts: Record<string, Printable> = {};
    if (typeof e.prefix === 'string') opts.prefix = e.prefix;
    const ref = cm ?? sr;
    if (ref?.optional !== undefined) opts.optional = ref.optional === true;
    const optText = Object.keys(opts).length > 0 ? `, ${print(opts)}` : '';
    if (!onlyKeys(e, ['configMapRef', 'secretRef', 'prefix']) || (cm === undefined) === (sr === undefined) || typeof ref?.name !== 'string' || !onlyKeys(ref, ['name', 'optional'])) {
      unsupported.push(at('envFrom', i));
    } else if (cm) {
      if (options.localConfigs.has(cm.name as string)) readsConfig = true;
      envFrom.push(code(`${ctx.need('EnvFrom')}.config(${print(refs.config(cm.name as string))}${optText})`));
    } else {
      envFrom.push(code(`${ctx.need('EnvFrom')}.secret(${print(refs.secret(sr!.name as string))}${optText})`));
    }
  }
  if (envFrom.length > 0) props.envFrom = envFrom;

  // Resources: requests are required by the constructs; the memory limit defaults to the request.
  const res = asObject(c.resources) ?? {};
  if (!onlyKeys(res, ['requests', 'limits'])) unsupported.push(at('resources'));
  const amounts = (x: unknown, where: string): Record<string, Printable> => {
    const out: Record<string, Printable> = {};
    for (const [k, v] of Object.entries(asObject(x) ?? {})) {
      const value = typeof v === 'number' ? String(v) : v;
      if (typeof value !== 'string') unsupported.push(`${where}.${k}`);
      else if (k === 'cpu' || k === 'memory') out[k] = value;
      else if (k === 'ephemeral-storage') out.ephemeralStorage = value;
      else unsupported.push(`${where}.${k}`);
    }
    return out;
  };
  const req = amounts(res.requests, at('resources', 'requests'));
  const lim = amounts(res.limits, at('resources', 'limits'));
  const addedRequests: FieldStep[][] = [];
  if (req.cpu === undefined) addedRequests.push([...cPath, 'resources', 'requests', 'cpu']);
  if (req.memory === undefined) addedRequests.push([...cPath, 'resources', 'requests', 'memory']);
  if (addedRequests.length > 0) additions.push(['resources', addedRequests]);
  const resources: Record<string, Printable> = { requests: { cpu: req.cpu ?? '100m', memory: req.memory ?? '128Mi', ephemeralStorage: req.ephemeralStorage } };
  if (Object.keys(lim).length > 0) resources.limits = lim;
  if (lim.memory === undefined) additions.push(['memoryLimit', [[...cPath, 'resources', 'limits', 'memory']]]);
  props.resources = resources;

  // The preStop hook (the main container's and a sidecar's: init containers take none).
  const lifecycle = asObject(c.lifecycle) ?? {};
  if (c.lifecycle !== undefined && options.role === 'init') unsupported.push(`${at('lifecycle')} (an init container runs to completion and takes no hooks)`);
  else if (otherKeys(lifecycle, ['preStop']) !== '') unsupported.push(`${at('lifecycle')} (${otherKeys(lifecycle, ['preStop'])}: the constructs write preStop only)`);
  else if (lifecycle.preStop !== undefined) {
    const hook = hookCode(ctx, asObject(lifecycle.preStop) ?? {}, options.grace);
    if (typeof hook === 'string') unsupported.push(`${at('lifecycle', 'preStop')}${hook}`);
    else props.preStop = hook;
  }

  // Probes.
  for (const name of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
    if (c[name] === undefined) continue;
    if (options.role === 'init') {
      unsupported.push(`${at(name)} (an init container runs to completion and takes no probes)`);
      continue;
    }
    const mainPort = options.main ? options.ports?.ports[0]?.containerPort : undefined;
    const p = probeCode(ctx, asObject(c[name]) ?? {}, mainPort);
    if (p === undefined) unsupported.push(at(name));
    else props[name] = p;
  }
  if (options.main && options.probesDefault && (c.readinessProbe === undefined || c.livenessProbe === undefined)) {
    additions.push(['probes', [
      ...(c.readinessProbe === undefined ? [[...cPath, 'readinessProbe']] : []),
      ...(c.livenessProbe === undefined ? [[...cPath, 'livenessProbe']] : []),
    ]]);
  }
  return { props, readsConfig };
}

/** A volume and its mount as `Mount.config/secret/emptyDir/claim(...)`, or undefined when a field has no option. */
function mountCode(ctx: ImportContext, refs: ReferenceNames, volume: Json, path: string, readOnly: unknown, subPath: string | undefined):
  { code: Printable; readOnlyAdded: boolean; readsConfig?: string } | undefined {
  const name = String(volume.name);
  const sources = Object.keys(volume).filter((k) => k !== 'name');
  if (sources.length !== 1) return undefined;
  const source = asObject(volume[sources[0]]) ?? {};
  const Mount = ctx.need('Mount');
  const fileOptions = (keys: string[]): Record<string, Printable> | undefined => {
    if (!onlyKeys(source, keys)) return undefined;
    const out: Record<string, Printable> = { volumeName: volumeNameOption(name, sourceVolumeName(sources[0] === 'secret' ? 'secret' : 'config', String(source.name ?? source.secretName))), subPath };
    if (source.items !== undefined) {
      const items: Record<string, Printable> = {};
      for (const raw of asList(source.items)) {
        const item = asObject(raw) ?? {};
        if (typeof item.key !== 'string' || typeof item.path !== 'string' || !onlyKeys(item, ['key', 'path'])) return undefined;
        items[item.key] = item.path;
      }
      out.items = items;
    }
    if (typeof source.defaultMode === 'number') out.defaultMode = code(`0o${source.defaultMode.toString(8)}`);
    if (typeof source.optional === 'boolean') out.optional = source.optional;
    return out;
  };
  switch (sources[0]) {
    case 'configMap': {
      const options = fileOptions(['name', 'items', 'defaultMode', 'optional']);
      if (options === undefined || typeof source.name !== 'string' || readOnly === false) return undefined;
      return { code: code(`${Mount}.config(${print(refs.config(source.name))}, ${quote(path)}${optionsArgument(options)})`), readOnlyAdded: readOnly === undefined, readsConfig: source.name };
    }
    case 'secret': {
      const options = fileOptions(['secretName', 'items', 'defaultMode', 'optional']);
      if (options === undefined || typeof source.secretName !== 'string' || readOnly === false) return undefined;
      return { code: code(`${Mount}.secret(${print(refs.secret(source.secretName))}, ${quote(path)}${optionsArgument(options)})`), readOnlyAdded: readOnly === undefined };
    }
    case 'emptyDir': {
      if (!onlyKeys(source, ['medium', 'sizeLimit']) || (source.medium !== undefined && source.medium !== 'Memory' && source.medium !== '') || readOnly === true) return undefined;
      const options: Record<string, Printable> = { volumeName: volumeNameOption(name, emptyDirVolumeName(path)), subPath };
      if (typeof source.sizeLimit === 'string') options.sizeLimit = source.sizeLimit;
      if (source.medium === 'Memory') options.memory = true;
      return { code: code(`${Mount}.emptyDir(${quote(path)}${optionsArgument(options)})`), readOnlyAdded: false };
    }
    case 'persistentVolumeClaim': {
      if (!onlyKeys(source, ['claimName', 'readOnly']) || typeof source.claimName !== 'string' || (source.readOnly ?? false) !== (readOnly ?? false)) return undefined;
      const options: Record<string, Printable> = { volumeName: volumeNameOption(name, sourceVolumeName('claim', String(source.claimName))), subPath };
      if (readOnly === true) options.readOnly = true;
      return { code: code(`${Mount}.claim(${print(refs.claim(source.claimName))}, ${quote(path)}${optionsArgument(options)})`), readOnlyAdded: false };
    }
    default:
      return undefined;
  }
}

/**
 * A lifecycle hook as `LifecycleHook.sleep/exec/http(...)`, or why no factory writes it (as text after the field):
 * the construct's sleep is the kubelet's own action (1.30 and later) and must end within the grace period.
 */
function hookCode(ctx: ImportContext, h: Json, grace: number): Printable | string {
  const LifecycleHook = ctx.need('LifecycleHook');
  const handler = Object.keys(h);
  const action = asObject(h[handler[0]]) ?? {};
  if (handler.length !== 1) return '';
  switch (handler[0]) {
    case 'sleep':
      if (!onlyKeys(action, ['seconds']) || typeof action.seconds !== 'number') return '';
      if (action.seconds >= grace) return ` (a sleep of ${action.seconds} s, not shorter than the grace period of ${grace} s: the construct refuses it)`;
      return code(`${LifecycleHook}.sleep(${action.seconds})`);
    case 'exec':
      if (!onlyKeys(action, ['command']) || !Array.isArray(action.command) || action.command.length === 0 || !action.command.every((x) => typeof x === 'string')) return '';
      return code(`${LifecycleHook}.exec(${print(action.command as string[])})`);
    case 'httpGet':
      if (!onlyKeys(action, ['path', 'port', 'scheme']) || typeof action.path !== 'string' || typeof action.port !== 'number' || (action.scheme ?? 'HTTP') !== 'HTTP') return '';
      return code(`${LifecycleHook}.http(${quote(action.path)}, ${action.port})`);
    default:
      return '';
  }
}

/**
 * The `volumeName` option of a mount: undefined when the construct names the volume so itself (`config-<name>`,
 * `secret-<name>`, `claim-<name>`, an emptyDir after its path), except `tmp`, the name of the writable /tmp the
 * construct adds (its own volume would then be numbered).
 */
function volumeNameOption(name: string, constructName: string): string | undefined {
  return name === constructName && name !== 'tmp' ? undefined : name;
}

/** `, { ... }`: the options argument of a factory call, or nothing when no option is set. */
function optionsArgument(options: Record<string, Printable>): string {
  return Object.values(options).some((v) => v !== undefined) ? `, ${print(options)}` : '';
}

function onlyKeys(o: Json, keys: readonly string[]): boolean {
  return Object.keys(o).every((k) => keys.includes(k));
}

function stringList(x: unknown, where: string, unsupported: string[]): Printable {
  if (!Array.isArray(x) || !x.every((s) => typeof s === 'string')) {
    unsupported.push(where);
    return [];
  }
  return x as string[];
}

const PROBE_OPTIONS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold', 'terminationGracePeriodSeconds'];

/** A probe as `Probe.http/tcp/grpc/exec(...)`, or undefined when the probe has a field they cannot write. */
export function probeCode(ctx: ImportContext, p: Json, mainPort?: number): Printable | undefined {
  const options: Record<string, Printable> = {};
  for (const k of PROBE_OPTIONS) {
    if (p[k] === undefined) continue;
    if (typeof p[k] !== 'number') return undefined;
    options[k] = p[k] as number;
  }
  const handlers = Object.keys(p).filter((k) => !PROBE_OPTIONS.includes(k));
  if (handlers.length !== 1) return undefined;
  const h = asObject(p[handlers[0]]) ?? {};
  const opts = () => (Object.keys(options).length > 0 ? print(options) : '');
  const Probe = ctx.need('Probe');
  switch (handlers[0]) {
    case 'httpGet': {
      if (!onlyKeys(h, ['path', 'port', 'scheme', 'httpHeaders']) || (typeof h.port !== 'number' && typeof h.port !== 'string')) return undefined;
      if (h.port !== mainPort) options.port = h.port;
      if (h.scheme === 'HTTPS') options.https = true;
      else if (h.scheme !== undefined && h.scheme !== 'HTTP') return undefined;
      if (h.httpHeaders !== undefined) {
        const headers: Record<string, Printable> = {};
        for (const x of asList(h.httpHeaders)) {
          const hh = asObject(x) ?? {};
          if (typeof hh.name !== 'string' || typeof hh.value !== 'string' || hh.name in headers) return undefined;
          headers[hh.name] = hh.value;
        }
        options.headers = headers;
      }
      const path = typeof h.path === 'string' ? h.path : '/';
      return code(`${Probe}.http(${quote(path)}${opts() ? `, ${opts()}` : ''})`);
    }
    case 'tcpSocket':
      if (!onlyKeys(h, ['port']) || (typeof h.port !== 'number' && typeof h.port !== 'string')) return undefined;
      if (h.port !== mainPort) options.port = h.port;
      return code(`${Probe}.tcp(${opts()})`);
    case 'grpc':
      if (!onlyKeys(h, ['port', 'service']) || typeof h.port !== 'number') return undefined;
      if (h.port !== mainPort) options.port = h.port;
      if (typeof h.service === 'string') options.service = h.service;
      return code(`${Probe}.grpc(${opts()})`);
    case 'exec':
      if (!onlyKeys(h, ['command']) || !Array.isArray(h.command) || !h.command.every((s) => typeof s === 'string')) return undefined;
      return code(`${Probe}.exec(${print(h.command as string[])}${opts() ? `, ${opts()}` : ''})`);
    default:
      return undefined;
  }
}

/**
 * The writable /tmp the construct adds under a read-only root filesystem to each container without a /tmp mount of
 * its own, as an addition: its volume is named as the construct names it (`tmp`, numbered after the volumes of the
 * containers before it: the main container, the sidecars, the init containers, as the construct writes them). An
 * input volume whose name the construct's /tmp takes first is unsupported.
 */
function writableTmp(containers: ReadonlyArray<{ readonly c: Json; readonly path: readonly FieldStep[] }>, readOnlyRoot: boolean,
  templatePath: readonly FieldStep[], at: (...rest: FieldStep[]) => string, unsupported: string[], additions: Array<[AdditionKind, FieldStep[][]]>): void {
  if (!readOnlyRoot) return;
  const used = new Set<string>();
  let tmp: string | undefined;
  const mounts: FieldStep[][] = [];
  for (const { c, path } of containers) {
    const own = asList(c.volumeMounts).map((m) => asObject(m) ?? {});
    for (const m of own) {
      const name = String(m.name);
      if (used.has(name) && name === tmp) unsupported.push(`${at('spec', 'volumes')}[name=${name}] (the name of the writable /tmp the construct adds to a container before it)`);
      used.add(name);
    }
    if (own.some((m) => m.mountPath === '/tmp')) continue;
    if (tmp === undefined) for (let n = 1; tmp === undefined || used.has(tmp); n++) tmp = n === 1 ? 'tmp' : `tmp-${n}`;
    used.add(tmp);
    mounts.push([...path, 'volumeMounts', { name: tmp }]);
  }
  if (tmp !== undefined) additions.push(['writableTmp', [[...templatePath, 'spec', 'volumes', { name: tmp }], ...mounts]]);
}

/** Whether an extra container's security context is the main container's (the workload's settings apply to both). */
function containerSecurity(own: Json, main: Json): boolean {
  const canonical = (x: Json) => JSON.stringify(Object.entries(x).filter(([k, v]) => !(k === 'privileged' && v === false)).sort());
  return canonical(own) === canonical(main);
}

/**
 * The pod's security context and its main container's as one `SecurityOptions`; what the library adds is recorded
 * on the pod (`templatePath`) and on every container of `containers`.
 */
function securityOptions(ctx: ImportContext, pod: Json, container: Json, place: ContainerPlace, podAt: (...s: FieldStep[]) => string,
  unsupported: string[], additions: Array<[AdditionKind, FieldStep[][]]>, templatePath: readonly FieldStep[],
  containers: ReadonlyArray<readonly FieldStep[]>): Record<string, Printable> {
  const out: Record<string, Printable> = {};
  const podPath: FieldStep[] = [...templatePath, 'spec', 'securityContext'];
  for (const k of Object.keys(pod)) {
    if (!['runAsNonRoot', 'runAsUser', 'runAsGroup', 'fsGroup', 'seccompProfile'].includes(k)) unsupported.push(podAt('spec', 'securityContext', k));
  }
  for (const k of Object.keys(container)) {
    // privileged: false is the API server's default, and the constructs never run a privileged container
    if (k === 'privileged' && container.privileged === false) continue;
    if (!['runAsNonRoot', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'capabilities'].includes(k)) unsupported.push(place.at('securityContext', k));
  }
  for (const k of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) if (typeof pod[k] === 'number') out[k] = pod[k] as number;
  const nonRoot = container.runAsNonRoot ?? pod.runAsNonRoot;
  if (pod.runAsNonRoot !== undefined && container.runAsNonRoot !== undefined && pod.runAsNonRoot !== container.runAsNonRoot) unsupported.push(podAt('spec', 'securityContext', 'runAsNonRoot'));
  const podAdded: FieldStep[][] = [];
  const cAdded: FieldStep[][] = [];
  if (nonRoot === false) out.runAsNonRoot = false;
  else {
    if (pod.runAsNonRoot === undefined) podAdded.push([...podPath, 'runAsNonRoot']);
    if (container.runAsNonRoot === undefined) cAdded.push(['securityContext', 'runAsNonRoot']);
  }
  const seccomp = asObject(pod.seccompProfile);
  if (seccomp === undefined) podAdded.push([...podPath, 'seccompProfile']);
  else if (seccomp.type === 'Unconfined') out.seccompProfile = ctx.use('SeccompProfile', 'unconfined()');
  else if (seccomp.type === 'Localhost' && typeof seccomp.localhostProfile === 'string') out.seccompProfile = code(`${ctx.need('SeccompProfile')}.localhost(${quote(seccomp.localhostProfile)})`);
  else if (seccomp.type !== 'RuntimeDefault' || Object.keys(seccomp).length !== 1) unsupported.push(podAt('spec', 'securityContext', 'seccompProfile'));
  if (container.allowPrivilegeEscalation === true) out.allowPrivilegeEscalation = true;
  else if (container.allowPrivilegeEscalation === undefined) cAdded.push(['securityContext', 'allowPrivilegeEscalation']);
  if (container.readOnlyRootFilesystem === false) {
    out.readOnlyRootFilesystem = false;
  } else if (container.readOnlyRootFilesystem === undefined) cAdded.push(['securityContext', 'readOnlyRootFilesystem']);
  const caps = asObject(container.capabilities);
  if (caps === undefined) {
    if (container.capabilities !== undefined) unsupported.push(place.at('securityContext', 'capabilities'));
    cAdded.push(['securityContext', 'capabilities']);
  } else {
    const drop = asList(caps.drop);
    if (drop.length === 0) {
      out.dropAllCapabilities = false;
    } else if (drop.length !== 1 || drop[0] !== 'ALL') {
      unsupported.push(place.at('securityContext', 'capabilities', 'drop'));
    }
    const add = asList(caps.add);
    if (add.length > 0) {
      if (add.every((a) => typeof a === 'string')) out.addCapabilities = add as string[];
      else unsupported.push(place.at('securityContext', 'capabilities', 'add'));
    }
    if (!onlyKeys(caps, ['drop', 'add'])) unsupported.push(place.at('securityContext', 'capabilities'));
  }
  if (podAdded.length > 0) additions.push(['podSecurity', podAdded]);
  if (cAdded.length > 0) additions.push(['containerSecurity', containers.flatMap((c) => cAdded.map((p) => [...c, ...p]))]);
  return out;
}

/**
 * The pod's scheduling fields as workload props: `priorityClass`, `tolerations`, `nodeAffinity`, `podAffinity` and
 * `spread`. A field no factory writes exactly (a toleration of every taint, node selector terms or'ed together, a
 * pod affinity term with a namespace selector, a spread with minDomains) is pushed to `unsupported`, with why.
 */
function schedulingProps(ctx: ImportContext, refs: ReferenceNames, spec: Json, at: (...rest: FieldStep[]) => string,
  options: PodOptions, unsupported: string[]): Record<string, Printable> {
  const props: Record<string, Printable> = {};
  if (typeof spec.priorityClassName === 'string' && spec.priorityClassName !== '') props.priorityClass = refs.priorityClass(spec.priorityClassName);
  else if (spec.priorityClassName !== undefined) unsupported.push(`${at('priorityClassName')} (${JSON.stringify(spec.priorityClassName)}: not a class name)`);
  const tolerations: Printable[] = [];
  if (spec.tolerations !== undefined && !Array.isArray(spec.tolerations)) unsupported.push(`${at('tolerations')} (not a list)`);
  for (const [i, raw] of asList(spec.tolerations).entries()) {
    const t = tolerationCode(ctx, asObject(raw) ?? {});
    if (typeof t === 'string') unsupported.push(`${at('tolerations', i)} (${t})`);
    else tolerations.push(t);
  }
  if (tolerations.length > 0) props.tolerations = tolerations;
  const affinity = asObject(spec.affinity) ?? {};
  if (spec.affinity !== undefined && asObject(spec.affinity) === undefined) unsupported.push(`${at('affinity')} (not an object)`);
  for (const k of Object.keys(affinity)) if (!['nodeAffinity', 'podAffinity', 'podAntiAffinity'].includes(k)) unsupported.push(at('affinity', k));
  if (affinity.nodeAffinity !== undefined) {
    const rules = nodeAffinityCode(ctx, asObject(affinity.nodeAffinity) ?? {});
    if (typeof rules === 'string') unsupported.push(`${at('affinity', 'nodeAffinity')} (${rules})`);
    else if (rules.length > 0) props.nodeAffinity = rules;
  }
  const podRules: Printable[] = [];
  for (const key of ['podAffinity', 'podAntiAffinity'] as const) {
    if (affinity[key] === undefined) continue;
    const rules = podAffinityCode(ctx, asObject(affinity[key]) ?? {}, key === 'podAntiAffinity');
    if (typeof rules === 'string') unsupported.push(`${at('affinity', key)} (${rules})`);
    else podRules.push(...rules);
  }
  if (podRules.length > 0) props.podAffinity = podRules;
  if (spec.topologySpreadConstraints !== undefined) {
    const spread: Printable[] = [];
    if (options.spread !== true) unsupported.push(`${at('topologySpreadConstraints')} (the construct spreads no pods)`);
    else {
      for (const [i, raw] of asList(spec.topologySpreadConstraints).entries()) {
        const s = spreadCode(ctx, asObject(raw) ?? {}, options.selector);
        if (typeof s === 'string') unsupported.push(`${at('topologySpreadConstraints', i)} (${s})`);
        else spread.push(s);
      }
      props.spread = spread;
    }
  }
  return props;
}

/** The keys of `o` besides `keys`, as `a field x` or `fields x, y` for a reason; empty when there are none. */
function otherKeys(o: Json, keys: readonly string[]): string {
  const other = Object.keys(o).filter((k) => !keys.includes(k));
  return other.length === 0 ? '' : `${other.length === 1 ? 'a field' : 'fields'} ${other.join(', ')} no option writes`;
}

const TAINT_EFFECTS: Readonly<Record<string, string>> = { NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' };

/** A toleration as `Toleration.equal/exists(...)`, or why no factory writes it (no key: every taint tolerated). */
function tolerationCode(ctx: ImportContext, t: Json): Code | string {
  const other = otherKeys(t, ['key', 'operator', 'value', 'effect', 'tolerationSeconds']);
  if (other !== '') return other;
  if (typeof t.key !== 'string' || t.key === '') return 'no key: a toleration of every taint, which no Toleration factory writes';
  const options: Record<string, Printable> = {};
  if (t.effect !== undefined && t.effect !== '') {
    const effect = entry(TAINT_EFFECTS, t.effect);
    if (effect === undefined) return `effect ${JSON.stringify(t.effect)}: NoSchedule, PreferNoSchedule or NoExecute`;
    options.effect = ctx.use('TaintEffect', effect);
  }
  if (t.tolerationSeconds !== undefined) {
    // the construct takes tolerationSeconds only with the NoExecute effect, the only one the scheduler reads it for
    if (typeof t.tolerationSeconds !== 'number' || t.effect !== 'NoExecute') return 'tolerationSeconds without effect NoExecute';
    options.tolerationSeconds = t.tolerationSeconds;
  }
  const Toleration = ctx.need('Toleration');
  if (t.operator === 'Exists' && (t.value === undefined || t.value === '')) return code(`${Toleration}.exists(${quote(t.key)}${optionsArgument(options)})`);
  if ((t.operator === undefined || t.operator === 'Equal') && typeof t.value === 'string') {
    return code(`${Toleration}.equal(${quote(t.key)}, ${quote(t.value)}${optionsArgument(options)})`);
  }
  return `operator ${JSON.stringify(t.operator ?? 'Equal')} with value ${JSON.stringify(t.value)}: Equal with a value, or Exists without one`;
}

/** A label requirement as `LabelExpression.in/notIn/exists/doesNotExist(...)`, or why no factory writes it. */
function labelExpressionCode(ctx: ImportContext, e: Json): Code | string {
  const other = otherKeys(e, ['key', 'operator', 'values']);
  if (other !== '' || typeof e.key !== 'string') return other || 'an expression without a key';
  const values = asList(e.values);
  const LabelExpression = ctx.need('LabelExpression');
  if ((e.operator === 'In' || e.operator === 'NotIn') && values.length > 0 && values.every((v) => typeof v === 'string')) {
    return code(`${LabelExpression}.${e.operator === 'In' ? 'in' : 'notIn'}(${quote(e.key)}, ${print(values as string[])})`);
  }
  if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length === 0) {
    return code(`${LabelExpression}.${e.operator === 'Exists' ? 'exists' : 'doesNotExist'}(${quote(e.key)})`);
  }
  return `operator ${JSON.stringify(e.operator)} on ${e.key}: In, NotIn, Exists or DoesNotExist`;
}

/** A node selector term's expressions, or why no factory writes them (matchFields, an expression). */
function expressionsCode(ctx: ImportContext, term: Json): Code[] | string {
  const other = otherKeys(term, ['matchExpressions']);
  if (other !== '') return other;
  const out: Code[] = [];
  for (const raw of asList(term.matchExpressions)) {
    const e = labelExpressionCode(ctx, asObject(raw) ?? {});
    if (typeof e === 'string') return e;
    out.push(e);
  }
  return out.length > 0 ? out : 'a term without expressions';
}

const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';

/**
 * Node affinity as `NodeAffinity.require/prefer(...)` rules, or why no factory writes it: the construct writes its
 * required rules as one node selector term (their expressions and'ed), so a required part of two terms (or'ed) has
 * no prop.
 */
function nodeAffinityCode(ctx: ImportContext, a: Json): Code[] | string {
  const other = otherKeys(a, [REQUIRED, PREFERRED]);
  if (other !== '') return other;
  const NodeAffinity = ctx.need('NodeAffinity');
  const out: Code[] = [];
  if (a[REQUIRED] !== undefined) {
    const required = asObject(a[REQUIRED]) ?? {};
    const terms = asList(required.nodeSelectorTerms);
    if (terms.length !== 1 || otherKeys(required, ['nodeSelectorTerms']) !== '') return `${terms.length} node selector terms: the construct writes its required rules as one`;
    const expressions = expressionsCode(ctx, asObject(terms[0]) ?? {});
    if (typeof expressions === 'string') return expressions;
    out.push(code(`${NodeAffinity}.require(${expressions.map((e) => print(e)).join(', ')})`));
  }
  for (const raw of asList(a[PREFERRED])) {
    const p = asObject(raw) ?? {};
    if (otherKeys(p, ['weight', 'preference']) !== '' || typeof p.weight !== 'number') return 'a preferred term other than { weight, preference }';
    const expressions = expressionsCode(ctx, asObject(p.preference) ?? {});
    if (typeof expressions === 'string') return expressions;
    out.push(code(`${NodeAffinity}.prefer(${p.weight}, ${expressions.map((e) => print(e)).join(', ')})`));
  }
  return out;
}

/**
 * Pod affinity or anti-affinity terms as `PodAffinity.colocate/separate(...)`, or why no factory writes them: a term
 * selects pods by matchLabels only (the construct writes no matchExpressions, namespaceSelector or matchLabelKeys).
 */
function podAffinityCode(ctx: ImportContext, a: Json, anti: boolean): Code[] | string {
  const other = otherKeys(a, [REQUIRED, PREFERRED]);
  if (other !== '') return other;
  const factory = `${ctx.need('PodAffinity')}.${anti ? 'separate' : 'colocate'}`;
  const term = (t: Json, extra: Record<string, Printable>): Code | string => {
    const selector = asObject(t.labelSelector) ?? {};
    const labels = asStrings(selector.matchLabels);
    const otherTerm = otherKeys(t, ['labelSelector', 'topologyKey', 'namespaces']);
    if (otherTerm !== '') return otherTerm;
    if (otherKeys(selector, ['matchLabels']) !== '' || labels === undefined || Object.keys(labels).length === 0) return 'a labelSelector other than matchLabels';
    const namespaces = asList(t.namespaces);
    if (typeof t.topologyKey !== 'string' || !namespaces.every((n) => typeof n === 'string')) return 'a term without topologyKey';
    const options: Record<string, Printable> = {
      topologyKey: t.topologyKey !== 'kubernetes.io/hostname' ? t.topologyKey : undefined,
      ...extra,
      namespaces: namespaces.length > 0 ? namespaces as string[] : undefined,
    };
    return code(`${factory}(${print({ selectorLabels: labels })}${optionsArgument(options)})`);
  };
  const out: Code[] = [];
  for (const raw of asList(a[REQUIRED])) {
    const t = term(asObject(raw) ?? {}, { required: true });
    if (typeof t === 'string') return t;
    out.push(t);
  }
  for (const raw of asList(a[PREFERRED])) {
    const p = asObject(raw) ?? {};
    if (otherKeys(p, ['weight', 'podAffinityTerm']) !== '' || typeof p.weight !== 'number') return 'a preferred term other than { weight, podAffinityTerm }';
    const t = term(asObject(p.podAffinityTerm) ?? {}, { weight: p.weight !== 100 ? p.weight : undefined });
    if (typeof t === 'string') return t;
    out.push(t);
  }
  return out;
}

const INCLUSION_POLICIES: Readonly<Record<string, string>> = { Honor: 'HONOR', Ignore: 'IGNORE' };

/**
 * A topology spread constraint as `TopologySpread.acrossNodes/acrossZones/across(...)`, or why no factory writes it:
 * the construct selects the workload's own pods (its selector, nothing else) and writes no minDomains.
 */
function spreadCode(ctx: ImportContext, s: Json, selector: Readonly<Record<string, string>>): Code | string {
  const other = otherKeys(s, ['maxSkew', 'topologyKey', 'whenUnsatisfiable', 'labelSelector', 'matchLabelKeys', 'nodeAffinityPolicy', 'nodeTaintsPolicy']);
  if (other !== '') return other;
  const labelSelector = asObject(s.labelSelector) ?? {};
  if (otherKeys(labelSelector, ['matchLabels']) !== '' || !sameLabels(asStrings(labelSelector.matchLabels) ?? {}, selector)) {
    return 'a labelSelector other than the workload\'s selector, the only pods the construct spreads';
  }
  if (typeof s.topologyKey !== 'string' || typeof s.maxSkew !== 'number') return 'no topologyKey or maxSkew';
  const options: Record<string, Printable> = {};
  if (s.maxSkew !== 1) options.maxSkew = s.maxSkew;
  if (s.whenUnsatisfiable === 'DoNotSchedule') options.required = true;
  else if (s.whenUnsatisfiable !== 'ScheduleAnyway') return `whenUnsatisfiable ${JSON.stringify(s.whenUnsatisfiable)}: DoNotSchedule or ScheduleAnyway`;
  const matchLabelKeys = asList(s.matchLabelKeys);
  if (!matchLabelKeys.every((k) => typeof k === 'string' && !(k in selector))) return 'matchLabelKeys naming a key of the selector';
  // without matchLabelKeys of its own, the construct gives a Deployment's spread the revision label: none is written
  options.matchLabelKeys = matchLabelKeys as string[];
  for (const key of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
    if (s[key] === undefined) continue;
    const policy = entry(INCLUSION_POLICIES, s[key]);
    if (policy === undefined) return `${key} ${JSON.stringify(s[key])}: Honor or Ignore`;
    options[key] = ctx.use('NodeInclusionPolicy', policy);
  }
  const TopologySpread = ctx.need('TopologySpread');
  const factory = s.topologyKey === 'kubernetes.io/hostname' ? `${TopologySpread}.acrossNodes(`
    : s.topologyKey === 'topology.kubernetes.io/zone' ? `${TopologySpread}.acrossZones(` : `${TopologySpread}.across(${quote(s.topologyKey)}, `;
  return code(`${factory}${print(options)})`);
}
