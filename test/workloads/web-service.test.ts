import { JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Config, DeploymentStrategy, EnvFrom, EnvValue, findObject, ImagePullPolicy, Mount, Probe, Protocol,
  PodSecurityLevel, RecommendedLabels, SeccompProfile, Secret, ServiceType, WebService,
} from '../../lib';
import type { AppStackProps } from '../../lib';
import { containerOf, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

function webService(props: Partial<ConstructorParameters<typeof WebService>[2]> = {}, stackProps: Partial<AppStackProps> = {}) {
  const { stack } = makeStack(stackProps);
  const web = new WebService(stack, 'web', { image: 'ghcr.io/acme/web:1.2.3', resources: RESOURCES, ...props });
  return { stack, web, objects: () => synth(stack) };
}

/** Stack props for opt-outs of the restricted profile: a namespace that does not enforce it (a restricted one fails the synth). */
const PRIVILEGED_NAMESPACE: Partial<AppStackProps> = { namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED } };

describe('WebService defaults', () => {
  test('GIVEN no replicas WHEN synthesized THEN the Deployment runs 2', () => {
    const { objects } = webService();
    expect(findObject(objects(), 'Deployment', 'web').spec.replicas).toBe(2);
  });

  test('GIVEN no name WHEN synthesized THEN the construct id names the Deployment and the Service', () => {
    const { objects } = webService();
    expect(findObject(objects(), 'Deployment', 'web')).toBeDefined();
    expect(findObject(objects(), 'Service', 'web')).toBeDefined();
  });

  test('GIVEN a name WHEN synthesized THEN the Deployment, Service and PodDisruptionBudget are named exactly so, with no hash suffix', () => {
    const { objects } = webService({ name: 'storefront' });
    expect(objects().filter((o) => o.kind !== 'Namespace').map((o) => o.metadata.name)).toEqual(['storefront', 'storefront', 'storefront']);
  });

  test('GIVEN no port WHEN synthesized THEN the container listens on 8080 named "http"', () => {
    const { objects } = webService();
    expect(containerOf(objects(), 'web').ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
  });

  test('GIVEN no servicePort WHEN synthesized THEN the Service exposes the container port', () => {
    const { objects } = webService({ port: 3000 });
    expect(findObject(objects(), 'Service', 'web').spec.ports).toEqual([{ name: 'http', port: 3000, protocol: 'TCP', targetPort: 3000 }]);
  });

  test('GIVEN no serviceType WHEN synthesized THEN the Service is ClusterIP', () => {
    const { objects } = webService();
    expect(findObject(objects(), 'Service', 'web').spec.type).toBe('ClusterIP');
  });

  test('GIVEN no serviceName WHEN synthesized THEN the Service takes the workload name', () => {
    const { web } = webService({ name: 'shop-web' });
    expect(web.serviceName).toBe('shop-web');
  });

  test('GIVEN no strategy WHEN synthesized THEN it rolls with maxSurge 25% and maxUnavailable 0', () => {
    const { objects } = webService();
    expect(findObject(objects(), 'Deployment', 'web').spec.strategy).toEqual({
      type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
    });
  });

  test('GIVEN no readinessProbe WHEN synthesized THEN readiness is a TCP check of the main port', () => {
    const { objects } = webService({ port: 3000 });
    expect(containerOf(objects(), 'web').readinessProbe).toEqual({ tcpSocket: { port: 3000 } });
  });

  test('GIVEN no livenessProbe WHEN synthesized THEN liveness is a TCP check of the main port after 10 s', () => {
    const { objects } = webService({ port: 3000 });
    expect(containerOf(objects(), 'web').livenessProbe).toEqual({ tcpSocket: { port: 3000 }, initialDelaySeconds: 10 });
  });

  test('GIVEN a pinned tag WHEN synthesized THEN the pull policy is IfNotPresent', () => {
    const { objects } = webService({ image: 'myregistry/api:v2.4.1' });
    expect(containerOf(objects(), 'web').imagePullPolicy).toBe('IfNotPresent');
  });

  test('GIVEN a digest WHEN synthesized THEN the pull policy is IfNotPresent', () => {
    const { objects } = webService({ image: `ghcr.io/acme/web@sha256:${'a'.repeat(64)}` });
    expect(containerOf(objects(), 'web').imagePullPolicy).toBe('IfNotPresent');
  });

  test('GIVEN the latest tag WHEN synthesized THEN the pull policy is Always', () => {
    const { objects } = webService({ image: 'nginx:latest' });
    expect(containerOf(objects(), 'web').imagePullPolicy).toBe('Always');
  });

  test('GIVEN no tag WHEN synthesized THEN the pull policy is Always', () => {
    const { objects } = webService({ image: 'nginx' });
    expect(containerOf(objects(), 'web').imagePullPolicy).toBe('Always');
  });

  test('GIVEN an explicit imagePullPolicy WHEN synthesized THEN it is used', () => {
    const { objects } = webService({ image: 'nginx', imagePullPolicy: ImagePullPolicy.NEVER });
    expect(containerOf(objects(), 'web').imagePullPolicy).toBe('Never');
  });

  test('GIVEN no containerName WHEN synthesized THEN the container takes the workload name', () => {
    const { objects } = webService();
    expect(containerOf(objects(), 'web').name).toBe('web');
  });

  test('GIVEN no selectorLabels WHEN synthesized THEN Deployment and Service select on name and instance only', () => {
    const { objects } = webService();
    const selector = { [RecommendedLabels.NAME]: 'web', [RecommendedLabels.INSTANCE]: 'test' };
    expect(findObject(objects(), 'Deployment', 'web').spec.selector).toEqual({ matchLabels: selector });
    expect(findObject(objects(), 'Service', 'web').spec.selector).toEqual(selector);
  });

  test('GIVEN the same service under another construct parent WHEN synthesized THEN the selector is unchanged', () => {
    const { stack } = makeStack();
    const group = new Construct(stack, 'group');
    new WebService(group, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    expect(findObject(synth(stack), 'Deployment', 'web').spec.selector.matchLabels).toEqual({
      [RecommendedLabels.NAME]: 'web', [RecommendedLabels.INSTANCE]: 'test',
    });
  });

  test('GIVEN no component WHEN synthesized THEN objects and pods say component "server"', () => {
    const { objects } = webService();
    const d = findObject(objects(), 'Deployment', 'web');
    expect(d.metadata.labels?.[RecommendedLabels.COMPONENT]).toBe('server');
    expect(d.spec.template.metadata.labels[RecommendedLabels.COMPONENT]).toBe('server');
  });

  test('GIVEN an image tag WHEN synthesized THEN the version label is the tag, on objects and pods', () => {
    const { objects } = webService({ image: 'myregistry/api:v2.4.1' });
    const d = findObject(objects(), 'Deployment', 'web');
    expect(d.metadata.labels?.[RecommendedLabels.VERSION]).toBe('v2.4.1');
    expect(d.spec.template.metadata.labels[RecommendedLabels.VERSION]).toBe('v2.4.1');
    expect(findObject(objects(), 'Service', 'web').metadata.labels?.[RecommendedLabels.VERSION]).toBe('v2.4.1');
  });

  test('GIVEN an image without a tag WHEN synthesized THEN the version label is the stack version', () => {
    const { stack } = makeStack({ version: '7.0' });
    new WebService(stack, 'web', { image: `ghcr.io/acme/web@sha256:${'b'.repeat(64)}`, resources: RESOURCES });
    expect(findObject(synth(stack), 'Deployment', 'web').metadata.labels?.[RecommendedLabels.VERSION]).toBe('7.0');
  });

  test('GIVEN the pod template WHEN synthesized THEN it carries all six recommended labels', () => {
    const { objects } = webService();
    const labels = findObject(objects(), 'Deployment', 'web').spec.template.metadata.labels;
    expect(Object.keys(labels)).toEqual(expect.arrayContaining(Object.values(RecommendedLabels)));
  });

  test('GIVEN no memory limit WHEN synthesized THEN the memory limit equals the request', () => {
    const { objects } = webService({ resources: { requests: { cpu: '100m', memory: '200Mi' } } });
    expect(containerOf(objects(), 'web').resources.limits).toEqual({ memory: '200Mi' });
  });

  test('GIVEN no cpu limit WHEN synthesized THEN there is no cpu limit', () => {
    const { objects } = webService({ resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '300Mi' } } });
    expect(containerOf(objects(), 'web').resources.limits.cpu).toBeUndefined();
  });

  test('GIVEN requests and limits WHEN synthesized THEN they are written as given', () => {
    const { objects } = webService({
      resources: { requests: { cpu: '100m', memory: '128Mi', ephemeralStorage: '1Gi' }, limits: { cpu: '500m', memory: '256Mi', ephemeralStorage: '2Gi' } },
    });
    expect(containerOf(objects(), 'web').resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '1Gi' },
      limits: { cpu: '500m', memory: '256Mi', 'ephemeral-storage': '2Gi' },
    });
  });

  test('GIVEN no automountServiceAccountToken WHEN synthesized THEN no API token is mounted', () => {
    const { objects } = webService();
    expect(podSpecOf(objects(), 'web').automountServiceAccountToken).toBe(false);
  });
});

