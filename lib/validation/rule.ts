import { ManifestObject } from '../core/manifest-object';
import { Severity } from './finding';
import { ObjectIndex } from './object-index';
import { PodTemplateRef, podTemplateOf, POD_KINDS } from './_pod';

/**
 * The layer a rule belongs to: what the API server rejects (`schema`, `api`), what breaks between objects
 * (`integrity`), or what is unsafe or fragile but accepted (`policy`).
 */
export type RuleLayer = 'schema' | 'api' | 'integrity' | 'policy';

/** What a rule gets while it checks one object. */
export interface RuleContext {
  /**
   * Reports a problem in the object being checked.
   *
   * @param field the field's path, e.g. `spec.replicas`; empty for the whole object
   * @param message what is wrong: the value received and what is allowed
   */
  report(field: string, message: string): void;

  /** Every object being validated, indexed for cross-object rules (built once, on first use). */
  readonly index: ObjectIndex;

  /** The Kubernetes minor version the objects are validated for, e.g. `"1.33"`. */
  readonly kubernetesVersion: string;

  /**
   * Whether a rule of this validation has the id `id`: a built-in rule, or one of `validation.rules` (whether the
   * preset runs it or not). What a suppression may name.
   */
  isKnownRule(id: string): boolean;
}

/**
 * One validation rule: checks one object at a time, and may look at the others through `ctx.index`.
 *
 * Each rule lives in its own file in `lib/validation/rules/`, named after its id.
 */
export interface Rule {
  /** The rule's id, kebab-case, e.g. `object-name`. */
  readonly id: string;
  /** What the rule checks, in one sentence. */
  readonly description: string;
  /** The layer the rule belongs to. */
  readonly layer: RuleLayer;
  /** The severity of its findings under the recommended preset. */
  readonly severity: Severity;
  /** The kinds the rule looks at. @default every kind */
  readonly kinds?: readonly string[];
  /**
   * What to change to fix a finding, in one sentence: in the construct API where it applies and in YAML terms, e.g.
   * "Set `resources.limits.memory` on the container (the workload's `resources` prop).". `check` prints it under
   * each finding, and a synth's `ValidationError` with each error.
   */
  readonly remediation: string;
  /** Checks one object, reporting problems through `ctx.report`. */
  check(object: ManifestObject, ctx: RuleContext): void;
}

/** What `podRule()` takes: a rule that checks the pod template of workloads (or a Pod). */
export interface PodRuleDefinition extends Omit<Rule, 'check' | 'kinds'> {
  /**
   * The kinds the rule looks at.
   *
   * @default every kind with a pod template: Pod, PodTemplate, ReplicationController, Deployment, ReplicaSet,
   * StatefulSet, DaemonSet, Job and CronJob
   */
  readonly kinds?: readonly string[];
  /**
   * Checks the pod template of `object`; report fields with their path in the object, from `pod.specPath` or
   * `pod.metadataPath` (e.g. `${pod.specPath}.containers[0].image`).
   */
  checkPod(pod: PodTemplateRef, ctx: RuleContext, object: ManifestObject): void;
}

/**
 * A rule that runs on the pod template of every object that has one (Pods, workloads, CronJobs, PodTemplates), as
 * the built-in pod rules do: objects without a pod template (or with a malformed one) are skipped.
 *
 * @example
 * export const memoryLimit = podRule({
 *   id: 'acme-memory-limit',
 *   description: 'Every container limits its memory.',
 *   layer: 'policy',
 *   severity: 'error',
 *   remediation: 'Set `resources.limits.memory` on every container.',
 *   checkPod(pod, ctx) {
 *     (pod.spec.containers ?? []).forEach((c: any, i: number) => {
 *       if (!c.resources?.limits?.memory) ctx.report(`${pod.specPath}.containers[${i}].resources.limits.memory`, 'received nothing; allowed: a memory limit');
 *     });
 *   },
 * });
 */
export function podRule(definition: PodRuleDefinition): Rule {
  const { checkPod, kinds, ...rest } = definition;
  return {
    ...rest,
    kinds: kinds ?? POD_KINDS,
    check(o, ctx) {
      const pod = podTemplateOf(o);
      if (pod) checkPod(pod, ctx, o);
    },
  };
}

/** Whether `s` is kebab-case, as rule ids and preset names are: lower case letters and digits, single hyphens between. @internal */
export function isKebabCase(s: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s);
}
