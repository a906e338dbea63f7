import { ManifestObject } from '../../lib';
import { CorpusCase, runCorpus } from './_corpus';
import { autoscaled, configMap, deployment, findingsOf, hpa, ingress, pdb, secret, service, set } from './_fixtures';

const C0 = 'spec.template.spec.containers[0]';
const POD = 'spec.template.spec';
const d = (path: string, value: unknown) => () => [set(deployment(), path, value), pdb(), service(), configMap(), secret()];
const app = (...objects: ManifestObject[]) => () => objects;

const INTEGRITY: CorpusCase[] = [
  ['two ConfigMaps with one name', app(configMap(), configMap()), 'duplicate-object', 'metadata.name', 'a second ConfigMap "api-config" in namespace "shop"'],
  ['a Service whose selector matches no pod', app(deployment(), set(service(), 'spec.selector', { app: 'nope' })), 'service-selector', 'spec.selector', 'selects no pods in namespace "shop"'],
  ['a Service in another namespace than its pods', app(deployment(), set(service(), 'metadata.namespace', undefined)), 'service-selector', 'spec.selector', 'in another namespace: Deployment shop/api'],
  ['a PDB whose selector matches no pod', app(deployment(), set(pdb(), 'spec.selector', { matchLabels: { app: 'nope' } })), 'pdb-selector', 'spec.selector', 'selects no pods'],
  ['an HPA whose target is missing', app(hpa()), 'hpa-target', 'spec.scaleTargetRef', 'a Deployment defined in the output'],
  ['an HPA whose target sets replicas', app(deployment(), hpa()), 'hpa-target-replicas', 'spec.scaleTargetRef', 'also sets spec.replicas to 2'],
  ['an env var reading a missing Secret', d(`${C0}.env[1]`, { name: 'DB', valueFrom: { secretKeyRef: { name: 'db-secret', key: 'url' } } }), 'reference-missing', `${C0}.env[1].valueFrom.secretKeyRef`, 'Secret "db-secret"'],
  ['envFrom a missing ConfigMap', d(`${C0}.envFrom`, [{ configMapRef: { name: 'settings' } }]), 'reference-missing', `${C0}.envFrom[0].configMapRef`, 'ConfigMap "settings"'],
  ['a volume of a missing Secret', d(`${POD}.volumes[1]`, { name: 'certs', secret: { secretName: 'tls-certs' } }), 'reference-missing', `${POD}.volumes[1].secret`, 'Secret "tls-certs"'],
  ['a volume of a missing PVC', d(`${POD}.volumes[1]`, { name: 'data', persistentVolumeClaim: { claimName: 'data' } }), 'reference-missing', `${POD}.volumes[1].persistentVolumeClaim.claimName`, 'PersistentVolumeClaim "data"'],
  ['a missing ServiceAccount', d(`${POD}.serviceAccountName`, 'api-sa'), 'reference-missing', `${POD}.serviceAccountName`, 'ServiceAccount "api-sa"'],
  ['a missing image pull secret', d(`${POD}.imagePullSecrets`, [{ name: 'regcred' }]), 'reference-missing', `${POD}.imagePullSecrets[0].name`, 'Secret "regcred"'],
  ['an Ingress backend Service that is missing', app(set(ingress(), 'spec.rules[0].http.paths[0].backend.service.name', 'web')), 'reference-missing', 'spec.rules[0].http.paths[0].backend.service.name', 'Service "web"'],
  ['an env var reading a key its ConfigMap lacks', d(`${C0}.env[1]`, { name: 'X', valueFrom: { configMapKeyRef: { name: 'api-config', key: 'MISSING' } } }), 'reference-key', `${C0}.env[1].valueFrom.configMapKeyRef`, 'one of its keys (LOG_LEVEL)'],
  ['a Service targetPort naming no container port', app(deployment(), set(service(), 'spec.ports[0].targetPort', 'web')), 'service-target-port', 'spec.ports[0].targetPort', 'container port of the selected pods (http)'],
  ['a readiness probe on a port name the container lacks', d(`${C0}.readinessProbe.httpGet.port`, 'health'), 'probe-port', `${C0}.readinessProbe.httpGet.port`, 'a port of this container (http)'],
  ['a preStop hook on an unknown port name', d(`${C0}.lifecycle`, { preStop: { httpGet: { path: '/quit', port: 'admin' } } }), 'probe-port', `${C0}.lifecycle.preStop.httpGet.port`, 'a port of this container'],
  ['a NetworkPolicy selecting no pods', app(deployment(), { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'gone' } } } }), 'network-policy-selector', 'spec.podSelector', 'selects no pods'],
  ['a Secret volume item with a missing key', d(`${POD}.volumes[1]`, { name: 's', secret: { secretName: 'api-secret', items: [{ key: 'token', path: 't' }] } }), 'reference-key', `${POD}.volumes[1].secret.items[0].key`, 'Secret "api-secret" does not have'],
];

