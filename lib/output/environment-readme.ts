import { checkKubernetesVersion, DEFAULT_KUBERNETES_VERSION } from '../core/kubernetes-version';
import { PlatformLabels } from '../core/labels';
import { ManifestObject } from '../core/manifest-object';
import { containersOf, podReferencesOf, PodTemplateRef, podTemplateOf } from '../core/pod-spec';
import { formatCpu, formatMemory, parseQuantity } from '../core/quantity';

/** The file each output folder's overview is written to. */
export const README_FILE = 'README.md';

/** The brackets of each Mermaid node shape. */
const SHAPES = { box: ['["', '"]'], round: ['("', '")'], stadium: ['(["', '"])'], doc: ['[/"', '"/]'] } as const;

/** An object that runs pods, with its pod template as `core/pod-spec.ts` finds it. */
interface ReadmeWorkload {
  /** The workload (or Pod). */
  readonly object: ManifestObject;
  /** Its Mermaid node id. */
  readonly id: string;
  /** Its pod template. */
  readonly pod: PodTemplateRef;
}

/** A Mermaid node id: letters, digits and `_` only. */
function nodeId(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}_${namespace ?? ''}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Text inside a Mermaid label (`"` must be escaped). */
function label(text: string): string {
  return text.replace(/"/g, '#quot;');
}

/** The containers that run beside each other (not the init or ephemeral ones). */
function mainContainers(pod: PodTemplateRef): Array<Record<string, any>> {
  return containersOf(pod).filter((c) => c.type === 'containers').map((c) => c.container);
}

/**
 * The ConfigMaps and Secrets a pod uses (env, envFrom, volumes, image pull secrets; `core/pod-spec.ts` finds them),
 * once each, as [kind, name].
 */
function readmeReferencesOf(pod: PodTemplateRef): Array<['ConfigMap' | 'Secret', string]> {
  const seen = new Set<string>();
  const refs: Array<['ConfigMap' | 'Secret', string]> = [];
  for (const r of podReferencesOf(pod)) {
    if (r.kind !== 'ConfigMap' && r.kind !== 'Secret') continue;
    const key = `${r.kind}/${r.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push([r.kind, r.name]);
  }
  return refs;
}

/**
 * The objects of an environment that run pods (every kind `core/pod-spec.ts` finds a pod template in, but
 * PodTemplate), in the order given.
 */
function readmeWorkloadsOf(objects: readonly ManifestObject[]): ReadmeWorkload[] {
  const workloads: ReadmeWorkload[] = [];
  for (const o of objects) {
    const pod = o.kind === 'PodTemplate' ? undefined : podTemplateOf(o);
    if (pod) workloads.push({ object: o, id: nodeId(o.kind, o.metadata.namespace, o.metadata.name), pod });
  }
  return workloads;
}

/**
 * The workloads whose containers' env var values name a host, by host: every part of a value that starts at its
 * beginning or after `/` or `@` and ends at its end or before `:` or `/` (`http://api.shop:80/x` names `api.shop`).
 * Every container counts, init containers and sidecars included (`connectTo()` may write the address into any).
 */
function callersByHost(workloads: readonly ReadmeWorkload[]): Map<string, ReadmeWorkload[]> {
  const result = new Map<string, ReadmeWorkload[]>();
  for (const w of workloads) {
    const hosts = new Set<string>();
    for (const { container: c } of containersOf(w.pod)) {
      for (const e of c.env ?? []) {
        const v = e.value;
        if (typeof v !== 'string') continue;
        const starts = [0];
        const ends: number[] = [];
        for (let i = 0; i < v.length; i++) {
          if (v[i] === '/' || v[i] === '@') starts.push(i + 1);
          if (v[i] === ':' || v[i] === '/') ends.push(i);
        }
        ends.push(v.length);
        for (const start of starts) {
          for (const end of ends) if (end > start) hosts.add(v.slice(start, end));
        }
      }
    }
    for (const host of hosts) {
      const list = result.get(host);
      if (list) list.push(w);
      else result.set(host, [w]);
    }
  }
  return result;
}

/** Whether `labels` has every entry of a selector (its entries; none selects nothing). */
function matches(selector: ReadonlyArray<readonly [string, string]>, labels: Record<string, string> | undefined): boolean {
  if (selector.length === 0 || !labels) return false;
  for (const [k, v] of selector) if (labels[k] !== v) return false;
  return true;
}

/**
 * What one pod requests of `resource`, in nano-units, as the scheduler counts it: the containers plus the native
 * sidecars (init containers with `restartPolicy: Always`, which keep running beside them), or, when more, what the
 * pod needs while an ordinary init container runs (its request plus the sidecars started before it); undefined when
 * no container requests it.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#resource-sharing-within-containers
 */
function requested(pod: PodTemplateRef, resource: 'cpu' | 'memory'): bigint | undefined {
  let any = false;
  const request = (c: any): bigint => {
    const q = c?.resources?.requests?.[resource];
    const n = typeof q === 'string' ? parseQuantity(q) : undefined;
    if (n === undefined) return 0n;
    any = true;
    return n;
  };
  let sidecars = 0n;
  let initPeak = 0n;
  for (const { container: c, type } of containersOf(pod)) {
    if (type !== 'initContainers') continue;
    if (c.restartPolicy === 'Always') sidecars += request(c);
    else {
      const during = sidecars + request(c);
      if (during > initPeak) initPeak = during;
    }
  }
  let running = sidecars;
  for (const c of mainContainers(pod)) running += request(c);
  if (!any) return undefined;
  return running > initPeak ? running : initPeak;
}

/** An amount of CPU or memory for the table, in the canonical form (`core/quantity.ts`), `-` when none is requested. */
function amount(nanos: bigint | undefined, resource: 'cpu' | 'memory'): string {
  if (nanos === undefined) return '-';
  return resource === 'cpu' ? formatCpu(nanos) : formatMemory(nanos);
}

/** Mermaid's default limits (`maxEdges`, `maxTextSize`): larger diagrams are not drawn. @see https://mermaid.js.org/config/schema-docs/config.html */
const MERMAID_MAX_EDGES = 500;
const MERMAID_MAX_TEXT = 50_000;
/** The shortest line a workload, service or ingress node takes (`  Job_x_y["Job y"]`). */
const MIN_NODE_TEXT = 17;

/** What the README says instead of a diagram Mermaid would not draw. */
function tooLarge(what: string): string[] {
  return [
    `No diagram: ${what} are more than Mermaid draws (${MERMAID_MAX_EDGES} links, ${MERMAID_MAX_TEXT.toLocaleString('en-US')} characters).`,
    '',
  ];
}

/**
 * The Mermaid diagram of an environment's ingresses, services, workloads and the ConfigMaps and Secrets they read,
 * as Markdown lines; for an environment larger than Mermaid draws by default (more than 500 links or 50,000
 * characters: GitHub and GitLab show an error instead), a note saying so.
 */
function mermaidDiagram(workloads: readonly ReadmeWorkload[], services: readonly ManifestObject[], ingresses: readonly ManifestObject[],
  secretSource: (ns: string | undefined, secret: string) => string): string[] {
  // Every workload, service and ingress is a node of at least MIN_NODE_TEXT characters: past that, skip the work.
  const candidates = workloads.length + services.length + ingresses.length;
  if (candidates * MIN_NODE_TEXT > MERMAID_MAX_TEXT) return tooLarge(`${candidates} workloads, services and ingresses`);
  const nodes = new Map<string, string>();
  const edges = new Set<string>();
  const inNamespace = new Map<string, string[]>();
  const addNode = (id: string, text: string, shape: 'box' | 'round' | 'stadium' | 'doc', namespace?: string): void => {
    if (nodes.has(id)) return;
    const [open, close] = SHAPES[shape];
    nodes.set(id, `${id}${open}${label(text)}${close}`);
    const key = namespace ?? '';
    const ids = inNamespace.get(key);
    if (ids) ids.push(id);
    else inNamespace.set(key, [id]);
  };

  for (const w of workloads) {
    const o = w.object;
    addNode(w.id, `${o.kind} ${o.metadata.name}`, 'box', o.metadata.namespace);
    for (const [kind, ref] of readmeReferencesOf(w.pod)) {
      const source = kind === 'Secret' ? secretSource(o.metadata.namespace, ref) : 'ConfigMap';
      const id = nodeId(kind, o.metadata.namespace, ref);
      addNode(id, `${source} ${ref}`, 'doc', o.metadata.namespace);
      edges.add(`${w.id} -.-> ${id}`);
    }
  }
  // Indexes, so that the diagram and the table cost linear time in the number of objects.
  const workloadsByNamespace = new Map<string, ReadmeWorkload[]>();
  for (const w of workloads) {
    const key = w.object.metadata.namespace ?? '';
    const list = workloadsByNamespace.get(key);
    if (list) list.push(w);
    else workloadsByNamespace.set(key, [w]);
  }
  const callers = callersByHost(workloads);
  for (const s of services) {
    const id = nodeId('Service', s.metadata.namespace, s.metadata.name);
    addNode(id, `Service ${s.metadata.name}${s.spec?.type && s.spec.type !== 'ClusterIP' ? ` (${s.spec.type})` : ''}`, 'stadium', s.metadata.namespace);
    const selector = Object.entries((s.spec?.selector ?? {}) as Record<string, string>);
    for (const w of workloadsByNamespace.get(s.metadata.namespace ?? '') ?? []) {
      if (matches(selector, w.pod.metadata.labels)) edges.add(`${id} --> ${w.id}`);
    }
    // Workloads calling this service: an env var value naming it (`http://api`, `api.shop.svc.cluster.local:80`);
    // from another namespace, only with the namespace (`api.shop`, ...).
    const name = s.metadata.name;
    const ns = s.metadata.namespace ?? '';
    const qualified = [`${name}.${ns}`, `${name}.${ns}.svc`, `${name}.${ns}.svc.cluster.local`];
    const calling = new Set<ReadmeWorkload>();
    for (const host of [name, ...qualified]) {
      for (const w of callers.get(host) ?? []) {
        if (host !== name || w.object.metadata.namespace === s.metadata.namespace) calling.add(w);
      }
    }
    for (const w of calling) {
      if (!edges.has(`${id} --> ${w.id}`)) edges.add(`${w.id} -- calls --> ${id}`);
    }
  }
  for (const i of ingresses) {
    const id = nodeId('Ingress', i.metadata.namespace, i.metadata.name);
    addNode(id, `Ingress ${i.metadata.name}`, 'round', i.metadata.namespace);
    for (const rule of i.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const svc = p.backend?.service?.name;
        if (svc) edges.add(`${id} -- "${label(`${rule.host ?? '*'}${p.path ?? '/'}`)}" --> ${nodeId('Service', i.metadata.namespace, svc)}`);
      }
    }
    const fallback = i.spec?.defaultBackend?.service?.name;
    if (fallback) edges.add(`${id} --> ${nodeId('Service', i.metadata.namespace, fallback)}`);
  }

  if (nodes.size === 0) return [];
  const diagram: string[] = ['```mermaid', 'flowchart LR'];
  let edgeCount = 0;
  for (const ns of [...inNamespace.keys()].sort()) {
    const ids = inNamespace.get(ns)!;
    if (ns) diagram.push(`  subgraph ${nodeId('ns', undefined, ns)}["namespace ${label(ns)}"]`);
    for (const id of ids) diagram.push(`${ns ? '    ' : '  '}${nodes.get(id)}`);
    if (ns) diagram.push('  end');
  }
  for (const e of [...edges].sort()) {
    const target = e.slice(e.lastIndexOf(' ') + 1);
    if (!nodes.has(target)) continue;
    diagram.push(`  ${e}`);
    edgeCount++;
  }
  diagram.push('```', '');
  const size = diagram.reduce((n, line) => n + line.length + 1, 0);
  if (edgeCount > MERMAID_MAX_EDGES || size > MERMAID_MAX_TEXT) return tooLarge(`${nodes.size} nodes and ${edgeCount} links`);
  return diagram;
}

/** Options of `environmentReadme()`. */
export interface EnvironmentReadmeOptions {
  /**
   * The Kubernetes minor version the environment targets (its objects were rendered and validated for it), e.g.
   * `"1.33"`.
   *
   * @default "1.33" (`DEFAULT_KUBERNETES_VERSION`)
   */
  readonly kubernetesVersion?: string;
}

/**
 * The overview of one output folder (an environment): the Kubernetes version it targets, a Mermaid diagram of its
 * ingresses, services, workloads and the ConfigMaps and Secrets they read (connections between services are found in
 * env var values naming a Service), and a table of the workloads with their replicas and requested resources.
 *
 * @param name the environment's name ("" for an app without environments)
 * @param objects its objects, in apply order
 * @throws PlatformError when `options.kubernetesVersion` is not a supported version
 */
export function environmentReadme(name: string, objects: readonly ManifestObject[], options: EnvironmentReadmeOptions = {}): string {
  const version = options.kubernetesVersion === undefined ? DEFAULT_KUBERNETES_VERSION
    : checkKubernetesVersion(options.kubernetesVersion, 'environmentReadme() options.kubernetesVersion');
  const title = name ? `Environment \`${name}\`` : 'Output';
  const namespaceSet = new Set<string>();
  for (const o of objects) {
    const n = o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace;
    if (n) namespaceSet.add(n);
  }
  const namespaces = [...namespaceSet].sort();
  const workloads = readmeWorkloadsOf(objects);
  const services = objects.filter((o) => o.kind === 'Service');
  const ingresses = objects.filter((o) => o.kind === 'Ingress');
  const hpaOf = new Map<string, ManifestObject>(); // the first autoscaler of each target
  for (const h of objects) {
    if (h.kind !== 'HorizontalPodAutoscaler') continue;
    const key = `${h.metadata.namespace}/${h.spec?.scaleTargetRef?.kind}/${h.spec?.scaleTargetRef?.name}`;
    if (!hpaOf.has(key)) hpaOf.set(key, h);
  }
  const secretKinds = ['Secret', 'SealedSecret', 'ExternalSecret'];
  const defined = new Set<string>();
  for (const o of objects) {
    if (secretKinds.includes(o.kind)) defined.add(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  }
  const secretSource = (ns: string | undefined, secret: string): string => {
    for (const kind of secretKinds) {
      if (defined.has(`${kind}/${ns ?? ''}/${secret}`)) return kind;
    }
    return 'Secret, external';
  };

  const diagram = mermaidDiagram(workloads, services, ingresses, secretSource);

  const lines: string[] = [
    `# ${title}`,
    '',
    `Generated by cdk8s-platform (\`npm run synth\`): do not edit. ${objects.length} objects in ${namespaces.length} namespace(s)` +
      `${namespaces.length ? `: ${namespaces.map((n) => `\`${n}\``).join(', ')}` : ''}.`,
    '',
    `Targets **Kubernetes ${version}**: the objects were rendered and validated for it.`,
    '',
    '```sh',
    `kubectl apply -k .${name ? ` --prune -l app.kubernetes.io/managed-by=cdk8s-platform,${PlatformLabels.ENVIRONMENT}=${name}` : ''}`,
    '```',
    '',
  ];
  lines.push(...diagram);
  if (workloads.length > 0) {
    lines.push('| namespace | workload | replicas | CPU / pod | memory / pod | CPU total | memory total |', '| --- | --- | --- | --- | --- | --- | --- |');
    let cpuTotal = 0n;
    let memoryTotal = 0n;
    for (const w of workloads) {
      const o = w.object;
      const hpa = hpaOf.get(`${o.metadata.namespace}/${o.kind}/${o.metadata.name}`);
      const fixed = o.kind === 'DaemonSet' || o.kind === 'Job' || o.kind === 'CronJob' ? undefined : (o.spec?.replicas ?? 1);
      const replicas = hpa ? `${hpa.spec.minReplicas ?? 1}-${hpa.spec.maxReplicas} (autoscaled)` : fixed !== undefined ? String(fixed) : o.kind === 'DaemonSet' ? 'one per node' : 'per run';
      const count = BigInt(hpa ? hpa.spec.minReplicas ?? 1 : fixed ?? 1);
      const cpu = requested(w.pod, 'cpu');
      const memory = requested(w.pod, 'memory');
      if (cpu !== undefined) cpuTotal += cpu * count;
      if (memory !== undefined) memoryTotal += memory * count;
      lines.push(`| ${o.metadata.namespace ?? ''} | ${o.kind} ${o.metadata.name} | ${replicas} | ${amount(cpu, 'cpu')} | ${amount(memory, 'memory')} | ` +
        `${amount(cpu === undefined ? undefined : cpu * count, 'cpu')} | ${amount(memory === undefined ? undefined : memory * count, 'memory')} |`);
    }
    lines.push(`| | **total** (at the minimum replicas) | | | | **${formatCpu(cpuTotal)}** | **${formatMemory(memoryTotal)}** |`, '');
  }
  return `${lines.join('\n')}`;
}
