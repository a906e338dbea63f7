import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { canonicalQuantity, KubeObject, pullPolicyOf, withKubernetesDefaults } from './_kubernetes-defaults';

/** A Deployment of one container, with `container` merged into it and `spec` into its spec. */
function deployment(container: KubeObject = {}, spec: KubeObject = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25', ...container }] } },
      ...spec,
    },
  };
}

function service(spec: KubeObject): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec };
}

describe('withKubernetesDefaults: Services', () => {
  test('GIVEN a Service without type, affinity or protocol WHEN defaulted THEN it is a ClusterIP Service, no affinity, TCP', () => {
    // GIVEN
    const svc = service({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
    // WHEN
    const spec = withKubernetesDefaults(svc).spec;
    // THEN
    expect(spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' });
    expect(spec.ports[0].protocol).toBe('TCP');
  });

  test('GIVEN a Service port without targetPort WHEN defaulted THEN the target port is the port', () => {
    // GIVEN
    const svc = service({ ports: [{ port: 5432 }] });
    // WHEN
    const port = withKubernetesDefaults(svc).spec.ports[0];
    // THEN
    expect(port.targetPort).toBe(5432);
  });

  test('GIVEN a LoadBalancer Service WHEN defaulted THEN its external traffic policy is Cluster and node ports are allocated', () => {
    // GIVEN
    const svc = service({ type: 'LoadBalancer', ports: [{ port: 80 }] });
    // WHEN
    const spec = withKubernetesDefaults(svc).spec;
    // THEN
    expect(spec).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true });
  });

  test('GIVEN a Service without affinity but with an affinity config WHEN defaulted THEN the config is dropped', () => {
    // GIVEN
    const svc = service({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, ports: [{ port: 80 }] });
    // WHEN
    const spec = withKubernetesDefaults(svc).spec;
    // THEN
    expect(spec.sessionAffinityConfig).toBeUndefined();
  });

  test('GIVEN a ClientIP-affine Service WHEN defaulted THEN its affinity lasts 10800 seconds', () => {
    // GIVEN
    const svc = service({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] });
    // WHEN
    const spec = withKubernetesDefaults(svc).spec;
    // THEN
    expect(spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  test('GIVEN an ExternalName Service WHEN defaulted THEN it gets no internal traffic policy', () => {
    // GIVEN
    const svc = service({ type: 'ExternalName', externalName: 'db.example.com' });
    // WHEN
    const spec = withKubernetesDefaults(svc).spec;
    // THEN
    expect(spec.internalTrafficPolicy).toBeUndefined();
  });
});

describe('withKubernetesDefaults: Deployments, StatefulSets, DaemonSets', () => {
  test('GIVEN a Deployment without replicas, strategy or limits WHEN defaulted THEN it has the API server\'s values', () => {
    // GIVEN
    const d = deployment();
    // WHEN
    const spec = withKubernetesDefaults(d).spec;
    // THEN
    expect(spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  test('GIVEN a rolling update that sets maxUnavailable only WHEN defaulted THEN maxSurge is 25% and maxUnavailable kept', () => {
    // GIVEN
    const d = deployment({}, { strategy: { rollingUpdate: { maxUnavailable: 1 } } });
    // WHEN
    const strategy = withKubernetesDefaults(d).spec.strategy;
    // THEN
    expect(strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } });
  });

  test('GIVEN a Recreate Deployment WHEN defaulted THEN it gets no rollingUpdate', () => {
    // GIVEN
    const d = deployment({}, { strategy: { type: 'Recreate' } });
    // WHEN
    const strategy = withKubernetesDefaults(d).spec.strategy;
    // THEN
    expect(strategy).toEqual({ type: 'Recreate' });
  });

  test('GIVEN a StatefulSet WHEN defaulted THEN it is OrderedReady, rolling from partition 0, keeping its claims', () => {
    // GIVEN
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { serviceName: 'db', template: { spec: { containers: [] } } } };
    // WHEN
    const spec = withKubernetesDefaults(sts).spec;
    // THEN
    expect(spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
  });

  test('GIVEN a StatefulSet claim template with and without apiVersion and kind WHEN defaulted THEN both are the same Filesystem claim', () => {
    // GIVEN
    const claim = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } };
    const sts = (template: KubeObject): KubeObject => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { volumeClaimTemplates: [template] } });
    // WHEN
    const plain = withKubernetesDefaults(sts(claim)).spec.volumeClaimTemplates[0];
    const typed = withKubernetesDefaults(sts({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', ...claim, status: { phase: 'Pending' } })).spec.volumeClaimTemplates[0];
    // THEN
    expect(typed).toEqual(plain);
    expect(plain.spec).toMatchObject({ volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } });
  });

  test('GIVEN a StatefulSet whose strategy names RollingUpdate without details WHEN defaulted THEN it rolls from partition 0, as one without strategy', () => {
    // GIVEN
    const sts = (spec: KubeObject): KubeObject => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec });
    // WHEN
    const named = withKubernetesDefaults(sts({ updateStrategy: { type: 'RollingUpdate' } })).spec.updateStrategy;
    const unset = withKubernetesDefaults(sts({})).spec.updateStrategy;
    // THEN
    expect(named).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(named).toEqual(unset);
  });

  test('GIVEN a DaemonSet WHEN defaulted THEN it rolls one node at a time without surge', () => {
    // GIVEN
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ops' }, spec: {} };
    // WHEN
    const spec = withKubernetesDefaults(ds).spec;
    // THEN
    expect(spec).toEqual({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
  });
});

describe('withKubernetesDefaults: pods and containers', () => {
  test('GIVEN a pod template without policies WHEN defaulted THEN it restarts always, resolves DNS cluster-first, has 30 s to stop', () => {
    // GIVEN
    const d = deployment();
    // WHEN
    const pod = withKubernetesDefaults(d).spec.template.spec;
    // THEN
    expect(pod).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 });
  });

  test('GIVEN a container WHEN defaulted THEN its termination message goes to /dev/termination-log as a File', () => {
    // GIVEN
    const d = deployment();
    // WHEN
    const c = withKubernetesDefaults(d).spec.template.spec.containers[0];
    // THEN
    expect(c).toMatchObject({ terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
  });

  test.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['localhost:5000/shop/api', 'Always'],
    ['localhost:5000/shop/api:2.0', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
    ['nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'Always'],
  ])('GIVEN the image %s WHEN its pull policy is defaulted THEN it is %s', (image, policy) => {
    expect(pullPolicyOf(image)).toBe(policy);
  });

  test('GIVEN a container with an explicit pull policy WHEN defaulted THEN it is kept', () => {
    // GIVEN
    const d = deployment({ image: 'nginx:latest', imagePullPolicy: 'IfNotPresent' });
    // WHEN
    const c = withKubernetesDefaults(d).spec.template.spec.containers[0];
    // THEN
    expect(c.imagePullPolicy).toBe('IfNotPresent');
  });

  test('GIVEN container ports without protocol WHEN defaulted THEN they are TCP', () => {
    // GIVEN
    const d = deployment({ ports: [{ containerPort: 8080 }, { containerPort: 53, protocol: 'UDP' }] });
    // WHEN
    const ports = withKubernetesDefaults(d).spec.template.spec.containers[0].ports;
    // THEN
    expect(ports.map((p: KubeObject) => p.protocol)).toEqual(['TCP', 'UDP']);
  });

  test('GIVEN a probe with an action only WHEN defaulted THEN it has the API server\'s timings', () => {
    // GIVEN
    const d = deployment({ readinessProbe: { tcpSocket: { port: 8080 } } });
    // WHEN
    const probe = withKubernetesDefaults(d).spec.template.spec.containers[0].readinessProbe;
    // THEN
    expect(probe).toEqual({ tcpSocket: { port: 8080 }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });

  test('GIVEN an HTTP probe without path or scheme WHEN defaulted THEN it gets / over HTTP', () => {
    // GIVEN
    const d = deployment({ livenessProbe: { httpGet: { port: 8080 } } });
    // WHEN
    const probe = withKubernetesDefaults(d).spec.template.spec.containers[0].livenessProbe;
    // THEN
    expect(probe.httpGet).toEqual({ port: 8080, path: '/', scheme: 'HTTP' });
  });

  test('GIVEN a gRPC probe without service WHEN defaulted THEN its service is the empty string', () => {
    // GIVEN
    const d = deployment({ readinessProbe: { grpc: { port: 3550 } } });
    // WHEN
    const probe = withKubernetesDefaults(d).spec.template.spec.containers[0].readinessProbe;
    // THEN
    expect(probe.grpc).toEqual({ port: 3550, service: '' });
  });

  test('GIVEN an env value from a field WHEN defaulted THEN the field reference reads v1', () => {
    // GIVEN
    const d = deployment({ env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] });
    // WHEN
    const env = withKubernetesDefaults(d).spec.template.spec.containers[0].env;
    // THEN
    expect(env[0].valueFrom.fieldRef).toEqual({ fieldPath: 'metadata.name', apiVersion: 'v1' });
  });

  test('GIVEN configMap, secret and projected volumes WHEN defaulted THEN their files are mode 0644 and tokens last an hour', () => {
    // GIVEN
    const d = deployment({}, {});
    d.spec.template.spec.volumes = [
      { name: 'c', configMap: { name: 'c' } },
      { name: 's', secret: { secretName: 's' } },
      { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
    ];
    // WHEN
    const volumes = withKubernetesDefaults(d).spec.template.spec.volumes;
    // THEN
    expect(volumes.map((v: KubeObject) => (v.configMap ?? v.secret ?? v.projected).defaultMode)).toEqual([0o644, 0o644, 0o644]);
    expect(volumes[2].projected.sources[0].serviceAccountToken.expirationSeconds).toBe(3600);
  });

  test('GIVEN a volume without a source WHEN defaulted THEN it is an emptyDir', () => {
    // GIVEN
    const d = deployment();
    d.spec.template.spec.volumes = [{ name: 'scratch' }];
    // WHEN
    const volumes = withKubernetesDefaults(d).spec.template.spec.volumes;
    // THEN
    expect(volumes).toEqual([{ name: 'scratch', emptyDir: {} }]);
  });

  test('GIVEN a bare Pod whose container has limits only WHEN defaulted THEN it requests its limits and links services', () => {
    // GIVEN
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', resources: { limits: { memory: '64Mi' } } }] } };
    // WHEN
    const spec = withKubernetesDefaults(pod).spec;
    // THEN
    expect(spec.containers[0].resources).toEqual({ limits: { memory: '64Mi' }, requests: { memory: '64Mi' } });
    expect(spec.enableServiceLinks).toBe(true);
  });

  test('GIVEN a Deployment whose container has limits only WHEN defaulted THEN its template requests nothing (only Pods are)', () => {
    // GIVEN
    const d = deployment({ resources: { limits: { memory: '64Mi' } } });
    // WHEN
    const resources = withKubernetesDefaults(d).spec.template.spec.containers[0].resources;
    // THEN
    expect(resources).toEqual({ limits: { memory: '64Mi' } });
  });

  test('GIVEN a Pod on the host network WHEN defaulted THEN its container ports are host ports too', () => {
    // GIVEN
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ops' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox:1.36', ports: [{ containerPort: 9100 }] }] } };
    // WHEN
    const port = withKubernetesDefaults(pod).spec.containers[0].ports[0];
    // THEN
    expect(port.hostPort).toBe(9100);
  });

  test('GIVEN a pod template on the host network WHEN defaulted THEN its ports get no host port (only Pods do)', () => {
    // GIVEN
    const d = deployment({ ports: [{ containerPort: 9100 }] });
    d.spec.template.spec.hostNetwork = true;
    // WHEN
    const port = withKubernetesDefaults(d).spec.template.spec.containers[0].ports[0];
    // THEN
    expect(port.hostPort).toBeUndefined();
  });

  test('GIVEN a Pod requesting CPU at 1.33 WHEN defaulted THEN the CPU can be resized without a restart; at 1.32 nothing is added', () => {
    // GIVEN
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ops' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', resources: { requests: { cpu: '100m' } } }] } };
    // WHEN
    const at133 = withKubernetesDefaults(pod, { kubernetesVersion: '1.33' }).spec.containers[0];
    const at132 = withKubernetesDefaults(pod, { kubernetesVersion: '1.32' }).spec.containers[0];
    // THEN
    expect(at133.resizePolicy).toEqual([{ resourceName: 'cpu', restartPolicy: 'NotRequired' }]);
    expect(at132.resizePolicy).toBeUndefined();
  });

  test('GIVEN init containers WHEN defaulted THEN they get the container defaults too', () => {
    // GIVEN
    const d = deployment();
    d.spec.template.spec.initContainers = [{ name: 'wait', image: 'busybox' }];
    // WHEN
    const init = withKubernetesDefaults(d).spec.template.spec.initContainers[0];
    // THEN
    expect(init).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePolicy: 'File' });
  });
});

