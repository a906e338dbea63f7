import { Construct } from 'constructs';
import {
  AccessMode, Address, AppStack, CloudIdentity, ClusterRole, ClusterRoleBinding, ClusterRoleRef, Config, CronTask, EnvFrom, EnvValue, ExternalService,
  Ingress, Job, LabelExpression, LifecycleHook, Metric, Mount, NetworkPeer, NodeAffinity, PersistentVolumeClaim, PodAffinity,
  PriorityClass, Probe, Provider, Role, ScalingPolicy, Secret, ServiceAccount, ServiceType, StatefulService, Subject, TaintEffect,
  Toleration, TopologySpread, WebService, Worker,
} from '../lib';

/**
 * An event analytics platform on GKE that uses every production feature of the library: an ingest API that
 * autoscales on CPU and requests per second behind an internal load balancer, a queue consumer that scales on
 * an external queue-depth metric on dedicated arm64 nodes, a PostgreSQL StatefulService with its own volumes, a
 * dashboard behind an Ingress with TLS, a migration Job, a nightly CronTask writing to a shared volume, a
 * default-deny namespace where services talk only as connected, a quota the workloads must fit at their maximum
 * scale, a LimitRange, RBAC for three groups, and workload defaults set once for the stack. Its workloads run as
 * ServiceAccounts where they need an identity: the ingest API's OpenTelemetry agent reads pod and node metadata through
 * a ClusterRole, the queue consumer reaches Pub/Sub as a Google service account (GKE Workload Identity), and the
 * dashboard runs as an account the platform team manages.
 */
