import {
  Config, DeploymentStrategy, EnvFrom, EnvValue, Mount, Probe, PropError, SeccompProfile, ServiceType, SynthError,
  WebService, WebServiceProps,
} from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

const BASE: WebServiceProps = { image: 'ghcr.io/acme/web:1.2.3', resources: RESOURCES };

function create(props: Partial<WebServiceProps> | Record<string, unknown>) {
  const { stack } = makeStack();
  return () => new WebService(stack, 'web', { ...BASE, ...props } as WebServiceProps);
}

// [what, props, prop, received, allowed]
const CASES: Array<[string, Record<string, unknown>, string, string, string]> = [
  ['a name with upper case and "_"', { name: 'Api_Server' }, 'name', '"Api_Server"', 'DNS-1123 label'],
  ['a name too long', { name: 'a'.repeat(64) }, 'name', `"${'a'.repeat(64)}"`, 'at most 63'],
  ['a name starting with a digit (the Service needs DNS-1035)', { name: '1api' }, 'serviceName (defaults to name)', '"1api"', 'DNS-1035 label'],
  ['a serviceName with a dot', { serviceName: 'api.svc' }, 'serviceName', '"api.svc"', 'DNS-1035 label'],
  ['a containerName in upper case', { containerName: 'Api' }, 'containerName', '"Api"', 'DNS-1123 label'],
  ['negative replicas', { replicas: -1 }, 'replicas', '-1', 'an integer from 0 to 2147483647'],
  ['fractional replicas', { replicas: 1.5 }, 'replicas', '1.5', 'an integer'],
  ['replicas as a string', { replicas: '3' }, 'replicas', '"3"', 'an integer'],
  ['a port above 65535', { port: 70000 }, 'port', '70000', 'an integer from 1 to 65535'],
  ['port 0', { port: 0 }, 'port', '0', 'an integer from 1 to 65535'],
  ['a servicePort above 65535', { servicePort: 65536 }, 'servicePort', '65536', 'from 1 to 65535'],
  ['a port name with "_"', { portName: 'http_1' }, 'portName', '"http_1"', 'IANA service name'],
  ['a port name over 15 characters', { portName: 'a-very-long-port-name' }, 'portName', '"a-very-long-port-name"', 'at most 15'],
  ['a duplicate port name', { extraPorts: [{ name: 'http', port: 9000 }] }, 'extraPorts', '"http"', 'a port name not already used'],
  ['a duplicate container port', { extraPorts: [{ name: 'alt', port: 8080, servicePort: 81 }] }, 'extraPorts', '"8080/TCP"', 'a container port and protocol not already used'],
  ['a duplicate Service port', { extraPorts: [{ name: 'alt', port: 9000, servicePort: 8080 }] }, 'extraPorts', '"8080/TCP"', 'a Service port and protocol not already used'],
  ['an extra port numbered out of range', { extraPorts: [{ name: 'm', port: 99999 }] }, 'extraPorts[0].port', '99999', 'from 1 to 65535'],
  ['a node port on a ClusterIP service', { extraPorts: [{ name: 'm', port: 9000, nodePort: 30001 }] }, 'extraPorts[0].nodePort', '30001', 'the service type is ClusterIP'],
  ['a servicePort on a port the Service does not expose', { extraPorts: [{ name: 'metrics', port: 9797, servicePort: 80, expose: false }] }, 'extraPorts[0].servicePort', '80', 'not exposed by the Service (expose: false)'],
  ['expose that is not a boolean', { extraPorts: [{ name: 'metrics', port: 9797, expose: 'no' }] }, 'extraPorts[0].expose', '"no"', 'true or false'],
  ['a misspelt key of an extra port', { extraPorts: [{ name: 'metrics', port: 9797, expsoe: false }] }, 'extraPorts[0].expsoe', 'false', '"expose" or another prop of PortMapping'],
  ['a port the Service does not expose with the main port\'s number', { extraPorts: [{ name: 'metrics', port: 8080, expose: false }] }, 'extraPorts', '"8080/TCP"', 'a container port and protocol not already used'],
  ['a node port outside 30000-32767', { serviceType: ServiceType.nodePort({ nodePort: 80 }) }, 'serviceType.nodePort', '80', 'from 30000 to 32767'],
  ['a source range that is not a CIDR', { serviceType: ServiceType.loadBalancer({ sourceRanges: ['10.0.0.0'] }) }, 'serviceType.sourceRanges', '"10.0.0.0"', 'CIDR'],
  ['a CPU request with a space', { resources: { requests: { cpu: '100 m', memory: '128Mi' } } }, 'resources.requests.cpu', '"100 m"', 'Kubernetes quantity'],
  ['a memory request that is not a quantity', { resources: { requests: { cpu: '1', memory: 'lots' } } }, 'resources.requests.memory', '"lots"', 'Kubernetes quantity'],
  ['a memory unit in the wrong case', { resources: { requests: { cpu: '1', memory: '128mi' } } }, 'resources.requests.memory', '"128mi"', 'Kubernetes quantity'],
  ['a negative CPU request', { resources: { requests: { cpu: '-1', memory: '1Gi' } } }, 'resources.requests.cpu', '"-1"', 'greater than or equal to 0'],
  ['a memory limit below the request', { resources: { requests: { cpu: '1', memory: '256Mi' }, limits: { memory: '128Mi' } } }, 'resources.limits.memory', '"128Mi"', 'at least the request (256Mi)'],
  ['a CPU limit below the request', { resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '0.25' } } }, 'resources.limits.cpu', '"0.25"', 'at least the request (500m)'],
  ['no resources', { resources: undefined }, 'resources', 'undefined', '{ requests: { cpu, memory }'],
  ['requests without memory', { resources: { requests: { cpu: '1' } } }, 'resources.requests.memory', 'undefined', 'Kubernetes quantity'],
  ['an empty image', { image: '' }, 'image', '""', 'image reference'],
  ['an image with a space', { image: 'my image:1' }, 'image', '"my image:1"', 'image reference'],
  ['an image with upper case', { image: 'Acme/Web:1' }, 'image', '"Acme/Web:1"', 'image reference'],
  ['an env name with "=" (relaxed names, the default from 1.32, allow any other printable ASCII)', { env: { 'A=B': 'x' } }, 'env key', '"A=B"', 'environment variable name'],
  ['an env value that is a number', { env: { PORT: 8080 } }, 'env.PORT', '8080', 'numbers and booleans must be quoted'],
  ['an env pod field that does not exist', { env: { X: EnvValue.fromPodField('spec.bogus') } }, 'env.X', '"spec.bogus"', 'metadata.name'],
  ['an envFrom prefix with "="', { envFrom: [EnvFrom.config({ configMapName: 'c' } as any, { prefix: 'X=' })] }, 'envFrom[0].prefix', '"X="', 'prefix'],
  ['envFrom that is not an EnvFrom', { envFrom: ['my-config'] }, 'envFrom[0]', '"my-config"', 'EnvFrom.config(config)'],
  ['a relative mount path', { mounts: [Mount.emptyDir('data')] }, 'mounts[0] path', '"data"', 'an absolute path'],
  ['a mount path with ".."', { mounts: [Mount.emptyDir('/data/../etc')] }, 'mounts[0] path', '"/data/../etc"', 'without ".." segments'],
  ['two mounts at one path', { mounts: [Mount.emptyDir('/data'), Mount.emptyDir('/data')] }, 'mounts[1] path', '"/data"', 'not already used'],
  ['a mount item escaping the folder', { mounts: [Mount.secret({ secretName: 's' } as any, '/s', { items: { k: '../k' } })] }, 'mounts[0].items.k', '"../k"', 'relative file path'],
  ['a defaultMode above 0777', { mounts: [Mount.secret({ secretName: 's' } as any, '/s', { defaultMode: 0o1000 })] }, 'mounts[0].defaultMode', '512', 'from 0 to 511'],
  ['an emptyDir size that is not a quantity', { mounts: [Mount.emptyDir('/c', { sizeLimit: '1 GB' })] }, 'mounts[0].sizeLimit', '"1 GB"', 'Kubernetes quantity'],
  ['runAsUser 0 with runAsNonRoot', { security: { runAsUser: 0 } }, 'security.runAsUser', '0', 'non-zero user ID'],
  ['a capability with the CAP_ prefix', { security: { addCapabilities: ['CAP_NET_BIND_SERVICE'] } }, 'security.addCapabilities', '"CAP_NET_BIND_SERVICE"', 'without the CAP_ prefix ("NET_BIND_SERVICE")'],
  ['a capability in lower case', { security: { addCapabilities: ['net_admin'] } }, 'security.addCapabilities', '"net_admin"', 'upper-case'],
  ['a Localhost seccomp profile without a path', { security: { seccompProfile: SeccompProfile.localhost('') } }, 'security.seccompProfile', '""', 'non-empty profile path'],
  ['a security option of the wrong type', { security: { readOnlyRootFilesystem: 'yes' } }, 'security.readOnlyRootFilesystem', '"yes"', 'true or false'],
  ['maxSurge and maxUnavailable both 0', { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 0, maxUnavailable: 0 }) }, 'strategy', '{"maxSurge":0,"maxUnavailable":0}', 'not both 0'],
  ['maxUnavailable above 100%', { strategy: DeploymentStrategy.rollingUpdate({ maxUnavailable: '150%' }) }, 'strategy.maxUnavailable', '"150%"', '"0%" to "100%"'],
  ['a negative maxSurge', { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: -1 }) }, 'strategy.maxSurge', '-1', 'non-negative'],
  ['a maxSurge that is neither number nor percent', { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: '25' }) }, 'strategy.maxSurge', '"25"', 'percentage'],
  ['a probe port of 0', { readinessProbe: Probe.tcp({ port: 0 }) }, 'readinessProbe.port', '0', 'from 1 to 65535'],
  ['an HTTP probe path without "/"', { readinessProbe: Probe.http('healthz') }, 'readinessProbe path', '"healthz"', 'starting with "/"'],
  ['a liveness successThreshold above 1', { livenessProbe: Probe.tcp({ successThreshold: 2 }) }, 'livenessProbe.successThreshold', '2', '1 (the API server requires it'],
  ['an exec probe without a command', { livenessProbe: Probe.exec([]) }, 'livenessProbe command', '[]', 'a non-empty array of strings'],
  ['a probe header name with a space', { readinessProbe: Probe.http('/', { headers: { 'X Bad': '1' } }) }, 'readinessProbe.headers key', '"X Bad"', 'HTTP header name'],
  ['a negative probe period', { readinessProbe: Probe.http('/', { periodSeconds: 0 }) }, 'readinessProbe.periodSeconds', '0', 'an integer from 1 to 2147483647'],
  ['a probe that is not a Probe', { readinessProbe: { httpGet: { path: '/' } } }, 'readinessProbe', '{"httpGet":{"path":"/"}}', 'Probe.http()'],
  ['an empty selector', { selectorLabels: {} }, 'selectorLabels', '{}', 'at least one label'],
  ['a selector label value with a space', { selectorLabels: { app: 'my app' } }, 'selectorLabels.app', '"my app"', 'label value'],
  ['a pod label that contradicts the selector', { podLabels: { 'app.kubernetes.io/name': 'other' } }, 'podLabels.app.kubernetes.io/name', '"other"', 'the value the workload\'s selector matches'],
  ['a label value over 63 characters', { metadata: { labels: { team: 'x'.repeat(64) } } }, 'metadata.labels.team', `"${'x'.repeat(64)}"`, 'at most 63'],
  ['a pod annotation key with two slashes', { podAnnotations: { 'a/b/c': 'x' } }, 'podAnnotations key', '"a/b/c"', 'annotation key'],
  ['a relative workingDir', { workingDir: 'app' }, 'workingDir', '"app"', 'an absolute path'],
  ['a command with an empty string', { command: [''] }, 'command', '[""]', 'non-empty strings'],
  ['serviceAccountName, which moved to serviceAccount', { serviceAccountName: 'web-sa' }, 'serviceAccountName', '"web-sa"', 'it moved to serviceAccount'],
  ['a protocol given as a string', { protocol: 'TCP' }, 'protocol', '"TCP"', 'Protocol.TCP'],
  ['a serviceType given as a string', { serviceType: 'LoadBalancer' }, 'serviceType', '"LoadBalancer"', 'ServiceType.loadBalancer()'],
  ['a strategy given as a string', { strategy: 'Recreate' }, 'strategy', '"Recreate"', 'DeploymentStrategy.recreate()'],
  ['an imagePullPolicy given as a string', { imagePullPolicy: 'Always' }, 'imagePullPolicy', '"Always"', 'ImagePullPolicy.ALWAYS'],
];