describe('withKubernetesDefaults: Jobs and CronJobs', () => {
  const job = (spec: KubeObject): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'ops' }, spec });

  test('GIVEN a Job without counts WHEN defaulted THEN it runs one pod to one completion, retrying 6 times', () => {
    // GIVEN / WHEN
    const spec = withKubernetesDefaults(job({}), { kubernetesVersion: '1.28' }).spec;
    // THEN
    expect(spec).toEqual({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
  });

  test('GIVEN a Job with parallelism only WHEN defaulted THEN it gets no completions (a work queue)', () => {
    // GIVEN / WHEN
    const spec = withKubernetesDefaults(job({ parallelism: 3 })).spec;
    // THEN
    expect(spec.completions).toBeUndefined();
  });

  test('GIVEN a Job at 1.29 or later WHEN defaulted THEN failed or terminating pods are replaced; with a failure policy, failed ones only', () => {
    // GIVEN / WHEN
    const plain = withKubernetesDefaults(job({}), { kubernetesVersion: '1.29' }).spec;
    const withPolicy = withKubernetesDefaults(job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } }), { kubernetesVersion: '1.29' }).spec;
    // THEN
    expect([plain.podReplacementPolicy, withPolicy.podReplacementPolicy]).toEqual(['TerminatingOrFailed', 'Failed']);
  });

  test('GIVEN a Job without labels WHEN defaulted THEN it takes its pod template\'s', () => {
    // GIVEN / WHEN
    const defaulted = withKubernetesDefaults(job({ template: { metadata: { labels: { app: 'migrate' } }, spec: { restartPolicy: 'Never', containers: [] } } }));
    // THEN
    expect(defaulted.metadata.labels).toEqual({ app: 'migrate' });
  });

  test('GIVEN a pod failure rule on a condition without status WHEN defaulted THEN it matches the condition when True', () => {
    // GIVEN / WHEN
    const spec = withKubernetesDefaults(job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } })).spec;
    // THEN
    expect(spec.podFailurePolicy.rules[0].onPodConditions).toEqual([{ type: 'DisruptionTarget', status: 'True' }]);
  });

  test('GIVEN a CronJob WHEN defaulted THEN it allows overlaps, is not suspended and keeps 3 successful and 1 failed job', () => {
    // GIVEN
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'ops' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36' }] } } } } } };
    // WHEN
    const spec = withKubernetesDefaults(cron).spec;
    // THEN
    expect(spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(spec.jobTemplate.spec.template.spec).toMatchObject({ restartPolicy: 'OnFailure', dnsPolicy: 'ClusterFirst' });
  });
});

