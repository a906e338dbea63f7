import { PlatformError } from '../core/errors';
import { Finding } from './finding';
import { formatFinding } from './report';

const VALIDATION_ERROR = Symbol.for('cdk8s-platform.ValidationError');

/** Validation problems in a synthesized app: nothing was written. */
export class ValidationError extends PlatformError {
  /** Whether `x` is a `ValidationError`, also across copies of this package. */
  public static isValidationError(x: unknown): x is ValidationError {
    return x !== null && typeof x === 'object' && VALIDATION_ERROR in x;
  }

  /** Every finding (errors and warnings), errors first. */
  public readonly findings: readonly Finding[];

  constructor(findings: readonly Finding[]) {
    const errors = findings.filter((f) => f.severity === 'error');
    super(`Validation failed; nothing was written. ${errors.length} error(s):\n${errors.map((f) => `  - ${formatFinding(f)}`).join('\n')}`);
    this.name = 'ValidationError';
    this.findings = findings;
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }
}
