/**
 * The defaults the Kubernetes API server fills in when an object is created, applied to plain objects so that an
 * imported manifest and what its generated code synthesizes can be compared as the cluster would store them: a
 * Service written without `type: ClusterIP` and one written with it are the same Service.
 *
 * What is defaulted follows the API server's defaulting functions (`pkg/apis/core/v1/defaults.go`,
 * `pkg/apis/apps/v1/defaults.go`, `pkg/apis/batch/v1/defaults.go`, `pkg/apis/autoscaling/v2/defaults.go`,
 * `pkg/apis/networking/v1/defaults.go`, `pkg/apis/rbac/v1/defaults.go`, release 1.27 to 1.33, with the features
 * enabled by default at the version given) and the registry's normalizations that change what is stored (a
 * Namespace's name label and finalizer, a Secret's `stringData` merged into `data`). On top of those, values the
 * cluster treats as absent are removed (nulls, empty lists and objects, a `false` that means unset such as
 * `privileged: false`), a StatefulSet's RollingUpdate always has its partition, and quantities are written in one
 * canonical form per amount: where the stored text may differ but nothing the cluster does can, both sides are
 * written the same way.
 *
 * Fields the cluster allocates (a Service's clusterIP and nodePorts, uid, resourceVersion, status) are not
 * invented; `status` and server-owned metadata are dropped from both sides instead.
 */
import { builtInScopeOf } from '../../lib/core/resource-scope';
import { DEFAULT_KUBERNETES_VERSION, isAtLeast } from '../../lib/core/kubernetes-version';
import { formatQuantity, parseQuantity } from '../../lib/core/quantity';

/** A Kubernetes object as plain JSON data. */
export type KubeObject = Record<string, any>;

/** How to default an object. */
export interface DefaultsOptions {
  /**
   * The namespace of a namespaced object that names none (as `kubectl apply -n NS` gives it).
   *
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * The Kubernetes minor whose defaults apply (a field defaulted only from some version on, such as a Job's
   * `podReplacementPolicy` from 1.29).
   *
   * @default the library's default target version
   */
  readonly kubernetesVersion?: string;
}

/**
 * A copy of `object` as the API server would store it: with its defaults filled in, absent-equivalent values
 * removed and quantities canonical. `object` itself is not changed.
 */
export function withKubernetesDefaults(object: KubeObject, options: DefaultsOptions = {}): KubeObject {
  const version = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const o = withoutAbsentValues(structuredClone(object)) as KubeObject;
  defaultMetadata(o, options.namespace ?? 'default', version);
  delete o.status;
  const byKind = KIND_DEFAULTS[o.kind as string];
  if (byKind && o.apiVersion === byKind.apiVersion) byKind.apply(o, version);
  for (const { spec, isPod } of podSpecsOf(o)) {
    defaultPodSpec(spec);
    if (isPod) defaultPod(spec, version);
    canonicalTolerations(spec);
  }
  return withoutAbsentValues(o) as KubeObject;
}

// ---------------------------------------------------------------------------------------------------------------
// Values the API server treats as absent.

/** Keys whose empty object means something (an emptyDir volume, a selector that selects everything). */
const MEANINGFUL_WHEN_EMPTY = new Set(['emptyDir', 'podSelector', 'namespaceSelector', 'selector', 'labelSelector']);

/**
 * `value` without nulls, empty lists and empty objects, except the empty objects that mean something
 * ({@link MEANINGFUL_WHEN_EMPTY}): Go's `omitempty` writes none of them, so `labels: {}`, `args: []` and
 * `limits: null` are the same as leaving the field out. So are the empty structs the server writes out
 * (a pod's `securityContext: {}`, a container's `resources: {}`): they set nothing.
 */
function withoutAbsentValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutAbsentValues(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const cleaned = withoutAbsentValues(v);
    if (cleaned === null || cleaned === undefined) continue;
    if (Array.isArray(cleaned) && cleaned.length === 0) continue;
    if (isEmptyObject(cleaned) && !MEANINGFUL_WHEN_EMPTY.has(k)) continue;
    out[k] = cleaned;
  }
  return out;
}

function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

