import { FieldStep } from './addition-field';
import { AdditionKind, ImportContext, Json, asList, asObject, asStrings } from './_import-context';
import { Printable, code, print, quote } from './_source-text';

/** How the pod's references to other objects are written: a variable of the module, or an import by name. */
export interface ReferenceNames {
  /** The code naming the ConfigMap `name` (an imported `Config`, or `Config.fromConfigMapName()`). */
  config(name: string): Printable;
  /** The code naming the Secret `name` (`Secret.fromSecretName()`). */
  secret(name: string): Printable;
  /** The code naming the ServiceAccount `name`. */
  serviceAccount(name: string): Printable;
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
}

const POD_KEYS = new Set([
  'containers', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'securityContext', 'nodeSelector',
  'terminationGracePeriodSeconds', 'volumes', 'restartPolicy', 'dnsPolicy', 'schedulerName',
]);
const CONTAINER_KEYS = new Set([
  'name', 'image', 'imagePullPolicy', 'command', 'args', 'workingDir', 'ports', 'env', 'envFrom', 'resources',
  'readinessProbe', 'livenessProbe', 'startupProbe', 'securityContext', 'volumeMounts', 'terminationMessagePath',
  'terminationMessagePolicy',
]);

/**
 * Reads the pod template at `path` of an object into workload props. `restartPolicy` is the value the construct
 * renders (Always for long-running workloads, undefined when the construct takes it as a prop).
 */
