import { ManifestObject } from '../core/manifest-object';
import { Severity } from './finding';
import { ObjectIndex } from './_index';
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
  /** Checks one object, reporting problems through `ctx.report`. */
  check(object: ManifestObject, ctx: RuleContext): void;
}

/** A rule that checks the pod template of workloads (or a Pod): what `podRule()` takes. @internal */
export interface PodRuleDefinition extends Omit<Rule, 'check' | 'kinds'> {
  /** The kinds the rule looks at. @default every kind with a pod template */
  readonly kinds?: readonly string[];
  /** Checks the pod template of `object`. */
  checkPod(pod: PodTemplateRef, ctx: RuleContext, object: ManifestObject): void;
}

/** A rule that runs on the pod template of every object that has one (Pods, workloads, CronJobs, PodTemplates). @internal */
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