/**
 * Booleans whose `false` means the same as leaving them out: plain Go booleans with `omitempty` (the server does
 * not even store a false one), and the pointer booleans whose unset value is false where they are read
 * (`privileged`, `readOnlyRootFilesystem`). A `false` among them is removed, so that `privileged: false` and no
 * `privileged` compare equal.
 */
const FALSE_IS_UNSET: Record<string, readonly string[]> = {
  podSpec: ['hostNetwork', 'hostPID', 'hostIPC'],
  container: ['stdin', 'stdinOnce', 'tty'],
  securityContext: ['privileged', 'readOnlyRootFilesystem'],
  volumeMount: ['readOnly'],
};

function dropFalse(holder: KubeObject | undefined, keys: readonly string[]): void {
  if (!holder) return;
  for (const key of keys) if (holder[key] === false) delete holder[key];
}

/** Metadata the server owns (never part of what a manifest declares). */
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink'];

function defaultMetadata(o: KubeObject, namespace: string, version: string): void {
  const metadata: KubeObject = o.metadata ?? {};
  o.metadata = metadata;
  for (const key of SERVER_METADATA) delete metadata[key];
  const scope = typeof o.apiVersion === 'string' && typeof o.kind === 'string' ? builtInScopeOf(o.apiVersion, o.kind, version) : undefined;
  // A custom kind whose CRD is not known is taken as namespaced, as almost all are.
  if (scope !== 'Cluster' && metadata.namespace === undefined) metadata.namespace = namespace;
}

// ---------------------------------------------------------------------------------------------------------------
// Quantities.

/** Resource names whose amounts are bytes: printed with a binary suffix when 1024 divides them. */
const BYTE_RESOURCES = /(^|\/|\.)(memory|storage|ephemeral-storage)$|^hugepages-/;

/** `value` as the canonical text of its amount; a value that is no quantity is kept as given. */
export function canonicalQuantity(value: unknown, resource: string): unknown {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return value;
  const nanos = parseQuantity(text);
  if (nanos === undefined) return value;
  return formatQuantity(nanos, BYTE_RESOURCES.test(resource) ? 'binary' : 'decimal');
}

/** Nano-units per milli-unit: SetDefaults_ResourceList rounds every amount up to a whole milli-unit. */
const NANOS_PER_MILLI = 1_000_000n;

/** Every amount of a resource list (`requests`, `limits`, `hard`, ...) rounded up to milli-units, in canonical form. */
function canonicalResourceList(list: unknown): void {
  if (list === null || typeof list !== 'object' || Array.isArray(list)) return;
  const record = list as Record<string, unknown>;
  for (const [resource, amount] of Object.entries(record)) {
    const nanos = parseQuantity(typeof amount === 'number' ? String(amount) : (amount as string));
    if (nanos === undefined) continue;
    const rounded = nanos % NANOS_PER_MILLI === 0n ? nanos : (nanos / NANOS_PER_MILLI + (nanos > 0n ? 1n : 0n)) * NANOS_PER_MILLI;
    record[resource] = canonicalQuantity(formatQuantity(rounded, 'decimal'), resource);
  }
}

function canonicalRequirements(resources: KubeObject | undefined): void {
  if (!resources) return;
  canonicalResourceList(resources.requests);
  canonicalResourceList(resources.limits);
}

// ---------------------------------------------------------------------------------------------------------------
// Pods (core/v1 SetDefaults_PodSpec, SetDefaults_Pod, SetDefaults_Container, SetDefaults_Probe, volumes).

/** The pod specs of an object: a Pod's own (`isPod`), or the template of a workload. */
function podSpecsOf(o: KubeObject): { spec: KubeObject; isPod: boolean }[] {
  const specs: { spec: KubeObject; isPod: boolean }[] = [];
  const add = (spec: unknown, isPod = false): void => {
    if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) specs.push({ spec: spec as KubeObject, isPod });
  };
  switch (o.kind) {
    case 'Pod': add(o.spec, true); break;
    case 'PodTemplate': add(o.template?.spec); break;
    case 'Deployment': case 'ReplicaSet': case 'ReplicationController': case 'StatefulSet': case 'DaemonSet': case 'Job':
      add(o.spec?.template?.spec); break;
    case 'CronJob': add(o.spec?.jobTemplate?.spec?.template?.spec); break;
    default: break;
  }
  return specs;
}

