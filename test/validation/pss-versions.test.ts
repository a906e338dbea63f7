import { ManifestObject } from '../../lib';
import { deployment, findingsOf, namespace, set } from './_fixtures';

// Each control of the Pod Security Standards that changed between Kubernetes 1.27 and 1.36, at the first version
// with the change and the one before it (the namespace's pinned enforce-version where the change predates 1.27).

const POD = 'spec.template.spec';
const C0 = `${POD}.containers[0]`;

/** The valid Deployment (in namespace `shop`) with `value` set at each field path. */
function pod(fields: Record<string, unknown>): ManifestObject {
  const d = deployment();
  for (const [path, value] of Object.entries(fields)) set(d, path, value);
  return d;
}

/** The Namespace `shop`, its `enforce-version` label set to `version`. */
function pinnedNamespace(version: string): ManifestObject {
  return set(namespace(), 'metadata.labels["pod-security.kubernetes.io/enforce-version"]', version);
}

/** The findings of `rule` on `objects` validated for Kubernetes `version`, as `field: message`. */
function findings(rule: string, version: string, ...objects: ManifestObject[]): string[] {
  return findingsOf(objects, { kubernetesVersion: version }).filter((f) => f.rule === rule).map((f) => `${f.field}: ${f.message}`);
}

const sysctl = (name: string): ManifestObject => pod({ [`${POD}.securityContext.sysctls`]: [{ name, value: '1' }] });

describe('Pod Security Standards, baseline, Sysctls', () => {
  test('GIVEN net.ipv4.ip_local_reserved_ports WHEN validated for 1.27 THEN it is accepted', () => {
    expect(findings('pss-baseline-sysctls', '1.27', sysctl('net.ipv4.ip_local_reserved_ports'))).toEqual([]);
  });

  test('GIVEN net.ipv4.ip_local_reserved_ports in a namespace pinned to v1.26 WHEN validated for 1.27 THEN it is refused', () => {
    expect(findings('pss-baseline-sysctls', '1.27', pinnedNamespace('v1.26'), sysctl('net.ipv4.ip_local_reserved_ports')))
      .toEqual([expect.stringContaining(`${POD}.securityContext.sysctls[0].name: received "net.ipv4.ip_local_reserved_ports"`)]);
  });

  test.each(['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'])(
    'GIVEN %s WHEN validated for 1.29 THEN it is accepted', (name) => {
      expect(findings('pss-baseline-sysctls', '1.29', sysctl(name))).toEqual([]);
    });

  test.each(['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'])(
    'GIVEN %s WHEN validated for 1.28 THEN it is refused', (name) => {
      expect(findings('pss-baseline-sysctls', '1.28', sysctl(name))).toEqual([expect.stringContaining(`received "${name}"`)]);
    });

  test.each(['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'])('GIVEN %s WHEN validated for 1.32 THEN it is accepted', (name) => {
    expect(findings('pss-baseline-sysctls', '1.32', sysctl(name))).toEqual([]);
  });

  test.each(['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'])('GIVEN %s WHEN validated for 1.31 THEN it is refused', (name) => {
    expect(findings('pss-baseline-sysctls', '1.31', sysctl(name))).toEqual([expect.stringContaining(`received "${name}"`)]);
  });

  test('GIVEN a sysctl a later version allows WHEN refused THEN the message lists what is allowed now and from which version the rest', () => {
    const [message] = findings('pss-baseline-sysctls', '1.28', sysctl('net.ipv4.tcp_rmem'));
    expect(message).toContain('allowed: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, ' +
      'net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports (from v1.29 also net.ipv4.tcp_keepalive_time, ' +
      'net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes; from v1.32 also net.ipv4.tcp_rmem, net.ipv4.tcp_wmem)');
    expect(message).toContain('(Pod Security Standards v1.28; baseline: Sysctls)');
  });

  test('GIVEN an unsafe sysctl WHEN validated for 1.36 THEN it is refused', () => {
    expect(findings('pss-baseline-sysctls', '1.36', sysctl('kernel.msgmax'))).toEqual([expect.stringContaining('received "kernel.msgmax"')]);
  });
});

