import { IConstruct } from 'constructs';
import { synthesizeCharts } from '../app/_synth-walk';
import { Finding } from '../validation/finding';
import { lastValidationFindings, validationStep } from '../app/_validate';
import { ValidationError } from '../validation/validation-error';

/**
 * Synthesizes a stack, an environment or a whole app and returns what validation found, errors and warnings,
 * instead of throwing on errors: for tests of validation rules and suppressions. Each environment is validated on
 * its own, for the Kubernetes version it targets, as `synth()` does.
 *
 * @throws SynthError if a construct's own validation fails (those are not object findings)
 * @example
 * expect(synthFindings(stack).filter((f) => f.severity === 'error')).toEqual([]);
 */
export function synthFindings(scope: IConstruct): Finding[] {
  try {
    synthesizeCharts(scope, validationStep);
  } catch (e) {
    if (ValidationError.isValidationError(e)) return [...e.findings];
    throw e;
  }
  return [...lastValidationFindings(scope)];
}
