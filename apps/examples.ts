import { defineEnvironments, Environment, GitOps, PlatformApp, Provider } from '../lib';
import { AnalyticsStack } from './analytics-stack';
import { ApiServerStack, ApiServerValues, SEED_API_SERVER_VALUES } from './api-server-stack';
import { NodeAgentsStack } from './node-agents-stack';
import { SHOP_PROD_VALUES, ShopStack, ShopValues } from './shop-stack';

/** The values of one environment of the examples. */
export interface ExampleValues {
  /** The managed Kubernetes the environment runs on (LoadBalancer annotations, storage and ingress classes). */
  readonly provider: Provider;
  /** The Kubernetes minor version of the environment's cluster: what its objects are rendered and validated for. */
  readonly kubernetesVersion: string;
  /** The seed's api-server. */
  readonly apiServer: ApiServerValues;
  /** The shop. */
  readonly shop: ShopValues;
}

/**
 * The example environments, each the production values with its own overrides: `prod` keeps the seed guide's values
 * (and the shop's production ones) on a generic cluster; `staging` runs the next release on EKS with fewer pods;
 * `dev` runs one small pod of each on a local k3s cluster. Every cluster runs Kubernetes 1.33.
 */
export const EXAMPLE_ENVIRONMENTS = defineEnvironments<ExampleValues, 'dev' | 'staging' | 'prod'>(
  { provider: Provider.generic(), kubernetesVersion: '1.33', apiServer: SEED_API_SERVER_VALUES, shop: SHOP_PROD_VALUES },
  {
    dev: {
      provider: Provider.k3s(),
      apiServer: {
        replicas: 1,
        imageTag: 'v2.5.0-rc.1',
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
      },
      shop: {
        imageTag: '1.9.0-rc.2',
        host: 'shop.dev.example.com',
        logLevel: 'debug',
        api: { minReplicas: 1, maxReplicas: 2, resources: { requests: { cpu: '50m' } } },
        web: { replicas: 1, resources: { requests: { cpu: '50m', memory: '64Mi' } } },
        worker: { replicas: 1, resources: { requests: { cpu: '50m', memory: '128Mi' } } },
      },
    },
    staging: {
      provider: Provider.eks(),
      apiServer: { replicas: 2, imageTag: 'v2.5.0-rc.1' },
      shop: { imageTag: '1.9.0-rc.2', host: 'shop.staging.example.com', api: { minReplicas: 2, maxReplicas: 4 } },
    },
    prod: {},
  },
);

/** The example stacks of one environment. */
export interface ExampleStacks {
  /** The seed guide's api-server, in namespace `production`. */
  readonly production: ApiServerStack;
  /** The shop. */
  readonly shop: ShopStack;
  /** The analytics platform: every production feature. */
  readonly analytics: AnalyticsStack;
  /** The node agents (log shipper, node exporter) and a toolbox pod, in a privileged namespace of their own. */
  readonly nodeAgents: NodeAgentsStack;
}

/**
 * Defines every example environment, with its stacks, in `app`: what `apps/main.ts` synthesizes to `dist/<env>/`,
 * and what the tests check.
 */
export function defineExamples(app: PlatformApp): Record<string, ExampleStacks> {
  const result: Record<string, ExampleStacks> = {};
  for (const [name, values] of Object.entries(EXAMPLE_ENVIRONMENTS)) {
    const env = new Environment(app, name, { provider: values.provider, kubernetesVersion: values.kubernetesVersion });
    result[name] = {
      production: new ApiServerStack(env, 'production', values.apiServer),
      shop: new ShopStack(env, 'shop', values.shop),
      analytics: new AnalyticsStack(env, 'analytics'),
      nodeAgents: new NodeAgentsStack(env, 'node-agents'),
    };
  }
  return result;
}

/**
 * How the examples are deployed: Argo CD syncs each environment's folder of `dist/` from the repository, pruning
 * what the output no longer has. `npm run synth` writes the Applications to `dist/_gitops/`.
 */
export const EXAMPLE_GITOPS: GitOps[] = [
  GitOps.argoCd({
    repoURL: 'https://github.com/acme/platform-deploy.git',
    targetRevision: 'main',
    path: 'dist',
    project: 'default',
  }),
];