describe('Pod Security Standards, baseline, SELinux', () => {
  const engine = (): ManifestObject => pod({ [`${C0}.securityContext.seLinuxOptions`]: { type: 'container_engine_t' } });

  test('GIVEN the container_engine_t type WHEN validated for 1.31 THEN it is accepted', () => {
    expect(findings('pss-baseline-selinux', '1.31', engine())).toEqual([]);
  });

  test('GIVEN the container_engine_t type WHEN validated for 1.30 THEN it is refused, saying 1.31 allows it', () => {
    expect(findings('pss-baseline-selinux', '1.30', engine())).toEqual([expect.stringContaining(
      'received "container_engine_t"; allowed: nothing, "container_t", "container_init_t", "container_kvm_t" (from v1.31 also "container_engine_t")')]);
  });
});

describe('Pod Security Standards, baseline, AppArmor', () => {
  const unconfined = (path: string): ManifestObject => pod({ [`${path}.appArmorProfile`]: { type: 'Unconfined' } });

  test('GIVEN an Unconfined appArmorProfile on the pod WHEN validated for 1.30 THEN it is refused', () => {
    expect(findings('pss-baseline-apparmor', '1.30', unconfined(`${POD}.securityContext`)))
      .toEqual([expect.stringContaining(`${POD}.securityContext.appArmorProfile.type: received "Unconfined"; allowed: "RuntimeDefault" or "Localhost"`)]);
  });

  test('GIVEN an Unconfined appArmorProfile on the pod WHEN validated for 1.29 THEN the rule leaves it (1.29 has no such field)', () => {
    expect(findings('pss-baseline-apparmor', '1.29', unconfined(`${POD}.securityContext`))).toEqual([]);
  });

  test('GIVEN an Unconfined appArmorProfile on a container WHEN validated for 1.30 THEN it is refused', () => {
    expect(findings('pss-baseline-apparmor', '1.30', unconfined(`${C0}.securityContext`)))
      .toEqual([expect.stringContaining(`${C0}.securityContext.appArmorProfile.type: received "Unconfined"`)]);
  });

  test('GIVEN a RuntimeDefault appArmorProfile WHEN validated for 1.30 THEN it is accepted', () => {
    expect(findings('pss-baseline-apparmor', '1.30', pod({ [`${POD}.securityContext.appArmorProfile`]: { type: 'RuntimeDefault' } }))).toEqual([]);
  });

  test('GIVEN an Unconfined appArmorProfile in a namespace pinned to v1.29 WHEN validated for 1.33 THEN it is refused (the cluster checks the field at every policy version)', () => {
    expect(findings('pss-baseline-apparmor', '1.33', pinnedNamespace('v1.29'), unconfined(`${POD}.securityContext`))).toHaveLength(1);
  });

  test('GIVEN an empty AppArmor annotation WHEN validated THEN it is accepted', () => {
    expect(findings('pss-baseline-apparmor', '1.33', pod({ 'spec.template.metadata.annotations': { 'container.apparmor.security.beta.kubernetes.io/api': '' } }))).toEqual([]);
  });
});