describe('WebService rejects bad input at construct time', () => {
  test.each(CASES)('GIVEN %s WHEN constructed THEN a PropError names the prop, value and what is allowed', (_what, props, prop, received, allowed) => {
    expectPropError(create(props), { path: 'test/web', prop, received, allowed });
  });

  test('GIVEN several bad props WHEN constructed THEN one error lists them all', () => {
    const e = expectPropError(create({ port: 0, replicas: -2, name: 'Bad' }), { path: 'test/web', prop: 'port', received: '0' });
    expect(e.problems.map((p) => p.prop)).toEqual(expect.arrayContaining(['name', 'replicas', 'port']));
    expect(e.message.startsWith('Invalid WebService props at "test/web":')).toBe(true);
  });

  test('GIVEN addEnv with a name already set WHEN called THEN a PropError names it', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { ...BASE, env: { A: '1' } });
    expectPropError(() => web.addEnv('A', '2'), { path: 'test/web', prop: 'addEnv("A")', received: '"A"', allowed: 'not already set' });
  });

  test('GIVEN addMount at a path already mounted WHEN called THEN a PropError names it', () => {
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { ...BASE, mounts: [Mount.emptyDir('/data')] });
    expectPropError(() => web.addMount(Mount.emptyDir('/data')), { path: 'test/web', prop: 'addMount() path', received: '"/data"' });
  });

  test('GIVEN props of the wrong type WHEN constructed THEN the error is a PropError, never a TypeError', () => {
    const { stack } = makeStack();
    const attempts: unknown[] = [undefined, null, 42, { image: 42, resources: 'big' }, { image: 'a:1', resources: { requests: null } }];
    for (const props of attempts) {
      let error: unknown;
      try {
        new WebService(stack, `web${attempts.indexOf(props)}`, props as WebServiceProps);
      } catch (e) {
        error = e;
      }
      expect(PropError.isPropError(error)).toBe(true);
    }
  });
});

