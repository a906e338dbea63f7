// cdk8s-platform: the public API. This file only re-exports.
// Internal helpers (tagged `@internal`) stay out of it: modules that have some are re-exported by name.

export * from './app/app-stack';
export * from './app/platform-app';
export * from './app/environment';
export { DEFAULT_KUBERNETES_VERSION, kubernetesVersionOf, SUPPORTED_KUBERNETES_VERSIONS } from './core/kubernetes-version';
export * from './app/environment-values';
export { PlatformError, PropError } from './core/errors';
export type { PropProblem } from './core/errors';
export { SynthError } from './app/synth-error';
export type { SynthProblem } from './app/synth-error';
export { MANAGED_BY, PlatformAnnotations, PlatformLabels, RecommendedLabels } from './core/labels';
export * from './core/manifest-object';
export { externalReferenceOf } from './core/external-reference';
export type { ExternalReference } from './core/external-reference';
export type { LabelSelector, LabelSelectorRequirement } from './core/selectors';
export type { ConstructMetadataProps, ObjectMetadata } from './core/metadata';
export type { INamespace } from './core/namespace-ref';
export type { IServiceAccount } from './core/service-account-ref';

export * from './config/config';
export * from './config/secret';
export * from './config/external-secret';
export * from './config/sealed-secret';
export * from './config/secret-type';

export { Address } from './networking/address';
export type { AddressOptions, HostAddressOptions, UrlAddressOptions } from './networking/address';
export * from './networking/external-service';
export * from './networking/gateway-ref';
export * from './networking/http-path-match';
export * from './networking/http-route';
export * from './networking/ingress';
export * from './networking/network-peer';
export { NetworkPolicy } from './networking/network-policy';
export type { NetworkPolicyPort, NetworkPolicyProps, NetworkPolicyRule } from './networking/network-policy';
export * from './networking/path-type';
export * from './networking/protocol';
export * from './networking/service-endpoint';
export { ServiceType } from './networking/service-type';
export { NODE_PORT_RANGE } from './core/node-port-range';
export type { LoadBalancerOptions, NodePortOptions } from './networking/service-type';
export { TrafficDistribution } from './networking/traffic-distribution';

export * from './tenancy/cloud-identity';
export * from './tenancy/cluster-role';
export * from './tenancy/cluster-role-binding';
export * from './tenancy/cluster-role-ref';
export { LimitRange } from './tenancy/limit-range';
export type { LimitRangeOptions, LimitRangeProps } from './tenancy/limit-range';
export * from './tenancy/namespace';
export * from './tenancy/pod-security-level';
export { ResourceQuota } from './tenancy/resource-quota';
export type { QuotaOptions, ResourceQuotaProps } from './tenancy/resource-quota';
export * from './tenancy/role';
export * from './tenancy/role-binding';
export * from './tenancy/service-account';
export * from './tenancy/subject';
export * from './helm/helm-chart';

export * from './providers/provider';

export { HorizontalPodAutoscaler } from './scaling/horizontal-pod-autoscaler';
export type { AutoscalingOptions, HorizontalPodAutoscalerProps, IScalable, ScaleTargetRef } from './scaling/horizontal-pod-autoscaler';
export * from './scaling/metric';
export { ScalingPolicy, SelectPolicy } from './scaling/scaling-behavior';
export type { ScalingBehavior, ScalingRules } from './scaling/scaling-behavior';

export * from './scheduling/label-expression';
export * from './scheduling/node-affinity';
export * from './scheduling/pod-affinity';
export { PodDisruptionBudget, UnhealthyPodEvictionPolicy } from './scheduling/pod-disruption-budget';
export type { DisruptionBudgetOptions, PodDisruptionBudgetProps } from './scheduling/pod-disruption-budget';
export * from './scheduling/priority-class';
export * from './scheduling/toleration';
export * from './scheduling/topology-spread';

export * from './storage/access-mode';
export { PersistentVolumeClaim } from './storage/persistent-volume-claim';
export type { ClaimOptions, IPersistentVolumeClaim, PersistentVolumeClaimProps } from './storage/persistent-volume-claim';

