import { PlatformError, formatValue } from '../core/errors';
import { parseSuppressionEntries, suppressionProblems, SuppressionAction } from './suppression-annotations';

const SUPPRESSION = Symbol.for('cdk8s-platform.Suppression');

/**
 * Turns a validation rule off, or downgrades its errors to warnings, for a whole app (`PlatformApp` props
 * `validation.suppressions`) or for one construct (`Validation.suppress()`).
 *
 * A justification is required: it is printed in the report, and for a construct also kept in its objects'
 * `cdk8s-platform.io/validation-suppressed` or `-downgraded` annotation. The rule id must be kebab-case; validation
 * refuses one that no rule (built-in or of `validation.rules`) has.
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
 * Reads the suppressions an object's annotations declare (malformed lines are left out: the
 * `validation-annotations` rule reports them).
 *
 * @internal
 */
export function parseSuppressionAnnotations(annotations: Record<string, unknown> | undefined): { suppressions: Suppression[] } {
  const { entries } = parseSuppressionEntries(annotations);
  return { suppressions: entries.map((e) => (e.action === 'off' ? Suppression.off(e.rule, e.justification) : Suppression.downgrade(e.rule, e.justification))) };
}
