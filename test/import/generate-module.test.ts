import * as fs from 'fs';
import * as path from 'path';
import { generateModule } from '../../lib/import/generate-module';
import { SourcedObject } from '../../lib/import/import-model';
import { tmpdir } from '../_helpers';
import { synthesizeModule, typeErrors } from './_round-trip';

/** Plain objects as a reader gives them, sourced `in.yaml#N`. */
function sourced(...objects: Array<Record<string, unknown>>): SourcedObject[] {
  return objects.map((object, i) => ({ object, source: `in.yaml#${i + 1}` }));
}

const RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };

function deployment(name: string, extra: { replicas?: number; port?: number; env?: unknown[]; podSecurity?: unknown; container?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', labels: { app: name } },
    spec: {
      ...(extra.replicas !== undefined ? { replicas: extra.replicas } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(extra.podSecurity !== undefined ? { securityContext: extra.podSecurity } : {}),
          containers: [{
            name,
            image: `ghcr.io/acme/${name}:1.0.0`,
            ...(extra.port !== undefined ? { ports: [{ name: 'http', containerPort: extra.port }] } : {}),
            ...(extra.env !== undefined ? { env: extra.env } : {}),
            resources: RESOURCES,
            ...extra.container,
          }],
        },
      },
    },
  };
}

function service(name: string, port: number, targetPort: number): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'shop', labels: { app: name } },
    spec: { selector: { app: name }, ports: [{ name: 'http', port, targetPort }] },
  };
}

const CONFIG = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop-config', namespace: 'shop' }, data: { LOG_LEVEL: 'info' } };
const SECRET = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, stringData: { url: 'postgres://user:hunter2@db/shop' } };

