import * as fs from 'fs';
import * as path from 'path';
import { AppStack, Config, EnvFrom, Environment, environmentReadme, ManifestObject, PlatformApp, WebService } from '../../lib';
import { RESOURCES, tmpdir } from '../_helpers';

function deployment(name: string, extra: { replicas?: number; env?: any[]; envFrom?: any[]; volumes?: any[]; cpu?: string; memory?: string } = {}): ManifestObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' },
    spec: {
      replicas: extra.replicas,
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': name } },
        spec: {
          containers: [{ name, env: extra.env, envFrom: extra.envFrom, resources: { requests: { cpu: extra.cpu ?? '100m', memory: extra.memory ?? '128Mi' } } }],
          volumes: extra.volumes,
        },
      },
    },
  };
}

function service(name: string, type?: string): ManifestObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { type, selector: { 'app.kubernetes.io/name': name } } };
}

const OBJECTS: ManifestObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'keys', namespace: 'shop' } },
  service('api'),
  service('web', 'LoadBalancer'),
  deployment('api', { replicas: 3, cpu: '250m', memory: '256Mi', envFrom: [{ configMapRef: { name: 'cfg' } }], env: [{ name: 'K', valueFrom: { secretKeyRef: { name: 'keys', key: 'k' } } }] }),
  deployment('web', { env: [{ name: 'API_URL', value: 'http://api.shop.svc.cluster.local' }], volumes: [{ name: 'db', secret: { secretName: 'db' } }] }),
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 6 } },
  {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' },
    spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'web' } } }] } }] },
  },
];