describe('withKubernetesDefaults: autoscalers, budgets, network policies, RBAC', () => {
  const hpa = (spec: KubeObject): KubeObject => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' }, spec });

  test('GIVEN an autoscaler without minimum or metrics WHEN defaulted THEN it keeps at least 1 pod at 80% CPU', () => {
    // GIVEN / WHEN
    const spec = withKubernetesDefaults(hpa({ maxReplicas: 5 })).spec;
    // THEN
    expect(spec.minReplicas).toBe(1);
    expect(spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  });

  test('GIVEN an autoscaler without behavior WHEN defaulted THEN it gets none', () => {
    // GIVEN / WHEN
    const spec = withKubernetesDefaults(hpa({ maxReplicas: 5 })).spec;
    // THEN
    expect(spec.behavior).toBeUndefined();
  });

  test('GIVEN an autoscaler with a scale-down window only WHEN defaulted THEN both directions get the default policies', () => {
    // GIVEN / WHEN
    const behavior = withKubernetesDefaults(hpa({ maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } })).spec.behavior;
    // THEN
    expect(behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  test('GIVEN a PodDisruptionBudget WHEN defaulted THEN nothing is added', () => {
    // GIVEN
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'shop' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } };
    // WHEN / THEN
    expect(withKubernetesDefaults(pdb)).toEqual(pdb);
  });

  test('GIVEN an Ingress path WHEN defaulted THEN it gets no pathType (v1 has no default)', () => {
    // GIVEN
    const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } };
    // WHEN / THEN
    expect(withKubernetesDefaults(ingress)).toEqual(ingress);
  });

  test('GIVEN a NetworkPolicy without policy types WHEN defaulted THEN it is Ingress, plus Egress when it has egress rules', () => {
    // GIVEN
    const np = (spec: KubeObject): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'shop' }, spec: { podSelector: {}, ...spec } });
    // WHEN
    const ingressOnly = withKubernetesDefaults(np({ ingress: [{}] })).spec.policyTypes;
    const both = withKubernetesDefaults(np({ egress: [{ ports: [{ port: 53 }] }] })).spec;
    // THEN
    expect(ingressOnly).toEqual(['Ingress']);
    expect(both.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(both.egress[0].ports[0].protocol).toBe('TCP');
  });

  test('GIVEN binding subjects without apiGroup WHEN defaulted THEN users and groups are RBAC\'s, service accounts the core group', () => {
    // GIVEN
    const rb = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'shop' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'ann' }, { kind: 'ServiceAccount', name: 'web' }] };
    // WHEN
    const subjects = withKubernetesDefaults(rb).subjects;
    // THEN
    expect(subjects.map((s: KubeObject) => s.apiGroup)).toEqual(['rbac.authorization.k8s.io', '']);
  });
});

