/**
 * The keys of the Compose Specification that have no Kubernetes meaning (or none the library's constructs give), and
 * what to do instead: the Compose reader reports one problem per key found and imports the rest.
 *
 * @see https://docs.docker.com/reference/compose-file/services/
 * @internal
 */

const NETWORKING = 'every pod of a namespace reaches every Service by its name; to restrict traffic, use connectTo() and a default-deny Namespace (NetworkPolicies)';
const HOST_ACCESS = 'pods of this library pass the "restricted" Pod Security Standard; see Security and HostAccess for what may be relaxed';
const CPU_TUNING = 'Kubernetes schedules by resource requests and limits: use deploy.resources (resources on the workload)';
const NAMING = 'the workload\'s name is the service\'s, and its pods\' host names are generated';
const LOGGING = 'containers log to standard output; the cluster\'s log collector picks them up';

/** The service keys with no Kubernetes counterpart, and why (with what to do instead). */
export const SERVICE_KEYS_WITHOUT_MEANING: Readonly<Record<string, string>> = {
  annotations: 'container annotations have no Kubernetes counterpart; set metadata.annotations on the workload',
  attach: 'Kubernetes attaches no terminal to a workload; use kubectl logs',
  blkio_config: 'Kubernetes has no block I/O limits for a container',
  cap_add: HOST_ACCESS,
  cap_drop: 'the library drops every capability already (security on the workload)',
  cgroup: HOST_ACCESS,
  cgroup_parent: 'the kubelet manages the cgroups of pods',
  configs: 'Compose configs are files: put them in a Config and mount it (Mount.config())',
  container_name: NAMING,
  cpu_count: CPU_TUNING,
  cpu_percent: CPU_TUNING,
  cpu_period: CPU_TUNING,
  cpu_quota: CPU_TUNING,
  cpu_rt_period: CPU_TUNING,
  cpu_rt_runtime: CPU_TUNING,
  cpu_shares: CPU_TUNING,
  cpuset: CPU_TUNING,
  credential_spec: 'Windows credential specs have no Kubernetes counterpart here',
  develop: 'Compose Watch is a development tool; it has no place in a cluster',
  device_cgroup_rules: HOST_ACCESS,
  devices: `host devices are not mounted into pods: ${HOST_ACCESS}`,
  dns: 'pods use the cluster\'s DNS; set a pod dnsConfig with an escape hatch (addJsonPatch) if needed',
  dns_opt: 'pods use the cluster\'s DNS; set a pod dnsConfig with an escape hatch (addJsonPatch) if needed',
  dns_search: 'pods use the cluster\'s DNS; set a pod dnsConfig with an escape hatch (addJsonPatch) if needed',
  domainname: NAMING,
  extends: 'import reads one file: merge the extended service into this one first (docker compose config prints the merged file)',
  external_links: NETWORKING,
  extra_hosts: 'pods resolve names through the cluster\'s DNS; for a service outside the cluster use ExternalService',
  gpus: 'GPUs are requested as extended resources of the node; add them with an escape hatch (addJsonPatch)',
  group_add: HOST_ACCESS,
  hostname: NAMING,
  init: 'Kubernetes runs no init process in a container; use an image with one (tini) if the program needs it',
  ipc: HOST_ACCESS,
  isolation: 'container isolation technologies are the node\'s runtime\'s choice',
  labels: 'container labels have no Kubernetes counterpart; set metadata.labels on the workload',
  links: NETWORKING,
  logging: LOGGING,
  mac_address: NETWORKING,
  mem_swappiness: 'Kubernetes manages swap per node, not per container',
  memswap_limit: 'Kubernetes manages swap per node, not per container',
  models: 'Compose models have no Kubernetes counterpart',
  network_mode: NETWORKING,
  networks: NETWORKING,
  oom_kill_disable: 'the kubelet decides what the kernel kills from the pod\'s resources (its QoS class)',
  oom_score_adj: 'the kubelet decides what the kernel kills from the pod\'s resources (its QoS class)',
  pid: HOST_ACCESS,
  pids_limit: 'the number of processes is limited per node (the kubelet\'s podPidsLimit)',
  platform: 'the node\'s architecture decides: pick nodes with a node affinity on kubernetes.io/arch',
  post_start: 'use a lifecycle hook on the workload (LifecycleHook)',
  pre_stop: 'use the workload\'s preStop hook (LifecycleHook)',
  privileged: HOST_ACCESS,
  profiles: 'every imported service is in the output; put optional ones in their own AppStack',
  provider: 'Compose providers have no Kubernetes counterpart',
  runtime: 'the container runtime is the node\'s (a RuntimeClass may pick another)',
  secrets: 'Compose secrets are files: create a Secret outside the code (or a SealedSecret, ExternalSecret) and mount it with Mount.secret()',
  security_opt: HOST_ACCESS,
  shm_size: 'mount Mount.emptyDir(\'/dev/shm\', { memory: true, sizeLimit }) instead',
  stdin_open: 'Kubernetes attaches no terminal to a workload',
  stop_signal: 'Kubernetes stops a container with SIGTERM (the image\'s STOPSIGNAL decides otherwise)',
  storage_opt: 'container storage options are the node\'s',
  sysctls: 'set them on the pod\'s securityContext with an escape hatch (addJsonPatch); most are refused by the restricted Pod Security Standard',
  tty: 'Kubernetes attaches no terminal to a workload',
  ulimits: 'Kubernetes has no per-container ulimits; the node\'s apply',
  use_api_socket: 'pods get no Docker socket',
  user: 'set security: { runAsUser, runAsGroup } on the workload (the library runs containers as non-root)',
  userns_mode: HOST_ACCESS,
  uts: HOST_ACCESS,
  volumes_from: 'share a claim instead: mount the same PersistentVolumeClaim in both workloads',
};

/** The service keys the reader translates, or accepts without anything to write. */
export const SERVICE_KEYS_TRANSLATED: ReadonlySet<string> = new Set([
  'build', 'command', 'cpus', 'depends_on', 'deploy', 'entrypoint', 'env_file', 'environment', 'expose', 'healthcheck',
  'image', 'mem_limit', 'mem_reservation', 'ports', 'pull_policy', 'read_only', 'restart', 'scale', 'stop_grace_period',
  'tmpfs', 'volumes', 'working_dir',
]);

/** The top-level keys of a Compose file with no Kubernetes counterpart, and why. */
export const TOP_LEVEL_KEYS_WITHOUT_MEANING: Readonly<Record<string, string>> = {
  configs: 'Compose configs are files: put them in a Config and mount it (Mount.config())',
  include: 'import reads one file: import each included file too, or merge them first (docker compose config)',
  models: 'Compose models have no Kubernetes counterpart',
  networks: NETWORKING,
  secrets: 'Compose secrets are files: create each Secret outside the code (or a SealedSecret, ExternalSecret) and mount it with Mount.secret()',
};

/** The `deploy` keys with no Kubernetes counterpart the reader writes, and why. */
export const DEPLOY_KEYS_WITHOUT_MEANING: Readonly<Record<string, string>> = {
  endpoint_mode: 'a Service balances over the ready pods; a headless Service (StatefulService) gives each pod\'s address',
  labels: 'service labels have no Kubernetes counterpart; set metadata.labels on the workload',
  placement: 'use the workload\'s scheduling props (nodeAffinity, tolerations, spread)',
  rollback_config: 'roll back with kubectl rollout undo, or by reverting the code',
  update_config: 'use the workload\'s strategy (DeploymentStrategy.rollingUpdate({ maxSurge, maxUnavailable }))',
};