describe('environmentReadme', () => {
  const readme = environmentReadme('prod', OBJECTS);

  test('GIVEN more links than Mermaid draws WHEN described THEN the README says so instead of a diagram, and keeps the table', () => {
    // GIVEN: 300 services, each with its deployment reading a ConfigMap: 600 links, under 1,000 nodes
    const objects = Array.from({ length: 300 }, (_, i) => [service(`s${i}`), deployment(`s${i}`, { envFrom: [{ configMapRef: { name: `c${i}` } }] })]).flat();
    // WHEN
    const text = environmentReadme('prod', objects);
    // THEN
    expect(text).not.toContain('```mermaid');
    expect(text).toContain('No diagram: 900 nodes and 600 links are more than Mermaid draws (500 links, 50,000 characters).');
    expect(text).toContain('| shop | Deployment s299 |');
  });

  test('GIVEN thousands of workloads WHEN described THEN the diagram is not built, and the README says why', () => {
    const objects = Array.from({ length: 3000 }, (_, i) => deployment(`d${i}`));
    expect(environmentReadme('prod', objects)).toContain('No diagram: 3000 workloads, services and ingresses are more than Mermaid draws');
  });

  test('GIVEN up to 500 links WHEN described THEN the diagram is there', () => {
    const objects = Array.from({ length: 250 }, (_, i) => [service(`s${i}`), deployment(`s${i}`)]).flat();
    const text = environmentReadme('prod', objects);
    expect(text).toContain('```mermaid');
    expect(text).toContain('  Service_shop_s249 --> Deployment_shop_s249\n');
  });

  test('GIVEN an environment WHEN described THEN the title, counts and the prune-safe apply command are there', () => {
    expect(readme).toContain('# Environment `prod`\n');
    expect(readme).toContain('8 objects in 1 namespace(s): `shop`.');
    expect(readme).toContain('kubectl apply -k . --prune -l app.kubernetes.io/managed-by=cdk8s-platform,cdk8s-platform.io/environment=prod');
  });

  test('GIVEN services, workloads and an ingress WHEN described THEN the diagram links ingress, services, workloads and calls', () => {
    expect(readme).toContain('```mermaid\nflowchart LR\n  subgraph ns__shop["namespace shop"]');
    expect(readme).toContain('  Service_shop_api --> Deployment_shop_api\n');
    expect(readme).toContain('  Deployment_shop_web -- calls --> Service_shop_api\n');
    expect(readme).toContain('  Ingress_shop_web -- "shop.example.com/" --> Service_shop_web\n');
    expect(readme).toContain('Service_shop_web(["Service web (LoadBalancer)"])');
  });

  test('GIVEN env var values naming services in several forms WHEN described THEN calls are found by name in the namespace and by qualified name across namespaces', () => {
    // GIVEN
    const other = (name: string, value: string): ManifestObject => {
      const d = deployment(name, { env: [{ name: 'URL', value }] });
      return { ...d, metadata: { name, namespace: 'ops' } };
    };
    const objects: ManifestObject[] = [
      service('api'),
      deployment('a', { env: [{ name: 'URL', value: 'api:8080' }] }),
      deployment('b', { env: [{ name: 'URL', value: 'grpc://user@api.shop/v1' }] }),
      deployment('c', { env: [{ name: 'URL', value: 'http://apiserver/x' }] }),
      other('d', 'http://api'),
      other('e', 'api.shop.svc:443'),
    ];
    // WHEN
    const text = environmentReadme('', objects);
    // THEN
    expect(text).toContain('  Deployment_shop_a -- calls --> Service_shop_api\n');
    expect(text).toContain('  Deployment_shop_b -- calls --> Service_shop_api\n');
    expect(text).not.toContain('Deployment_shop_c -- calls');
    expect(text).not.toContain('Deployment_ops_d -- calls');
    expect(text).toContain('  Deployment_ops_e -- calls --> Service_shop_api\n');
  });

  test('GIVEN config and secrets read by workloads WHEN described THEN each appears with its source', () => {
    expect(readme).toContain('ConfigMap_shop_cfg[/"ConfigMap cfg"/]');
    expect(readme).toContain('Secret_shop_keys[/"SealedSecret keys"/]');
    expect(readme).toContain('Secret_shop_db[/"Secret, external db"/]');
    expect(readme).toContain('  Deployment_shop_api -.-> Secret_shop_keys\n');
  });

  test('GIVEN workloads WHEN described THEN the table has replicas (autoscaled ranges), requests per pod and totals', () => {
    expect(readme).toContain('| shop | Deployment api | 3 | 250m | 256Mi | 750m | 768Mi |');
    expect(readme).toContain('| shop | Deployment web | 2-6 (autoscaled) | 100m | 128Mi | 200m | 256Mi |');
    expect(readme).toContain('| | **total** (at the minimum replicas) | | | | **950m** | **1Gi** |');
  });

  test('GIVEN a native sidecar WHEN described THEN its requests count in the pod\'s, as the scheduler counts them', () => {
    // GIVEN: 100m/128Mi for the app container, 50m/64Mi for a log shipper that runs beside it
    const d = deployment('api', { replicas: 2 });
    d.spec.template.spec.initContainers = [{ name: 'logs', restartPolicy: 'Always', resources: { requests: { cpu: '50m', memory: '64Mi' } } }];
    // WHEN
    const text = environmentReadme('prod', [d]);
    // THEN
    expect(text).toContain('| shop | Deployment api | 2 | 150m | 192Mi | 300m | 384Mi |');
  });

  test('GIVEN an init container that requests more than the running containers WHEN described THEN the pod requests what it needs then', () => {
    // GIVEN: a sidecar (50m) starts first, then a migration (500m) runs beside it before the app container (100m)
    const d = deployment('api', { replicas: 1 });
    d.spec.template.spec.initContainers = [
      { name: 'logs', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } },
      { name: 'migrate', resources: { requests: { cpu: '500m' } } },
    ];
    // WHEN
    const text = environmentReadme('prod', [d]);
    // THEN
    expect(text).toContain('| shop | Deployment api | 1 | 550m | 128Mi | 550m | 128Mi |');
  });

  test('GIVEN an app without environments WHEN described THEN the title says output and the command has no environment label', () => {
    const text = environmentReadme('', []);
    expect(text).toContain('# Output\n');
    expect(text).toContain('kubectl apply -k .\n');
    expect(text).not.toContain('mermaid');
  });

  test('GIVEN an app WHEN synthesized THEN each environment folder has its README.md', () => {
    const outdir = path.join(tmpdir(), 'dist');
    const app = new PlatformApp({ outdir, environments: undefined });
    for (const env of ['dev', 'prod']) {
      const stack = new AppStack(new Environment(app, env), 'web', { namespace: 'web' });
      const config = new Config(stack, 'cfg', { data: { A: '1' } });
      new WebService(stack, 'site', { image: 'nginx:1.25', resources: RESOURCES, envFrom: [EnvFrom.config(config)] });
    }
    app.synth();
    for (const env of ['dev', 'prod']) {
      const text = fs.readFileSync(path.join(outdir, env, 'README.md'), 'utf8');
      expect(text).toContain(`# Environment \`${env}\``);
      expect(text).toContain('Deployment_web_site -.-> ConfigMap_web_cfg');
    }
  });

  test('GIVEN a Kubernetes version WHEN described THEN the README says the environment targets it', () => {
    expect(environmentReadme('prod', OBJECTS, { kubernetesVersion: '1.35' }))
      .toContain('\n\nTargets **Kubernetes 1.35**: the objects were rendered and validated for it.\n\n```sh\n');
  });

  test('GIVEN no Kubernetes version WHEN described THEN the README names the default, 1.33', () => {
    expect(readme).toContain('Targets **Kubernetes 1.33**');
  });

  test('GIVEN an unsupported Kubernetes version WHEN described THEN the error lists the supported ones', () => {
    expect(() => environmentReadme('prod', OBJECTS, { kubernetesVersion: '1.26' })).toThrow(/options.kubernetesVersion received "1.26"; allowed: .*"1.27", .*"1.36"/);
  });

  test('GIVEN environments targeting two versions WHEN synthesized THEN each README names its own', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    const app = new PlatformApp({ outdir, capacitySummary: false, kubernetesVersion: '1.32' });
    for (const [env, version] of [['dev', '1.35'], ['prod', undefined]]) {
      const stack = new AppStack(new Environment(app, env!, { kubernetesVersion: version }), 'web', { namespace: 'web' });
      new WebService(stack, 'site', { image: 'nginx:1.25', resources: RESOURCES });
    }
    // WHEN
    app.synth();
    // THEN
    const targets = (env: string): string | undefined => /Targets \*\*Kubernetes ([0-9.]+)\*\*/.exec(fs.readFileSync(path.join(outdir, env, 'README.md'), 'utf8'))?.[1];
    expect({ dev: targets('dev'), prod: targets('prod') }).toEqual({ dev: '1.35', prod: '1.32' });
  });
});

