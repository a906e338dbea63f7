import { Construct, IConstruct } from 'constructs';
import { PropChecker } from './_props';
import { EXTERNAL_REFERENCE, ExternalReference } from './external-reference';

/**
 * Marks `construct` as a declared reference to an object defined outside the output (for example the seed's
 * `db-secret`), so that cross-object checks do not report it as missing.
 *
 * @internal
 */
export function markExternal(construct: IConstruct, ref: ExternalReference): void {
  Object.defineProperty(construct, EXTERNAL_REFERENCE, { value: ref });
}

/**
 * Creates a construct that references an existing object by name (what every `fromXxxName()` importer returns):
 * checks the name, marks the reference as external, and sets `prop` to the name.
 *
 * @internal
 */
export function importByName<K extends string>(scope: Construct, id: string, importer: string, kind: string, prop: K, name: string):
IConstruct & Record<K, string> {
  const ref = new Construct(scope, id);
  const check = new PropChecker(ref, importer);
  check.name(prop, name, 'dns1123-subdomain');
  check.throwIfInvalid();
  Object.defineProperty(ref, prop, { value: name, enumerable: true });
  markExternal(ref, { kind, name });
  return ref as unknown as IConstruct & Record<K, string>;
}
