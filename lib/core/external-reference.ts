import { IConstruct } from 'constructs';

/** The key under which an imported construct holds what it refers to (`core/_external.ts` sets it). @internal */
export const EXTERNAL_REFERENCE = Symbol.for('cdk8s-platform.ExternalReference');

/** What an imported (`fromXxxName()`) construct refers to: an object that exists outside the synthesized output. */
export interface ExternalReference {
  /** The referenced object's kind, e.g. `Secret`. */
  readonly kind: string;
  /** The referenced object's name. */
  readonly name: string;
}

/** The external reference `construct` declares, if it is an imported construct. */
export function externalReferenceOf(construct: IConstruct): ExternalReference | undefined {
  return (construct as unknown as Record<symbol, ExternalReference | undefined>)[EXTERNAL_REFERENCE];
}
