import { IConstruct } from 'constructs';
import { synthesizeCharts } from '../app/_synth-walk';
import { validationStep } from '../app/_validate';
import { ManifestObject } from '../core/manifest-object';

/**
 * Synthesizes a stack, or a whole app, to plain objects: what `synth()` would write, after the same validation.
 * Objects are rendered and validated for the Kubernetes version each stack targets (its environment's or app's
 * `kubernetesVersion`, default 1.33), as `synth()` does.
 *
 * Nothing is written to disk. Objects come in construct-tree order.
 *
 * @param scope an `AppStack`, a `PlatformApp`, or any construct that contains stacks
 * @returns the synthesized objects, as plain JSON data
 * @throws SynthError if the validation of the construct tree fails, as `synth()` would
 *
 * @example
 * const objects = synthObjects(stack);
 * expect(findObject(objects, 'Deployment', 'api-server').spec.replicas).toBe(3);
 */
export function synthObjects(scope: IConstruct): ManifestObject[] {
  return synthesizeCharts(scope, validationStep).flatMap((c) => c.objects);
}