describe('withKubernetesDefaults: metadata, namespaces, secrets, storage', () => {
  test('GIVEN a namespaced object without namespace WHEN defaulted with a namespace THEN it is in that namespace', () => {
    // GIVEN
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { A: '1' } };
    // WHEN
    const withNs = withKubernetesDefaults(cm, { namespace: 'shop' });
    const without = withKubernetesDefaults(cm);
    // THEN
    expect([withNs.metadata.namespace, without.metadata.namespace]).toEqual(['shop', 'default']);
  });

  test('GIVEN a cluster-scoped object WHEN defaulted with a namespace THEN it gets none', () => {
    // GIVEN
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] };
    // WHEN
    const defaulted = withKubernetesDefaults(role, { namespace: 'shop' });
    // THEN
    expect(defaulted.metadata).toEqual({ name: 'reader' });
  });

  test('GIVEN a Namespace WHEN defaulted THEN it carries its name label and the kubernetes finalizer', () => {
    // GIVEN
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    // WHEN
    const defaulted = withKubernetesDefaults(ns);
    // THEN
    expect(defaulted).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }, spec: { finalizers: ['kubernetes'] } });
  });

  test('GIVEN a Secret with stringData and no type WHEN defaulted THEN it is Opaque with the values base64-encoded in data', () => {
    // GIVEN
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' }, stringData: { token: 'abc' } };
    // WHEN
    const defaulted = withKubernetesDefaults(secret);
    // THEN
    expect(defaulted).toMatchObject({ type: 'Opaque', data: { token: 'YWJj' } });
    expect(defaulted.stringData).toBeUndefined();
  });

  test('GIVEN a PersistentVolumeClaim WHEN defaulted THEN it is a Filesystem claim', () => {
    // GIVEN
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    // WHEN / THEN
    expect(withKubernetesDefaults(pvc).spec.volumeMode).toBe('Filesystem');
  });

  test('GIVEN a container LimitRange with a max only WHEN defaulted THEN the default limit and request are the max', () => {
    // GIVEN
    const lr = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'shop' }, spec: { limits: [{ type: 'Container', max: { memory: '1Gi' } }] } };
    // WHEN
    const item = withKubernetesDefaults(lr).spec.limits[0];
    // THEN
    expect(item).toMatchObject({ default: { memory: '1Gi' }, defaultRequest: { memory: '1Gi' } });
  });

  test('GIVEN server-owned metadata and a status WHEN defaulted THEN they are dropped', () => {
    // GIVEN
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop', uid: 'x', resourceVersion: '12', creationTimestamp: '2024-01-01T00:00:00Z' }, status: {} };
    // WHEN / THEN
    expect(withKubernetesDefaults(cm)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } });
  });

  test('GIVEN nulls, empty lists and empty label maps WHEN defaulted THEN they are gone, while an emptyDir stays', () => {
    // GIVEN
    const d = deployment({ args: [], resources: { limits: null, requests: { cpu: '10m' } } });
    d.metadata.labels = {};
    d.spec.template.spec.volumes = [{ name: 'tmp', emptyDir: {} }];
    // WHEN
    const defaulted = withKubernetesDefaults(d);
    // THEN
    expect(defaulted.metadata.labels).toBeUndefined();
    expect(defaulted.spec.template.spec.containers[0].args).toBeUndefined();
    expect(defaulted.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '10m' } });
    expect(defaulted.spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
  });

  test('GIVEN booleans whose false means unset (privileged, readOnlyRootFilesystem, hostNetwork, readOnly) WHEN defaulted THEN a false one is removed', () => {
    // GIVEN
    const d = deployment({ securityContext: { privileged: false, readOnlyRootFilesystem: false, allowPrivilegeEscalation: false }, volumeMounts: [{ name: 'tmp', mountPath: '/tmp', readOnly: false }] });
    d.spec.template.spec.hostNetwork = false;
    // WHEN
    const pod = withKubernetesDefaults(d).spec.template.spec;
    // THEN allowPrivilegeEscalation: false is kept: unset, it is true
    expect(pod.hostNetwork).toBeUndefined();
    expect(pod.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false });
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  test('GIVEN an object WHEN defaulted THEN the object given is left unchanged', () => {
    // GIVEN
    const d = deployment();
    const before = JSON.stringify(d);
    // WHEN
    withKubernetesDefaults(d);
    // THEN
    expect(JSON.stringify(d)).toBe(before);
  });
});