describe('Pod Security Standards, baseline, Host Probes / Lifecycle Hooks', () => {
  test('GIVEN a readiness probe with an httpGet host WHEN validated for 1.34 THEN it is refused', () => {
    const d = pod({ [`${C0}.readinessProbe.httpGet.host`]: '10.0.0.1' });
    expect(findings('pss-baseline-host-probes', '1.34', d))
      .toEqual([expect.stringContaining(`${C0}.readinessProbe.httpGet.host: received "10.0.0.1"; allowed: nothing or ""`)]);
  });

  test('GIVEN a readiness probe with an httpGet host WHEN validated for 1.33 THEN it is accepted', () => {
    expect(findings('pss-baseline-host-probes', '1.33', pod({ [`${C0}.readinessProbe.httpGet.host`]: '10.0.0.1' }))).toEqual([]);
  });

  test('GIVEN a liveness probe with a tcpSocket host WHEN validated for 1.34 THEN it is refused', () => {
    expect(findings('pss-baseline-host-probes', '1.34', pod({ [`${C0}.livenessProbe.tcpSocket.host`]: 'node.local' })))
      .toEqual([expect.stringContaining(`${C0}.livenessProbe.tcpSocket.host`)]);
  });

  test('GIVEN a preStop hook with an httpGet host on an init container WHEN validated for 1.34 THEN it is refused', () => {
    const d = pod({ [`${POD}.initContainers`]: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', lifecycle: { preStop: { httpGet: { host: '169.254.169.254', port: 80 } } } }] });
    expect(findings('pss-baseline-host-probes', '1.34', d)).toEqual([expect.stringContaining(`${POD}.initContainers[0].lifecycle.preStop.httpGet.host`)]);
  });

  test('GIVEN probes with an empty host WHEN validated for 1.34 THEN they are accepted', () => {
    expect(findings('pss-baseline-host-probes', '1.34', pod({ [`${C0}.readinessProbe.httpGet.host`]: '' }))).toEqual([]);
  });
});

describe('Pod Security Standards, /proc Mount Type', () => {
  const unmasked = (hostUsers?: boolean): ManifestObject => pod({ [`${C0}.securityContext.procMount`]: 'Unmasked', [`${POD}.hostUsers`]: hostUsers });

  test('GIVEN an Unmasked /proc in a pod with hostUsers false WHEN validated for 1.35 THEN baseline accepts it', () => {
    expect(findings('pss-baseline-proc-mount', '1.35', unmasked(false))).toEqual([]);
  });

  test('GIVEN an Unmasked /proc in a pod with hostUsers false WHEN validated for 1.34 THEN baseline refuses it', () => {
    expect(findings('pss-baseline-proc-mount', '1.34', unmasked(false))).toEqual([expect.stringContaining(`${C0}.securityContext.procMount: received "Unmasked"`)]);
  });

  test('GIVEN an Unmasked /proc in a pod of the host\'s user namespace WHEN validated for 1.35 THEN baseline refuses it', () => {
    expect(findings('pss-baseline-proc-mount', '1.35', unmasked())).toHaveLength(1);
  });

  test('GIVEN an Unmasked /proc in a pod with hostUsers false WHEN validated for 1.35 THEN restricted refuses it', () => {
    expect(findings('pss-restricted-proc-mount', '1.35', unmasked(false)))
      .toEqual([expect.stringContaining(`${C0}.securityContext.procMount: received "Unmasked"; allowed: "Default" or nothing (also with spec.hostUsers: false)`)]);
  });

  test('GIVEN an Unmasked /proc in a pod with hostUsers false WHEN validated for 1.34 THEN only baseline reports it', () => {
    expect(findings('pss-restricted-proc-mount', '1.34', unmasked(false))).toEqual([]);
  });

  test('GIVEN an Unmasked /proc in a pod of the host\'s user namespace WHEN validated for 1.35 THEN only baseline reports it', () => {
    expect(findings('pss-restricted-proc-mount', '1.35', unmasked())).toEqual([]);
  });
});

describe('Pod Security Standards, restricted, running as non-root in a user namespace', () => {
  const rootless = (): ManifestObject => pod({ [`${POD}.securityContext.runAsNonRoot`]: undefined, [`${POD}.hostUsers`]: false });
  const uid0 = (): ManifestObject => pod({ [`${C0}.securityContext.runAsUser`]: 0, [`${POD}.hostUsers`]: false });

  test('GIVEN a pod with hostUsers false and no runAsNonRoot WHEN validated for 1.35 THEN it is accepted', () => {
    expect(findings('pss-restricted-running-as-non-root', '1.35', rootless())).toEqual([]);
  });

  test('GIVEN a pod with hostUsers false and no runAsNonRoot WHEN validated for 1.34 THEN it is refused', () => {
    expect(findings('pss-restricted-running-as-non-root', '1.34', rootless())).toEqual([expect.stringContaining(`${C0}.securityContext.runAsNonRoot`)]);
  });

  test('GIVEN a pod with hostUsers false and runAsUser 0 WHEN validated for 1.35 THEN it is accepted', () => {
    expect(findings('pss-restricted-running-as-non-root-user', '1.35', uid0())).toEqual([]);
  });

  test('GIVEN a pod with hostUsers false and runAsUser 0 WHEN validated for 1.34 THEN it is refused', () => {
    expect(findings('pss-restricted-running-as-non-root-user', '1.34', uid0())).toEqual([expect.stringContaining(`${C0}.securityContext.runAsUser: received 0`)]);
  });
});

describe('Pod Security Standards, restricted, Volume Types', () => {
  const image = (): ManifestObject => pod({ [`${POD}.volumes[1]`]: { name: 'models', image: { reference: 'ghcr.io/acme/models:1.0.0' } } });

  test('GIVEN an image volume WHEN validated for 1.33 THEN it is accepted', () => {
    expect(findings('pss-restricted-volume-types', '1.33', image())).toEqual([]);
  });

  test('GIVEN an image volume WHEN validated for 1.32 THEN it is refused, saying 1.33 allows it', () => {
    expect(findings('pss-restricted-volume-types', '1.32', image()))
      .toEqual([expect.stringContaining(`${POD}.volumes[1].image: received "image"; allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret (image from Kubernetes 1.33)`)]);
  });

  test('GIVEN an image volume in a namespace pinned to v1.32 WHEN validated for 1.33 THEN it is accepted (the cluster allows it at every policy version)', () => {
    expect(findings('pss-restricted-volume-types', '1.33', pinnedNamespace('v1.32'), image())).toEqual([]);
  });
});

describe('Pod Security Standards, the version of a namespace', () => {
  const keepalive = (): ManifestObject => sysctl('net.ipv4.tcp_keepalive_time');

  test('GIVEN a namespace pinned to v1.28 WHEN validated for 1.33 THEN its pods are checked against 1.28, and the message says why', () => {
    expect(findings('pss-baseline-sysctls', '1.33', pinnedNamespace('v1.28'), keepalive()))
      .toEqual([expect.stringContaining('(Pod Security Standards v1.28, the enforce-version of Namespace shop; baseline: Sysctls)')]);
  });

  test('GIVEN a namespace pinned to latest WHEN validated for 1.29 THEN its pods are checked against 1.29', () => {
    expect(findings('pss-baseline-sysctls', '1.29', pinnedNamespace('latest'), keepalive())).toEqual([]);
  });

  test('GIVEN a namespace pinned to a version newer than the cluster WHEN validated THEN its pods are checked against the cluster\'s', () => {
    expect(findings('pss-baseline-sysctls', '1.31', pinnedNamespace('v1.36'), sysctl('net.ipv4.tcp_rmem')))
      .toEqual([expect.stringContaining('(Pod Security Standards v1.31; baseline: Sysctls)')]);
  });

  test('GIVEN a pinned Namespace of another name WHEN validated THEN the pods are checked against the cluster\'s version', () => {
    const other = set(pinnedNamespace('v1.28'), 'metadata.name', 'other');
    expect(findings('pss-baseline-sysctls', '1.29', other, keepalive())).toEqual([]);
  });

  test('GIVEN a Windows pod without a seccomp profile in a namespace pinned to v1.25 WHEN validated THEN restricted leaves it out', () => {
    const windows = pod({ [`${POD}.os`]: { name: 'windows' }, [`${POD}.securityContext.seccompProfile`]: undefined });
    expect(findings('pss-restricted-seccomp-profile', '1.33', pinnedNamespace('v1.25'), windows)).toEqual([]);
  });

  test('GIVEN a Windows pod without a seccomp profile in a namespace pinned to v1.24 WHEN validated THEN restricted refuses it', () => {
    const windows = pod({ [`${POD}.os`]: { name: 'windows' }, [`${POD}.securityContext.seccompProfile`]: undefined });
    expect(findings('pss-restricted-seccomp-profile', '1.33', pinnedNamespace('v1.24'), windows)).toHaveLength(1);
  });

  test('GIVEN runAsUser 0 in a namespace pinned to v1.22 WHEN validated THEN restricted has no such control yet', () => {
    expect(findings('pss-restricted-running-as-non-root-user', '1.33', pinnedNamespace('v1.22'), pod({ [`${C0}.securityContext.runAsUser`]: 0 }))).toEqual([]);
  });

  test('GIVEN runAsUser 0 in a namespace pinned to v1.23 WHEN validated THEN restricted refuses it', () => {
    expect(findings('pss-restricted-running-as-non-root-user', '1.33', pinnedNamespace('v1.23'), pod({ [`${C0}.securityContext.runAsUser`]: 0 }))).toHaveLength(1);
  });
});
