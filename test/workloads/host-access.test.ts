/**
 * HostAccess.paths()'s volume names and hostPath types (`volumeName`, `type`); the rest of HostAccess is tested with
 * the DaemonSet (daemon-set.test.ts).
 */
import {
  AppStack, DaemonSet, DaemonSetProps, HostAccess, HostPathOptions, HostPathType, Mount, PlatformApp, PodSecurityLevel, ruleById, validateObjects,
  ValidationPreset,
} from '../../lib';
import { hostPathVolumeName } from '../../lib/core/_volume-names';
import { expectPropError, RESOURCES, synth, tmpdir } from '../_helpers';

const BASE: DaemonSetProps = { image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9', resources: RESOURCES, port: 2020 };

/** A stack `agents` whose Namespace enforces "privileged". */
function privilegedStack(): AppStack {
  const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
  return new AppStack(app, 'agents', { namespace: 'agents', namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED } });
}

/** The pod spec of a DaemonSet `shipper` with `hostAccess`, and `extra` props. */
function podSpecWith(hostAccess: HostAccess[], extra: Partial<DaemonSetProps> = {}): any {
  const stack = privilegedStack();
  new DaemonSet(stack, 'shipper', { ...BASE, ...extra, hostAccess });
  return synth(stack).find((o) => o.kind === 'DaemonSet')!.spec.template.spec;
}

/** The hostPath volumes of a pod spec. */
function hostVolumes(spec: any): any[] {
  return spec.volumes.filter((v: any) => v.hostPath !== undefined);
}

/** Creates a DaemonSet `shipper` with `paths` as its host paths, in a privileged stack. */
function shipperWith(...paths: HostPathOptions[][]): DaemonSet {
  return new DaemonSet(privilegedStack(), 'shipper', { ...BASE, hostAccess: paths.map((p) => HostAccess.paths(p)) });
}

