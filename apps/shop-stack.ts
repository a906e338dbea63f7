import { Construct } from 'constructs';
import {
  Address, AppStack, Config, CronTask, EnvFrom, EnvValue, ExternalService, Gateway, HttpPathMatch, HttpRoute, Job, LifecycleHook,
  Metric, Mount, NetworkPeer, Probe, Resources, ScalingPolicy, Secret, ServiceType, WebService, Worker,
} from '../lib';

/** What differs between the environments of the shop. */
export interface ShopValues {
  /** The tag of every shop image, and the app's version. */
  readonly imageTag: string;
  /** The public host name of the shop (its `PUBLIC_URL`). */
  readonly host: string;
  /** The log level of every component. */
  readonly logLevel: string;
  /** The API: autoscaled between minReplicas and maxReplicas. */
  readonly api: { readonly minReplicas: number; readonly maxReplicas: number; readonly resources: Resources };
  /** The web frontend. */
  readonly web: { readonly replicas: number; readonly resources: Resources };
  /** The background worker. */
  readonly worker: { readonly replicas: number; readonly resources: Resources };
}

/** The shop's production values: the defaults. */
export const SHOP_PROD_VALUES: ShopValues = {
  imageTag: '1.8.0',
  host: 'shop.example.com',
  logLevel: 'info',
  api: { minReplicas: 3, maxReplicas: 12, resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } } },
  web: { replicas: 2, resources: { requests: { cpu: '100m', memory: '128Mi' } } },
  worker: { replicas: 2, resources: { requests: { cpu: '200m', memory: '256Mi' } } },
};

/**
 * A small shop: a web frontend behind a load balancer, an internal API, and a background worker. They share one
 * ConfigMap (as env vars and as a mounted file) and one Secret that is created outside Git.
 *
 * The production values are the defaults (`SHOP_PROD_VALUES`); other environments pass their own.
 */
export class ShopStack extends AppStack {
  public readonly config: Config;
  public readonly web: WebService;
  public readonly api: WebService;
  public readonly worker: Worker;
  public readonly migration: Job;
  public readonly report: CronTask;
  public readonly payments: ExternalService;
  public readonly route: HttpRoute;

