/**
 * The API group of an apiVersion: `apps` for `apps/v1`, `` for `v1` (the core group) and for anything that is not
 * a string.
 *
 * @internal
 */
export function groupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