describe('WebService rejects references that the finished stack cannot satisfy', () => {
  test('GIVEN an env var reading a key the Config lacks WHEN synthesized THEN synth fails naming the key and path', () => {
    const { stack } = makeStack();
    const config = new Config(stack, 'cfg', { data: { a: '1' } });
    new WebService(stack, 'web', { ...BASE, env: { B: EnvValue.fromConfig(config, 'b') } });
    expect(() => synth(stack)).toThrow(SynthError);
    expect(() => synth(stack)).toThrow(/\[test\/web\] environment variable B reads key "b" of ConfigMap "cfg", which has no such key \(it has: a\)/);
  });

  test('GIVEN the missing key added later with addData WHEN synthesized THEN synth succeeds', () => {
    const { stack } = makeStack();
    const config = new Config(stack, 'cfg');
    new WebService(stack, 'web', { ...BASE, env: { B: EnvValue.fromConfig(config, 'b') } });
    config.addData('b', '2');
    expect(() => synth(stack)).not.toThrow();
  });

  test('GIVEN a mount item naming a key the Config lacks WHEN synthesized THEN synth fails naming it', () => {
    const { stack } = makeStack();
    const config = new Config(stack, 'cfg', { data: { a: '1' } });
    new WebService(stack, 'web', { ...BASE, mounts: [Mount.config(config, '/etc/x', { items: { nope: 'nope' } })] });
    expect(() => synth(stack)).toThrow(/the mount at \/etc\/x reads key "nope" of ConfigMap "cfg"/);
  });
});
