// Google's Online Boutique (github.com/GoogleCloudPlatform/microservices-demo, release v0.10.2), ported from its
// kubernetes-manifests/ to the library's constructs: eleven gRPC and HTTP services, a redis cart, a load generator and
// a public frontend. No raw ApiObject and no validation suppression; every address is in the form the service reads
// (gRPC clients and redis take `host:port`; the load generator adds its own `http://`).
import { Construct } from 'constructs';
import {
  Address, AppStack, AppStackProps, Mount, Probe, ServiceAccount, ServiceType, WebService, Worker,
} from '../lib';

const REGISTRY = 'us-central1-docker.pkg.dev/google-samples/microservices-demo';
const VERSION = 'v0.10.2';

/** A demo service: its image, port, Service port and resources, as the upstream manifests give them. */
interface DemoService {
  readonly name: string;
  readonly port: number;
  readonly servicePort?: number;
  readonly cpu: [string, string];
  readonly memory: [string, string];
  readonly env?: Record<string, string>;
}

const SERVICES: readonly DemoService[] = [
  { name: 'emailservice', port: 8080, servicePort: 5000, cpu: ['100m', '200m'], memory: ['64Mi', '128Mi'], env: { DISABLE_PROFILER: '1' } },
  { name: 'checkoutservice', port: 5050, cpu: ['100m', '200m'], memory: ['64Mi', '128Mi'] },
  { name: 'recommendationservice', port: 8080, cpu: ['100m', '200m'], memory: ['220Mi', '450Mi'], env: { DISABLE_PROFILER: '1' } },
  { name: 'paymentservice', port: 50051, cpu: ['100m', '200m'], memory: ['64Mi', '128Mi'], env: { DISABLE_PROFILER: '1' } },
  { name: 'productcatalogservice', port: 3550, cpu: ['100m', '200m'], memory: ['64Mi', '128Mi'], env: { DISABLE_PROFILER: '1' } },
  { name: 'cartservice', port: 7070, cpu: ['200m', '300m'], memory: ['64Mi', '128Mi'] },
  { name: 'currencyservice', port: 7000, cpu: ['100m', '200m'], memory: ['64Mi', '128Mi'], env: { DISABLE_PROFILER: '1' } },
  { name: 'shippingservice', port: 50051, cpu: ['100m', '200m'], memory: ['64Mi', '128Mi'], env: { DISABLE_PROFILER: '1' } },
  { name: 'adservice', port: 9555, cpu: ['200m', '300m'], memory: ['180Mi', '300Mi'] },
];

/** The Online Boutique in one stack (namespace `boutique` unless given), every child reachable as a property. */
export class OnlineBoutique extends AppStack {
  /** The gRPC services, by name. */
  public readonly services: Readonly<Record<string, WebService>>;
  /** The web frontend (its Service `frontend`, and `frontend-external`, a LoadBalancer on port 80). */
  public readonly frontend: WebService;
  /** The cart's redis. */
  public readonly redis: WebService;
  /** The load generator. */
  public readonly loadGenerator: Worker;