/** SetDefaults_PodSpec, for every pod spec (a Pod's and a template's), and the defaults of what it holds. */
function defaultPodSpec(spec: KubeObject): void {
  dropFalse(spec, FALSE_IS_UNSET.podSpec);
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const container of arrayAt(spec, list)) defaultContainer(container);
  }
  for (const volume of arrayAt(spec, 'volumes')) defaultVolume(volume);
  if (spec.overhead) canonicalResourceList(spec.overhead);
}

/**
 * SetDefaults_Pod: what only a Pod gets, not a template (so that a template's defaults do not change when one is
 * added here): requests at the limits, service links, host ports on the host network, and (InPlacePodVerticalScaling,
 * on by default from 1.33) a resize policy for the CPU and memory requested.
 */
function defaultPod(spec: KubeObject, version: string): void {
  spec.enableServiceLinks ??= true;
  for (const list of ['initContainers', 'containers']) {
    for (const c of arrayAt(spec, list)) {
      const limits = c.resources?.limits as Record<string, unknown> | undefined;
      if (limits) {
        const requests: Record<string, unknown> = c.resources.requests ?? {};
        for (const [resource, amount] of Object.entries(limits)) requests[resource] ??= amount;
        c.resources.requests = requests;
      }
      if (spec.hostNetwork === true) {
        for (const port of arrayAt(c, 'ports')) port.hostPort ??= port.containerPort;
      }
    }
  }
  if (!isAtLeast(version, '1.33')) return;
  for (const c of arrayAt(spec, 'containers')) {
    const requested = Object.keys(c.resources?.requests ?? {});
    const given = new Set(arrayAt(c, 'resizePolicy').map((p) => p.resourceName));
    const added = ['cpu', 'memory'].filter((r) => requested.includes(r) && !given.has(r)).map((resourceName) => ({ resourceName, restartPolicy: 'NotRequired' }));
    if (added.length > 0) c.resizePolicy = [...arrayAt(c, 'resizePolicy'), ...added];
  }
}

function defaultContainer(c: KubeObject): void {
  dropFalse(c, FALSE_IS_UNSET.container);
  dropFalse(c.securityContext, FALSE_IS_UNSET.securityContext);
  for (const mount of arrayAt(c, 'volumeMounts')) dropFalse(mount, FALSE_IS_UNSET.volumeMount);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (typeof c.image === 'string') c.imagePullPolicy ??= pullPolicyOf(c.image);
  canonicalRequirements(c.resources);
  for (const port of arrayAt(c, 'ports')) port.protocol ??= 'TCP';
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (c[probe]) defaultProbe(c[probe]);
  }
  for (const hook of ['postStart', 'preStop']) {
    if (c.lifecycle?.[hook]?.httpGet) defaultHttpGet(c.lifecycle[hook].httpGet);
  }
  for (const env of arrayAt(c, 'env')) {
    if (env.valueFrom?.fieldRef) env.valueFrom.fieldRef.apiVersion ??= 'v1';
  }
}

/**
 * `Always` for an image whose tag is `latest` (or that has neither tag nor digest), `IfNotPresent` otherwise, as
 * `SetDefaults_Container` reads the reference.
 */
export function pullPolicyOf(image: string): 'Always' | 'IfNotPresent' {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon >= 0 ? lastSegment.slice(colon + 1) : at >= 0 ? '' : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: KubeObject): void {
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (probe.httpGet) defaultHttpGet(probe.httpGet);
  if (probe.grpc) probe.grpc.service ??= '';
}

function defaultHttpGet(action: KubeObject): void {
  action.path ??= '/';
  action.scheme ??= 'HTTP';
}

/** The file mode secret, configMap, downwardAPI and projected volumes default to (0644). */
const DEFAULT_MODE = 0o644;

