import { IConstruct } from 'constructs';
import { PropError } from '../core/errors';
import { Suppression } from '../validation/suppression';
import { suppressionProblems, SuppressionAction } from '../validation/suppression-annotations';

const CONSTRUCT_SUPPRESSIONS = Symbol.for('cdk8s-platform.ConstructSuppressions');

/**
 * Suppressions for one construct and every object below it in the construct tree.
 */
export class Validation {
  /**
   * Turns `ruleId` off for the objects of `scope` (and of its children). The justification is kept in each object's
   * `cdk8s-platform.io/validation-suppressed` annotation.
   *
   * @example
   * Validation.suppress(legacy.apiObject, 'pss-restricted-running-as-non-root', 'vendor image runs as root; ticket OPS-12');
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