describe('generateModule: mappings', () => {
  test('GIVEN a Deployment and the Service selecting its pods WHEN generated THEN they are one WebService with the ports, selector and replicas as found', () => {
    // GIVEN
    const objects = sourced(deployment('api', { replicas: 3, port: 9000 }), service('api', 80, 9000));
    // WHEN
    const { source } = generateModule(objects);
    // THEN
    expect(source).toContain("new WebService(this, 'api', {");
    expect(source).toContain('replicas: 3,');
    expect(source).toContain("selectorLabels: { app: 'api' },");
    expect(source).toContain('port: 9000,');
    expect(source).toContain('servicePort: 80,');
    expect(source).not.toContain('new ApiObject(');
  });

  test('GIVEN a Service targeting the container port by its name WHEN generated THEN the WebService targets ports by name', () => {
    // GIVEN
    const svc = service('api', 80, 9000) as any;
    svc.spec.ports = [{ port: 80, targetPort: 'http' }];
    // WHEN
    const { source, additions } = generateModule(sourced(deployment('api', { port: 9000 }), svc));
    // THEN
    expect(source).toContain('targetPortsByName: true,');
    expect(additions.find((a) => a.what.startsWith('port names'))?.fields).toEqual(['Service/shop/api:spec.ports[0].name']);
  });

  test('GIVEN a Deployment that no Service selects WHEN generated THEN it is a Worker without probes, as the input', () => {
    // GIVEN
    const objects = sourced(deployment('worker'));
    // WHEN
    const { source } = generateModule(objects);
    // THEN
    expect(source).toContain("new Worker(this, 'worker', {");
    expect(source).toContain('readinessProbe: Probe.none(),');
  });

  test('GIVEN a ConfigMap WHEN generated THEN it is a Config with its data', () => {
    // GIVEN
    const objects = sourced(CONFIG);
    // WHEN
    const { source } = generateModule(objects);
    // THEN
    expect(source).toContain("new Config(this, 'shop-config', { data: { LOG_LEVEL: 'info' } });");
  });

  test('GIVEN a Secret WHEN generated THEN it is referenced by name with a comment, and none of its values is in the code', () => {
    // GIVEN
    const objects = sourced(SECRET, deployment('api', { env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'db', key: 'url' } } }] }));
    // WHEN
    const { source, problems } = generateModule(objects);
    // THEN
    expect(source).toContain("const db = Secret.fromSecretName(this, 'db', 'db');");
    expect(source).toContain("DATABASE_URL: EnvValue.fromSecret(db, 'url')");
    expect(source).toContain('// Secret "db": created outside this code');
    expect(source).not.toContain('hunter2');
    expect(problems).toEqual([expect.objectContaining({ source: 'in.yaml#1', message: expect.stringContaining('its values are not written into the code') })]);
  });

  test('GIVEN a StatefulSet, its headless Service and a claim template WHEN generated THEN they are a StatefulService with the claim as a volume', () => {
    // GIVEN
    const set = deployment('redis', { replicas: 1, port: 6379, container: { volumeMounts: [{ name: 'data', mountPath: '/data' }] } }) as any;
    set.kind = 'StatefulSet';
    set.spec.serviceName = 'redis';
    set.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];
    const headless = service('redis', 6379, 6379) as any;
    headless.spec.clusterIP = 'None';
    // WHEN
    const { source } = generateModule(sourced(headless, set));
    // THEN
    expect(source).toContain("new StatefulService(this, 'redis', {");
    expect(source).toContain("volumes: [{ name: 'data', path: '/data', size: '1Gi' }],");
  });

  test('GIVEN a CronJob and a Job WHEN generated THEN they are a CronTask (schedule, policy) and a Job (backoffLimit, restartPolicy)', () => {
    // GIVEN
    const pod = { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'run', image: 'busybox:1.36', resources: RESOURCES }] } };
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'shop' }, spec: { schedule: '30 3 * * *', concurrencyPolicy: 'Replace', jobTemplate: { spec: { template: pod } } } };
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'shop' }, spec: { backoffLimit: 2, template: pod } };
    // WHEN
    const { source } = generateModule(sourced(cron, job));
    // THEN
    expect(source).toContain("new CronTask(this, 'nightly', {");
    expect(source).toContain("schedule: '30 3 * * *',");
    expect(source).toContain('concurrencyPolicy: ConcurrencyPolicy.REPLACE,');
    expect(source).toContain("new Job(this, 'migrate', {");
    expect(source).toContain('backoffLimit: 2,');
    expect(source).toContain('restartPolicy: JobRestartPolicy.ON_FAILURE,');
  });

  test('GIVEN an HPA and a PDB of a Deployment WHEN generated THEN they are its autoscaling and disruptionBudget', () => {
    // GIVEN
    const hpa = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'shop' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 2, maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
    };
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api', namespace: 'shop' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'api' } } } };
    // WHEN
    const { source } = generateModule(sourced(deployment('api', { port: 9000 }), service('api', 80, 9000), hpa, pdb));
    // THEN
    expect(source).toContain('autoscaling: { minReplicas: 2, maxReplicas: 10, metrics: [Metric.cpu(70)] },');
    expect(source).toContain('disruptionBudget: { minAvailable: 1 },');
    expect(source).not.toContain('new ApiObject(');
  });

  test('GIVEN three replicas and a PDB of the Deployment\'s name that stays raw (matchExpressions) WHEN the module is run THEN the input\'s budget is the only one', () => {
    // GIVEN
    const dir = tmpdir();
    const pdb = {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api', namespace: 'shop' },
      spec: { minAvailable: 2, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] } },
    };
    const { source } = generateModule(sourced(deployment('api', { replicas: 3, port: 9000 }), service('api', 80, 9000), pdb));
    const file = path.join(dir, 'imported.ts');
    fs.writeFileSync(file, source);
    // WHEN
    const objects = synthesizeModule(file, path.join(dir, 'dist'));
    // THEN
    expect(source).toContain('disruptionBudget: { enabled: false }');
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.spec)).toEqual([pdb.spec]);
  });

  test('GIVEN a Deployment with replicas and an HPA WHEN generated THEN replicas are not written, and the addition lists them as left out', () => {
    // GIVEN
    const hpa = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'shop' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 2, maxReplicas: 6 },
    };
    // WHEN
    const { source, additions } = generateModule(sourced(deployment('api', { replicas: 3, port: 9000 }), service('api', 80, 9000), hpa));
    // THEN
    expect(source).not.toContain('replicas: 3');
    expect(additions.filter((a) => a.leftOut !== undefined)).toEqual([{ what: expect.stringMatching(/^no spec\.replicas .* on api$/), optOut: expect.any(String), fields: [], leftOut: ['Deployment/shop/api:spec.replicas'] }]);
  });

  test('GIVEN an Ingress to an imported Service, a NetworkPolicy and a ServiceAccount WHEN generated THEN each is its construct', () => {
    // GIVEN
    const ingress = {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'public', namespace: 'shop' },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    };
    const policy = {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web-in', namespace: 'shop' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080 }] }] },
    };
    const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web-sa', namespace: 'shop' } };
    // WHEN
    const { source } = generateModule(sourced(deployment('web', { port: 8080 }), service('web', 80, 8080), ingress, policy, account));
    // THEN
    expect(source).toContain("new Ingress(this, 'public', {");
    expect(source).toContain('backend: web');
    expect(source).toContain("new NetworkPolicy(this, 'web-in', {");
    expect(source).toContain("NetworkPeer.namespace('ingress-nginx')");
    expect(source).toContain("new ServiceAccount(this, 'web-sa', {});");
  });

  test('GIVEN an env value naming an imported Service in a form no Address writes (port 80 given in an http URL) WHEN generated THEN it stays the literal value', () => {
    // GIVEN
    const env = [{ name: 'API_URL', value: 'http://api:80' }];
    // WHEN
    const { source } = generateModule(sourced(deployment('api', { port: 9000 }), service('api', 80, 9000), deployment('web', { env })));
    // THEN
    expect(source).toContain("env: { API_URL: 'http://api:80' },");
    expect(source).not.toContain('.connectTo(');
  });

  test('GIVEN env values naming an imported Service by short host:port and by full URL WHEN generated THEN they are connectTo() calls writing the same values', () => {
    // GIVEN
    const env = [{ name: 'MODE', value: 'prod' }, { name: 'API_ADDR', value: 'api:80' }, { name: 'API_BASE', value: 'http://api.shop.svc.cluster.local/v1' }];
    // WHEN
    const { source, additions } = generateModule(sourced(deployment('api', { port: 9000 }), service('api', 80, 9000), deployment('web', { env })));
    // THEN
    expect(source).toContain("env: { MODE: 'prod' },");
    expect(source).toContain('web.connectTo(api, { as: Address.hostPort({ shortName: true }) });');
    expect(source).toContain("web.connectTo(api, { envVar: 'API_BASE', as: Address.url('http', { path: '/v1' }) });");
    expect(additions.find((a) => a.what.startsWith('NetworkPolicies written by connectTo()'))?.fields).toEqual(['NetworkPolicy/shop/api']);
  });

  test('GIVEN a Compose connection to a Service with a port WHEN generated THEN it is a connectTo() call, and the variable it sets is an addition', () => {
    // GIVEN
    const connections = [{ namespace: 'shop', from: 'web', to: 'api', source: 'compose.yaml: services.web' }];
    // WHEN
    const { source, additions } = generateModule(sourced(deployment('api', { port: 9000 }), service('api', 80, 9000), deployment('web')), { connections });
    // THEN
    expect(source).toContain('web.connectTo(api); // compose.yaml: services.web: depends_on');
    expect(additions.find((a) => a.what.startsWith('the variable <SERVICE>_URL'))?.fields).toEqual(['Deployment/shop/web:spec.template.spec.containers[name=web].env[name=API_URL]']);
  });

  test('GIVEN a called Service whose name an input NetworkPolicy has WHEN generated THEN its callers keep their literal values', () => {
    // GIVEN
    const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'api', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [] } };
    // WHEN
    const { source } = generateModule(sourced(deployment('api', { port: 9000 }), service('api', 80, 9000), policy, deployment('web', { env: [{ name: 'API_ADDR', value: 'api:80' }] })));
    // THEN
    expect(source).toContain("env: { API_ADDR: 'api:80' },");
  });
});

