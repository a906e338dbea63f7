import { Construct } from 'constructs';
import { AppStack, EnvValue, Resources, Secret, ServiceType, WebService } from '../lib';

/** What differs between the environments of the api-server. */
export interface ApiServerValues {
  /** The number of pods. */
  readonly replicas: number;
  /** The tag of the `myregistry/api` image. */
  readonly imageTag: string;
  /** The resources of the `api` container. */
  readonly resources: Resources;
}

/** The seed guide's values, which the `prod` environment keeps. */
export const SEED_API_SERVER_VALUES: ApiServerValues = {
  replicas: 3,
  imageTag: 'v2.4.1',
  resources: {
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { cpu: '500m', memory: '256Mi' },
  },
};

/**
 * The seed guide's "minimal Kubernetes deployment": the `api-server` Deployment and its LoadBalancer Service in
 * namespace `production`, with every field of the seed YAML (`../shared/seed/minimal-deployment.yaml`) kept as it
 * is. The library adds the recommended labels, probes and a restricted pod security context, and puts the Service
 * in `production` too (the seed's Service has no namespace, so it would select nothing).
 *
 * The seed's replicas, image tag and resources are the defaults (`SEED_API_SERVER_VALUES`); other environments pass
 * their own. The load balancer's annotations come from the environment's `Provider`.
 */
export class ApiServerStack extends AppStack {
  /** The api-server service. */
  public readonly api: WebService;

  constructor(scope: Construct, id: string, values: ApiServerValues = SEED_API_SERVER_VALUES) {
    super(scope, id, { namespace: 'production', appName: 'api' });

    // Created outside Git (kubectl create secret generic db-secret --from-literal=url=...).
    const dbSecret = Secret.fromSecretName(this, 'db-secret', 'db-secret');

    this.api = new WebService(this, 'api-server', {
      image: `myregistry/api:${values.imageTag}`,
      replicas: values.replicas,
      containerName: 'api',
      port: 3000,
      servicePort: 80,
      serviceName: 'api-server-svc',
      serviceType: ServiceType.loadBalancer(),
      // The seed's selector: a live Deployment's selector cannot change, so an adopted service keeps it.
      selectorLabels: { app: 'api-server' },
      resources: values.resources,
      env: { DATABASE_URL: EnvValue.fromSecret(dbSecret, 'url') },
    });
  }
}
