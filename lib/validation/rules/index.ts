// Every validation rule, one per file, in the order their findings are reported within an object.
import { Rule } from '../rule';
import { apiVersionDeprecated } from './api-version-deprecated';
import { apiVersionServed } from './api-version-served';
import { clusterAdminBinding } from './cluster-admin-binding';
import { configMapData } from './config-map-data';
import { configMapSecretContent } from './config-map-secret-content';
import { containerImage } from './container-image';
import { containerName } from './container-name';
import { containerPorts } from './container-ports';
import { crdSchema } from './crd-schema';
import { crdValidationRules } from './crd-validation-rules';
import { crdVersionDeprecated } from './crd-version-deprecated';
import { crdVersionServed } from './crd-version-served';
import { cronjobSchedule } from './cronjob-schedule';
import { deprecatedServiceAccount } from './deprecated-service-account';
import { duplicateObject } from './duplicate-object';
import { envVarDuplicate } from './env-var-duplicate';
import { envVarSecret } from './env-var-secret';
import { envVars } from './env-vars';
import { hpaReplicas } from './hpa-replicas';
import { hpaTarget } from './hpa-target';
import { hpaTargetReplicas } from './hpa-target-replicas';
import { imagePinned } from './image-pinned';
import { ingressPaths } from './ingress-paths';
import { limitRange } from './limit-range';
import { metadataAnnotations } from './metadata-annotations';
import { metadataLabels } from './metadata-labels';
import { namespacePodSecurity } from './namespace-pod-security';
import { networkPolicySelector } from './network-policy-selector';
import { objectName } from './object-name';
import { objectScope } from './object-scope';
import { pdbAllowsDisruption } from './pdb-allows-disruption';
import { pdbBudget } from './pdb-budget';
import { pdbForReplicas } from './pdb-for-replicas';
import { pdbSelector } from './pdb-selector';
import { podRestartPolicy } from './pod-restart-policy';
import { podVolumes } from './pod-volumes';
import { probeHandler } from './probe-handler';
import { probePort } from './probe-port';
import { jobSidecar } from './job-sidecar';
import { probesSet } from './probes-set';
import { pssBaselineApparmor } from './pss-baseline-apparmor';
import { pssBaselineCapabilities } from './pss-baseline-capabilities';
import { pssBaselineHostNamespaces } from './pss-baseline-host-namespaces';
import { pssBaselineHostPathVolumes } from './pss-baseline-host-path-volumes';
import { pssBaselineHostPorts } from './pss-baseline-host-ports';
import { pssBaselineHostProbes } from './pss-baseline-host-probes';
import { pssBaselineHostProcess } from './pss-baseline-host-process';
import { pssBaselinePrivilegedContainers } from './pss-baseline-privileged-containers';
import { pssBaselineProcMount } from './pss-baseline-proc-mount';
import { pssBaselineSeccompProfile } from './pss-baseline-seccomp-profile';
import { pssBaselineSelinux } from './pss-baseline-selinux';
import { pssBaselineSysctls } from './pss-baseline-sysctls';
import { pssRestrictedCapabilities } from './pss-restricted-capabilities';
import { pssRestrictedPrivilegeEscalation } from './pss-restricted-privilege-escalation';
import { pssRestrictedProcMount } from './pss-restricted-proc-mount';
import { pssRestrictedRunningAsNonRoot } from './pss-restricted-running-as-non-root';
import { pssRestrictedRunningAsNonRootUser } from './pss-restricted-running-as-non-root-user';
import { pssRestrictedSeccompProfile } from './pss-restricted-seccomp-profile';
import { pssRestrictedVolumeTypes } from './pss-restricted-volume-types';
import { pvcStorage } from './pvc-storage';
import { rbacRoleRef } from './rbac-role-ref';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { referenceKey } from './reference-key';
import { referenceMissing } from './reference-missing';
import { resourceLimits } from './resource-limits';
import { resourceQuantities } from './resource-quantities';
import { resourcesSet } from './resources-set';
import { rollingUpdate } from './rolling-update';
import { schemaRequired } from './schema-required';
import { schemaType } from './schema-type';
import { schemaUnknownField } from './schema-unknown-field';
import { schemaUnknownKind } from './schema-unknown-kind';
import { secretData } from './secret-data';
import { serviceNodePort } from './service-node-port';
import { servicePorts } from './service-ports';
import { serviceSelector } from './service-selector';
import { serviceTargetPort } from './service-target-port';
import { spreadReplicas } from './spread-replicas';
import { sshPort } from './ssh-port';
import { validationAnnotations } from './validation-annotations';
import { workloadSelector } from './workload-selector';

/** Every rule, by layer: schema, API server, integrity, policy. */
export const ALL_RULES: readonly Rule[] = [
  // schema
  apiVersionServed,
  schemaRequired,
  schemaType,
  schemaUnknownField,
  schemaUnknownKind,
  crdVersionServed,
  crdSchema,
  crdValidationRules,
  // api
  configMapData,
  containerImage,
  containerName,
  containerPorts,
  cronjobSchedule,
  envVars,
  hpaReplicas,
  ingressPaths,
  limitRange,
  metadataAnnotations,
  metadataLabels,
  objectName,
  pdbBudget,
  podRestartPolicy,
  podVolumes,
  probeHandler,
  pvcStorage,
  rbacRoleRef,
  resourceLimits,
  resourceQuantities,
  rollingUpdate,
  secretData,
  serviceNodePort,
  servicePorts,
  validationAnnotations,
  workloadSelector,
  namespacePodSecurity,
  // integrity
  duplicateObject,
  hpaTargetReplicas,
  hpaTarget,
  pdbSelector,
  referenceKey,
  referenceMissing,
  serviceSelector,
  serviceTargetPort,
  probePort,
  networkPolicySelector,
  // policy
  apiVersionDeprecated,
  crdVersionDeprecated,
  sshPort,
  clusterAdminBinding,
  configMapSecretContent,
  objectScope,
  spreadReplicas,
  envVarDuplicate,
  deprecatedServiceAccount,
  envVarSecret,
  imagePinned,
  jobSidecar,
  pdbAllowsDisruption,
  pdbForReplicas,
  probesSet,
  pssBaselineApparmor,
  pssBaselineCapabilities,
  pssBaselineHostNamespaces,
  pssBaselineHostPathVolumes,
  pssBaselineHostPorts,
  pssBaselineHostProbes,
  pssBaselineHostProcess,
  pssBaselinePrivilegedContainers,
  pssBaselineProcMount,
  pssBaselineSeccompProfile,
  pssBaselineSelinux,
  pssBaselineSysctls,
  pssRestrictedCapabilities,
  pssRestrictedPrivilegeEscalation,
  pssRestrictedProcMount,
  pssRestrictedRunningAsNonRootUser,
  pssRestrictedRunningAsNonRoot,
  pssRestrictedSeccompProfile,
  pssRestrictedVolumeTypes,
  readOnlyRootFilesystem,
  resourcesSet,
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

/** The rule with id `id`, if there is one. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