describe('generateModule: what stays raw, and the problems', () => {
  test('GIVEN a kind the library has no construct for WHEN generated THEN it is a raw ApiObject as given, with a comment and a problem naming the kind', () => {
    // GIVEN
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'api', namespace: 'shop' }, spec: { endpoints: [{ port: 'http' }] } };
    // WHEN
    const { source, problems } = generateModule(sourced(monitor));
    // THEN
    expect(source).toContain("new ApiObject(this, 'servicemonitor-api', {");
    expect(source).toContain("endpoints: [{ port: 'http' }]");
    expect(source).toContain('// ServiceMonitor "api" (in.yaml#1): a raw ApiObject, as given:');
    expect(problems).toEqual([{ source: 'in.yaml#1', message: 'kept as a raw ApiObject: the library has no construct for ServiceMonitor (monitoring.coreos.com/v1)' }]);
  });

  test('GIVEN a kind the library has a construct for but the importer does not map WHEN generated THEN the problem names the construct', () => {
    // GIVEN a ConfigMap with binary data, which the Config construct does not take
    const blob = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'blob', namespace: 'shop' }, binaryData: { 'logo.png': 'iVBORw0KGgo=' } };
    // WHEN
    const { problems } = generateModule(sourced(blob));
    // THEN
    expect(problems).toEqual([{ source: 'in.yaml#1', message: expect.stringContaining('the importer does not write a ConfigMap as a Config yet') }]);
  });

  test('GIVEN a Service that selects no imported workload WHEN generated THEN it stays raw, and the problem says it selects none', () => {
    // GIVEN / WHEN
    const { problems } = generateModule(sourced(service('legacy', 80, 8080)));
    // THEN
    expect(problems).toEqual([{ source: 'in.yaml#1', message: 'kept as a raw ApiObject: a Service is written with the Deployment or StatefulSet whose pods it selects (WebService, StatefulService), and this one selects none of the imported ones' }]);
  });

  test('GIVEN a PersistentVolumeClaim mounted by a Deployment WHEN generated THEN it is a PersistentVolumeClaim construct mounted with the volume\'s name', () => {
    // GIVEN
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } };
    const worker = deployment('worker', { container: { volumeMounts: [{ name: 'store', mountPath: '/data' }] } }) as any;
    worker.spec.template.spec.volumes = [{ name: 'store', persistentVolumeClaim: { claimName: 'data' } }];
    // WHEN
    const { source } = generateModule(sourced(claim, worker));
    // THEN
    expect(source).toContain("const data = new PersistentVolumeClaim(this, 'data', { size: '5Gi' });");
    expect(source).toContain("mounts: [Mount.claim(data, '/data', { volumeName: 'store' })],");
  });

  test('GIVEN a Deployment with a field no prop expresses WHEN generated THEN it and its Service stay raw, and the problem names the field', () => {
    // GIVEN
    const odd = deployment('api', { port: 9000, container: { stdin: true } });
    // WHEN
    const { problems, rawObjects } = generateModule(sourced(odd, service('api', 80, 9000)));
    // THEN
    expect(rawObjects).toBe(2);
    expect(problems).toEqual([
      { source: 'in.yaml#1', message: 'kept as a raw ApiObject: WebService cannot express spec.template.spec.containers[0].stdin' },
      { source: 'in.yaml#2', message: 'kept as a raw ApiObject with its Deployment "api"' },
    ]);
  });

  test('GIVEN a document without kind WHEN generated THEN it is a problem naming what is missing, and the other objects are imported', () => {
    // GIVEN
    const objects = sourced({ apiVersion: 'v1', metadata: { name: 'x' } }, CONFIG);
    // WHEN
    const { problems, constructs } = generateModule(objects);
    // THEN
    expect(problems).toEqual([{ source: 'in.yaml#1', message: 'not imported: a Kubernetes object needs apiVersion, kind and metadata.name' }]);
    expect(constructs).toBe(1);
  });
});