describe('WebService security defaults (Pod Security "restricted")', () => {
  const spec = () => podSpecOf(webService().objects(), 'web');

  test('runs as non-root, at pod and container level', () => {
    expect(spec().securityContext.runAsNonRoot).toBe(true);
    expect(spec().containers[0].securityContext.runAsNonRoot).toBe(true);
  });
  test('forbids privilege escalation', () => expect(spec().containers[0].securityContext.allowPrivilegeEscalation).toBe(false));
  test('drops ALL capabilities, without a CAP_ prefix', () => {
    expect(spec().containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });
  test('uses the RuntimeDefault seccomp profile', () => expect(spec().securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' }));
  test('makes the root filesystem read-only', () => expect(spec().containers[0].securityContext.readOnlyRootFilesystem).toBe(true));
  test('mounts a writable emptyDir at /tmp', () => {
    expect(spec().volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(spec().containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });
});

describe('WebService security opt-outs', () => {
  test('GIVEN readOnlyRootFilesystem false WHEN synthesized THEN the root filesystem is writable and /tmp has no volume', () => {
    const spec = podSpecOf(webService({ security: { readOnlyRootFilesystem: false } }).objects(), 'web');
    expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(spec.volumes).toBeUndefined();
  });

  test('GIVEN writableTmp false WHEN synthesized THEN there is no /tmp volume', () => {
    expect(podSpecOf(webService({ security: { writableTmp: false } }).objects(), 'web').volumes).toBeUndefined();
  });

  test('GIVEN runAsNonRoot false WHEN synthesized THEN the pod may run as root', () => {
    const spec = podSpecOf(webService({ security: { runAsNonRoot: false } }, PRIVILEGED_NAMESPACE).objects(), 'web');
    expect(spec.securityContext.runAsNonRoot).toBe(false);
  });

  test('GIVEN allowPrivilegeEscalation true WHEN synthesized THEN it is allowed', () => {
    expect(containerOf(webService({ security: { allowPrivilegeEscalation: true } }, PRIVILEGED_NAMESPACE).objects(), 'web').securityContext.allowPrivilegeEscalation).toBe(true);
  });

  test('GIVEN dropAllCapabilities false WHEN synthesized THEN no capability is dropped', () => {
    expect(containerOf(webService({ security: { dropAllCapabilities: false } }, PRIVILEGED_NAMESPACE).objects(), 'web').securityContext.capabilities).toBeUndefined();
  });

  test('GIVEN addCapabilities WHEN synthesized THEN they are added by their plain names', () => {
    expect(containerOf(webService({ security: { addCapabilities: ['NET_BIND_SERVICE'] } }).objects(), 'web').securityContext.capabilities)
      .toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
  });

  test('GIVEN a seccomp profile WHEN synthesized THEN it is used', () => {
    expect(podSpecOf(webService({ security: { seccompProfile: SeccompProfile.localhost('profiles/x.json') } }).objects(), 'web').securityContext.seccompProfile)
      .toEqual({ type: 'Localhost', localhostProfile: 'profiles/x.json' });
  });

  test('GIVEN user, group and fsGroup WHEN synthesized THEN the pod runs with them', () => {
    expect(podSpecOf(webService({ security: { runAsUser: 10001, runAsGroup: 10001, fsGroup: 2000 } }).objects(), 'web').securityContext)
      .toMatchObject({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 2000 });
  });

  test('GIVEN automountServiceAccountToken WHEN synthesized THEN the pod mounts the token', () => {
    const spec = podSpecOf(webService({ automountServiceAccountToken: true }).objects(), 'web');
    expect(spec.automountServiceAccountToken).toBe(true);
  });
});

describe('WebService features', () => {
  test('GIVEN env of every kind WHEN synthesized THEN the variables keep their order and sources', () => {
    const { stack } = makeStack();
    const config = new Config(stack, 'cfg', { data: { mode: 'fast' } });
    const secret = Secret.fromSecretName(stack, 'sec', 'db-secret');
    new WebService(stack, 'web', {
      image: 'nginx:1.25',
      resources: RESOURCES,
      env: {
        PLAIN: 'x',
        FROM_CONFIG: EnvValue.fromConfig(config, 'mode'),
        FROM_SECRET: EnvValue.fromSecret(secret, 'url', { optional: true }),
        POD_IP: EnvValue.fromPodField('status.podIP'),
        LITERAL: EnvValue.fromValue('y'),
      },
    });
    expect(containerOf(synth(stack), 'web').env).toEqual([
      { name: 'PLAIN', value: 'x' },
      { name: 'FROM_CONFIG', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
      { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db-secret', key: 'url', optional: true } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'LITERAL', value: 'y' },
    ]);
  });

  test('GIVEN envFrom a config and a secret WHEN synthesized THEN both are listed with their prefix', () => {
    const { stack } = makeStack();
    const config = new Config(stack, 'cfg');
    const secret = Secret.fromSecretName(stack, 'sec', 'app-secrets');
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES, envFrom: [EnvFrom.config(config), EnvFrom.secret(secret, { prefix: 'S_' })] });
    expect(containerOf(synth(stack), 'web').envFrom).toEqual([
      { configMapRef: { name: 'cfg' } },
      { prefix: 'S_', secretRef: { name: 'app-secrets' } },
    ]);
  });

  test('GIVEN config and secret mounts WHEN synthesized THEN they are read-only volumes', () => {
    const { stack } = makeStack();
    const config = new Config(stack, 'cfg', { data: { 'a.yaml': 'x: 1' } });
    const secret = Secret.fromSecretName(stack, 'sec', 'tls-cert');
    new WebService(stack, 'web', {
      image: 'nginx:1.25',
      resources: RESOURCES,
      mounts: [Mount.config(config, '/etc/app', { items: { 'a.yaml': 'conf/a.yaml' } }), Mount.secret(secret, '/etc/tls', { defaultMode: 0o440 })],
    });
    const spec = podSpecOf(synth(stack), 'web');
    expect(spec.volumes).toEqual([
      { name: 'config-cfg', configMap: { name: 'cfg', items: [{ key: 'a.yaml', path: 'conf/a.yaml' }] } },
      { name: 'secret-tls-cert', secret: { secretName: 'tls-cert', defaultMode: 0o440 } },
      { name: 'tmp', emptyDir: {} },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'config-cfg', mountPath: '/etc/app', readOnly: true },
      { name: 'secret-tls-cert', mountPath: '/etc/tls', readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
    ]);
  });

  test('GIVEN the same config mounted twice WHEN synthesized THEN the volumes get distinct names', () => {
    const { stack } = makeStack();
    const config = new Config(stack, 'cfg', { data: { a: '1', b: '2' } });
    new WebService(stack, 'web', {
      image: 'nginx:1.25', resources: RESOURCES,
      mounts: [Mount.config(config, '/a', { items: { a: 'a' } }), Mount.config(config, '/b', { items: { b: 'b' } })],
    });
    expect(podSpecOf(synth(stack), 'web').volumes.map((v: any) => v.name)).toEqual(['config-cfg', 'config-cfg-2', 'tmp']);
  });

  test('GIVEN an emptyDir mount in memory WHEN synthesized THEN it has the Memory medium and size limit', () => {
    const spec = podSpecOf(webService({ mounts: [Mount.emptyDir('/var/cache', { memory: true, sizeLimit: '64Mi' })] }).objects(), 'web');
    expect(spec.volumes[0]).toEqual({ name: 'var-cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } });
  });

  test('GIVEN a mount at /tmp WHEN synthesized THEN it replaces the default /tmp volume', () => {
    const spec = podSpecOf(webService({ mounts: [Mount.emptyDir('/tmp', { sizeLimit: '1Gi' })] }).objects(), 'web');
    expect(spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }]);
  });

  test('GIVEN addEnv and addMount after construction WHEN synthesized THEN they land in the output', () => {
    const { stack, web } = webService();
    web.addEnv('LATE', 'yes');
    web.addMount(Mount.emptyDir('/data'));
    web.addEnvFrom(EnvFrom.secret(Secret.fromSecretName(stack, 's', 'late-secret')));
    const container = containerOf(synth(stack), 'web');
    expect(container.env).toEqual([{ name: 'LATE', value: 'yes' }]);
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/data', '/tmp']);
    expect(container.envFrom).toEqual([{ secretRef: { name: 'late-secret' } }]);
  });

  test('GIVEN command, args and workingDir WHEN synthesized THEN the container runs them', () => {
    const c = containerOf(webService({ command: ['/bin/server'], args: ['--port', '8080'], workingDir: '/app' }).objects(), 'web');
    expect([c.command, c.args, c.workingDir]).toEqual([['/bin/server'], ['--port', '8080'], '/app']);
  });

  test.each([
    ['http', Probe.http('/healthz', { port: 9000, https: true, headers: { 'X-Probe': '1' }, periodSeconds: 5 }),
      { httpGet: { path: '/healthz', port: 9000, scheme: 'HTTPS', httpHeaders: [{ name: 'X-Probe', value: '1' }] }, periodSeconds: 5 }],
    ['tcp', Probe.tcp({ timeoutSeconds: 2 }), { tcpSocket: { port: 8080 }, timeoutSeconds: 2 }],
    ['grpc', Probe.grpc({ service: 'health' }), { grpc: { port: 8080, service: 'health' } }],
    ['exec', Probe.exec(['cat', '/tmp/ready'], { failureThreshold: 5 }), { exec: { command: ['cat', '/tmp/ready'] }, failureThreshold: 5 }],
  ])('GIVEN a %s readiness probe WHEN synthesized THEN it is rendered', (_kind, probe, expected) => {
    expect(containerOf(webService({ readinessProbe: probe }).objects(), 'web').readinessProbe).toEqual(expected);
  });

  test('GIVEN Probe.none() WHEN synthesized THEN that probe is off', () => {
    const c = containerOf(webService({ readinessProbe: Probe.none(), livenessProbe: Probe.none() }).objects(), 'web');
    expect(c.readinessProbe).toBeUndefined();
    expect(c.livenessProbe).toBeUndefined();
  });

  test('GIVEN a NodePort service with a node port WHEN synthesized THEN the port carries it', () => {
    const svc = findObject(webService({ serviceType: ServiceType.nodePort({ nodePort: 30080 }) }).objects(), 'Service', 'web');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports[0].nodePort).toBe(30080);
  });

  test('GIVEN a LoadBalancer with options WHEN synthesized THEN annotations, source ranges and traffic policy are set', () => {
    const svc = findObject(webService({
      serviceType: ServiceType.loadBalancer({ annotations: { 'example.com/lb': 'internal' }, sourceRanges: ['10.0.0.0/8'], preserveClientIp: true }),
    }).objects(), 'Service', 'web');
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'], externalTrafficPolicy: 'Local' });
    expect(svc.metadata.annotations).toEqual({ 'example.com/lb': 'internal' });
  });

  test('GIVEN extra ports WHEN synthesized THEN container and Service list them by name', () => {
    const objects = webService({ extraPorts: [{ name: 'metrics', port: 9100 }, { name: 'dns', port: 5353, servicePort: 53, protocol: Protocol.UDP }] }).objects();
    expect(findObject(objects, 'Service', 'web').spec.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080 },
      { name: 'metrics', port: 9100, protocol: 'TCP', targetPort: 9100 },
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 5353 },
    ]);
    expect(containerOf(objects, 'web').ports.map((p: any) => p.name)).toEqual(['http', 'metrics', 'dns']);
  });

  test('GIVEN a Recreate strategy WHEN synthesized THEN the Deployment recreates', () => {
    expect(findObject(webService({ strategy: DeploymentStrategy.recreate() }).objects(), 'Deployment', 'web').spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('GIVEN custom rolling update numbers WHEN synthesized THEN they are used', () => {
    expect(findObject(webService({ strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: '10%' }) }).objects(), 'Deployment', 'web').spec.strategy.rollingUpdate)
      .toEqual({ maxSurge: 1, maxUnavailable: '10%' });
  });

  test('GIVEN selectorLabels WHEN synthesized THEN selectors use exactly them and pods carry them', () => {
    const objects = webService({ selectorLabels: { app: 'web' } }).objects();
    expect(findObject(objects, 'Deployment', 'web').spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(findObject(objects, 'Service', 'web').spec.selector).toEqual({ app: 'web' });
    expect(findObject(objects, 'Deployment', 'web').spec.template.metadata.labels.app).toBe('web');
  });

  test('GIVEN podLabels, podAnnotations and metadata.labels WHEN synthesized THEN each lands where it belongs', () => {
    const objects = webService({ podLabels: { tier: 'edge' }, podAnnotations: { 'prometheus.io/scrape': 'true' }, metadata: { labels: { team: 'web' } } }).objects();
    const d = findObject(objects, 'Deployment', 'web');
    expect(d.spec.template.metadata.labels.tier).toBe('edge');
    expect(d.spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(d.metadata.labels?.team).toBe('web');
    expect(findObject(objects, 'Service', 'web').metadata.labels?.team).toBe('web');
    expect(d.spec.template.metadata.labels.team).toBeUndefined();
  });

  test('GIVEN the apiObject escape hatch WHEN patched THEN the patch lands in the output', () => {
    const { web, objects } = webService();
    web.apiObject.addJsonPatch(JsonPatch.add('/spec/minReadySeconds', 5));
    web.service.metadata.addAnnotation('example.com/owner', 'web-team');
    expect(findObject(objects(), 'Deployment', 'web').spec.minReadySeconds).toBe(5);
    expect(findObject(objects(), 'Service', 'web').metadata.annotations).toEqual({ 'example.com/owner': 'web-team' });
  });

  test('GIVEN a WebService WHEN isWebService is asked THEN it says yes, and no for other things', () => {
    const { web } = webService();
    expect(WebService.isWebService(web)).toBe(true);
    expect(WebService.isWebService({})).toBe(false);
  });
});
