import { BenchNamespace } from './platform';

type Lib = typeof import('../lib');

/**
 * Defines the benchmark platform in `app` with cdk8s-platform's constructs: per namespace an AppStack with its
 * Namespace, ResourceQuota and LimitRange; per service a Config (ConfigMap), a WebService (Deployment, Service,
 * HorizontalPodAutoscaler and, by default, a PodDisruptionBudget), a NetworkPolicy and a ServiceAccount.
 *
 * @param lib the library, passed in so that the caller decides when it is loaded
 */
export function defineOurPlatform(lib: Lib, app: InstanceType<Lib['PlatformApp']>, platform: readonly BenchNamespace[]): void {
  for (const ns of platform) {
    const stack = new lib.AppStack(app, ns.name, {
      namespace: ns.name,
      appName: ns.name,
      namespaceOptions: {
        quota: { requestsCpu: ns.quota.cpu, requestsMemory: ns.quota.memory, pods: Number(ns.quota.pods) },
        limits: { defaultLimit: ns.defaultLimits, defaultRequest: ns.defaultRequests },
      },
    });
    for (const s of ns.services) {
      const config = new lib.Config(stack, `${s.name}-config`, { data: s.config });
      const account = new lib.ServiceAccount(stack, `${s.name}-sa`, { name: s.name });
      const web = new lib.WebService(stack, s.name, {
        image: s.image,
        replicas: s.replicas,
        port: s.port,
        servicePort: s.servicePort,
        resources: { requests: { cpu: s.cpu, memory: s.memory }, limits: { memory: s.memoryLimit } },
        envFrom: [lib.EnvFrom.config(config)],
        env: { UPSTREAM_URL: s.upstreamUrl },
        serviceAccount: account,
        autoscaling: { minReplicas: s.minReplicas, maxReplicas: s.maxReplicas, metrics: [lib.Metric.cpu(s.cpuUtilization)] },
      });
      new lib.NetworkPolicy(web, 'NetworkPolicy', {
        name: s.name,
        selector: web,
        ingress: [{ peers: [lib.NetworkPeer.namespace(ns.name)], ports: [{ port: s.port }] }],
      });
    }
  }
}