describe('generateModule: namespaces, faithfulness, the header', () => {
  test('GIVEN objects without namespace WHEN generated with a namespace THEN they are in a stack of that namespace, which it does not create', () => {
    // GIVEN
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} };
    // WHEN
    const { source } = generateModule(sourced(config), { namespace: 'podinfo' });
    // THEN
    expect(source).toContain('export class PodinfoStack extends AppStack {');
    expect(source).toContain("super(scope, id, { namespace: 'podinfo', createNamespace: false });");
    expect(source).toContain("new PodinfoStack(app, 'podinfo');");
  });

  test('GIVEN a Namespace with only its name WHEN generated THEN the stack creates it, and its Pod Security labels are additions', () => {
    // GIVEN
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    // WHEN
    const { source, additions } = generateModule(sourced(namespace, CONFIG));
    // THEN
    expect(source).toContain("super(scope, id, { namespace: 'shop' });");
    expect(additions.find((a) => a.what.startsWith('the Pod Security Standard labels'))?.fields).toContain("Namespace//shop:metadata.labels['pod-security.kubernetes.io/enforce']");
  });

  test('GIVEN a Namespace with labels of its own WHEN generated THEN it stays a raw ApiObject and the stack does not create one', () => {
    // GIVEN
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'web' } } };
    // WHEN
    const { source, problems } = generateModule(sourced(namespace, CONFIG));
    // THEN
    expect(source).toContain("super(scope, id, { namespace: 'shop', createNamespace: false });");
    expect(source).toContain("new ApiObject(this, 'namespace-shop', {");
    expect(problems).toEqual([{ source: 'in.yaml#1', message: "kept as a raw ApiObject: the AppStack's Namespace takes no labels, annotations or spec of its own" }]);
  });

  test('GIVEN objects without namespace WHEN generated without one THEN they are in the default namespace', () => {
    // GIVEN
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} };
    // WHEN
    const { source } = generateModule(sourced(config));
    // THEN
    expect(source).toContain("super(scope, id, { namespace: 'default', createNamespace: false });");
  });

  test('GIVEN a Deployment that sets replicas and runAsUser WHEN generated THEN the input\'s values are kept over the library\'s defaults', () => {
    // GIVEN
    const objects = sourced(deployment('api', { replicas: 3, port: 9000, podSecurity: { runAsUser: 1000 } }), service('api', 80, 9000));
    // WHEN
    const { source, additions } = generateModule(objects);
    // THEN
    expect(source).toContain('security: { runAsUser: 1000 },');
    expect(additions.map((a) => a.what)).not.toContainEqual(expect.stringContaining('two replicas'));
  });

  test('GIVEN a Deployment without security settings WHEN generated THEN the restricted security context is an addition with exact fields, in the header with its opt-out', () => {
    // GIVEN
    const objects = sourced(deployment('api', { port: 9000 }), service('api', 80, 9000));
    // WHEN
    const { source, additions } = generateModule(objects);
    // THEN
    const pod = additions.find((a) => a.what.startsWith('a restricted pod securityContext'))!;
    expect(pod.fields).toEqual([
      'Deployment/shop/api:spec.template.spec.securityContext.runAsNonRoot',
      'Deployment/shop/api:spec.template.spec.securityContext.seccompProfile',
    ]);
    expect(pod.optOut).toBe('`security: { runAsNonRoot: false, seccompProfile: SeccompProfile.unconfined() }` on the workload');
    const header = source.split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join(' ').replace(/\s+/g, ' ');
    for (const a of additions) {
      expect(header).toContain(a.what);
      expect(header).toContain(a.optOut);
    }
  });

  test('GIVEN two replicas and no PodDisruptionBudget WHEN generated THEN the budget is an addition of a whole object', () => {
    // GIVEN
    const objects = sourced(deployment('api', { replicas: 2, port: 9000 }), service('api', 80, 9000));
    // WHEN
    const { additions } = generateModule(objects);
    // THEN
    expect(additions.find((a) => a.what.startsWith('a PodDisruptionBudget'))?.fields).toEqual(['PodDisruptionBudget/shop/api']);
  });

  test('GIVEN the same objects twice WHEN generated THEN the text is the same', () => {
    // GIVEN
    const objects = () => sourced(CONFIG, SECRET, deployment('api', { port: 9000 }), service('api', 80, 9000), deployment('worker'));
    // WHEN
    const first = generateModule(objects());
    const second = generateModule(objects());
    // THEN
    expect(second.source).toBe(first.source);
    expect(second.additions).toEqual(first.additions);
  });

  test('GIVEN libraryName WHEN generated THEN the constructs are imported from it', () => {
    // WHEN
    const { source } = generateModule(sourced(CONFIG), { libraryName: '@acme/platform' });
    // THEN
    expect(source).toContain("import { AppStack, Config, PlatformApp } from '@acme/platform';");
  });
});