describe('HostAccess.paths(): volumeName', () => {
  test('GIVEN a volumeName WHEN synthesized THEN the volume and the main container\'s mount have that name', () => {
    // GIVEN / WHEN
    const spec = podSpecWith([HostAccess.paths([{ hostPath: '/var/log', volumeName: 'varlog' }])]);
    // THEN
    expect(hostVolumes(spec)).toEqual([{ name: 'varlog', hostPath: { path: '/var/log' } }]);
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'varlog', mountPath: '/var/log', readOnly: true });
  });

  test('GIVEN no volumeName WHEN synthesized THEN the volume is named host-<path>, the name hostPathVolumeName() gives', () => {
    // GIVEN / WHEN
    const spec = podSpecWith([HostAccess.paths([{ hostPath: '/var/lib/docker/containers' }, { hostPath: '/' }])]);
    // THEN
    expect(hostVolumes(spec).map((v) => v.name)).toEqual(['host-var-lib-docker-containers', 'host-root']);
    expect([hostPathVolumeName('/var/lib/docker/containers'), hostPathVolumeName('/')]).toEqual(['host-var-lib-docker-containers', 'host-root']);
  });

  test('GIVEN a path longer than a volume name WHEN named by default THEN the name is cut to 63 characters, without a trailing "-"', () => {
    // GIVEN
    const path = `/${'a'.repeat(57)}/b`;
    // WHEN
    const name = hostPathVolumeName(path);
    // THEN "host-" and 57 "a": 62 characters, the "-" before "b" cut off
    expect(name).toBe(`host-${'a'.repeat(57)}`);
  });

  test('GIVEN a volumeName a mount\'s volume has WHEN synthesized THEN the host path\'s volume is numbered, as a mount\'s would be', () => {
    // GIVEN an emptyDir named varlog by its own volumeName
    const spec = podSpecWith([HostAccess.paths([{ hostPath: '/var/log', volumeName: 'varlog' }])], { mounts: [Mount.emptyDir('/buffer', { volumeName: 'varlog' })] });
    // WHEN / THEN
    expect(hostVolumes(spec).map((v) => v.name)).toEqual(['varlog-2']);
  });

  test('GIVEN the same node path twice without volumeName WHEN synthesized THEN the second volume is numbered', () => {
    // GIVEN / WHEN
    const spec = podSpecWith([HostAccess.paths([{ hostPath: '/var/log' }, { hostPath: '/var/log', mountPath: '/host/var/log' }])]);
    // THEN
    expect(hostVolumes(spec).map((v) => v.name)).toEqual(['host-var-log', 'host-var-log-2']);
  });

  test('GIVEN a volumeName that is not a DNS-1123 label WHEN created THEN a PropError names the option and the rule', () => {
    expectPropError(() => shipperWith([{ hostPath: '/var/log', volumeName: 'Var_Log' }]),
      { path: 'agents/shipper', prop: 'hostAccess[0].paths[0].volumeName', received: '"Var_Log"', allowed: 'a DNS-1123 label' });
  });

  test('GIVEN two paths of one HostAccess.paths() with the same volumeName WHEN created THEN a PropError names the second and the first', () => {
    expectPropError(() => shipperWith([{ hostPath: '/var/log', volumeName: 'logs' }, { hostPath: '/var/lib/docker/containers', volumeName: 'logs' }]),
      { path: 'agents/shipper', prop: 'hostAccess[0].paths[1].volumeName', received: '"logs"', allowed: 'a volume name no other host path of the workload has: hostAccess[0].paths[0] has it as volumeName' });
  });

  test('GIVEN two HostAccess.paths() of one workload with the same volumeName WHEN created THEN a PropError names both', () => {
    expectPropError(() => shipperWith([{ hostPath: '/var/log', volumeName: 'logs' }], [{ hostPath: '/var/lib/docker/containers', volumeName: 'logs' }]),
      { path: 'agents/shipper', prop: 'hostAccess[1].paths[0].volumeName', received: '"logs"', allowed: 'hostAccess[0].paths[0] has it as volumeName' });
  });

  test('GIVEN a volumeName another host path has by default WHEN created THEN a PropError names the volumeName and the default', () => {
    expectPropError(() => shipperWith([{ hostPath: '/var/log' }, { hostPath: '/var/lib/docker/containers', volumeName: 'host-var-log' }]),
      { path: 'agents/shipper', prop: 'hostAccess[0].paths[1].volumeName', received: '"host-var-log"', allowed: 'hostAccess[0].paths[0] is named so by default (host-<path>)' });
  });

  test('GIVEN a volumeName that a later host path has by default WHEN created THEN the PropError is on the volumeName given', () => {
    expectPropError(() => shipperWith([{ hostPath: '/var/lib/docker/containers', volumeName: 'host-var-log' }, { hostPath: '/var/log' }]),
      { path: 'agents/shipper', prop: 'hostAccess[0].paths[0].volumeName', received: '"host-var-log"', allowed: 'hostAccess[0].paths[1] is named so by default' });
  });

  test('GIVEN the same volumeName in two DaemonSets WHEN created THEN each is accepted: names are unique per pod', () => {
    // GIVEN
    const stack = privilegedStack();
    const paths = HostAccess.paths([{ hostPath: '/var/log', volumeName: 'varlog' }]);
    // WHEN
    new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: [paths] });
    new DaemonSet(stack, 'collector', { ...BASE, hostAccess: [paths] });
    // THEN
    expect(synth(stack).filter((o) => o.kind === 'DaemonSet').map((o) => hostVolumes(o.spec.template.spec)[0].name)).toEqual(['varlog', 'varlog']);
  });
});

