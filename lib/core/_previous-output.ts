import { IConstruct } from 'constructs';
import { ManifestObject } from './manifest-object';

/** Which object to look up in the previous output. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** Reads an object as the previous synthesis wrote it, for the construct `scope` (whose environment decides where). */
export type PreviousOutputReader = (scope: IConstruct, ref: ObjectRef) => ManifestObject | undefined;

const READER = Symbol.for('cdk8s-platform.PreviousOutputReader');

/**
 * Lets the constructs below `root` read the previous output (a `PlatformApp` registers its output folder).
 *
 * @internal
 */
export function registerPreviousOutput(root: IConstruct, reader: PreviousOutputReader): void {
  Object.defineProperty(root, READER, { value: reader });
}

/**
 * The object `ref` as the previous synthesis wrote it, or undefined when there is none (no previous output, an app
 * that is not a `PlatformApp`, a file that does not parse, or another object in that file).
 *
 * @internal
 */
export function previousObject(scope: IConstruct, ref: ObjectRef): ManifestObject | undefined {
  const reader = (scope.node.root as unknown as Record<symbol, PreviousOutputReader | undefined>)[READER];
  return reader?.(scope, ref);
}