describe('environmentReadme pods (core/pod-spec.ts, the walk validation uses)', () => {
  const pod = (kind: string, apiVersion: string, spec: Record<string, any>, at: (template: any) => Record<string, any>): ManifestObject =>
    ({ apiVersion, kind, metadata: { name: kind.toLowerCase(), namespace: 'shop' }, ...at({ metadata: { labels: { app: 'x' } }, spec }) } as ManifestObject);
  const SPEC = { containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] };

  test('GIVEN a bare Pod, a ReplicaSet and a ReplicationController WHEN described THEN each is a workload row', () => {
    // GIVEN
    const objects = [
      pod('Pod', 'v1', SPEC, (t) => ({ spec: t.spec })),
      pod('ReplicaSet', 'apps/v1', SPEC, (t) => ({ spec: { replicas: 2, template: t } })),
      pod('ReplicationController', 'v1', SPEC, (t) => ({ spec: { replicas: 3, template: t } })),
    ];
    // WHEN
    const text = environmentReadme('prod', objects);
    // THEN
    expect(text).toContain('| shop | Pod pod | 1 | 100m | 64Mi | 100m | 64Mi |');
    expect(text).toContain('| shop | ReplicaSet replicaset | 2 | 100m | 64Mi | 200m | 128Mi |');
    expect(text).toContain('| shop | ReplicationController replicationcontroller | 3 | 100m | 64Mi | 300m | 192Mi |');
  });

  test('GIVEN a PodTemplate WHEN described THEN it is not a workload row (it runs nothing)', () => {
    // GIVEN
    const objects = [pod('PodTemplate', 'v1', SPEC, (t) => ({ template: t }))];
    // WHEN
    const text = environmentReadme('prod', objects);
    // THEN
    expect(text).not.toContain('PodTemplate podtemplate');
  });

  test('GIVEN a Deployment of another API group WHEN described THEN it is not a workload row', () => {
    // GIVEN a custom resource that happens to be named Deployment
    const objects = [pod('Deployment', 'example.com/v1', SPEC, (t) => ({ spec: { template: t } }))];
    // WHEN
    const text = environmentReadme('prod', objects);
    // THEN
    expect(text).not.toContain('| Deployment deployment |');
  });

  test('GIVEN an image pull secret and an ephemeral container reading a ConfigMap WHEN described THEN the diagram links both', () => {
    // GIVEN
    const spec = { ...SPEC, imagePullSecrets: [{ name: 'registry' }], ephemeralContainers: [{ name: 'debug', envFrom: [{ configMapRef: { name: 'debug-cfg' } }] }] };
    const objects = [pod('Pod', 'v1', spec, (t) => ({ spec: t.spec }))];
    // WHEN
    const text = environmentReadme('prod', objects);
    // THEN
    expect(text).toContain('Pod_shop_pod -.-> Secret_shop_registry');
    expect(text).toContain('Pod_shop_pod -.-> ConfigMap_shop_debug_cfg');
  });
});