describe('generateModule: the module compiles and synthesizes', () => {
  test('GIVEN a web service, a worker, config and a Secret WHEN the module is type-checked and run THEN it has no error and writes the objects', () => {
    // GIVEN
    const dir = tmpdir();
    const { source } = generateModule(sourced(CONFIG, SECRET, deployment('api', { replicas: 2, port: 9000 }), service('api', 80, 9000), deployment('worker')));
    const file = path.join(dir, 'imported.ts');
    fs.writeFileSync(file, source);
    // WHEN
    const errors = typeErrors([file]);
    const objects = synthesizeModule(file, path.join(dir, 'dist'));
    // THEN
    expect(errors).toEqual([]);
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual([
      'ConfigMap/shop-config', 'Deployment/api', 'Deployment/worker', 'PodDisruptionBudget/api', 'Service/api',
    ]);
  });
});

describe('generateModule: objects that share a name', () => {
  test('GIVEN the same Deployment twice WHEN generated THEN the second is one problem naming the first, and the first is imported', () => {
    // GIVEN / WHEN
    const { source, problems } = generateModule(sourced(deployment('worker'), deployment('worker')));
    // THEN
    expect(problems).toEqual([{ source: 'in.yaml#2', message: expect.stringContaining('a second Deployment "worker" in namespace "shop" (the first is in.yaml#1)') }]);
    expect(source.split('new Worker(').length - 1).toBe(1);
  });

  test('GIVEN a Deployment and a CronJob named alike WHEN the module is type-checked and run THEN both are written, the second with its kind in its id', () => {
    // GIVEN
    const dir = tmpdir();
    const cron = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'worker', namespace: 'shop' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'worker', image: 'ghcr.io/acme/worker:1.0.0', resources: RESOURCES }] } } } } },
    };
    const { source } = generateModule(sourced(deployment('worker'), cron));
    const file = path.join(dir, 'imported.ts');
    fs.writeFileSync(file, source);
    // WHEN
    const errors = typeErrors([file]);
    const objects = synthesizeModule(file, path.join(dir, 'dist'));
    // THEN
    expect(errors).toEqual([]);
    expect(source).toContain("new CronTask(this, 'worker-cronjob', {\n      name: 'worker',");
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual(['CronJob/worker', 'Deployment/worker']);
  });
});