describe('canonicalQuantity', () => {
  test.each([
    ['0.5', 'cpu', '500m'],
    [1, 'cpu', '1'],
    ['1000m', 'cpu', '1'],
    ['1024Mi', 'memory', '1Gi'],
    ['1G', 'memory', '1G'],
    ['134217728', 'memory', '128Mi'],
    ['10Gi', 'storage', '10Gi'],
    ['not-a-quantity', 'cpu', 'not-a-quantity'],
  ])('GIVEN %p of %s WHEN made canonical THEN it is %p', (value, resource, canonical) => {
    expect(canonicalQuantity(value, resource)).toBe(canonical);
  });

  test('GIVEN a container request below a milli-unit WHEN defaulted THEN it is rounded up to 1m, as the API server rounds', () => {
    // GIVEN
    const d = deployment({ resources: { requests: { cpu: '0.0001' } } });
    // WHEN
    const resources = withKubernetesDefaults(d).spec.template.spec.containers[0].resources;
    // THEN
    expect(resources.requests.cpu).toBe('1m');
  });
});

describe('withKubernetesDefaults: HTTPRoutes (the Gateway API CRD\'s defaults)', () => {
  /** An HTTPRoute `shop` of namespace `shop` with `spec`. */
  function httpRoute(spec: KubeObject): KubeObject {
    return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'shop', namespace: 'shop' }, spec };
  }

  const EVERY_PATH = { path: { type: 'PathPrefix', value: '/' } };

  test('GIVEN a parentRef without group and kind WHEN defaulted THEN it names a Gateway of the Gateway API group', () => {
    // GIVEN
    const route = httpRoute({ parentRefs: [{ name: 'public', namespace: 'gateway-system' }] });
    // WHEN / THEN
    expect(withKubernetesDefaults(route).spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system' }]);
  });

  test('GIVEN a route without rules WHEN defaulted THEN it has one rule matching every path', () => {
    expect(withKubernetesDefaults(httpRoute({ parentRefs: [{ name: 'public' }] })).spec.rules).toEqual([{ matches: [EVERY_PATH] }]);
  });

  test('GIVEN a rule without matches WHEN defaulted THEN it matches every path', () => {
    // GIVEN
    const route = httpRoute({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] });
    // WHEN / THEN
    expect(withKubernetesDefaults(route).spec.rules[0].matches).toEqual([EVERY_PATH]);
  });

  test('GIVEN matches without path, without type and without value WHEN defaulted THEN each path is completed (PathPrefix, "/")', () => {
    // GIVEN
    const route = httpRoute({ rules: [{ matches: [{}, { path: { value: '/api' } }, { path: { type: 'Exact' } }] }] });
    // WHEN / THEN
    expect(withKubernetesDefaults(route).spec.rules[0].matches).toEqual([
      EVERY_PATH, { path: { type: 'PathPrefix', value: '/api' } }, { path: { type: 'Exact', value: '/' } },
    ]);
  });

  test('GIVEN header and query matches without type WHEN defaulted THEN they match exactly', () => {
    // GIVEN
    const route = httpRoute({ rules: [{ matches: [{ path: { value: '/' }, headers: [{ name: 'x-canary', value: 'true' }], queryParams: [{ name: 'v', value: '2' }] }] }] });
    // WHEN
    const match = withKubernetesDefaults(route).spec.rules[0].matches[0];
    // THEN
    expect([match.headers[0].type, match.queryParams[0].type]).toEqual(['Exact', 'Exact']);
  });

  test('GIVEN a backendRef with name and port only WHEN defaulted THEN it is a Service of the core group with weight 1', () => {
    // GIVEN
    const route = httpRoute({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] });
    // WHEN / THEN
    expect(withKubernetesDefaults(route).spec.rules[0].backendRefs).toEqual([{ group: '', kind: 'Service', name: 'web', port: 80, weight: 1 }]);
  });

  test('GIVEN the HTTPRoute CRD of the test fixtures WHEN its v1 schema\'s defaults are read THEN they are the values filled in here', () => {
    // GIVEN
    const file = path.join(__dirname, '..', 'fixtures', 'crds', 'gateway.networking.k8s.io_httproutes.yaml');
    const crd = parse(fs.readFileSync(file, 'utf8'));
    const spec = crd.spec.versions.find((v: KubeObject) => v.name === 'v1').schema.openAPIV3Schema.properties.spec.properties;
    const parentRef = spec.parentRefs.items.properties;
    const rule = spec.rules.items.properties;
    const match = rule.matches.items.properties;
    const backendRef = rule.backendRefs.items.properties;
    // WHEN
    const schemaDefaults = {
      parentRef: { group: parentRef.group.default, kind: parentRef.kind.default },
      rules: spec.rules.default,
      matches: rule.matches.default,
      path: match.path.default,
      pathFields: { type: match.path.properties.type.default, value: match.path.properties.value.default },
      headerType: match.headers.items.properties.type.default,
      queryType: match.queryParams.items.properties.type.default,
      backendRef: { group: backendRef.group.default, kind: backendRef.kind.default, weight: backendRef.weight.default },
    };
    // THEN
    const defaulted = withKubernetesDefaults(httpRoute({
      parentRefs: [{ name: 'public' }],
      rules: [{ matches: [{ headers: [{ name: 'h', value: 'v' }], queryParams: [{ name: 'q', value: 'v' }] }], backendRefs: [{ name: 'web', port: 80 }] }],
    })).spec;
    const m = defaulted.rules[0].matches[0];
    expect(schemaDefaults).toEqual({
      parentRef: { group: defaulted.parentRefs[0].group, kind: defaulted.parentRefs[0].kind },
      rules: withKubernetesDefaults(httpRoute({})).spec.rules,
      matches: withKubernetesDefaults(httpRoute({ rules: [{}] })).spec.rules[0].matches,
      path: withKubernetesDefaults(httpRoute({ rules: [{ matches: [{}] }] })).spec.rules[0].matches[0].path,
      pathFields: m.path,
      headerType: m.headers[0].type,
      queryType: m.queryParams[0].type,
      backendRef: { group: defaulted.rules[0].backendRefs[0].group, kind: defaulted.rules[0].backendRefs[0].kind, weight: defaulted.rules[0].backendRefs[0].weight },
    });
  });
});

