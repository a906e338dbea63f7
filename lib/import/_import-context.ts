import { FieldStep, ObjectRef, additionField, objectField } from './addition-field';
import { ImportAddition } from './import-model';
import { Printable, code } from './_source-text';
import { RESERVED_WORDS } from '../core/_reserved-words';

/** A plain JSON object, as read. */
export type Json = Record<string, unknown>;

/** `x` when it is a plain object, else undefined. */
export function asObject(x: unknown): Json | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined;
}

/** `x` when it is a list, else an empty one. */
export function asList(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

/** `x` when it is a record of strings (labels, annotations, data), else undefined. */
export function asStrings(x: unknown): Record<string, string> | undefined {
  const o = asObject(x);
  if (o === undefined || !Object.values(o).every((v) => typeof v === 'string')) return undefined;
  return o as Record<string, string>;
}

/**
 * The value of `table` under `key` when `key` is one of the table's own keys, else undefined: an input value such
 * as `constructor` or `toString` never finds a member every object inherits.
 */
export function entry<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** The kinds of addition the generator lists, each with its wording and how to opt out. */
export const ADDITION_KINDS = {
  labels: {
    what: 'the recommended labels (app.kubernetes.io/name, instance, version, component, part-of, managed-by) on',
    optOut: 'none: they select nothing (selectors keep the imported selectorLabels); set a label in `metadata.labels` or `podLabels` to keep its value',
  },
  podSecurity: {
    what: 'a restricted pod securityContext (runAsNonRoot, seccompProfile RuntimeDefault) on the pods of',
    optOut: '`security: { runAsNonRoot: false, seccompProfile: SeccompProfile.unconfined() }` on the workload',
  },
  containerSecurity: {
    what: 'a restricted container securityContext (allowPrivilegeEscalation false, capabilities drop ALL, readOnlyRootFilesystem, runAsNonRoot) on the containers of',
    optOut: '`security: { allowPrivilegeEscalation: true, dropAllCapabilities: false, readOnlyRootFilesystem: false, runAsNonRoot: false }` on the workload',
  },
  writableTmp: {
    what: 'a writable /tmp (an emptyDir volume "tmp") under the read-only root filesystem of',
    optOut: '`security: { writableTmp: false }` (or `readOnlyRootFilesystem: false`) on the workload',
  },
  automount: {
    what: 'automountServiceAccountToken: false (no Kubernetes API token) on the pods of',
    optOut: '`automountServiceAccountToken: true` on the workload',
  },
  probes: {
    what: 'readiness and liveness probes on the main port (TCP) where the input had none, on',
    optOut: '`readinessProbe: Probe.none()` and `livenessProbe: Probe.none()` on the workload',
  },
  probesOff: {
    what: 'the annotation cdk8s-platform.io/probes-off (naming the probes a workload without a port goes without, for validation to see) on',
    optOut: 'none: give the workload a port, or probes (`Probe.exec([...])`)',
  },
  spread: {
    what: 'a preferred spread across nodes (topologySpreadConstraints) of the pods of',
    optOut: '`spread: []` on the workload',
  },
  disruptionBudget: {
    what: 'a PodDisruptionBudget (maxUnavailable 1, unhealthyPodEvictionPolicy AlwaysAllow) for',
    optOut: '`disruptionBudget: { enabled: false }` on the workload',
  },
  evictionPolicy: {
    what: 'unhealthyPodEvictionPolicy: AlwaysAllow on the PodDisruptionBudget of',
    optOut: '`disruptionBudget: { unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET }` on the workload',
  },
  memoryLimit: {
    what: 'a memory limit equal to the memory request on the containers of',
    optOut: 'none: set `resources.limits.memory` to the limit you want',
  },
  resources: {
    what: 'resource requests (cpu 100m, memory 128Mi) where the input had none, on the containers of',
    optOut: 'none: the library requires requests; set `resources` to what the container needs',
  },
  strategy: {
    what: 'zero-downtime rolling updates (maxUnavailable 0) on',
    optOut: '`strategy: DeploymentStrategy.rollingUpdate({ maxUnavailable: \'25%\' })` on the workload',
  },
  readOnlyMounts: {
    what: 'readOnly: true on the mounts of ConfigMaps and Secrets (their volumes are read-only anyway) of',
    optOut: 'none: the kubelet mounts them read-only whatever the field says',
  },
  concurrency: {
    what: 'concurrencyPolicy: Forbid (a run does not start while the previous one runs) on',
    optOut: '`concurrencyPolicy: ConcurrencyPolicy.ALLOW` on the CronTask',
  },
  replicas: {
    what: 'two replicas where the input set none, on',
    optOut: '`replicas: 1` on the workload',
  },
  replicasLeftOut: {
    what: 'no spec.replicas (left out, not added: the HorizontalPodAutoscaler owns the count, and an apply that sets it would reset what the autoscaler chose; the first client-side `kubectl apply` of this output removes the field, which drops the workload to 1 pod until the autoscaler scales it back: run `kubectl apply edit-last-applied` to remove spec.replicas first, or apply with --server-side; see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling) on',
    optOut: 'none: remove `autoscaling` to keep a fixed `replicas`',
    leftOut: true,
  },
  portNames: {
    what: 'port names ("http" for the main port) where the input had none, on',
    optOut: 'none: name the port with `portName`',
  },
  configHash: {
    what: 'a hash of the ConfigMaps the pods read (annotation cdk8s-platform.io/config-hash), so a config change rolls them, on the pods of',
    optOut: '`rolloutOnConfigChange: false` on the workload',
  },
  networkPolicy: {
    what: 'NetworkPolicies written by connectTo(): a called Service then admits only the workloads that connect to it, on',
    optOut: 'remove the connectTo() call and keep the environment variable in `env`',
  },
  connectEnv: {
    what: 'the variable <SERVICE>_URL (the called Service\'s URL) that connectTo() sets for a Compose depends_on, on',
    optOut: 'remove the connectTo() call (the NetworkPolicy it wrote goes with it)',
  },
  namespace: {
    what: 'the Pod Security Standard labels (pod-security.kubernetes.io/enforce, audit, warn restricted) on the Namespace',
    optOut: '`namespaceOptions: { podSecurity: ... }` on the AppStack',
  },
} as const;

/** A kind of addition. */
export type AdditionKind = keyof typeof ADDITION_KINDS;

/**
 * What the generator has found so far: the additions by kind (with the objects they are on), the imports the
 * module needs, and the variable names taken.
 */
export class ImportContext {
  private readonly additions = new Map<AdditionKind, { on: string[]; fields: string[] }>();
  private readonly imports = new Set<string>();
  private readonly names = new Set<string>();
  /** How many input objects became constructs (or references), and how many stayed raw. */
  public readonly counts = { constructs: 0, rawObjects: 0 };

  /**
   * Records that the output adds `paths` to `ref`, as an addition of `kind` on `on` (a workload's name); for a kind
   * that leaves fields out (`leftOut`), that the output leaves them out.
   */
  public add(kind: AdditionKind, on: string, ref: ObjectRef, paths: ReadonlyArray<readonly FieldStep[]> | 'whole'): void {
    let entry = this.additions.get(kind);
    if (entry === undefined) {
      entry = { on: [], fields: [] };
      this.additions.set(kind, entry);
    }
    if (!entry.on.includes(on)) entry.on.push(on);
    const fields = paths === 'whole' ? [objectField(ref)] : paths.map((p) => additionField(ref, p));
    for (const f of fields) if (!entry.fields.includes(f)) entry.fields.push(f);
  }

  /** The additions recorded, in the order of ADDITION_KINDS. */
  public allAdditions(): ImportAddition[] {
    const out: ImportAddition[] = [];
    for (const [kind, info] of Object.entries(ADDITION_KINDS) as Array<[AdditionKind, { what: string; optOut: string }]>) {
      const entry = this.additions.get(kind);
      if (entry === undefined) continue;
      const leftOut = 'leftOut' in ADDITION_KINDS[kind];
      out.push({ what: `${info.what} ${entry.on.join(', ')}`, optOut: info.optOut, fields: leftOut ? [] : entry.fields, ...(leftOut ? { leftOut: entry.fields } : {}) });
    }
    return out;
  }

  /** Notes that the module imports `name` from the library, and returns a code fragment naming it. */
  public use(name: string, member?: string): Printable {
    this.imports.add(name);
    return code(member === undefined ? name : `${name}.${member}`);
  }

  /** Notes that the module imports `name` from the library. */
  public need(name: string): string {
    this.imports.add(name);
    return name;
  }

  /** The library names the module imports, sorted. */
  public libraryImports(): string[] {
    return [...this.imports].sort();
  }

  /** A variable name from `wanted` not taken yet in the module. */
  public variable(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.names.has(name) || RESERVED.has(name); i++) name = `${wanted}${i}`;
    this.names.add(name);
    return name;
  }
}

/** What a variable of the module must not be called: reserved words, and the names the module itself uses. */
const RESERVED = new Set([...RESERVED_WORDS, 'app', 'scope', 'id', 'require', 'module']);