function defaultVolume(volume: KubeObject): void {
  const sources = Object.keys(volume).filter((k) => k !== 'name');
  if (sources.length === 0) volume.emptyDir = {};
  for (const source of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (volume[source]) volume[source].defaultMode ??= DEFAULT_MODE;
  }
  for (const projection of arrayAt(volume.projected ?? {}, 'sources')) {
    if (projection.serviceAccountToken) projection.serviceAccountToken.expirationSeconds ??= 3600;
  }
  if (volume.hostPath) volume.hostPath.type ??= '';
  if (volume.emptyDir?.sizeLimit !== undefined) volume.emptyDir.sizeLimit = canonicalQuantity(volume.emptyDir.sizeLimit, 'storage');
}

// ---------------------------------------------------------------------------------------------------------------
// Kinds.

interface KindDefaults {
  /** The apiVersion whose defaults these are (another version of the kind is left as it is). */
  readonly apiVersion: string;
  readonly apply: (o: KubeObject, version: string) => void;
}

const KIND_DEFAULTS: Record<string, KindDefaults> = {
  Service: { apiVersion: 'v1', apply: defaultService },
  Namespace: { apiVersion: 'v1', apply: defaultNamespace },
  Secret: { apiVersion: 'v1', apply: defaultSecret },
  PersistentVolumeClaim: { apiVersion: 'v1', apply: (o) => defaultClaim(o) },
  PersistentVolume: { apiVersion: 'v1', apply: defaultVolumeObject },
  ResourceQuota: { apiVersion: 'v1', apply: (o) => canonicalResourceList(o.spec?.hard) },
  LimitRange: { apiVersion: 'v1', apply: defaultLimitRange },
  ReplicationController: { apiVersion: 'v1', apply: (o) => { o.spec ??= {}; o.spec.replicas ??= 1; } },
  Deployment: { apiVersion: 'apps/v1', apply: defaultDeployment },
  StatefulSet: { apiVersion: 'apps/v1', apply: defaultStatefulSet },
  DaemonSet: { apiVersion: 'apps/v1', apply: defaultDaemonSet },
  ReplicaSet: { apiVersion: 'apps/v1', apply: (o) => { o.spec ??= {}; o.spec.replicas ??= 1; } },
  Job: { apiVersion: 'batch/v1', apply: defaultJob },
  CronJob: { apiVersion: 'batch/v1', apply: defaultCronJob },
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', apply: defaultAutoscaler },
  NetworkPolicy: { apiVersion: 'networking.k8s.io/v1', apply: defaultNetworkPolicy },
  RoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', apply: defaultBinding },
  ClusterRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', apply: defaultBinding },
  PriorityClass: { apiVersion: 'scheduling.k8s.io/v1', apply: defaultPriorityClass },
  HTTPRoute: { apiVersion: 'gateway.networking.k8s.io/v1', apply: defaultHttpRoute },
};

