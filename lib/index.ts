// cdk8s-platform: the public API. This file only re-exports.

export * from './core/app-stack';
export * from './core/platform-app';
export * from './core/environment';
export * from './core/environment-values';
export * from './core/errors';
export { SynthError } from './core/_synth';
export type { SynthProblem } from './core/_synth';
export * from './core/labels';
export * from './core/manifest-object';
export * from './core/names';
export * from './core/quantity';
export { externalReferenceOf } from './core/_external';
export type { ExternalReference } from './core/_external';
export * from './core/selectors';

export * from './config/config';
export * from './config/secret';
export * from './config/external-secret';
export * from './config/sealed-secret';
export * from './config/secret-type';

export * from './networking/ingress';
export * from './networking/network-peer';
export * from './networking/network-policy';
export * from './networking/path-type';
export * from './networking/protocol';
export * from './networking/service-endpoint';
export * from './networking/service-type';

export * from './tenancy/cluster-role-ref';
export * from './tenancy/limit-range';
export * from './tenancy/namespace';
export * from './tenancy/pod-security-level';
export * from './tenancy/resource-quota';
export * from './tenancy/role';
export * from './tenancy/role-binding';
export * from './tenancy/subject';

export * from './providers/provider';

export * from './scaling/horizontal-pod-autoscaler';
export * from './scaling/metric';
export * from './scaling/scaling-behavior';

export * from './scheduling/label-expression';
export * from './scheduling/node-affinity';
export * from './scheduling/pod-affinity';
export * from './scheduling/pod-disruption-budget';
export * from './scheduling/priority-class';
export * from './scheduling/toleration';
export * from './scheduling/topology-spread';

export * from './storage/access-mode';
export * from './storage/persistent-volume-claim';

export * from './workloads/concurrency-policy';
export * from './workloads/container';
export * from './workloads/cron-task';
export * from './workloads/deployment-strategy';
export * from './workloads/env';
export * from './workloads/image-pull-policy';
export * from './workloads/job';
export * from './workloads/job-restart-policy';
export * from './workloads/lifecycle-hook';
export * from './workloads/mount';
export * from './workloads/probe';
export * from './workloads/replicated-workload';
export * from './workloads/resources';
export * from './workloads/security';
export * from './workloads/service-workload';
export * from './workloads/stateful-service';
export * from './workloads/web-service';
export * from './workloads/worker';
export * from './workloads/workload';
export * from './workloads/workload-defaults';
export * from './workloads/workload-props';

export * from './validation/finding';
export * from './validation/rule';
export * from './validation/presets';
export * from './validation/suppression';
export * from './validation/validator';
export * from './validation/report';
export { ValidationError } from './validation/synth';
export { ALL_RULES, ruleById } from './validation/rules';
export { EXTERNAL_REFERENCES_ANNOTATION } from './validation/_externals';
export type { DeclaredExternal, IndexedPods, ObjectIndex } from './validation/_index';
export type { PodTemplateRef } from './validation/_pod';

export * from './output/yaml';
export * from './output/atomic-write';
export * from './output/apply-order';
export * from './output/layout';
export * from './output/gitops';
export * from './output/environment-readme';

export * from './diff/field-diff';
export * from './diff/immutable-fields';
export * from './diff/manifest-diff';
export * from './diff/manifest-set';

// The helpers of cdk8s-platform/testing that need no test framework, for apps' own checks.
export * from './testing/synth';
export * from './testing/find';
export * from './testing/findings';