export { CompletionMode } from './workloads/completion-mode';
export * from './workloads/concurrency-policy';
export * from './workloads/container';
export { CronTask } from './workloads/cron-task';
export * from './workloads/daemon-set';
export * from './workloads/daemon-set-strategy';
export type { CronTaskProps } from './workloads/cron-task';
export { DeploymentStrategy } from './workloads/deployment-strategy';
export type { RollingUpdateOptions } from './workloads/deployment-strategy';
export * from './workloads/env';
export * from './workloads/host-access';
export * from './workloads/host-path-type';
export * from './workloads/image-pull-policy';
export { Job } from './workloads/job';
export type { JobProps, JobRunOptions, JobSuccessRule } from './workloads/job';
export * from './workloads/job-restart-policy';
export * from './workloads/lifecycle-hook';
export * from './workloads/mount';
export * from './workloads/pod';
export { PodFailureAction, PodFailureRule } from './workloads/pod-failure-policy';
export type { ExitCodeRuleOptions } from './workloads/pod-failure-policy';
export { PodReplacementPolicy } from './workloads/pod-replacement-policy';
export * from './workloads/pod-restart-policy';
export * from './workloads/probe';
export * from './workloads/replicated-workload';
export * from './workloads/resources';
export { AppArmorProfile, SeccompProfile } from './workloads/security';
export type { SecurityOptions } from './workloads/security';
export * from './workloads/service-workload';
export { SidecarMode } from './workloads/sidecar-mode';
export * from './workloads/stateful-service';
export * from './workloads/web-service';
export * from './workloads/worker';
export * from './workloads/workload';
export * from './workloads/workload-service';
export { useWorkloadDefaults } from './workloads/workload-defaults';
export type { WorkloadDefaults } from './workloads/workload-defaults';
export * from './workloads/workload-props';

export type { Finding, Severity, SuppressedFinding, UncheckedObject, ValidationResult } from './validation/finding';
export { podRule } from './validation/rule';
export type { PodRuleDefinition, Rule, RuleContext, RuleLayer } from './validation/rule';
export * from './validation/presets';
export { Suppression } from './validation/suppression';
export { DOWNGRADED_ANNOTATION, SUPPRESSED_ANNOTATION } from './validation/suppression-annotations';
export type { SuppressionAction } from './validation/suppression-annotations';
export { Validation } from './app/construct-suppressions';
export { validateObjects } from './validation/validator';
export type { ObjectSource, ValidationOptions } from './validation/validator';
export * from './validation/report';
export { ValidationError } from './validation/validation-error';
export { ALL_RULES, ruleById } from './validation/rules';
export { EXTERNAL_REFERENCES_ANNOTATION } from './validation/external-references';
export type { DeclaredExternal, IndexedPods, ObjectIndex } from './validation/object-index';
export type { PodTemplateRef } from './core/pod-spec';

export * from './output/yaml';
export { replaceSubfoldersAtomically, writeFolderAtomically } from './output/atomic-write';
export { checkOutputFolder, OUTPUT_MARKER_FILE } from './output/output-folder';
export type { OutputFolderCheckOptions } from './output/output-folder';
export * from './output/apply-order';
export { CLUSTER_FOLDER, KUSTOMIZATION_FILE, layoutFileEntries, layoutFiles, objectFile } from './output/layout';
export type { PlacedObject } from './output/layout';
export { GitOps, GITOPS_FOLDER } from './output/gitops';
export type { ArgoCdOptions, FluxIntervals, FluxOptions, GitOpsRepositoryOptions } from './output/gitops';
export * from './output/environment-readme';

export * from './diff/field-diff';
export * from './diff/immutable-fields';
export * from './diff/manifest-diff';
export * from './diff/manifest-set';

// The helpers of cdk8s-platform/testing that need no test framework, for apps' own checks.
export * from './testing/synth-objects';
export * from './testing/find';
export * from './testing/findings';
