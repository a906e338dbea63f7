/** An HTTPRoute whose backends are workloads of the module, as an HttpRoute construct. */
import { ImportContext, Json } from './_import-context';
import { Item } from './_import-item';
import { ReferenceNames } from './_pod-props';
import { Printable } from './_source-text';

/** An HTTPRoute's props, or why it stays raw. */
export function httpRouteCode(_ctx: ImportContext, _item: Item, _workloads: ReadonlyMap<string, { variable: string; ports: Json[] }>,
  _refs: ReferenceNames): Record<string, Printable> | string {
  return 'not mapped yet';
}