  constructor(scope: Construct, id: string, props: Partial<AppStackProps> = {}) {
    super(scope, id, { namespace: 'boutique', appName: 'online-boutique', version: VERSION, ...props });

    const services: Record<string, WebService> = {};
    for (const s of SERVICES) {
      services[s.name] = new WebService(this, s.name, {
        image: `${REGISTRY}/${s.name}:${VERSION}`,
        port: s.port,
        servicePort: s.servicePort ?? s.port,
        replicas: 1,
        serviceAccount: new ServiceAccount(this, `${s.name}-account`, { name: s.name }),
        resources: { requests: { cpu: s.cpu[0], memory: s.memory[0] }, limits: { cpu: s.cpu[1], memory: s.memory[1] } },
        env: { PORT: String(s.port), ...s.env },
        readinessProbe: Probe.grpc({ periodSeconds: 5 }),
        livenessProbe: Probe.grpc({ periodSeconds: 5 }),
      });
    }
    this.services = services;

    this.redis = new WebService(this, 'redis-cart', {
      image: 'redis:7.4.2-alpine',
      port: 6379,
      replicas: 1,
      resources: { requests: { cpu: '70m', memory: '200Mi' }, limits: { cpu: '125m', memory: '256Mi' } },
      mounts: [Mount.emptyDir('/data')],
      readinessProbe: Probe.tcp({ periodSeconds: 5 }),
      livenessProbe: Probe.tcp({ periodSeconds: 5 }),
    });

    this.frontend = new WebService(this, 'frontend', {
      image: `${REGISTRY}/frontend:${VERSION}`,
      port: 8080,
      servicePort: 80,
      replicas: 1,
      serviceAccount: new ServiceAccount(this, 'frontend-account', { name: 'frontend' }),
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      env: { PORT: '8080', ENABLE_PROFILER: '0' },
      readinessProbe: Probe.http('/_healthz', { headers: { Cookie: 'shop_session-id=x-readiness-probe' }, periodSeconds: 5 }),
      livenessProbe: Probe.http('/_healthz', { headers: { Cookie: 'shop_session-id=x-liveness-probe' }, periodSeconds: 5 }),
    });
    this.frontend.addService({ name: 'frontend-external', type: ServiceType.loadBalancer(), ports: [{ port: 80 }] });

    // Who calls whom, each address in the `host:port` form the gRPC clients and redis read.
    const grpc = (caller: WebService, targets: Record<string, string>): void => {
      for (const [envVar, target] of Object.entries(targets)) caller.connectTo(services[target] ?? this.redis, { as: Address.hostPort(), envVar });
    };
    grpc(this.frontend, {
      PRODUCT_CATALOG_SERVICE_ADDR: 'productcatalogservice', CURRENCY_SERVICE_ADDR: 'currencyservice',
      CART_SERVICE_ADDR: 'cartservice', RECOMMENDATION_SERVICE_ADDR: 'recommendationservice',
      SHIPPING_SERVICE_ADDR: 'shippingservice', CHECKOUT_SERVICE_ADDR: 'checkoutservice', AD_SERVICE_ADDR: 'adservice',
    });
    grpc(services.checkoutservice, {
      PRODUCT_CATALOG_SERVICE_ADDR: 'productcatalogservice', SHIPPING_SERVICE_ADDR: 'shippingservice',
      PAYMENT_SERVICE_ADDR: 'paymentservice', EMAIL_SERVICE_ADDR: 'emailservice', CURRENCY_SERVICE_ADDR: 'currencyservice',
      CART_SERVICE_ADDR: 'cartservice',
    });
    grpc(services.recommendationservice, { PRODUCT_CATALOG_SERVICE_ADDR: 'productcatalogservice' });
    grpc(services.cartservice, { REDIS_ADDR: 'redis-cart' });

    // The load generator waits for the frontend (its init container) and adds `http://` itself: host:port for both.
    this.loadGenerator = new Worker(this, 'loadgenerator', {
      image: `${REGISTRY}/loadgenerator:${VERSION}`,
      replicas: 1,
      serviceAccount: new ServiceAccount(this, 'loadgenerator-account', { name: 'loadgenerator' }),
      resources: { requests: { cpu: '300m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      env: { USERS: '10', RATE: '1' },
      initContainers: [{
        name: 'frontend-check',
        image: 'busybox:1.36.1',
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } },
        command: ['/bin/sh', '-exc', 'until wget -q -O /dev/null "http://${FRONTEND_ADDR}"; do sleep 5; done'],
      }],
      // Upstream probes nothing: said explicitly, so the probes-set rule has nothing to report.
      readinessProbe: Probe.none(),
      livenessProbe: Probe.none(),
    });
    this.loadGenerator.connectTo(this.frontend, { as: Address.hostPort(), envVar: 'FRONTEND_ADDR', containers: ['loadgenerator', 'frontend-check'] });
  }
}