export class AnalyticsStack extends AppStack {
  public readonly db: StatefulService;
  public readonly ingest: WebService;
  public readonly processor: Worker;
  public readonly dashboard: WebService;
  public readonly migration: Job;
  public readonly rollup: CronTask;
  public readonly ingress: Ingress;

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      namespace: 'analytics',
      appName: 'analytics',
      version: '3.2.0',
      provider: Provider.gke(),
      workloadDefaults: {
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m' } },
        security: { runAsUser: 10001, runAsGroup: 10001 },
        spread: [TopologySpread.acrossNodes(), TopologySpread.acrossZones()],
        terminationGracePeriodSeconds: 30,
      },
      namespaceOptions: {
        defaultDenyNetwork: true,
        quota: { requestsCpu: '24', requestsMemory: '32Gi', limitsMemory: '48Gi', pods: 80, persistentVolumeClaims: 10 },
        limits: { defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { memory: '8Gi' } },
        access: { admins: ['platform-team'], editors: ['analytics-devs'], viewers: ['analytics-support'] },
      },
    });

    const critical = new PriorityClass(this, 'analytics-critical', { value: 100000, description: 'The ingest path: evicted last.' });
    const config = new Config(this, 'analytics-config', { data: { LOG_LEVEL: 'info', RETENTION_DAYS: '90' } });
    const dbSecret = Secret.fromSecretName(this, 'events-db-credentials', 'events-db-credentials'); // created by an operator

    this.db = new StatefulService(this, 'events-db', {
      image: 'postgres:16.3',
      component: 'database',
      replicas: 1,
      port: 5432,
      portName: 'postgres',
      resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
      security: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
      env: {
        POSTGRES_PASSWORD: EnvValue.fromSecret(dbSecret, 'password'),
        PGDATA: '/var/lib/postgresql/data/pgdata',
      },
      mounts: [Mount.emptyDir('/var/run/postgresql')],
      volumes: [{ name: 'data', path: '/var/lib/postgresql/data', size: '50Gi' }],
      readinessProbe: Probe.exec(['pg_isready', '-U', 'postgres'], { periodSeconds: 5 }),
      startupProbe: Probe.tcp({ failureThreshold: 30, periodSeconds: 5 }),
      priorityClass: critical,
      spread: [],
    });

    // The otel-agent sidecar's k8sattributes processor reads pods, namespaces, nodes and ReplicaSets cluster-wide.
    const ingestAccount = new ServiceAccount(this, 'ingest-api-sa', { name: 'ingest-api' });
    const otelReader = new ClusterRole(this, 'analytics-otel-agent', {
      rules: [
        { resources: ['pods', 'namespaces', 'nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
      ],
    });
    new ClusterRoleBinding(this, 'analytics-otel-agent-binding', { name: 'analytics-otel-agent', role: otelReader, subjects: [ingestAccount] });

    this.ingest = new WebService(this, 'ingest-api', {
      image: 'ghcr.io/acme/ingest-api:3.2.0',
      serviceAccount: ingestAccount,
      automountServiceAccountToken: true,
      component: 'api',
      port: 8080,
      servicePort: 80,
      serviceType: ServiceType.loadBalancer({ internal: true }),
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      readinessProbe: Probe.http('/ready'),
      livenessProbe: Probe.http('/live', { initialDelaySeconds: 10 }),
      startupProbe: Probe.http('/live', { failureThreshold: 30, periodSeconds: 2 }),
      preStop: LifecycleHook.sleep(5),
      envFrom: [EnvFrom.config(config)],
      priorityClass: critical,
      initContainers: [{
        name: 'wait-for-db',
        image: 'postgres:16.3',
        // pg_isready reads the database's host and port from PGHOST and PGPORT, which connectTo() sets below.
        command: ['sh', '-c', 'until pg_isready; do sleep 2; done'],
      }],
      sidecars: [{
        name: 'otel-agent',
        image: 'otel/opentelemetry-collector:0.102.0',
        args: ['--config=/etc/otel/config.yaml'],
        mounts: [Mount.config(config, '/etc/otel', { items: { LOG_LEVEL: 'log-level' } })],
        ports: [{ name: 'otlp', port: 4317 }, { name: 'health', port: 13133 }],
        readinessProbe: Probe.http('/', { port: 13133 }),
        livenessProbe: Probe.http('/', { port: 13133 }),
      }],
    });
    this.ingest.autoscale({
      minReplicas: 3,
      maxReplicas: 20,
      metrics: [Metric.cpu(65), Metric.pods('http_requests_per_second', '200')],
      behavior: {
        scaleUp: { policies: [ScalingPolicy.percent(100, 30)] },
        scaleDown: { stabilizationWindowSeconds: 300, policies: [ScalingPolicy.pods(2, 60)] },
      },
    });
    this.ingest.connectTo(this.db, { envVar: 'DATABASE_URL' });
    // The same database for the wait-for-db init container, as host and port apart (the network rule exists already).
    this.ingest.connectTo(this.db, { env: { PGHOST: Address.host(), PGPORT: Address.port() }, containers: ['wait-for-db'] });
    // The otel-agent sidecar forwards to the collector gateway of the observability namespace.
    this.ingest.allowTo(NetworkPeer.namespace('observability'), { ports: [{ port: 4317 }] });

    this.processor = new Worker(this, 'event-processor', {
      image: 'ghcr.io/acme/event-processor:3.2.0',
      // Pub/Sub is read as a Google service account, through GKE Workload Identity.
      serviceAccount: new ServiceAccount(this, 'event-processor-sa', {
        name: 'event-processor',
        cloudIdentity: CloudIdentity.gkeServiceAccount('event-processor@acme-analytics.iam.gserviceaccount.com'),
      }),
      port: 9102,
      portName: 'metrics',
      readinessProbe: Probe.http('/healthz'),
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      envFrom: [EnvFrom.config(config)],
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
      tolerations: [Toleration.equal('dedicated', 'analytics', { effect: TaintEffect.NO_SCHEDULE })],
      nodeAffinity: [NodeAffinity.prefer(50, LabelExpression.in('cloud.google.com/gke-spot', ['true']))],
      podAffinity: [PodAffinity.separate(this.db, { topologyKey: 'kubernetes.io/hostname' })],
      disruptionBudget: { maxUnavailable: '25%' },
      autoscaling: {
        minReplicas: 2,
        maxReplicas: 16,
        metrics: [Metric.external({ name: 'pubsub.googleapis.com|subscription|num_undelivered_messages', selector: { 'resource.labels.subscription_id': 'events' }, averageValue: '500' })],
      },
    });
    this.processor.connectTo(this.db, { envVar: 'DATABASE_URL' });
    // Pub/Sub is outside the cluster: allow HTTPS out.
    this.processor.allowTo(NetworkPeer.anyIpv4(), { ports: [{ port: 443 }] });

    this.dashboard = new WebService(this, 'dashboard', {
      image: 'ghcr.io/acme/analytics-dashboard:3.2.0',
      component: 'frontend',
      // Made by the platform team's Terraform, with its Workload Identity binding.
      serviceAccount: ServiceAccount.fromServiceAccountName(this, 'analytics-dashboard-sa', 'analytics-dashboard'),
      readinessProbe: Probe.http('/'),
      mounts: [Mount.emptyDir('/var/cache/dashboard', { sizeLimit: '128Mi' })],
    });
    this.dashboard.connectTo(this.ingest, { envVar: 'INGEST_API_URL' });

    this.ingress = new Ingress(this, 'analytics', {
      rules: [{ host: 'analytics.example.com', paths: [{ path: '/api', backend: this.ingest }, { path: '/', backend: this.dashboard }] }],
      tls: [{ hosts: ['analytics.example.com'], secret: Secret.fromSecretName(this, 'analytics-tls', 'analytics-tls') }],
    });

    this.migration = new Job(this, 'events-db-migrate-3-2-0', {
      image: 'ghcr.io/acme/ingest-api:3.2.0',
      component: 'migration',
      command: ['/app/migrate', 'up'],
      backoffLimit: 3,
      activeDeadlineSeconds: 900,
      ttlSecondsAfterFinished: 86400,
    });
    this.migration.connectTo(this.db, { envVar: 'DATABASE_URL' });

    const exports = new PersistentVolumeClaim(this, 'exports', { size: '200Gi', accessMode: AccessMode.readWriteMany(), storageClassName: 'standard-rwx' });
    this.rollup = new CronTask(this, 'daily-rollup', {
      image: 'ghcr.io/acme/event-processor:3.2.0',
      command: ['/app/rollup', '--day', 'yesterday'],
      schedule: '15 1 * * *',
      timeZone: 'UTC',
      startingDeadlineSeconds: 3600,
      activeDeadlineSeconds: 7200,
      successfulJobsHistoryLimit: 7,
      failedJobsHistoryLimit: 3,
      resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2' } },
      mounts: [Mount.claim(exports, '/exports')],
    });
    this.rollup.connectTo(this.db, { envVar: 'DATABASE_URL' });
    // The rollup also writes to the data warehouse, two hosts outside the cluster: a Service without a selector and an
    // EndpointSlice with their addresses; in this default-deny namespace the rollup may reach exactly those two on
    // the warehouse's port, with the credentials of its Secret.
    const warehouse = new ExternalService(this, 'warehouse', {
      addresses: ['10.40.0.10', '10.40.0.11'],
      ports: [{ port: 9000, name: 'clickhouse' }],
      credentials: Secret.fromSecretName(this, 'warehouse-credentials', 'warehouse-credentials'),
      credentialEnv: { WAREHOUSE_USER: 'username', WAREHOUSE_PASSWORD: 'password' },
    });
    this.rollup.connectTo(warehouse, { env: { WAREHOUSE_HOST: Address.host(), WAREHOUSE_PORT: Address.port() } });

    const logReader = new Role(this, 'log-reader', { rules: [{ resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }] });
    this.namespaceResource!.grant(logReader, Subject.group('analytics-oncall'));
    // kube-prometheus's Prometheus scrapes the namespace with its own ClusterRole, granted here only.
    this.namespaceResource!.grant(ClusterRole.fromClusterRoleName(this, 'prometheus-k8s', 'prometheus-k8s'), Subject.serviceAccount('prometheus-k8s', 'monitoring'));
    // Namespace editors (and admins) manage the Grafana dashboards of the namespace.
    new ClusterRole(this, 'analytics-grafana-dashboards', {
      rules: [{ apiGroups: ['grafana.integreatly.org'], resources: ['grafanadashboards'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }],
      aggregateTo: [ClusterRoleRef.ADMIN, ClusterRoleRef.EDIT],
    });
  }
}
