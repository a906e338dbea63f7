/**
 * A DaemonSet as a DaemonSet construct, a bare Pod as a Pod construct. The pod template goes through `podProps()`
 * as every workload's does; a DaemonSet's access to the node (hostPath volumes, host ports, the node's network and
 * processes) is taken out of it first and written as `hostAccess`, where `HostAccess` writes it field for field.
 */
import { hostPathVolumeName } from '../core/_volume-names';
import { defaultSelector } from '../core/labels';
import { isDns1123Label } from '../core/names';
import { FieldStep } from './addition-field';
import { AdditionKind, ImportContext, Json, asList, asObject, asStrings, entry } from './_import-context';
import { Item, WorkloadCode, labelPaths, metadataProblems, metadataProp, sameLabels } from './_import-item';
import { MainPorts, PodImport, podProps, ReferenceNames } from './_pod-props';
import { Printable, code, print } from './_source-text';

/** A DaemonSet or a Pod as the library's construct of that kind. */
export function nodeWorkloadCode(ctx: ImportContext, refs: ReferenceNames, item: Item, localConfigs: ReadonlySet<string>): WorkloadCode {
  return item.kind === 'DaemonSet' ? daemonSetCode(ctx, refs, item, localConfigs) : podCode(ctx, refs, item, localConfigs);
}

