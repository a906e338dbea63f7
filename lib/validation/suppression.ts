import { IConstruct } from 'constructs';
import { PlatformError, PropError, formatValue } from '../core/errors';
import { ruleById } from './rules';

const SUPPRESSION = Symbol.for('cdk8s-platform.Suppression');
const CONSTRUCT_SUPPRESSIONS = Symbol.for('cdk8s-platform.ConstructSuppressions');

/** Annotation listing the rules turned off for an object, one `rule-id: justification` per line. */
export const SUPPRESSED_ANNOTATION = 'cdk8s-platform.io/validation-suppressed';
/** Annotation listing the rules downgraded to warnings for an object, one `rule-id: justification` per line. */
export const DOWNGRADED_ANNOTATION = 'cdk8s-platform.io/validation-downgraded';

/** Whether a suppression turns a rule off or downgrades its errors to warnings. */
export type SuppressionAction = 'off' | 'downgrade';

const JUSTIFICATION_ALLOWED = 'a written justification: a non-empty sentence saying why the rule does not apply';

/**
 * Turns a validation rule off, or downgrades its errors to warnings, for a whole app (`PlatformApp` props
 * `validation.suppressions`) or for one construct (`Validation.suppress()`).
 *
 * A justification is required: it is printed in the report, and for a construct also kept in its objects'
 * `cdk8s-platform.io/validation-suppressed` or `-downgraded` annotation.
 *
 * @example
 * new PlatformApp({ validation: { suppressions: [
 *   Suppression.downgrade('image-pinned', 'staging tracks the :main tag on purpose'),
 * ] } });
 */
export class Suppression {
  /** Turns `ruleId` off: its findings are not reported (they are listed as suppressed). */
  public static off(ruleId: string, justification: string): Suppression {
    return new Suppression(ruleId, 'off', justification);
  }

  /** Downgrades `ruleId`: its errors are reported as warnings. */
  public static downgrade(ruleId: string, justification: string): Suppression {
    return new Suppression(ruleId, 'downgrade', justification);
  }

  /** Whether `x` is a `Suppression`, also across copies of this package. */
  public static isSuppression(x: unknown): x is Suppression {
    return x !== null && typeof x === 'object' && SUPPRESSION in x;
  }

  private constructor(
    /** The rule's id. */
    public readonly rule: string,
    /** What happens to the rule's findings. */
    public readonly action: SuppressionAction,
    /** Why. */
    public readonly justification: string,
  ) {
    const problems = suppressionProblems(rule, justification);
    if (problems.length > 0) {
      throw new PlatformError(`Invalid Suppression.${action === 'off' ? 'off' : 'downgrade'}(${formatValue(rule)}, ...):\n` +
        problems.map((p) => `  - ${p.prop}: received ${formatValue(p.value)}; allowed: ${p.allowed}`).join('\n'));
    }
    Object.defineProperty(this, SUPPRESSION, { value: true });
  }
}

/**
 * Suppressions for one construct and every object below it in the construct tree.
 */
export class Validation {
  /**
   * Turns `ruleId` off for the objects of `scope` (and of its children). The justification is kept in each object's
   * `cdk8s-platform.io/validation-suppressed` annotation.
   *
   * @example
   * Validation.suppress(legacy.deployment, 'pss-restricted-running-as-non-root', 'vendor image runs as root; ticket OPS-12');
   */
  public static suppress(scope: IConstruct, ruleId: string, justification: string): void {
    Validation.add(scope, ruleId, 'off', justification, 'Validation.suppress');
  }

  /**
   * Downgrades `ruleId`'s errors to warnings for the objects of `scope` (and of its children). The justification
   * is kept in each object's `cdk8s-platform.io/validation-downgraded` annotation.
   */
  public static downgrade(scope: IConstruct, ruleId: string, justification: string): void {
    Validation.add(scope, ruleId, 'downgrade', justification, 'Validation.downgrade');
  }

  private static add(scope: IConstruct, rule: string, action: SuppressionAction, justification: string, what: string): void {
    const problems = suppressionProblems(rule, justification);
    if (problems.length > 0) throw new PropError(scope, what, problems);
    const holder = scope as unknown as Record<symbol, Suppression[] | undefined>;
    let list = holder[CONSTRUCT_SUPPRESSIONS];
    if (!list) {
      list = [];
      Object.defineProperty(scope, CONSTRUCT_SUPPRESSIONS, { value: list });
    }
    list.push(action === 'off' ? Suppression.off(rule, justification) : Suppression.downgrade(rule, justification));
  }
}

/** The suppressions `Validation.suppress()`/`downgrade()` put on `construct` itself. @internal */
export function suppressionsOf(construct: IConstruct): readonly Suppression[] {
  return (construct as unknown as Record<symbol, Suppression[] | undefined>)[CONSTRUCT_SUPPRESSIONS] ?? [];
}

function suppressionProblems(rule: unknown, justification: unknown): Array<{ prop: string; value: unknown; allowed: string }> {
  const problems = [];
  if (typeof rule !== 'string' || !ruleById(rule)) {
    problems.push({ prop: 'ruleId', value: rule, allowed: 'the id of a validation rule, e.g. "image-pinned" or "pss-restricted-seccomp-profile"' });
  }
  if (typeof justification !== 'string' || justification.trim().length === 0) {
    problems.push({ prop: 'justification', value: justification, allowed: JUSTIFICATION_ALLOWED });
  }
  return problems;
}

/**
 * The annotation value recording `suppressions` of one action: one `rule-id: justification` line each, sorted.
 *
 * @internal
 */
export function suppressionAnnotation(suppressions: readonly Suppression[]): string {
  return [...new Set(suppressions.map((s) => `${s.rule}: ${s.justification.trim().replace(/\s*\n\s*/g, ' ')}`))].sort().join('\n');
}

/**
 * Reads the suppressions an object's annotations declare; malformed lines are returned as problems.
 *
 * @internal
 */
export function parseSuppressionAnnotations(annotations: Record<string, unknown> | undefined): { suppressions: Suppression[]; problems: Array<{ field: string; message: string }> } {
  if (!annotations || (annotations[SUPPRESSED_ANNOTATION] === undefined && annotations[DOWNGRADED_ANNOTATION] === undefined)) {
    return { suppressions: [], problems: [] };
  }
  const suppressions: Suppression[] = [];
  const problems: Array<{ field: string; message: string }> = [];
  for (const [key, action] of [[SUPPRESSED_ANNOTATION, 'off'], [DOWNGRADED_ANNOTATION, 'downgrade']] as const) {
    const value = annotations[key];
    if (value === undefined) continue;
    const field = `metadata.annotations[${JSON.stringify(key)}]`;
    if (typeof value !== 'string') {
      problems.push({ field, message: `received ${formatValue(value)}; allowed: lines of "rule-id: justification"` });
      continue;
    }
    for (const line of value.split('\n')) {
      if (line.trim() === '') continue;
      const m = /^\s*([a-z0-9-]+)\s*:(.*)$/.exec(line);
      const issues = m ? suppressionProblems(m[1], m[2]) : [];
      if (!m || issues.length > 0) {
        const allowed = m ? issues.map((i) => `${i.prop}: ${i.allowed}`).join('; ') : '"rule-id: justification"';
        problems.push({ field, message: `received the line ${formatValue(line)}; allowed: ${allowed}` });
        continue;
      }
      suppressions.push(action === 'off' ? Suppression.off(m[1], m[2].trim()) : Suppression.downgrade(m[1], m[2].trim()));
    }
  }
  return { suppressions, problems };
}