describe('HostAccess.paths(): type', () => {
  test('GIVEN a type WHEN synthesized THEN hostPath.type is its value', () => {
    // GIVEN / WHEN
    const spec = podSpecWith([HostAccess.paths([{ hostPath: '/run/containerd/containerd.sock', type: HostPathType.SOCKET, writable: true }])]);
    // THEN
    expect(hostVolumes(spec)).toEqual([{ name: 'host-run-containerd-containerd-sock', hostPath: { path: '/run/containerd/containerd.sock', type: 'Socket' } }]);
  });

  test('GIVEN no type WHEN synthesized THEN no hostPath.type is written', () => {
    // GIVEN / WHEN
    const spec = podSpecWith([HostAccess.paths([{ hostPath: '/var/log' }])]);
    // THEN
    expect(Object.keys(hostVolumes(spec)[0].hostPath)).toEqual(['path']);
  });

  test('GIVEN HostPathType.UNSET WHEN synthesized THEN hostPath.type is the empty string, written out', () => {
    // GIVEN / WHEN
    const spec = podSpecWith([HostAccess.paths([{ hostPath: '/var/log', type: HostPathType.UNSET }])]);
    // THEN
    expect(hostVolumes(spec)[0].hostPath).toEqual({ path: '/var/log', type: '' });
  });

  test('GIVEN a type that is not a HostPathType WHEN created THEN a PropError names the option and the members', () => {
    expectPropError(() => shipperWith([{ hostPath: '/var/log', type: 'Directory' as unknown as HostPathType }]),
      { path: 'agents/shipper', prop: 'hostAccess[0].paths[0].type', received: '"Directory"', allowed: 'a HostPathType: HostPathType.UNSET, DIRECTORY_OR_CREATE' });
  });

  test('GIVEN a host path with a type WHEN validated THEN the baseline rule still finds the hostPath volume', () => {
    // GIVEN the DaemonSet without its privileged Namespace, so the rule is the preset's
    const stack = privilegedStack();
    new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: [HostAccess.paths([{ hostPath: '/run/containerd/containerd.sock', type: HostPathType.SOCKET }])] });
    // WHEN
    const { findings } = validateObjects(synth(stack).filter((o) => o.kind === 'DaemonSet'), { preset: ValidationPreset.STRICT, kubernetesVersion: '1.33' });
    // THEN
    expect(findings.filter((f) => f.rule === 'pss-baseline-host-path-volumes').map((f) => f.field)).toEqual(['spec.template.spec.volumes[1].hostPath']);
  });

  test('GIVEN every type with a volume name WHEN validated strictly THEN no schema or API-server rule finds anything', () => {
    // GIVEN
    const types = [HostPathType.UNSET, HostPathType.DIRECTORY_OR_CREATE, HostPathType.DIRECTORY, HostPathType.FILE_OR_CREATE, HostPathType.FILE,
      HostPathType.SOCKET, HostPathType.CHAR_DEVICE, HostPathType.BLOCK_DEVICE];
    const stack = privilegedStack();
    new DaemonSet(stack, 'shipper', { ...BASE, hostAccess: [HostAccess.paths(types.map((type, i) => ({ hostPath: `/host/${i}`, volumeName: `v${i}`, type })))] });
    // WHEN
    const { findings } = validateObjects(synth(stack), { preset: ValidationPreset.STRICT, kubernetesVersion: '1.33' });
    // THEN
    expect(findings.filter((f) => ['schema', 'api'].includes(ruleById(f.rule)!.layer)).map((f) => `${f.rule} ${f.field}`)).toEqual([]);
  });
});

describe('HostPathType', () => {
  test('GIVEN the members WHEN read THEN their values are the API\'s hostPath types', () => {
    // GIVEN / WHEN
    const values = [HostPathType.UNSET, HostPathType.DIRECTORY_OR_CREATE, HostPathType.DIRECTORY, HostPathType.FILE_OR_CREATE, HostPathType.FILE,
      HostPathType.SOCKET, HostPathType.CHAR_DEVICE, HostPathType.BLOCK_DEVICE].map((t) => `${t}`);
    // THEN
    expect(values).toEqual(['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice']);
  });

  test('GIVEN a HostPathType and a look-alike WHEN checked THEN only the member is a HostPathType', () => {
    expect([HostPathType.isHostPathType(HostPathType.SOCKET), HostPathType.isHostPathType({ value: 'Socket' })]).toEqual([true, false]);
  });
});
