import { Construct } from 'constructs';
import { AppStack, EnvValue, Secret, ServiceType, WebService } from '../lib';

/**
 * The seed guide's "minimal Kubernetes deployment": the `api-server` Deployment and its LoadBalancer Service in
 * namespace `production`, with every field of the seed YAML (`../shared/seed/minimal-deployment.yaml`) kept as it
 * is. The library adds the recommended labels, probes and a restricted pod security context, and puts the Service
 * in `production` too (the seed's Service has no namespace, so it would select nothing).
 */
export class ApiServerStack extends AppStack {
  /** The api-server service. */
  public readonly api: WebService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'production', appName: 'api' });

    // Created outside Git (kubectl create secret generic db-secret --from-literal=url=...).
    const dbSecret = Secret.fromSecretName(this, 'db-secret', 'db-secret');

    this.api = new WebService(this, 'api-server', {
      image: 'myregistry/api:v2.4.1',
      replicas: 3,
      containerName: 'api',
      port: 3000,
      servicePort: 80,
      serviceName: 'api-server-svc',
      serviceType: ServiceType.loadBalancer(),
      // The seed's selector: a live Deployment's selector cannot change, so an adopted service keeps it.
      selectorLabels: { app: 'api-server' },
      resources: {
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '500m', memory: '256Mi' },
      },
      env: { DATABASE_URL: EnvValue.fromSecret(dbSecret, 'url') },
    });
  }
}
