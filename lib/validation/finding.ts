/** How bad a finding is: an `error` stops the synth (and makes `check` exit 1); a `warning` is printed. */
export type Severity = 'error' | 'warning';

/**
 * One problem a validation rule found in one object.
 *
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
 */
export interface Finding {
  /** The id of the rule that found it, e.g. `object-name` or `pss-restricted-seccomp-profile`. */
  readonly rule: string;
  /** The severity, after presets and suppressions. */
  readonly severity: Severity;
  /** The object's apiVersion. */
  readonly apiVersion: string;
  /** The object's kind. */
  readonly kind: string;
  /** The object's namespace. @default none: a cluster-scoped object, or one that leaves it to `kubectl -n` */
  readonly namespace?: string;
  /** The object's name (or `generateName`). */
  readonly name: string;
  /** The path of the construct that defined the object. @default none: the object was read from YAML */
  readonly constructPath?: string;
  /** Where the object was read from, as `file:line`. @default none: the object was synthesized */
  readonly location?: string;
  /** The field, as a path such as `spec.template.spec.containers[0].image`; empty for the whole object. */
  readonly field: string;
  /** What is wrong: the value received and what is allowed. */
  readonly message: string;
  /** What to change to fix it, in one sentence: the rule's `remediation`. @default none: no rule found it (e.g. a file that could not be read) */
  readonly remediation?: string;
}

/** A finding that a suppression turned off or downgraded, kept for the report with its justification. */
export interface SuppressedFinding {
  /** The finding, with the severity it had before the suppression. */
  readonly finding: Finding;
  /** `off` (not reported) or `downgrade` (reported as a warning). */
  readonly action: 'off' | 'downgrade';
  /** The written justification. */
  readonly justification: string;
}

/**
 * An object whose kind is not a Kubernetes built-in (a custom resource) and whose CustomResourceDefinition validation
 * does not know (or does not serve its apiVersion): not schema-checked.
 */
export interface UncheckedObject {
  /** The object's apiVersion. */
  readonly apiVersion: string;
  /** The object's kind. */
  readonly kind: string;
  /** The object's namespace. @default none */
  readonly namespace?: string;
  /** The object's name. */
  readonly name: string;
}

/** What validating a set of objects found. */
export interface ValidationResult {
  /** Every finding that was not turned off, errors first, then in object order. */
  readonly findings: readonly Finding[];
  /** Findings turned off or downgraded by a suppression, with its justification. */
  readonly suppressed: readonly SuppressedFinding[];
  /** Objects of kinds the schema layer does not know (custom resources without a known CRD serving their version). */
  readonly unchecked: readonly UncheckedObject[];
}
