import { defineEnvironments, Environment, GitOps, PlatformApp } from '../lib';
import { ApiServerStack, ApiServerValues, SEED_API_SERVER_VALUES } from './api-server-stack';
import { Provider } from './provider';
import { ShopStack } from './shop-stack';

/** The values of one environment of the examples. */
export interface ExampleValues {
  /** The seed's api-server. */
  readonly apiServer: ApiServerValues;
}

/**
 * The example environments: `prod` keeps the seed guide's values; `staging` runs the same on AWS with fewer pods;
 * `dev` runs one small pod of the latest build on a local cluster.
 */
export const EXAMPLE_ENVIRONMENTS = defineEnvironments<ExampleValues, 'dev' | 'staging' | 'prod'>(
  { apiServer: SEED_API_SERVER_VALUES },
  {
    dev: {
      apiServer: {
        replicas: 1,
        imageTag: 'v2.5.0-rc.1',
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
        provider: Provider.local(),
      },
    },
    staging: {
      apiServer: { replicas: 2, imageTag: 'v2.5.0-rc.1', provider: Provider.aws() },
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
}

/**
 * Defines every example environment, with its stacks, in `app`: what `apps/main.ts` synthesizes to `dist/<env>/`,
 * and what the tests check.
 */
export function defineExamples(app: PlatformApp): Record<string, ExampleStacks> {
  const result: Record<string, ExampleStacks> = {};
  for (const [name, values] of Object.entries(EXAMPLE_ENVIRONMENTS)) {
    const env = new Environment(app, name);
    result[name] = {
      production: new ApiServerStack(env, 'production', values.apiServer),
      shop: new ShopStack(env, 'shop'),
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