describe('generateModule: construct ids', () => {
  test('GIVEN a workload, a ConfigMap of its name, one named like the id that ConfigMap would get, and a raw object whose id a workload has WHEN the module is run THEN every object is written', () => {
    // GIVEN: Worker "web", ConfigMaps "web" and "web-config", a ServiceMonitor "web" (raw: id servicemonitor-web) and a
    // Worker "servicemonitor-web"
    const dir = tmpdir();
    const config = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data: { A: name } });
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'web', namespace: 'shop' }, spec: { endpoints: [] } };
    const { source } = generateModule(sourced(deployment('web'), config('web'), config('web-config'), monitor, deployment('servicemonitor-web')));
    const file = path.join(dir, 'imported.ts');
    fs.writeFileSync(file, source);
    // WHEN
    const objects = synthesizeModule(file, path.join(dir, 'dist'));
    // THEN
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual([
      'ConfigMap/web', 'ConfigMap/web-config', 'Deployment/servicemonitor-web', 'Deployment/web', 'ServiceMonitor/web',
    ]);
  });
});

describe('names from the input in comments', () => {
  test('GIVEN an object whose name holds a JavaScript line terminator WHEN imported THEN no comment line of the module holds one (the name cannot end a comment and become code)', () => {
    // GIVEN
    const objects = sourced(
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'x\u2028throw new Error("injected")\r//', namespace: 'shop' }, spec: {} },
    );
    // WHEN
    const { source } = generateModule(objects, {});
    // THEN
    const commentLines = source.split('\n').filter((l) => l.trimStart().startsWith('//'));
    expect(commentLines.some((l) => l.includes('injected'))).toBe(true);
    expect(commentLines.filter((l) => /[\r\u2028\u2029]/.test(l))).toEqual([]);
  });
});
