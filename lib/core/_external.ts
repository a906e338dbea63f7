import { IConstruct } from 'constructs';

const EXTERNAL = Symbol.for('cdk8s-platform.ExternalReference');

/** What an imported (`fromXxxName()`) construct refers to: an object that exists outside the synthesized output. */
export interface ExternalReference {
  /** The referenced object's kind, e.g. `Secret`. */
  readonly kind: string;
  /** The referenced object's name. */
  readonly name: string;
}

/**
 * Marks `construct` as a declared reference to an object defined outside the output (for example the seed's
 * `db-secret`), so that cross-object checks do not report it as missing.
 *
 * @internal
 */
export function markExternal(construct: IConstruct, ref: ExternalReference): void {
  Object.defineProperty(construct, EXTERNAL, { value: ref });
}

/** The external reference `construct` declares, if it is an imported construct. */
export function externalReferenceOf(construct: IConstruct): ExternalReference | undefined {
  return (construct as unknown as Record<symbol, ExternalReference | undefined>)[EXTERNAL];
}