/** A DaemonSet as a `DaemonSet`: its selector, update strategy, history, node access and pod template. */
function daemonSetCode(ctx: ImportContext, refs: ReferenceNames, item: Item, localConfigs: ReadonlySet<string>): WorkloadCode {
  const o = item.object;
  const unsupported = objectProblems(o, 'apps/v1');
  const additions: Array<[AdditionKind, FieldStep[][]]> = [];
  const spec = asObject(o.spec) ?? {};
  for (const k of Object.keys(spec)) {
    if (!['selector', 'template', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit'].includes(k)) unsupported.push(`spec.${k}`);
  }
  const selectorObj = asObject(spec.selector) ?? {};
  const selector = asStrings(selectorObj.matchLabels) ?? {};
  if (Object.keys(selectorObj).some((k) => k !== 'matchLabels') || Object.keys(selector).length === 0) unsupported.push('spec.selector');

  const access = nodeAccess(ctx, asObject(spec.template) ?? {});
  unsupported.push(...access.unsupported);
  const pod = podProps(ctx, refs, access.template, ['spec', 'template'], {
    workloadName: item.name, selector, ports: access.ports, probesDefault: access.ports !== undefined, localConfigs, claimTemplates: new Set(),
  });
  unsupported.push(...access.inputFields(pod.unsupported));
  additions.push(...pod.additions);
  // the construct names its writable /tmp before it adds the host paths, which would then number a host path of that name
  const tmpVolume = pod.additions.find(([kind]) => kind === 'writableTmp')?.[1][0] ?? [];
  const tmp = tmpVolume[tmpVolume.length - 1];
  if (typeof tmp === 'object' && access.pathVolumes.includes(tmp.name)) {
    unsupported.push(`${TEMPLATE}.volumes[name=${tmp.name}] (a hostPath volume with the name of the writable /tmp the construct adds)`);
  }
  const probesOff = probesNone(ctx, pod, access.template, access.ports === undefined);
  if (probesOff) additions.push(['probesOff', [['metadata', 'annotations', 'cdk8s-platform.io/probes-off']]]);

  const props: Record<string, Printable> = { ...metadataProp(o), image: pod.props.image };
  if (!sameLabels(selector, defaultSelector({ instance: item.namespace }, item.name))) props.selectorLabels = selector;
  Object.assign(props, mainPortProps(access.ports));
  const { image: _image, ...rest } = pod.props;
  Object.assign(props, rest);
  if (!access.toleratesAll && rest.tolerations === undefined) props.tolerateAllTaints = false;
  const strategy = strategyCode(ctx, asObject(spec.updateStrategy), access.bindsPorts, unsupported);
  if (strategy !== undefined) props.strategy = strategy;
  // a null is absent, as Helm charts render an unset value
  if (typeof spec.revisionHistoryLimit === 'number' && spec.revisionHistoryLimit !== 10) props.revisionHistoryLimit = spec.revisionHistoryLimit;
  else if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit !== null && typeof spec.revisionHistoryLimit !== 'number') unsupported.push('spec.revisionHistoryLimit');
  // written when given, 0 included: the construct writes the value it is given
  if (typeof spec.minReadySeconds === 'number') props.minReadySeconds = spec.minReadySeconds;
  else if (spec.minReadySeconds !== undefined && spec.minReadySeconds !== null) unsupported.push('spec.minReadySeconds');
  if (access.hostAccess.length > 0) props.hostAccess = access.hostAccess;

  additions.push(['labels', [...labelPaths(o, ['metadata']), ...labelPaths(o, ['spec', 'template', 'metadata'])]]);
  if (pod.readsConfig) additions.push(['configHash', [['spec', 'template', 'metadata', 'annotations', 'cdk8s-platform.io/config-hash']]]);
  return { construct: 'DaemonSet', props, unsupported, additions: additions.filter(([, p]) => p.length > 0), containerName: pod.containerName };
}

/** A bare Pod as a `Pod`: its labels, annotations, restart policy and pod spec. */
function podCode(ctx: ImportContext, refs: ReferenceNames, item: Item, localConfigs: ReadonlySet<string>): WorkloadCode {
  const o = item.object;
  const unsupported = objectProblems(o, 'v1');
  const additions: Array<[AdditionKind, FieldStep[][]]> = [];
  const spec = asObject(o.spec) ?? {};
  const restartPolicy = spec.restartPolicy ?? 'Always';
  const policies: Record<string, string> = { OnFailure: 'ON_FAILURE', Never: 'NEVER' };
  if (restartPolicy !== 'Always' && entry(policies, restartPolicy) === undefined) unsupported.push('spec.restartPolicy');
  const always = restartPolicy === 'Always';
  const ports = singlePort(asObject(asList(spec.containers)[0]) ?? {});
  // The construct puts its pod labels on the Pod, after the recommended ones: the Pod's labels are its `podLabels`,
  // but for its selector's (its name and its stack's instance), which the construct sets.
  const labels = asStrings(asObject(o.metadata)?.labels) ?? {};
  for (const [k, v] of Object.entries(defaultSelector({ instance: item.namespace }, item.name))) {
    if (labels[k] !== undefined && labels[k] !== v) unsupported.push(`metadata.labels['${k}'] (a Pod's is ${v})`);
  }
  const pod = podProps(ctx, refs, { metadata: { labels }, spec }, [], {
    workloadName: item.name, selector: {}, ports, restartPolicy: String(restartPolicy), probesDefault: always && ports !== undefined,
    localConfigs, claimTemplates: new Set(),
  });
  unsupported.push(...pod.unsupported);
  additions.push(...pod.additions);

  const annotations = asStrings(asObject(o.metadata)?.annotations) ?? {};
  const props: Record<string, Printable> = { ...(Object.keys(annotations).length > 0 ? { metadata: { annotations } } : {}), image: pod.props.image };
  const policy = entry(policies, restartPolicy);
  if (!always && policy !== undefined) props.restartPolicy = ctx.use('PodRestartPolicy', policy);
  Object.assign(props, mainPortProps(ports));
  const { image: _image, ...rest } = pod.props;
  Object.assign(props, rest);
  additions.push(['labels', labelPaths(o, ['metadata'])]);
  return { construct: 'Pod', props, unsupported, additions: additions.filter(([, p]) => p.length > 0), containerName: pod.containerName };
}

/** The problems of an object's top level: keys besides apiVersion, kind, metadata and spec; its apiVersion; its metadata. */
function objectProblems(o: Json, apiVersion: string): string[] {
  const out = Object.keys(o).filter((k) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(k));
  if (o.apiVersion !== apiVersion) out.push('apiVersion');
  out.push(...metadataProblems(o));
  return out;
}

/** The one TCP port of a container as the construct's main port, or undefined when it has none, or several. */
function singlePort(container: Json): MainPorts | undefined {
  const ports = asList(container.ports).map((p) => asObject(p) ?? {});
  const p = ports[0];
  if (ports.length !== 1 || typeof p.containerPort !== 'number' || (p.protocol ?? 'TCP') !== 'TCP') return undefined;
  return { ports: [{ name: typeof p.name === 'string' ? p.name : undefined, containerPort: p.containerPort, protocol: 'TCP' }] };
}

/** The `port` and `portName` props of a main port. */
function mainPortProps(ports: MainPorts | undefined): Record<string, Printable> {
  const main = ports?.ports[0];
  if (main === undefined) return {};
  return { port: main.containerPort, portName: main.name !== undefined && main.name !== 'http' ? main.name : undefined };
}

/**
 * Sets `Probe.none()` for the readiness and liveness probes a DaemonSet without a port leaves out (it has no
 * default probe, and must say so); whether it did (the construct then annotates the probes it goes without).
 */
function probesNone(ctx: ImportContext, pod: PodImport, template: Json, noPort: boolean): boolean {
  if (!noPort) return false;
  const c = asObject(asList(asObject(template.spec)?.containers)[0]) ?? {};
  let off = false;
  for (const probe of ['readinessProbe', 'livenessProbe'] as const) {
    if (c[probe] !== undefined) continue;
    pod.props[probe] = code(`${ctx.need('Probe')}.none()`);
    off = true;
  }
  return off;
}

/** A DaemonSet's `updateStrategy` as a `DaemonSetStrategy`, undefined for the default (RollingUpdate, 1, 0). */
function strategyCode(ctx: ImportContext, strategy: Json | undefined, bindsPorts: boolean, unsupported: string[]): Printable | undefined {
  if (strategy === undefined) return undefined;
  const type = strategy.type ?? 'RollingUpdate';
  if (type === 'OnDelete' && Object.keys(strategy).every((k) => k === 'type')) return code(`${ctx.need('DaemonSetStrategy')}.onDelete()`);
  const ru = asObject(strategy.rollingUpdate) ?? {};
  if (type !== 'RollingUpdate' || Object.keys(strategy).some((k) => k !== 'type' && k !== 'rollingUpdate')
    || (strategy.rollingUpdate !== undefined && asObject(strategy.rollingUpdate) === undefined)) {
    unsupported.push('spec.updateStrategy');
    return undefined;
  }
  for (const k of Object.keys(ru)) if (k !== 'maxUnavailable' && k !== 'maxSurge') unsupported.push(`spec.updateStrategy.rollingUpdate.${k}`);
  const maxUnavailable = ru.maxUnavailable ?? 1;
  const maxSurge = ru.maxSurge ?? 0;
  for (const [k, v] of [['maxUnavailable', maxUnavailable], ['maxSurge', maxSurge]] as const) {
    if (!isIntOrPercent(v)) unsupported.push(`spec.updateStrategy.rollingUpdate.${k}`);
  }
  if (isZero(maxUnavailable) && isZero(maxSurge)) unsupported.push('spec.updateStrategy.rollingUpdate (maxUnavailable and maxSurge both 0)');
  if (bindsPorts && !isZero(maxSurge)) unsupported.push('spec.updateStrategy.rollingUpdate.maxSurge (a surge with host ports or the node\'s network, which the DaemonSet refuses)');
  const options: Record<string, Printable> = {};
  if (maxUnavailable !== 1) options.maxUnavailable = maxUnavailable as string | number;
  if (maxSurge !== 0) options.maxSurge = maxSurge as string | number;
  if (Object.keys(options).length === 0) return undefined;
  return code(`${ctx.need('DaemonSetStrategy')}.rollingUpdate(${print(options)})`);
}

/** Whether `v` is an IntOrString the API server takes for maxUnavailable or maxSurge: a count or a percentage. */
function isIntOrPercent(v: unknown): boolean {
  return (typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && /^\d+%$/.test(v));
}

function isZero(v: unknown): boolean {
  return v === 0 || (typeof v === 'string' && /^0+%$/.test(v));
}

/** What `nodeAccess()` took out of a DaemonSet's pod template. */
interface NodeAccess {
  /** The pod template without what `hostAccess` writes, for podProps(). */
  readonly template: Json;
  /** The `HostAccess` values. */
  readonly hostAccess: Printable[];
  /** The main port: the first container port, when it is TCP. */
  readonly ports?: MainPorts;
  /** Whether the template tolerates every taint (the one toleration `operator: Exists`), the construct's default. */
  readonly toleratesAll: boolean;
  /** Whether the pods bind ports of the node (host ports, or the node's network). */
  readonly bindsPorts: boolean;
  /** The fields of the node access `HostAccess` cannot write. */
  readonly unsupported: string[];
  /** The names of the hostPath volumes `HostAccess.paths()` writes. */
  readonly pathVolumes: readonly string[];
  /** The fields podProps() names, with the indexes of the input's lists (it read lists with items taken out). */
  inputFields(fields: readonly string[]): string[];
}

const TEMPLATE = 'spec.template.spec';
/** The `HostPathType` member of each hostPath type of the API. */
const HOST_PATH_TYPES: Readonly<Record<string, string>> = {
  '': 'UNSET', DirectoryOrCreate: 'DIRECTORY_OR_CREATE', Directory: 'DIRECTORY', FileOrCreate: 'FILE_OR_CREATE', File: 'FILE',
  Socket: 'SOCKET', CharDevice: 'CHAR_DEVICE', BlockDevice: 'BLOCK_DEVICE',
};
/** The indentation of an item of a workload's list prop (`hostAccess: [`) in the generated constructor. */
const ITEM_INDENT = 8;

/**
 * Takes out of a DaemonSet's pod template what `HostAccess` writes field for field: `hostNetwork` (with
 * `dnsPolicy: ClusterFirstWithHostNet`), `hostPID`, hostPath volumes mounted by the main container (with their
 * `type`, and their name as `volumeName` when `HostAccess.paths()` would name them otherwise), host ports of the main container; and the one toleration that
 * tolerates every taint. What stays is read by podProps(), which names anything else it cannot express.
 */
function nodeAccess(ctx: ImportContext, template: Json): NodeAccess {
  const unsupported: string[] = [];
  const hostAccess: Printable[] = [];
  const spec: Json = { ...asObject(template.spec) };
  const containers = asList(spec.containers).map((c) => asObject(c) ?? {});
  const main: Json = { ...containers[0] };
  const HostAccess = (): string => ctx.need('HostAccess');

  let network = false;
  if (spec.hostNetwork === true) {
    network = true;
    if (spec.dnsPolicy !== 'ClusterFirstWithHostNet') unsupported.push(`${TEMPLATE}.dnsPolicy (HostAccess.network() writes ClusterFirstWithHostNet with hostNetwork)`);
    delete spec.dnsPolicy;
    hostAccess.push(code(`${HostAccess()}.network()`));
  }
  if (spec.hostNetwork === true || spec.hostNetwork === false) delete spec.hostNetwork;
  if (spec.hostPID === true) hostAccess.push(code(`${HostAccess()}.processes()`));
  if (spec.hostPID === true || spec.hostPID === false) delete spec.hostPID;

  // hostPath volumes, each mounted by the main container once
  const volumes = asList(spec.volumes).map((v) => asObject(v) ?? {});
  const mounts = asList(main.volumeMounts).map((m) => asObject(m) ?? {});
  const used = new Set(volumes.filter((v) => v.hostPath === undefined).map((v) => v.name));
  const paths: Printable[] = [];
  const pathVolumes: string[] = [];
  const hostVolumes = new Set<unknown>();
  for (const v of volumes.filter((x) => x.hostPath !== undefined)) {
    hostVolumes.add(v.name);
    const where = `${TEMPLATE}.volumes[name=${String(v.name)}]`;
    const source = asObject(v.hostPath) ?? {};
    const own = mounts.filter((m) => m.name === v.name);
    if (Object.keys(v).some((k) => k !== 'name' && k !== 'hostPath') || typeof source.path !== 'string' || Object.keys(source).some((k) => k !== 'path' && k !== 'type')) {
      unsupported.push(where);
      continue;
    }
    const type = source.type === undefined ? undefined : entry(HOST_PATH_TYPES, source.type);
    if (source.type !== undefined && type === undefined) {
      unsupported.push(`${where}.hostPath.type (HostPathType has ${Object.keys(HOST_PATH_TYPES).map((t) => JSON.stringify(t)).join(', ')})`);
      continue;
    }
    if (typeof v.name !== 'string' || isDns1123Label(v.name).length > 0 || used.has(v.name)) {
      unsupported.push(`${where} (a hostPath volume: HostAccess.paths() takes a DNS-1123 label as volumeName, unique in the pod)`);
      continue;
    }
    used.add(v.name);
    const m = own[0];
    if (own.length !== 1 || typeof m.mountPath !== 'string' || Object.keys(m).some((k) => !['name', 'mountPath', 'readOnly'].includes(k))) {
      unsupported.push(`${where} (a hostPath volume the main container mounts once, with mountPath and readOnly only)`);
      continue;
    }
    pathVolumes.push(v.name);
    paths.push({
      hostPath: source.path,
      mountPath: m.mountPath !== source.path ? m.mountPath : undefined,
      writable: m.readOnly === true ? undefined : true,
      // no other volume has the name (used): the construct's own is not numbered, and a name given is kept as it is
      volumeName: v.name === hostPathVolumeName(source.path) ? undefined : v.name,
      type: type !== undefined ? ctx.use('HostPathType', type) : undefined,
    });
  }
  if (paths.length > 0) hostAccess.push(code(`${HostAccess()}.paths(${print(paths, ITEM_INDENT, ITEM_INDENT + 'HostAccess.paths('.length)})`));
  if (hostVolumes.size > 0) {
    spec.volumes = volumes.filter((v) => !hostVolumes.has(v.name));
    main.volumeMounts = mounts.filter((m) => !hostVolumes.has(m.name));
  }
  const mountIndex = mounts.map((m, i) => (hostVolumes.has(m.name) ? -1 : i)).filter((i) => i >= 0);

  // ports: the first, when TCP, is the main port; a host port on it, or on another port, is HostAccess.ports()
  const ports = asList(main.ports).map((p) => asObject(p) ?? {});
  const hostPorts: Printable[] = [];
  const kept: Json[] = [];
  const portIndex: number[] = [];
  let mainPort: MainPorts | undefined;
  ports.forEach((p, i) => {
    const protocol = p.protocol ?? 'TCP';
    const isMain = i === 0 && protocol === 'TCP' && typeof p.containerPort === 'number';
    const known = Object.keys(p).every((k) => ['name', 'containerPort', 'protocol', 'hostPort'].includes(k));
    if (isMain) {
      mainPort = { ports: [{ name: typeof p.name === 'string' ? p.name : undefined, containerPort: p.containerPort as number, protocol: 'TCP' }] };
      const { hostPort: _hostPort, ...rest } = p;
      kept.push(rest);
      portIndex.push(i);
    }
    if (p.hostPort === undefined) {
      if (!isMain) {
        kept.push(p);
        portIndex.push(i);
      }
      return;
    }
    // the main port's other fields are podProps()'s to check
    if ((!known && !isMain) || typeof p.containerPort !== 'number' || typeof p.hostPort !== 'number' || !['TCP', 'UDP', 'SCTP'].includes(String(protocol))) {
      unsupported.push(`${TEMPLATE}.containers[0].ports[${i}]`);
      return;
    }
    if (network && p.hostPort !== p.containerPort) unsupported.push(`${TEMPLATE}.containers[0].ports[${i}].hostPort (with hostNetwork, HostAccess.ports() takes the container port only)`);
    hostPorts.push({
      port: p.containerPort,
      hostPort: p.hostPort !== p.containerPort ? p.hostPort : undefined,
      protocol: protocol !== 'TCP' ? ctx.use('Protocol', String(protocol)) : undefined,
      name: !isMain && typeof p.name === 'string' ? p.name : undefined,
    });
  });
  if (hostPorts.length > 0) hostAccess.push(code(`${HostAccess()}.ports(${print(hostPorts, ITEM_INDENT, ITEM_INDENT + 'HostAccess.ports('.length)})`));
  if (ports.length > 0) main.ports = kept;

  // the one toleration of every taint is the DaemonSet's default; no toleration is tolerateAllTaints: false
  const tolerations = asList(spec.tolerations);
  const toleratesAll = tolerations.length === 1 && JSON.stringify(tolerations[0]) === JSON.stringify({ operator: 'Exists' });
  if (toleratesAll || tolerations.length === 0) delete spec.tolerations;

  if (containers.length > 0) spec.containers = [main, ...containers.slice(1)];
  const renumber = (list: string, index: readonly number[]) => (field: string): string =>
    field.replace(new RegExp(`^(${TEMPLATE.replace(/\./g, '\\.')}\\.containers\\[0\\]\\.${list})\\[(\\d+)\\]`), (_, prefix: string, i: string) => `${prefix}[${index[Number(i)]}]`);
  return {
    template: { ...template, spec },
    hostAccess,
    ports: mainPort,
    toleratesAll,
    bindsPorts: network || hostPorts.length > 0,
    unsupported,
    pathVolumes,
    inputFields: (fields) => fields.map(renumber('volumeMounts', mountIndex)).map(renumber('ports', portIndex)),
  };
}
