/** A DaemonSet as a DaemonSet construct, a bare Pod as a Pod construct. */
import { ImportContext } from './_import-context';
import { Item, WorkloadCode } from './_import-item';
import { ReferenceNames } from './_pod-props';

/** A DaemonSet or a Pod as the library's construct of that kind. */
export function nodeWorkloadCode(_ctx: ImportContext, _refs: ReferenceNames, item: Item, _localConfigs: ReadonlySet<string>): WorkloadCode {
  return { construct: item.kind, props: {}, unsupported: [`${item.kind} (not mapped yet)`], additions: [], containerName: '' };
}
