import { IConstruct } from 'constructs';
import { PlatformError } from './errors';

/** What constructs' `Node.addChild()` throws for an id already taken: its child, the scope's type and id. */
const CONSTRUCTS_DUPLICATE = /^There is already a Construct with name '([^']*)' in (\S+)(?: \[(.*)\])?$/;

/** `name` with its indefinite article: `a WebService`, `an AppStack`. */
function withArticle(name: string): string {
  return `${/^[AEIOU]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** The error for a second child with the id `id` under `scope`, naming both constructs. */
function duplicateIdError(scope: IConstruct, id: string, existing: IConstruct, newType: string | undefined): PlatformError {
  const at = scope.node.path === '' ? 'the app' : `"${scope.node.path}"`;
  const second = newType === undefined ? 'another construct' : withArticle(newType);
  return new PlatformError(
    `Two constructs with the id "${id}" under ${at}: ${withArticle(existing.constructor.name)} ("${existing.node.path}") has it, and ${second} ` +
    `was given it too; ids are unique among the children of a construct: give one of them another id`,
  );
}

/**
 * `id`, after checking that `scope` has no child with it yet: a construct calls it in its `super(scope, id)` call, so
 * that a second construct with the same id is refused by the library's own error, naming both, instead of the
 * `Error` constructs throws.
 *
 * @throws PlatformError if `scope` already has a child `id`
 * @internal
 */
export function uniqueId(scope: IConstruct, id: string, constructType: string): string {
  const existing = typeof id === 'string' ? scope?.node?.tryFindChild(id) : undefined;
  if (existing !== undefined) throw duplicateIdError(scope, id, existing, constructType);
  return id;
}

/**
 * The library's error for constructs' own duplicate-id `Error` (thrown by any construct created under `root`, ours or
 * not), or undefined for any other error: the scope is found by its type and id, as the message names it.
 *
 * @internal
 */
export function asDuplicateIdError(e: unknown, root: IConstruct | undefined): PlatformError | undefined {
  if (!(e instanceof Error) || root === undefined) return undefined;
  const m = CONSTRUCTS_DUPLICATE.exec(e.message);
  if (!m) return undefined;
  const [, child, type, scopeId] = m;
  const candidates = root.node.findAll().filter((c) => c.constructor.name === type && (c.node.id === (scopeId ?? '')) && c.node.tryFindChild(child) !== undefined);
  if (candidates.length !== 1) return new PlatformError(`Two constructs with the id "${child}" under the ${type} "${scopeId ?? ''}"; ids are unique among the children of a construct: give one of them another id`);
  return duplicateIdError(candidates[0], child, candidates[0].node.tryFindChild(child)!, undefined);
}