function defaultService(o: KubeObject): void {
  const spec: KubeObject = (o.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  for (const port of arrayAt(spec, 'ports')) {
    port.protocol ??= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

function defaultNamespace(o: KubeObject): void {
  o.metadata.labels ??= {};
  o.metadata.labels['kubernetes.io/metadata.name'] = o.metadata.name;
  o.spec ??= {};
  o.spec.finalizers ??= ['kubernetes'];
}

function defaultSecret(o: KubeObject): void {
  o.type ??= 'Opaque';
  if (o.stringData && typeof o.stringData === 'object') {
    o.data ??= {};
    for (const [key, value] of Object.entries(o.stringData)) o.data[key] = Buffer.from(String(value), 'utf8').toString('base64');
    delete o.stringData;
  }
}

function defaultClaim(o: KubeObject): void {
  o.spec ??= {};
  o.spec.volumeMode ??= 'Filesystem';
  canonicalRequirements(o.spec.resources);
}

function defaultVolumeObject(o: KubeObject): void {
  o.spec ??= {};
  o.spec.persistentVolumeReclaimPolicy ??= 'Retain';
  o.spec.volumeMode ??= 'Filesystem';
  canonicalResourceList(o.spec.capacity);
}

function defaultLimitRange(o: KubeObject): void {
  for (const item of arrayAt(o.spec ?? {}, 'limits')) {
    for (const list of ['default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio']) canonicalResourceList(item[list]);
    if (item.type !== 'Container') continue;
    // SetDefaults_LimitRangeItem: the default limit is the max; the default request the default limit, else the min.
    item.default ??= {};
    item.defaultRequest ??= {};
    for (const [resource, amount] of Object.entries(item.max ?? {})) item.default[resource] ??= amount;
    for (const [resource, amount] of Object.entries(item.default)) item.defaultRequest[resource] ??= amount;
    for (const [resource, amount] of Object.entries(item.min ?? {})) item.defaultRequest[resource] ??= amount;
  }
}

function defaultDeployment(o: KubeObject): void {
  const spec: KubeObject = (o.spec ??= {});
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ??= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
}

function defaultStatefulSet(o: KubeObject, version: string): void {
  const spec: KubeObject = (o.spec ??= {});
  spec.replicas ??= 1;
  spec.podManagementPolicy ??= 'OrderedReady';
  spec.updateStrategy ??= {};
  spec.updateStrategy.type ??= 'RollingUpdate';
  // The server adds a rollingUpdate only to a strategy without type; a RollingUpdate without one rolls from
  // partition 0 all the same, so both are completed.
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  // StatefulSetAutoDeletePVC, on by default from 1.27.
  if (isAtLeast(version, '1.27')) {
    spec.persistentVolumeClaimRetentionPolicy ??= {};
    spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
    spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
  }
  for (const template of arrayAt(spec, 'volumeClaimTemplates')) {
    // Written or not, a claim template is a v1 PersistentVolumeClaim; its status is the cluster's.
    if (template.apiVersion === 'v1') delete template.apiVersion;
    if (template.kind === 'PersistentVolumeClaim') delete template.kind;
    delete template.status;
    defaultClaim(template);
  }
}

function defaultDaemonSet(o: KubeObject): void {
  const spec: KubeObject = (o.spec ??= {});
  spec.updateStrategy ??= {};
  spec.updateStrategy.type ??= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
}

function defaultJob(o: KubeObject, version: string): void {
  const spec: KubeObject = (o.spec ??= {});
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  // With backoffLimitPerIndex, the job-wide limit is effectively unlimited (math.MaxInt32).
  spec.backoffLimit ??= spec.backoffLimitPerIndex === undefined ? 6 : 2147483647;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  // JobPodReplacementPolicy, on by default from 1.29.
  if (isAtLeast(version, '1.29')) spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  // A Job without labels takes its pod template's.
  const templateLabels = spec.template?.metadata?.labels;
  if (templateLabels && Object.keys(o.metadata.labels ?? {}).length === 0) o.metadata.labels = { ...templateLabels };
  defaultFailurePolicy(spec.podFailurePolicy);
}

/** SetDefaults_PodFailurePolicyOnPodConditionsPattern: a pod condition matched without status is matched when True. */
function defaultFailurePolicy(policy: KubeObject | undefined): void {
  for (const rule of arrayAt(policy ?? {}, 'rules')) {
    for (const pattern of arrayAt(rule, 'onPodConditions')) pattern.status ??= 'True';
  }
}

function defaultCronJob(o: KubeObject): void {
  const spec: KubeObject = (o.spec ??= {});
  spec.concurrencyPolicy ??= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  defaultFailurePolicy(spec.jobTemplate?.spec?.podFailurePolicy);
}

function defaultAutoscaler(o: KubeObject): void {
  const spec: KubeObject = (o.spec ??= {});
  spec.minReplicas ??= 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  for (const metric of spec.metrics as KubeObject[]) {
    for (const source of Object.values(metric)) {
      const target = (source as KubeObject | undefined)?.target;
      if (!target || typeof target !== 'object') continue;
      const resource = (source as KubeObject).name ?? '';
      if (target.averageValue !== undefined) target.averageValue = canonicalQuantity(target.averageValue, resource);
      if (target.value !== undefined) target.value = canonicalQuantity(target.value, resource);
    }
  }
  // SetDefaults_HorizontalPodAutoscalerBehavior: only a behavior given is completed.
  if (spec.behavior) {
    spec.behavior.scaleUp = completedRules(spec.behavior.scaleUp, {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
    });
    // The scale-down window stays unset: the controller's flag decides it.
    spec.behavior.scaleDown = completedRules(spec.behavior.scaleDown, {
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    });
  }
}

function completedRules(given: KubeObject | undefined, defaults: KubeObject): KubeObject {
  return { ...defaults, ...(given ?? {}) };
}

function defaultNetworkPolicy(o: KubeObject): void {
  const spec: KubeObject = (o.spec ??= {});
  spec.podSelector ??= {};
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = ['Ingress', ...(Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Egress'] : [])];
  }
  for (const direction of ['ingress', 'egress']) {
    for (const rule of arrayAt(spec, direction)) {
      for (const port of arrayAt(rule, 'ports')) port.protocol ??= 'TCP';
    }
  }
}

function defaultSubjects(o: KubeObject): void {
  for (const subject of arrayAt(o, 'subjects')) {
    if (subject.kind === 'ServiceAccount') subject.apiGroup ??= '';
    else if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup ??= 'rbac.authorization.k8s.io';
  }
}

/** The objects of the list at `key` (an absent or malformed list gives none). */
function arrayAt(holder: KubeObject, key: string): KubeObject[] {
  const list = holder?.[key];
  return Array.isArray(list) ? list.filter((v) => v !== null && typeof v === 'object') : [];
}

// ---------------------------------------------------------------------------------------------------------------
// Gateway API HTTPRoute: the `default`s of its CRD's schema for gateway.networking.k8s.io/v1 (standard channel:
// test/fixtures/crds/gateway.networking.k8s.io_httproutes.yaml, whose README says where it is from), which the API
// server writes into absent fields.

/** A match of every path: what a route without rules, and a rule without matches, get. */
const MATCH_EVERY_PATH = { path: { type: 'PathPrefix', value: '/' } };

function defaultHttpRoute(o: KubeObject): void {
  const spec: KubeObject = (o.spec ??= {});
  for (const ref of arrayAt(spec, 'parentRefs')) {
    ref.group ??= 'gateway.networking.k8s.io';
    ref.kind ??= 'Gateway';
  }
  spec.rules ??= [{ matches: [structuredClone(MATCH_EVERY_PATH)] }];
  for (const rule of arrayAt(spec, 'rules')) {
    rule.matches ??= [structuredClone(MATCH_EVERY_PATH)];
    for (const match of arrayAt(rule, 'matches')) {
      match.path ??= {};
      match.path.type ??= 'PathPrefix';
      match.path.value ??= '/';
      for (const header of arrayAt(match, 'headers')) header.type ??= 'Exact';
      for (const param of arrayAt(match, 'queryParams')) param.type ??= 'Exact';
    }
    for (const ref of arrayAt(rule, 'backendRefs')) {
      ref.group ??= '';
      ref.kind ??= 'Service';
      ref.weight ??= 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// RBAC bindings and PriorityClasses (pkg/apis/rbac/v1/defaults.go, pkg/apis/scheduling/v1/defaults.go).

/** SetDefaults_RoleBinding, SetDefaults_ClusterRoleBinding: the role is RBAC's; then each subject's group. */
function defaultBinding(o: KubeObject): void {
  if (o.roleRef && typeof o.roleRef === 'object') o.roleRef.apiGroup ??= 'rbac.authorization.k8s.io';
  defaultSubjects(o);
}

/** SetDefaults_PriorityClass: a class preempts lower priorities unless it says Never; globalDefault false is unset. */
function defaultPriorityClass(o: KubeObject): void {
  o.preemptionPolicy ??= 'PreemptLowerPriority';
  if (o.globalDefault === false) delete o.globalDefault;
}

// ---------------------------------------------------------------------------------------------------------------
// Tolerations (pod fields of import's mapping).

/**
 * A toleration's operator written out: the API server stores a toleration without `operator` as given, and the
 * scheduler reads it as `Equal` (`Toleration.ToleratesTaint`), so both are written `Equal`; an empty `effect` matches
 * every effect as an absent one does.
 */
function canonicalTolerations(spec: KubeObject): void {
  for (const t of arrayAt(spec, 'tolerations')) {
    if (t.operator === undefined || t.operator === '') t.operator = 'Equal';
    if (t.effect === '') delete t.effect;
  }
}