export function podProps(ctx: ImportContext, refs: ReferenceNames, template: Json, path: string[], options: {
  readonly workloadName: string;
  readonly selector: Record<string, string>;
  readonly ports?: MainPorts;
  readonly restartPolicy?: string;
  readonly probesDefault: boolean;
  readonly localConfigs: ReadonlySet<string>;
}): PodImport {
  const unsupported: string[] = [];
  const additions: Array<[AdditionKind, FieldStep[][]]> = [];
  const props: Record<string, Printable> = {};
  const at = (...rest: FieldStep[]): string => [...path, ...rest].map((s) => (typeof s === 'number' ? `[${s}]` : typeof s === 'object' ? `[name=${s.name}]` : `.${s}`)).join('').replace(/^\./, '');
  const meta = asObject(template.metadata) ?? {};
  for (const k of Object.keys(meta)) if (k !== 'labels' && k !== 'annotations') unsupported.push(at('metadata', k));
  const spec = asObject(template.spec) ?? {};
  for (const k of Object.keys(spec)) if (!POD_KEYS.has(k)) unsupported.push(at('spec', k));
  if (spec.restartPolicy !== undefined && spec.restartPolicy !== (options.restartPolicy ?? 'Always')) unsupported.push(at('spec', 'restartPolicy'));
  if (spec.dnsPolicy !== undefined && spec.dnsPolicy !== 'ClusterFirst') unsupported.push(at('spec', 'dnsPolicy'));
  if (spec.schedulerName !== undefined && spec.schedulerName !== 'default-scheduler') unsupported.push(at('spec', 'schedulerName'));
  const containers = asList(spec.containers).map((c) => asObject(c) ?? {});
  if (containers.length !== 1) unsupported.push(at('spec', 'containers'));
  const c = containers[0] ?? {};
  const cName = typeof c.name === 'string' ? c.name : options.workloadName;
  const cPath: FieldStep[] = ['spec', 'template', 'spec', 'containers', { name: cName }];
  for (const k of Object.keys(c)) if (!CONTAINER_KEYS.has(k)) unsupported.push(at('spec', 'containers', 0, k));
  if (c.terminationMessagePath !== undefined && c.terminationMessagePath !== '/dev/termination-log') unsupported.push(at('spec', 'containers', 0, 'terminationMessagePath'));
  if (c.terminationMessagePolicy !== undefined && c.terminationMessagePolicy !== 'File') unsupported.push(at('spec', 'containers', 0, 'terminationMessagePolicy'));

  if (typeof c.image !== 'string') unsupported.push(at('spec', 'containers', 0, 'image'));
  props.image = typeof c.image === 'string' ? c.image : '';
  if (cName !== options.workloadName) props.containerName = cName;
  if (typeof c.imagePullPolicy === 'string') {
    const defaultPolicy = /:latest$|^[^:@]*$/.test(props.image as string) || /\/[^:@/]*$/.test(props.image as string) && !(props.image as string).includes(':') ? 'Always' : 'IfNotPresent';
    if (c.imagePullPolicy !== defaultPolicy) {
      props.imagePullPolicy = ctx.use('ImagePullPolicy', c.imagePullPolicy === 'Always' ? 'ALWAYS' : c.imagePullPolicy === 'Never' ? 'NEVER' : 'IF_NOT_PRESENT');
    }
  }
  if (c.command !== undefined) props.command = stringList(c.command, at('spec', 'containers', 0, 'command'), unsupported);
  if (c.args !== undefined) props.args = stringList(c.args, at('spec', 'containers', 0, 'args'), unsupported);
  if (typeof c.workingDir === 'string') props.workingDir = c.workingDir;

  // Ports: the container's must be those the workload declares, in order.
  const cPorts = asList(c.ports).map((p) => asObject(p) ?? {});
  const wanted = options.ports?.ports ?? [];
  const unnamed: FieldStep[][] = [];
  if (cPorts.length !== wanted.length) {
    if (cPorts.length > 0 || wanted.length > 0) unsupported.push(at('spec', 'containers', 0, 'ports'));
  } else {
    cPorts.forEach((p, i) => {
      const w = wanted[i];
      const known = new Set(['name', 'containerPort', 'protocol']);
      if (Object.keys(p).some((k) => !known.has(k)) || p.containerPort !== w.containerPort || (p.protocol ?? 'TCP') !== (w.protocol ?? 'TCP')) {
        unsupported.push(at('spec', 'containers', 0, 'ports', i));
      } else if (p.name === undefined) {
        unnamed.push([...cPath, 'ports', i, 'name']);
      } else if (w.name !== undefined && p.name !== w.name) {
        unsupported.push(at('spec', 'containers', 0, 'ports', i, 'name'));
      }
    });
  }
  if (unnamed.length > 0) additions.push(['portNames', unnamed]);

  // Environment.
  const env: Record<string, Printable> = {};
  let readsConfig = false;
  for (const [i, raw] of asList(c.env).entries()) {
    const e = asObject(raw) ?? {};
    const name = typeof e.name === 'string' ? e.name : '';
    const where = at('spec', 'containers', 0, 'env', i);
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
      unsupported.push(at('spec', 'containers', 0, 'envFrom', i));
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
  if (!onlyKeys(res, ['requests', 'limits'])) unsupported.push(at('spec', 'containers', 0, 'resources'));
  const requests = asStrings(res.requests) ?? {};
  const limits = asStrings(res.limits) ?? {};
  const amounts = (x: Record<string, string>, where: string): Record<string, Printable> => {
    const out: Record<string, Printable> = {};
    for (const [k, v] of Object.entries(x)) {
      if (k === 'cpu' || k === 'memory') out[k] = v;
      else if (k === 'ephemeral-storage') out.ephemeralStorage = v;
      else unsupported.push(`${where}.${k}`);
    }
    return out;
  };
  const req = amounts(requests, at('spec', 'containers', 0, 'resources', 'requests'));
  const lim = amounts(limits, at('spec', 'containers', 0, 'resources', 'limits'));
  const addedRequests: FieldStep[][] = [];
  if (req.cpu === undefined) addedRequests.push([...cPath, 'resources', 'requests', 'cpu']);
  if (req.memory === undefined) addedRequests.push([...cPath, 'resources', 'requests', 'memory']);
  if (addedRequests.length > 0) additions.push(['resources', addedRequests]);
  const resources: Record<string, Printable> = { requests: { cpu: req.cpu ?? '100m', memory: req.memory ?? '128Mi', ephemeralStorage: req.ephemeralStorage } };
  if (Object.keys(lim).length > 0) resources.limits = lim;
  if (lim.memory === undefined) additions.push(['memoryLimit', [[...cPath, 'resources', 'limits', 'memory']]]);
  props.resources = resources;

  // Probes.
  const probe = (name: 'readinessProbe' | 'livenessProbe' | 'startupProbe') => {
    if (c[name] === undefined) return;
    const p = probeCode(ctx, asObject(c[name]) ?? {});
    if (p === undefined) unsupported.push(at('spec', 'containers', 0, name));
    else props[name] = p;
  };
  probe('readinessProbe');
  probe('livenessProbe');
  probe('startupProbe');
  if (options.probesDefault && (c.readinessProbe === undefined || c.livenessProbe === undefined)) {
    additions.push(['probes', [
      ...(c.readinessProbe === undefined ? [[...cPath, 'readinessProbe']] : []),
      ...(c.livenessProbe === undefined ? [[...cPath, 'livenessProbe']] : []),
    ]]);
  }

  // Security: the pod's and the main container's contexts, as one SecurityOptions.
  const security = securityOptions(ctx, asObject(spec.securityContext) ?? {}, asObject(c.securityContext) ?? {}, at, unsupported, additions, cName);
  if (Object.keys(security).length > 0) props.security = security;

  // Mounts: not expressible yet with the input's volume names.
  if (asList(c.volumeMounts).length > 0) unsupported.push(at('spec', 'containers', 0, 'volumeMounts'));
  if (asList(spec.volumes).length > 0) unsupported.push(at('spec', 'volumes'));

  // Pod settings.
  const sa = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : typeof spec.serviceAccount === 'string' ? spec.serviceAccount : undefined;
  if (spec.serviceAccount !== undefined && spec.serviceAccountName !== undefined && spec.serviceAccount !== spec.serviceAccountName) unsupported.push(at('spec', 'serviceAccount'));
  if (sa !== undefined && sa !== 'default') props.serviceAccount = refs.serviceAccount(sa);
  if (typeof spec.automountServiceAccountToken === 'boolean') {
    if (spec.automountServiceAccountToken) props.automountServiceAccountToken = true;
  } else {
    additions.push(['automount', [['spec', 'template', 'spec', 'automountServiceAccountToken']]]);
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
  return { props, unsupported, additions, containerName: cName, readsConfig };
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
export function probeCode(ctx: ImportContext, p: Json): Printable | undefined {
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
      if (!onlyKeys(h, ['path', 'port', 'scheme', 'httpHeaders']) || typeof h.port !== 'number') return undefined;
      options.port = h.port;
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
      if (!onlyKeys(h, ['port']) || typeof h.port !== 'number') return undefined;
      options.port = h.port;
      return code(`${Probe}.tcp(${opts()})`);
    case 'grpc':
      if (!onlyKeys(h, ['port', 'service']) || typeof h.port !== 'number') return undefined;
      options.port = h.port;
      if (typeof h.service === 'string') options.service = h.service;
      return code(`${Probe}.grpc(${opts()})`);
    case 'exec':
      if (!onlyKeys(h, ['command']) || !Array.isArray(h.command) || !h.command.every((s) => typeof s === 'string')) return undefined;
      return code(`${Probe}.exec(${print(h.command as string[])}${opts() ? `, ${opts()}` : ''})`);
    default:
      return undefined;
  }
}

function securityOptions(ctx: ImportContext, pod: Json, container: Json, at: (...s: FieldStep[]) => string, unsupported: string[],
  additions: Array<[AdditionKind, FieldStep[][]]>, cName: string): Record<string, Printable> {
  const out: Record<string, Printable> = {};
  const podPath: FieldStep[] = ['spec', 'template', 'spec', 'securityContext'];
  const cPath: FieldStep[] = ['spec', 'template', 'spec', 'containers', { name: cName }, 'securityContext'];
  for (const k of Object.keys(pod)) {
    if (!['runAsNonRoot', 'runAsUser', 'runAsGroup', 'fsGroup', 'seccompProfile'].includes(k)) unsupported.push(at('spec', 'securityContext', k));
  }
  for (const k of Object.keys(container)) {
    if (!['runAsNonRoot', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'capabilities'].includes(k)) unsupported.push(at('spec', 'containers', 0, 'securityContext', k));
  }
  for (const k of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) if (typeof pod[k] === 'number') out[k] = pod[k] as number;
  const nonRoot = container.runAsNonRoot ?? pod.runAsNonRoot;
  if (pod.runAsNonRoot !== undefined && container.runAsNonRoot !== undefined && pod.runAsNonRoot !== container.runAsNonRoot) unsupported.push(at('spec', 'securityContext', 'runAsNonRoot'));
  const podAdded: FieldStep[][] = [];
  const cAdded: FieldStep[][] = [];
  if (nonRoot === false) out.runAsNonRoot = false;
  else {
    if (pod.runAsNonRoot === undefined) podAdded.push([...podPath, 'runAsNonRoot']);
    if (container.runAsNonRoot === undefined) cAdded.push([...cPath, 'runAsNonRoot']);
  }
  const seccomp = asObject(pod.seccompProfile);
  if (seccomp === undefined) podAdded.push([...podPath, 'seccompProfile']);
  else if (seccomp.type === 'Unconfined') out.seccompProfile = ctx.use('SeccompProfile', 'unconfined()');
  else if (seccomp.type === 'Localhost' && typeof seccomp.localhostProfile === 'string') out.seccompProfile = code(`${ctx.need('SeccompProfile')}.localhost(${quote(seccomp.localhostProfile)})`);
  else if (seccomp.type !== 'RuntimeDefault' || Object.keys(seccomp).length !== 1) unsupported.push(at('spec', 'securityContext', 'seccompProfile'));
  if (container.allowPrivilegeEscalation === true) out.allowPrivilegeEscalation = true;
  else if (container.allowPrivilegeEscalation === undefined) cAdded.push([...cPath, 'allowPrivilegeEscalation']);
  let readOnly = true;
  if (container.readOnlyRootFilesystem === false) {
    out.readOnlyRootFilesystem = false;
    readOnly = false;
  } else if (container.readOnlyRootFilesystem === undefined) cAdded.push([...cPath, 'readOnlyRootFilesystem']);
  const caps = asObject(container.capabilities);
  if (caps === undefined) {
    if (container.capabilities !== undefined) unsupported.push(at('spec', 'containers', 0, 'securityContext', 'capabilities'));
    cAdded.push([...cPath, 'capabilities']);
  } else {
    const drop = asList(caps.drop);
    if (drop.length === 0) {
      out.dropAllCapabilities = false;
    } else if (drop.length !== 1 || drop[0] !== 'ALL') {
      unsupported.push(at('spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'));
    }
    const add = asList(caps.add);
    if (add.length > 0) {
      if (add.every((a) => typeof a === 'string')) out.addCapabilities = add as string[];
      else unsupported.push(at('spec', 'containers', 0, 'securityContext', 'capabilities', 'add'));
    }
    if (!onlyKeys(caps, ['drop', 'add'])) unsupported.push(at('spec', 'containers', 0, 'securityContext', 'capabilities'));
  }
  if (podAdded.length > 0) additions.push(['podSecurity', podAdded]);
  if (cAdded.length > 0) additions.push(['containerSecurity', cAdded]);
  if (readOnly) {
    additions.push(['writableTmp', [['spec', 'template', 'spec', 'volumes', { name: 'tmp' }], [...cPath.slice(0, -1), 'volumeMounts', { name: 'tmp' }]]]);
  }
  return out;
}
