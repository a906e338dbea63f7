import {
  Address, AppStack, Config, DaemonSet, DaemonSetStrategy, DeploymentStrategy, EnvFrom, EnvValue, HostAccess, Mount, PodAffinity,
  PersistentVolumeClaim, PlatformApp, PodSecurityLevel, Provider, Secret, ServiceType, TaintEffect, Toleration, TopologySpread, WebService,
} from '../../lib';
import { makeStack, propErrorOf, RESOURCES, tmpdir } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.2.3';
const WORKLOAD = { image: IMAGE, resources: RESOURCES };


const privileged = () => makeStack({ namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED } }).stack;
const web = (s: AppStack, props: Record<string, unknown>) => new WebService(s, 'web', { ...WORKLOAD, ...props } as any);
const agent = (s: AppStack, props: Record<string, unknown>) => new DaemonSet(s, 'agent', { ...WORKLOAD, ...props } as any);
const config = (s: AppStack) => new Config(s, 'cfg', { data: { mode: 'fast' } });
const secret = (s: AppStack) => Secret.fromSecretName(s, 'creds', 'creds');
const o = (x: Record<string, unknown>): any => x;

// [factory, prop the misspelt key sits at, misspelt key, its suggestion, create a construct using the factory]
type Case = [string, string, string, string, (stack: AppStack) => unknown];
const CASES: Case[] = [
  ['ServiceType.loadBalancer', 'serviceType', 'annotatons', 'annotations', (s) => web(s, { serviceType: ServiceType.loadBalancer(o({ annotatons: {} })) })],
  ['ServiceType.nodePort', 'serviceType', 'nodeport', 'nodePort', (s) => web(s, { serviceType: ServiceType.nodePort(o({ nodeport: 30080 })) })],
  ['Mount.config', 'mounts[0]', 'defaultMod', 'defaultMode', (s) => web(s, { mounts: [Mount.config(config(s), '/etc/app', o({ defaultMod: 0o440 }))] })],
  ['Mount.secret', 'mounts[0]', 'optinal', 'optional', (s) => web(s, { mounts: [Mount.secret(secret(s), '/etc/creds', o({ optinal: true }))] })],
  ['Mount.emptyDir', 'mounts[0]', 'sizelimit', 'sizeLimit', (s) => web(s, { mounts: [Mount.emptyDir('/cache', o({ sizelimit: '1Gi' }))] })],
  ['Mount.claim', 'mounts[0]', 'readonly', 'readOnly', (s) => web(s, { mounts: [Mount.claim(new PersistentVolumeClaim(s, 'data', { size: '1Gi' }), '/data', o({ readonly: true }))] })],
  ['DeploymentStrategy.rollingUpdate', 'strategy', 'maxSurg', 'maxSurge', (s) => web(s, { strategy: DeploymentStrategy.rollingUpdate(o({ maxSurg: 1 })) })],
  ['DaemonSetStrategy.rollingUpdate', 'strategy', 'maxUnavailabel', 'maxUnavailable', (s) => agent(s, { strategy: DaemonSetStrategy.rollingUpdate(o({ maxUnavailabel: 2 })) })],
  ['TopologySpread.acrossZones', 'spread[0]', 'requird', 'required', (s) => web(s, { spread: [TopologySpread.acrossZones(o({ requird: true }))] })],
  ['Toleration.equal', 'tolerations[0]', 'efect', 'effect', (s) => web(s, { tolerations: [Toleration.equal('dedicated', 'shop', o({ efect: TaintEffect.NO_SCHEDULE }))] })],
  ['Toleration.exists', 'tolerations[0]', 'tolerationSecond', 'tolerationSeconds', (s) => web(s, { tolerations: [Toleration.exists('spot', o({ tolerationSecond: 30 }))] })],
  ['PodAffinity.separate', 'podAffinity[0]', 'topologykey', 'topologyKey', (s) => web(s, { podAffinity: [PodAffinity.separate({ selectorLabels: { app: 'db' } }, o({ topologykey: 'zone' }))] })],
  ['EnvValue.fromConfig', 'env.MODE', 'optionl', 'optional', (s) => web(s, { env: { MODE: EnvValue.fromConfig(config(s), 'mode', o({ optionl: true })) } })],
  ['EnvValue.fromSecret', 'env.TOKEN', 'Optional', 'optional', (s) => web(s, { env: { TOKEN: EnvValue.fromSecret(secret(s), 'token', o({ Optional: true })) } })],
  ['EnvFrom.config', 'envFrom[0]', 'prefx', 'prefix', (s) => web(s, { envFrom: [EnvFrom.config(config(s), o({ prefx: 'APP_' }))] })],
  ['HostAccess.paths', 'hostAccess[0].paths[0]', 'writeable', 'writable', () => agent(privileged(), { hostAccess: [HostAccess.paths([o({ hostPath: '/var/log', writeable: true })])] })],
  ['HostAccess.ports', 'hostAccess[0].ports[0]', 'hostport', 'hostPort', () => agent(privileged(), { hostAccess: [HostAccess.ports([o({ port: 9100, hostport: 9100 })])] })],
  ['Address.url', 'address() form', 'pth', 'path', (s) => web(s, {}).address(Address.url('http', o({ pth: '/orders' })))],
  ['Provider.eks (AppStack)', 'provider', 'storageClasName', 'storageClassName', (s) => new AppStack(s.node.scope as PlatformApp, 'other', { namespace: 'other', provider: Provider.eks(o({ storageClasName: 'gp3' })) })],
  ['Provider.gke (PlatformApp)', 'provider', 'ingressClassname', 'ingressClassName', () => new PlatformApp({ outdir: tmpdir(), provider: Provider.gke(o({ ingressClassname: 'gce' })) })],
];

describe('a misspelt key in the options of a value-class factory', () => {
  test.each(CASES)('%s: %s.%s is refused, suggesting "%s"', (_factory, at, key, suggestion, create) => {
    // GIVEN a stack
    const { stack } = makeStack();
    // WHEN a construct is given the factory's value with a misspelt option
    const error = propErrorOf(() => create(stack));
    // THEN a PropError names the option's path and suggests the known key
    const problem = error.problems.find((p) => p.prop === `${at}.${key}`);
    if (!problem) throw new Error(`expected a problem at "${at}.${key}"; got:\n${error.message}`);
    expect(error.message).toContain(`unknown prop "${key}" (did you mean "${suggestion}"?)`);
    expect(problem.allowed).toMatch(new RegExp(`^"${suggestion}" or another prop of \\w+$`));
  });
});
