/**
 * The benchmark's platform, described once as plain data: N web services over N/10 namespaces. Each variant
 * (`ours`, `plus`) builds the same platform from this description with its own constructs.
 */

/** One web service of the benchmark platform. */
export interface BenchService {
  readonly name: string;
  readonly image: string;
  readonly replicas: number;
  readonly port: number;
  readonly servicePort: number;
  readonly cpu: string;
  readonly memory: string;
  readonly memoryLimit: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuUtilization: number;
  readonly config: Record<string, string>;
  /** The URL of the next service (an env var of the container). */
  readonly upstreamUrl: string;
}

/** One namespace of the benchmark platform and its services. */
export interface BenchNamespace {
  readonly name: string;
  readonly quota: { readonly cpu: string; readonly memory: string; readonly pods: string };
  readonly defaultLimits: { readonly cpu: string; readonly memory: string };
  readonly defaultRequests: { readonly cpu: string; readonly memory: string };
  readonly services: BenchService[];
}

/** The services per namespace. */
export const SERVICES_PER_NAMESPACE = 10;

/** N web services spread over ceil(N/10) namespaces, deterministic for a given N. */
export function benchPlatform(n: number): BenchNamespace[] {
  const namespaces: BenchNamespace[] = [];
  for (let i = 0; i < n; i++) {
    const nsIndex = Math.floor(i / SERVICES_PER_NAMESPACE);
    if (nsIndex === namespaces.length) {
      namespaces.push({
        name: `team-${nsIndex}`,
        quota: { cpu: '100', memory: '200Gi', pods: '300' },
        defaultLimits: { cpu: '500m', memory: '512Mi' },
        defaultRequests: { cpu: '100m', memory: '128Mi' },
        services: [],
      });
    }
    const name = `svc-${i}`;
    namespaces[nsIndex].services.push({
      name,
      image: `registry.example.com/team-${nsIndex}/${name}:1.${i % 7}.${i % 13}`,
      replicas: 2 + (i % 3),
      port: 8080,
      servicePort: 80,
      cpu: `${100 + (i % 4) * 50}m`,
      memory: `${128 * (1 + (i % 4))}Mi`,
      memoryLimit: `${256 * (1 + (i % 4))}Mi`,
      minReplicas: 2,
      maxReplicas: 10 + (i % 5),
      cpuUtilization: 70,
      config: {
        LOG_LEVEL: i % 2 === 0 ? 'info' : 'debug',
        SERVICE_NAME: name,
        FEATURE_NEW_CHECKOUT: i % 3 === 0 ? 'yes' : 'no',
      },
      upstreamUrl: `http://svc-${(i + 1) % n}.team-${Math.floor(((i + 1) % n) / SERVICES_PER_NAMESPACE)}.svc.cluster.local`,
    });
  }
  return namespaces;
}