describe('withKubernetesDefaults: RBAC bindings\' role references and PriorityClasses', () => {
  test('GIVEN a binding whose roleRef names no apiGroup WHEN defaulted THEN the role is RBAC\'s', () => {
    // GIVEN
    const rb = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { kind: 'ClusterRole', name: 'r' }, subjects: [{ kind: 'Group', name: 'ops' }] };
    // WHEN
    const defaulted = withKubernetesDefaults(rb);
    // THEN
    expect(defaulted.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' });
    expect(defaulted.subjects[0].apiGroup).toBe('rbac.authorization.k8s.io');
  });

  test('GIVEN a PriorityClass without preemptionPolicy WHEN defaulted THEN it preempts lower priorities', () => {
    // GIVEN
    const pc = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 };
    // WHEN / THEN
    expect(withKubernetesDefaults(pc).preemptionPolicy).toBe('PreemptLowerPriority');
  });

  test('GIVEN a PriorityClass with globalDefault false WHEN defaulted THEN the field is unset, as the server stores it', () => {
    // GIVEN
    const pc = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low' }, value: -1, globalDefault: false, preemptionPolicy: 'Never' };
    // WHEN
    const defaulted = withKubernetesDefaults(pc);
    // THEN
    expect(defaulted.globalDefault).toBeUndefined();
    expect(defaulted.preemptionPolicy).toBe('Never');
  });
});

describe('withKubernetesDefaults: tolerations', () => {
  test('GIVEN a toleration without operator WHEN defaulted THEN its operator is Equal, as the scheduler reads it', () => {
    // GIVEN
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { template: { spec: { tolerations: [{ key: 'pool', value: 'batch' }], containers: [] } } } };
    // WHEN
    const defaulted = withKubernetesDefaults(d);
    // THEN
    expect(defaulted.spec.template.spec.tolerations).toEqual([{ key: 'pool', operator: 'Equal', value: 'batch' }]);
  });

  test('GIVEN a toleration with an empty effect WHEN defaulted THEN it has no effect, which matches every effect alike', () => {
    // GIVEN
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { template: { spec: { tolerations: [{ key: 'pool', operator: 'Exists', effect: '' }], containers: [] } } } };
    // WHEN / THEN
    expect(withKubernetesDefaults(d).spec.template.spec.tolerations).toEqual([{ key: 'pool', operator: 'Exists' }]);
  });
});