const POLICY: CorpusCase[] = [
  ['a HostProcess container', d(`${C0}.securityContext.windowsOptions`, { hostProcess: true }), 'pss-baseline-host-process', `${C0}.securityContext.windowsOptions.hostProcess`, 'HostProcess'],
  ['hostNetwork', d(`${POD}.hostNetwork`, true), 'pss-baseline-host-namespaces', `${POD}.hostNetwork`, 'Host Namespaces'],
  ['hostPID', d(`${POD}.hostPID`, true), 'pss-baseline-host-namespaces', `${POD}.hostPID`, 'false or nothing'],
  ['hostIPC', d(`${POD}.hostIPC`, true), 'pss-baseline-host-namespaces', `${POD}.hostIPC`, 'false or nothing'],
  ['a privileged container', d(`${C0}.securityContext.privileged`, true), 'pss-baseline-privileged-containers', `${C0}.securityContext.privileged`, 'Privileged Containers'],
  ['the SYS_ADMIN capability', d(`${C0}.securityContext.capabilities.add`, ['SYS_ADMIN']), 'pss-baseline-capabilities', `${C0}.securityContext.capabilities.add[0]`, 'NET_BIND_SERVICE'],
  ['a hostPath volume', d(`${POD}.volumes[0]`, { name: 'tmp', hostPath: { path: '/var/run/docker.sock' } }), 'pss-baseline-host-path-volumes', `${POD}.volumes[0].hostPath`, 'no hostPath volume'],
  ['a host port', d(`${C0}.ports[0].hostPort`, 8080), 'pss-baseline-host-ports', `${C0}.ports[0].hostPort`, 'use a Service'],
  ['an unconfined AppArmor profile', d('spec.template.metadata.annotations', { 'container.apparmor.security.beta.kubernetes.io/api': 'unconfined' }), 'pss-baseline-apparmor', 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/api"]', '"runtime/default"'],
  ['a custom SELinux type', d(`${C0}.securityContext.seLinuxOptions`, { type: 'spc_t' }), 'pss-baseline-selinux', `${C0}.securityContext.seLinuxOptions.type`, 'container_t'],
  ['a custom SELinux user', d(`${POD}.securityContext.seLinuxOptions`, { user: 'root' }), 'pss-baseline-selinux', `${POD}.securityContext.seLinuxOptions.user`, 'nothing'],
  ['an unmasked /proc', d(`${C0}.securityContext.procMount`, 'Unmasked'), 'pss-baseline-proc-mount', `${C0}.securityContext.procMount`, '"Default"'],
  ['an Unconfined seccomp profile', d(`${POD}.securityContext.seccompProfile.type`, 'Unconfined'), 'pss-baseline-seccomp-profile', `${POD}.securityContext.seccompProfile.type`, 'RuntimeDefault'],
  ['an unsafe sysctl', d(`${POD}.securityContext.sysctls`, [{ name: 'kernel.msgmax', value: '65536' }]), 'pss-baseline-sysctls', `${POD}.securityContext.sysctls[0].name`, 'kernel.shm_rmid_forced'],
  ['a gitRepo-like non-core volume', d(`${POD}.volumes[0]`, { name: 'tmp', nfs: { server: 'nfs', path: '/' } }), 'pss-restricted-volume-types', `${POD}.volumes[0].nfs`, 'persistentVolumeClaim'],
  ['privilege escalation allowed', d(`${C0}.securityContext.allowPrivilegeEscalation`, true), 'pss-restricted-privilege-escalation', `${C0}.securityContext.allowPrivilegeEscalation`, 'allowed: false'],
  ['no runAsNonRoot anywhere', d(`${POD}.securityContext.runAsNonRoot`, undefined), 'pss-restricted-running-as-non-root', `${C0}.securityContext.runAsNonRoot`, 'true (here or as'],
  ['a container opting out of runAsNonRoot', d(`${C0}.securityContext.runAsNonRoot`, false), 'pss-restricted-running-as-non-root', `${C0}.securityContext.runAsNonRoot`, 'Running as Non-root'],
  ['runAsUser 0', d(`${C0}.securityContext.runAsUser`, 0), 'pss-restricted-running-as-non-root-user', `${C0}.securityContext.runAsUser`, 'a non-zero user id'],
  ['no seccomp profile', d(`${POD}.securityContext.seccompProfile`, undefined), 'pss-restricted-seccomp-profile', `${C0}.securityContext.seccompProfile.type`, '"RuntimeDefault" or "Localhost"'],
  ['capabilities not dropped', d(`${C0}.securityContext.capabilities.drop`, []), 'pss-restricted-capabilities', `${C0}.securityContext.capabilities.drop`, '["ALL"]'],
  ['an added CHOWN capability', d(`${C0}.securityContext.capabilities.add`, ['CHOWN']), 'pss-restricted-capabilities', `${C0}.securityContext.capabilities.add[0]`, 'only "NET_BIND_SERVICE"'],
  ['a container without resources', d(`${C0}.resources`, undefined), 'resources-set', `${C0}.resources`, 'requests.cpu, requests.memory, limits.memory'],
  ['a container without a memory limit', d(`${C0}.resources.limits`, undefined), 'resources-set', `${C0}.resources`, 'received no limits.memory'],
  ['a container without probes', d(`${C0}.readinessProbe`, undefined), 'probes-set', C0, 'received no readinessProbe'],
  ['an image without a tag', d(`${C0}.image`, 'nginx'), 'image-pinned', `${C0}.image`, 'this one has no tag'],
  ['an image tagged latest', d(`${C0}.image`, 'ghcr.io/acme/api:latest'), 'image-pinned', `${C0}.image`, 'the tag "latest"'],
  ['three replicas without a PDB', () => [set(deployment(), 'spec.replicas', 3)], 'pdb-for-replicas', '', 'no PodDisruptionBudget selects'],
  ['a writable root filesystem', d(`${C0}.securityContext.readOnlyRootFilesystem`, false), 'read-only-root-filesystem', `${C0}.securityContext.readOnlyRootFilesystem`, 'allowed: true'],
  ['a password in a literal env value', d(`${C0}.env[1]`, { name: 'DB_PASSWORD', value: 'hunter2' }), 'env-var-secret', `${C0}.env[1].value`, 'secretKeyRef'],
  ['an env var set twice', d(`${C0}.env[1]`, { name: 'LOG_LEVEL', value: 'debug' }), 'env-var-duplicate', `${C0}.env[1].name`, 'only the last one counts'],
  ['the SSH port', d(`${C0}.ports[0].containerPort`, 22), 'ssh-port', `${C0}.ports[0].containerPort`, 'a port other than 22'],
  ['a binding to cluster-admin', app({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'ci' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'ci', namespace: 'ci' }] }), 'cluster-admin-binding', 'roleRef.name', 'only the permissions'],
  ['a password in a ConfigMap', app(set(configMap(), 'data.DB_PASSWORD', 'hunter2')), 'config-map-secret-content', 'data', 'put secrets in a Secret'],
  ['two replicas that are not spread', d(`${POD}.topologySpreadConstraints`, undefined), 'spread-replicas', POD, 'no topologySpreadConstraints and no podAntiAffinity'],
  ['the deprecated serviceAccount field', d(`${POD}.serviceAccount`, 'default'), 'deprecated-service-account', `${POD}.serviceAccount`, 'serviceAccountName instead'],
  ['a PDB with maxUnavailable 0', () => [deployment(), set(pdb(), 'spec.maxUnavailable', 0)], 'pdb-allows-disruption', 'spec.maxUnavailable', 'no eviction can ever happen'],
  ['a PDB with minAvailable equal to replicas', () => [deployment(), set(set(pdb(), 'spec.maxUnavailable', undefined), 'spec.minAvailable', 2)], 'pdb-allows-disruption', 'spec.minAvailable', 'less than the 2 replicas'],
  ['a PDB with minAvailable 100%', () => [...autoscaled().slice(0, 1), set(set(pdb(), 'spec.maxUnavailable', undefined), 'spec.minAvailable', '100%')], 'pdb-allows-disruption', 'spec.minAvailable', 'less than 100%'],
  ['a PDB with minAvailable equal to an autoscaler\'s minReplicas', () => autoscaled().map((o) => (o.kind === 'HorizontalPodAutoscaler' ? set(o, 'spec.minReplicas', 1) : o.kind === 'PodDisruptionBudget' ? set(set(o, 'spec.maxUnavailable', undefined), 'spec.minAvailable', 1) : o)), 'pdb-allows-disruption', 'spec.minAvailable', 'less than the 1 minReplicas of the HorizontalPodAutoscaler of Deployment "api"'],
];

describe('the bad-input corpus: integrity', () => runCorpus(INTEGRITY));
describe('the bad-input corpus: policy', () => runCorpus(POLICY));

describe('pdb-allows-disruption and autoscalers', () => {
  test('GIVEN an autoscaled Deployment without replicas, its HPA at minReplicas 2 and a PDB with minAvailable 1 WHEN validated THEN the PDB is not reported', () => {
    // GIVEN
    const objects = autoscaled().map((o) => (o.kind === 'PodDisruptionBudget' ? set(set(o, 'spec.maxUnavailable', undefined), 'spec.minAvailable', 1) : o));
    // WHEN
    const findings = findingsOf(objects);
    // THEN
    expect(findings.filter((f) => f.rule === 'pdb-allows-disruption')).toEqual([]);
  });
});