  constructor(scope: Construct, id: string, values: ShopValues = SHOP_PROD_VALUES) {
    super(scope, id, { namespace: 'shop', appName: 'shop', instance: 'shop-prod', version: values.imageTag });
    const tag = values.imageTag;

    this.config = new Config(this, 'shop-config', {
      data: {
        LOG_LEVEL: values.logLevel,
        CURRENCY: 'EUR',
        PUBLIC_URL: `https://${values.host}`,
        'catalog.yaml': 'pageSize: 24\nfeatured:\n  - mugs\n  - shirts\n',
      },
    });
    // Created out of band, e.g. kubectl create secret generic shop-secrets --from-literal=...
    const secrets = Secret.fromSecretName(this, 'shop-secrets', 'shop-secrets');

    this.api = new WebService(this, 'shop-api', {
      image: `ghcr.io/acme/shop-api:${tag}`,
      component: 'api',
      replicas: values.api.minReplicas,
      port: 9000,
      servicePort: 80,
      extraPorts: [{ name: 'metrics', port: 9100 }],
      resources: values.api.resources,
      readinessProbe: Probe.http('/healthz', { periodSeconds: 5 }),
      livenessProbe: Probe.http('/livez', { initialDelaySeconds: 15 }),
      envFrom: [EnvFrom.config(this.config)],
      env: {
        DATABASE_URL: EnvValue.fromSecret(secrets, 'database-url'),
        PAYMENT_API_KEY: EnvValue.fromSecret(secrets, 'payment-api-key'),
        POD_NAME: EnvValue.fromPodField('metadata.name'),
      },
      mounts: [Mount.config(this.config, '/etc/shop', { items: { 'catalog.yaml': 'catalog.yaml' } })],
      startupProbe: Probe.http('/healthz', { failureThreshold: 30, periodSeconds: 2 }),
      preStop: LifecycleHook.sleep(5),
      terminationGracePeriodSeconds: 40,
    });
    // Scales on CPU between 3 and 12 pods; the Deployment then carries no replica count.
    this.api.autoscale({
      minReplicas: values.api.minReplicas,
      maxReplicas: values.api.maxReplicas,
      metrics: [Metric.cpu(70), Metric.memory(85)],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [ScalingPolicy.pods(1, 60)] } },
    });

    // The schema migration, run once per release before the API rolls.
    this.migration = new Job(this, `shop-migrate-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, {
      image: `ghcr.io/acme/shop-api:${tag}`,
      component: 'migration',
      command: ['/app/migrate', 'up'],
      backoffLimit: 2,
      activeDeadlineSeconds: 600,
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
      env: { DATABASE_URL: EnvValue.fromSecret(secrets, 'database-url') },
    });

    // The frontend's nginx writes its access log to files; a log shipper beside it forwards them to the cluster's
    // log collector. A native sidecar (Kubernetes 1.29 and later: an init container that keeps running): it starts
    // before nginx, so no early line is lost, and stops after it, so the last lines are shipped too.
    const accessLogs = Mount.emptyDir('/var/log/nginx', { sizeLimit: '128Mi' });
    this.web = new WebService(this, 'shop-web', {
      image: `ghcr.io/acme/shop-web:${tag}`,
      component: 'frontend',
      replicas: values.web.replicas,
      port: 8080,
      servicePort: 80,
      serviceType: ServiceType.loadBalancer({ preserveClientIp: true }),
      resources: values.web.resources,
      readinessProbe: Probe.http('/'),
      env: {
        LOG_LEVEL: EnvValue.fromConfig(this.config, 'LOG_LEVEL'),
      },
      mounts: [Mount.emptyDir('/var/cache/nginx', { sizeLimit: '256Mi' }), accessLogs],
      sidecars: [{
        name: 'log-shipper',
        image: 'fluent/fluent-bit:3.0.7',
        args: ['-i', 'tail', '-p', 'path=/var/log/nginx/*.log', '-o', 'forward', '-p', 'host=fluentd.logging.svc.cluster.local', '-p', 'port=24224'],
        resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '64Mi' } },
        mounts: [accessLogs],
      }],
    });
    // API_URL=http://shop-api.shop.svc.cluster.local, and a NetworkPolicy letting only the web pods reach the API.
    this.web.connectTo(this.api, { envVar: 'API_URL' });
    // The API's ingress is now restricted: let Prometheus (namespace monitoring) scrape its metrics port.
    this.api.allowFrom(NetworkPeer.namespace('monitoring'), { ports: [{ port: 9100 }] });

    this.worker = new Worker(this, 'shop-worker', {
      image: `ghcr.io/acme/shop-worker:${tag}`,
      replicas: values.worker.replicas,
      command: ['/app/worker'],
      args: ['--queue', 'orders'],
      port: 9102,
      readinessProbe: Probe.http('/healthz'),
      livenessProbe: Probe.http('/livez', { initialDelaySeconds: 20 }),
      resources: values.worker.resources,
      envFrom: [EnvFrom.config(this.config)],
      env: { DATABASE_URL: EnvValue.fromSecret(secrets, 'database-url') },
    });
    // The payment provider's API, outside the cluster. Its TLS certificate names its own host, so callers connect
    // to that name (connectDirectly) rather than to the in-cluster alias: PAYMENTS_URL=https://api.payments.example
    this.payments = new ExternalService(this, 'payments', {
      externalName: 'api.payments.example',
      ports: [{ port: 443, name: 'https' }],
      connectDirectly: true,
    });
    this.worker.connectTo(this.payments, { as: Address.url('https') });

    // The shop through the cluster's shared Gateway (Gateway API), beside the frontend's load balancer: /api to the
    // API, the rest to the frontend. The API's NetworkPolicy admits the Gateway's pods.
    const gateway = Gateway.fromGatewayName(this, 'public-gateway', { gatewayName: 'public', namespace: 'gateway-system', sectionName: 'https' });
    this.route = new HttpRoute(this, 'shop', {
      gateways: [gateway],
      hostnames: [values.host],
      rules: [
        { matches: [HttpPathMatch.prefix('/api')], backends: [{ backend: this.api }] },
        { backends: [{ backend: this.web }] },
      ],
    });

    this.report = new CronTask(this, 'shop-nightly-report', {
      image: `ghcr.io/acme/shop-worker:${tag}`,
      command: ['/app/report', '--yesterday'],
      schedule: '30 2 * * *',
      timeZone: 'Europe/Paris',
      startingDeadlineSeconds: 600,
      resources: { requests: { cpu: '250m', memory: '256Mi' } },
      envFrom: [EnvFrom.config(this.config)],
      env: { DATABASE_URL: EnvValue.fromSecret(secrets, 'database-url') },
    });
  }
}
