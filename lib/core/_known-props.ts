/**
 * The props each construct and each nested options object accepts, by the name of the interface that declares them
 * (inherited props included). `PropChecker.knownKeys()` refuses any other key, so a misspelt prop fails at
 * construction in plain JavaScript and under transpile-only synth too, where no type checker sees it.
 * `test/core/known-props.test.ts` reads each interface with the TypeScript compiler and checks its list here.
 *
 * @internal
 */
export const KNOWN_PROPS = {
  PriorityClassProps: ['description', 'globalDefault', 'metadata', 'name', 'preempt', 'value'],
  PodDisruptionBudgetProps: [
    'component', 'maxUnavailable', 'metadata', 'minAvailable', 'name', 'selector', 'unhealthyPodEvictionPolicy',
  ],
  DisruptionBudgetOptions: ['enabled', 'maxUnavailable', 'minAvailable', 'unhealthyPodEvictionPolicy'],
  HttpRouteProps: ['gatewayPeer', 'gateways', 'hostnames', 'metadata', 'name', 'rules'],
  IngressProps: ['controllerPeer', 'ingressClassName', 'metadata', 'name', 'rules', 'tls'],
  ExternalServiceProps: [
    'addresses', 'cidr', 'connectDirectly', 'credentialEnv', 'credentials', 'externalName', 'metadata', 'name',
    'ports',
  ],
  NetworkPolicyProps: ['component', 'egress', 'ingress', 'metadata', 'name', 'namespace', 'selector'],
  RoleBindingProps: ['metadata', 'name', 'namespace', 'role', 'subjects'],
  NamespaceOptions: [
    'access', 'defaultDenyNetwork', 'limits', 'metadata', 'podSecurity', 'podSecurityVersion', 'quota',
  ],
  ResourceQuotaProps: ['hard', 'metadata', 'name', 'namespace'],
  LimitRangeProps: ['defaultLimit', 'defaultRequest', 'max', 'metadata', 'min', 'name', 'namespace'],
  ClusterRoleBindingProps: ['metadata', 'name', 'role', 'subjects'],
  ClusterRoleProps: ['aggregateTo', 'aggregationSelectors', 'metadata', 'name', 'rules'],
  ServiceAccountProps: ['automountServiceAccountToken', 'cloudIdentity', 'metadata', 'name', 'namespace'],
  RoleProps: ['metadata', 'name', 'namespace', 'rules'],
  ExternalSecretProps: ['data', 'extract', 'metadata', 'name', 'refreshInterval', 'store', 'type'],
  ConfigProps: ['component', 'data', 'immutable', 'metadata', 'name'],
  SealedSecretProps: ['certificate', 'fingerprintKey', 'metadata', 'name', 'scope', 'type', 'values'],
  SecretProps: ['allowPlaintext', 'immutable', 'metadata', 'name', 'type', 'values'],
  AppStackProps: [
    'appName', 'createNamespace', 'instance', 'metadata', 'namespace', 'namespaceOptions', 'provider', 'version',
    'workloadDefaults',
  ],
  EnvironmentProps: ['kubernetesVersion', 'name', 'provider', 'workloadDefaults'],
  PlatformAppProps: [
    'capacitySummary', 'environments', 'gitOps', 'kubernetesVersion', 'outdir', 'provider', 'validation',
    'workloadDefaults',
  ],
  ValidationOptions: [
    'crds', 'customResourceDefinitions', 'externals', 'kubernetesVersion', 'preset', 'rules', 'suppressions',
  ],
  WebServiceProps: [
    'args', 'automountServiceAccountToken', 'autoscaling', 'command', 'component', 'containerName',
    'disruptionBudget', 'env', 'envFrom', 'extraPorts', 'image', 'imagePullPolicy', 'initContainers', 'livenessProbe',
    'metadata', 'minReadySeconds', 'mounts', 'name', 'nodeAffinity', 'nodeSelector', 'podAffinity', 'podAnnotations',
    'podLabels', 'port', 'portName', 'preStop', 'priorityClass', 'protocol', 'readinessProbe', 'replicas',
    'resources', 'revisionHistoryLimit', 'rolloutOnConfigChange', 'security', 'selectorLabels', 'serviceAccount',
    'serviceName', 'servicePort', 'serviceType', 'sidecarMode', 'sidecars', 'spread', 'startupProbe', 'strategy',
    'targetPortsByName', 'terminationGracePeriodSeconds', 'tolerations', 'trafficDistribution', 'version', 'workingDir',
  ],
  WorkerProps: [
    'args', 'automountServiceAccountToken', 'autoscaling', 'command', 'component', 'containerName',
    'disruptionBudget', 'env', 'envFrom', 'image', 'imagePullPolicy', 'initContainers', 'livenessProbe', 'metadata',
    'minReadySeconds', 'mounts', 'name', 'nodeAffinity', 'nodeSelector', 'podAffinity', 'podAnnotations', 'podLabels',
    'port', 'portName', 'preStop', 'priorityClass', 'readinessProbe', 'replicas', 'resources', 'revisionHistoryLimit',
    'rolloutOnConfigChange', 'security', 'selectorLabels', 'serviceAccount', 'sidecarMode', 'sidecars', 'spread',
    'startupProbe', 'strategy', 'terminationGracePeriodSeconds', 'tolerations', 'version', 'workingDir',
  ],
  StatefulServiceProps: [
    'args', 'automountServiceAccountToken', 'autoscaling', 'command', 'component', 'containerName',
    'disruptionBudget', 'env', 'envFrom', 'extraPorts', 'image', 'imagePullPolicy', 'initContainers', 'livenessProbe',
    'metadata', 'minReadySeconds', 'mounts', 'name', 'nodeAffinity', 'nodeSelector', 'parallelPodManagement',
    'persistentVolumeClaimRetention', 'podAffinity', 'podAnnotations', 'podLabels', 'port', 'portName', 'preStop',
    'priorityClass', 'protocol', 'readinessProbe', 'replicas', 'resources', 'revisionHistoryLimit',
    'rolloutOnConfigChange', 'security', 'selectorLabels', 'serviceAccount', 'serviceName', 'servicePort',
    'sidecarMode', 'sidecars', 'spread', 'startupProbe', 'targetPortsByName', 'terminationGracePeriodSeconds',
    'tolerations', 'version', 'volumes', 'workingDir',
  ],
  JobProps: [
    'activeDeadlineSeconds', 'args', 'automountServiceAccountToken', 'backoffLimit', 'backoffLimitPerIndex',
    'command', 'completionMode', 'completions', 'component', 'containerName', 'env', 'envFrom', 'image',
    'imagePullPolicy', 'initContainers', 'maxFailedIndexes', 'metadata', 'mounts', 'name', 'nodeAffinity',
    'nodeSelector', 'parallelism', 'podAffinity', 'podAnnotations', 'podFailurePolicy', 'podLabels',
    'podReplacementPolicy', 'preStop', 'priorityClass', 'resources', 'restartPolicy', 'rolloutOnConfigChange',
    'security', 'serviceAccount', 'sidecarMode', 'sidecars', 'successPolicy', 'terminationGracePeriodSeconds',
    'tolerations', 'ttlSecondsAfterFinished', 'version', 'workingDir',
  ],
  CronTaskProps: [
    'activeDeadlineSeconds', 'args', 'automountServiceAccountToken', 'backoffLimit', 'backoffLimitPerIndex',
    'command', 'completionMode', 'completions', 'component', 'concurrencyPolicy', 'containerName', 'env', 'envFrom',
    'failedJobsHistoryLimit', 'image', 'imagePullPolicy', 'initContainers', 'maxFailedIndexes', 'metadata', 'mounts',
    'name', 'nodeAffinity', 'nodeSelector', 'parallelism', 'podAffinity', 'podAnnotations', 'podFailurePolicy',
    'podLabels', 'podReplacementPolicy', 'preStop', 'priorityClass', 'resources', 'restartPolicy',
    'rolloutOnConfigChange', 'schedule', 'security', 'serviceAccount', 'sidecarMode', 'sidecars',
    'startingDeadlineSeconds', 'successPolicy', 'successfulJobsHistoryLimit', 'suspend',
    'terminationGracePeriodSeconds', 'timeZone', 'tolerations', 'ttlSecondsAfterFinished', 'version', 'workingDir',
  ],
  DaemonSetProps: [
    'args', 'automountServiceAccountToken', 'command', 'component', 'containerName', 'env', 'envFrom', 'hostAccess',
    'image', 'imagePullPolicy', 'initContainers', 'livenessProbe', 'metadata', 'minReadySeconds', 'mounts', 'name',
    'nodeAffinity', 'nodeSelector', 'podAffinity', 'podAnnotations', 'podLabels', 'port', 'portName', 'preStop',
    'priorityClass', 'readinessProbe', 'resources', 'revisionHistoryLimit', 'rolloutOnConfigChange', 'security',
    'selectorLabels', 'serviceAccount', 'sidecarMode', 'sidecars', 'startupProbe', 'strategy',
    'terminationGracePeriodSeconds', 'tolerateAllTaints', 'tolerations', 'version', 'workingDir',
  ],
  PodProps: [
    'args', 'automountServiceAccountToken', 'command', 'component', 'containerName', 'env', 'envFrom', 'image',
    'imagePullPolicy', 'initContainers', 'livenessProbe', 'metadata', 'mounts', 'name', 'nodeAffinity',
    'nodeSelector', 'podAffinity', 'podAnnotations', 'podLabels', 'port', 'portName', 'preStop', 'priorityClass',
    'readinessProbe', 'resources', 'restartPolicy', 'rolloutOnConfigChange', 'security', 'serviceAccount',
    'sidecarMode', 'sidecars', 'startupProbe', 'terminationGracePeriodSeconds', 'tolerations', 'version',
    'workingDir',
  ],
  WorkloadServiceProps: ['metadata', 'name', 'ports', 'type', 'workload'],
  PersistentVolumeClaimProps: ['accessMode', 'metadata', 'name', 'size', 'storageClassName'],
  HorizontalPodAutoscalerProps: ['behavior', 'maxReplicas', 'metadata', 'metrics', 'minReplicas', 'name', 'target'],
  AutoscalingOptions: ['behavior', 'maxReplicas', 'metrics', 'minReplicas'],
  HelmChartProps: ['chart', 'helmBinary', 'metadata', 'releaseName', 'repo', 'values', 'version'],
  ContainerOptions: [
    'args', 'command', 'env', 'envFrom', 'image', 'imagePullPolicy', 'mounts', 'resources', 'security', 'workingDir',
  ],
  Resources: ['limits', 'requests'],
  SecurityOptions: [
    'addCapabilities', 'allowPrivilegeEscalation', 'appArmorProfile', 'dropAllCapabilities', 'fsGroup',
    'readOnlyRootFilesystem', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seccompProfile', 'userNamespace',
    'writableTmp',
  ],
  ConnectOptions: ['as', 'containers', 'env', 'envVar', 'port'],
  ObjectMetadata: ['annotations', 'labels'],
  GatewayAttributes: ['gatewayName', 'namespace', 'sectionName'],
  ServiceEndpointAttributes: ['namespace', 'ports', 'selectorLabels', 'serviceName'],
  NamespaceProps: [
    'access', 'defaultDenyNetwork', 'limits', 'metadata', 'name', 'podSecurity', 'podSecurityVersion', 'quota',
  ],
  ResourceAmounts: ['cpu', 'ephemeralStorage', 'memory'],
  ResourceRequests: ['cpu', 'ephemeralStorage', 'memory'],
  ContainerSpec: [
    'args', 'command', 'env', 'envFrom', 'image', 'imagePullPolicy', 'livenessProbe', 'mounts', 'name', 'ports',
    'preStop', 'readinessProbe', 'resources', 'security', 'startupProbe', 'workingDir',
  ],
  WorkloadDefaults: [
    'disruptionBudget', 'nodeSelector', 'priorityClass', 'resources', 'revisionHistoryLimit', 'security', 'sidecarMode',
    'spread', 'terminationGracePeriodSeconds', 'tolerations',
  ],
  ProbeOptions: [
    'failureThreshold', 'initialDelaySeconds', 'periodSeconds', 'successThreshold', 'terminationGracePeriodSeconds',
    'timeoutSeconds',
  ],
  PortProbeOptions: [
    'failureThreshold', 'initialDelaySeconds', 'periodSeconds', 'port', 'successThreshold',
    'terminationGracePeriodSeconds', 'timeoutSeconds',
  ],
  HttpProbeOptions: [
    'failureThreshold', 'headers', 'https', 'initialDelaySeconds', 'periodSeconds', 'port', 'successThreshold',
    'terminationGracePeriodSeconds', 'timeoutSeconds',
  ],
  GrpcProbeOptions: [
    'failureThreshold', 'initialDelaySeconds', 'periodSeconds', 'port', 'service', 'successThreshold',
    'terminationGracePeriodSeconds', 'timeoutSeconds',
  ],
  NodePortOptions: ['nodePort'],
  PortMapping: ['expose', 'name', 'nodePort', 'port', 'protocol', 'servicePort'],
  LoadBalancerOptions: ['annotations', 'internal', 'preserveClientIp', 'sourceRanges'],
  RollingUpdateOptions: ['maxSurge', 'maxUnavailable'],
  DaemonSetRollingUpdateOptions: ['maxSurge', 'maxUnavailable'],
  TolerationOptions: ['effect', 'tolerationSeconds'],
  TopologySpreadOptions: ['matchLabelKeys', 'maxSkew', 'nodeAffinityPolicy', 'nodeTaintsPolicy', 'required'],
  PodAffinityOptions: ['namespaces', 'required', 'topologyKey', 'weight'],
  FileMountOptions: ['defaultMode', 'items', 'optional', 'subPath', 'volumeName'],
  EmptyDirOptions: ['memory', 'sizeLimit', 'subPath', 'volumeName'],
  ClaimMountOptions: ['readOnly', 'subPath', 'volumeName'],
  UrlAddressOptions: ['path', 'shortName'],
  HostAddressOptions: ['shortName'],
  KeyRefOptions: ['optional'],
  EnvFromOptions: ['optional', 'prefix'],
  HostPathOptions: ['hostPath', 'mountPath', 'type', 'volumeName', 'writable'],
  HostPortOptions: ['hostPort', 'name', 'port', 'protocol'],
  ProviderOptions: ['ingressClassName', 'storageClassName'],
} as const satisfies Record<string, readonly string[]>;

/** The name of an interface whose props `KNOWN_PROPS` lists. @internal */
export type KnownPropsOf = keyof typeof KNOWN_PROPS;

/**
 * The optimal string alignment distance between `a` and `b` (Damerau-Levenshtein without repeated edits of one
 * substring): the fewest insertions, deletions, substitutions and transpositions of adjacent characters.
 *
 * @internal
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known name `name` was most likely meant to be: one that differs only in case, else the nearest within an edit
 * distance of 2 (and less than the length of `name`), the first in `known` on a tie; `undefined` when none is near.
 *
 * @internal
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const sameCase = known.find((k) => k.toLowerCase() === name.toLowerCase());
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.min(2, name.length - 1) + 1;
  for (const k of known) {
    const distance = editDistance(name, k);
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  }
  return best;
}
