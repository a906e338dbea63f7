/**
 * Workload objects as Kubernetes JSON, with the fields Kubernetes added after 1.27.
 *
 * cdk8s-plus-27's L1 classes (`k8s.KubeDeployment`, ...) copy only the fields their 1.27 types know when they render:
 * a native sidecar's `restartPolicy`, a `sleep` hook or a Service's `trafficDistribution` given to them would vanish
 * from the output. So the objects of workloads are plain `ApiObject`s whose spec is Kubernetes JSON: each part is
 * still written against the 1.27 L1 type (a typo or an unknown field does not compile) and converted by the same
 * table the L1 classes use (`convertL1()`: `clusterIp` to `clusterIP`, `IntOrString` and `Quantity` unwrapped), then
 * the newer fields, typed below, are added as plain data. The output is the same data, key for key and in the same
 * order (keys are sorted either way), as the L1 classes gave for what they know; JSON patches on these objects apply
 * to Kubernetes JSON, so a patch can set a field newer than 1.27 too.
 *
 * @internal
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from '../core/_k8s';
import { convertL1 } from '../core/_l1-convert';
import { createApiObject } from '../core/_render';

/** A JSON object of the output. @internal */
export type JsonObject = { [key: string]: unknown };

/** The L1 types converted here, by the name the conversion table knows them by. */
interface L1Types {
  readonly Container: k8s.Container;
  readonly PodSpec: k8s.PodSpec;
  readonly PodSecurityContext: k8s.PodSecurityContext;
  readonly SecurityContext: k8s.SecurityContext;
  readonly DeploymentSpec: k8s.DeploymentSpec;
  readonly StatefulSetSpec: k8s.StatefulSetSpec;
  readonly JobSpec: k8s.JobSpec;
  readonly CronJobSpec: k8s.CronJobSpec;
  readonly ServiceSpec: k8s.ServiceSpec;
}

/**
 * `value`, written against the 1.27 L1 type `type` (a part of it: nested objects may be left out and added as JSON
 * afterwards), as Kubernetes JSON: what the L1 class would render of it.
 *
 * @internal
 */
export function l1Json<K extends keyof L1Types>(type: K, value: Partial<L1Types[K]>): JsonObject {
  return convertL1(type, value) as JsonObject;
}

/** An AppArmor profile, as the `appArmorProfile` field of a security context (Kubernetes 1.30). @internal */
export interface AppArmorProfileJson {
  readonly type: 'RuntimeDefault' | 'Localhost' | 'Unconfined';
  readonly localhostProfile?: string;
}

/** A lifecycle handler: the 1.27 ones, and `sleep` (Kubernetes 1.29 beta, on by default from 1.30). @internal */
export type LifecycleHandlerJson =
  | { readonly exec: { readonly command: string[] } }
  | { readonly httpGet: { readonly path: string; readonly port: number } }
  | { readonly sleep: { readonly seconds: number } };

/** The fields of a container newer than 1.27 that the library renders. @internal */
export interface ContainerAdditions {
  /** `Always` makes an init container a native sidecar (Kubernetes 1.29 beta, on by default). */
  readonly restartPolicy?: 'Always';
  readonly lifecycle?: { readonly preStop: LifecycleHandlerJson };
}

/** A rule of a Job's `successPolicy` (Kubernetes 1.31 beta, on by default). @internal */
export interface SuccessPolicyRuleJson {
  readonly succeededIndexes?: string;
  readonly succeededCount?: number;
}

/**
 * A rule of a Job's `podFailurePolicy`. The 1.27 types know the field, but not the `FailIndex` action (1.29), and
 * require `onPodConditions` even in a rule on exit codes (optional from 1.29). @internal
 */
export interface PodFailurePolicyRuleJson {
  readonly action: 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';
  readonly onExitCodes?: { readonly containerName?: string; readonly operator: 'In' | 'NotIn'; readonly values: number[] };
  readonly onPodConditions?: Array<{ readonly type: string; readonly status: 'True' }>;
}

/** The fields of a Job spec newer than 1.27 that the library renders. @internal */
export interface JobSpecAdditions {
  readonly podFailurePolicy?: { readonly rules: PodFailurePolicyRuleJson[] };
  readonly backoffLimitPerIndex?: number;
  readonly maxFailedIndexes?: number;
  readonly podReplacementPolicy?: 'Failed' | 'TerminatingOrFailed';
  readonly successPolicy?: { readonly rules: SuccessPolicyRuleJson[] };
}

/** The fields of a Service spec newer than 1.27 that the library renders. @internal */
export interface ServiceSpecAdditions {
  readonly trafficDistribution?: string;
}

/**
 * `json` with the defined fields of `additions` set (replacing a field of the same name).
 *
 * @internal
 */
export function withFields<T extends object>(json: JsonObject, additions: T): JsonObject {
  for (const [key, value] of Object.entries(additions)) {
    if (value !== undefined) json[key] = value;
  }
  return json;
}

/** What `createObject()` makes. @internal */
export interface ObjectDefinition {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  /** Renders the spec, as Kubernetes JSON, when the app is synthesized (so that later changes land in it). */
  readonly spec: () => JsonObject;
}

/**
 * A plain API object whose spec is rendered lazily, as Kubernetes JSON.
 *
 * @internal
 */
export function createObject(scope: Construct, id: string, def: ObjectDefinition): ApiObject {
  return createApiObject(scope, id, {
    apiVersion: def.apiVersion,
    kind: def.kind,
    metadata: def.metadata,
    spec: Lazy.any({ produce: def.spec }),
  });
}
