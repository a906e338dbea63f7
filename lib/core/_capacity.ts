import { IConstruct } from 'constructs';
import { PassCache } from './_pass-cache';

/** What one workload needs of its namespace. @internal */
export interface CapacityShare {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** Pods at the lowest scale. */
  readonly minPods: number;
  /** Pods at the highest scale. */
  readonly maxPods: number;
  /** Extra pods during a rollout at the highest scale. */
  readonly surgePods: number;
  /** Whether the pod counts are per node (a DaemonSet's), not for the whole namespace. */
  readonly perNode?: boolean;
  /** Requests of one pod, in nano-units. */
  readonly requests: { readonly cpu: bigint; readonly memory: bigint };
  /** Limits of one pod, in nano-units; undefined when a container has none. */
  readonly limits: { readonly cpu?: bigint; readonly memory?: bigint };
}

const CAPACITY = Symbol.for('cdk8s-platform.CapacityShare');

/** Declares what `construct` needs of its namespace. @internal */
export function markCapacity(construct: IConstruct, share: () => CapacityShare): void {
  Object.defineProperty(construct, CAPACITY, { value: share });
}

/** How to compute what `c` needs of its namespace, if it is a workload (see `markCapacity()`). @internal */
export function capacityShareOf(c: IConstruct): (() => CapacityShare) | undefined {
  const share = (c as unknown as Record<symbol, unknown>)[CAPACITY];
  return typeof share === 'function' ? (share as () => CapacityShare) : undefined;
}

/** The shares already computed in the current validation pass, by scope, then by namespace (see `withCapacityCache()`). */
const sharesPass = new PassCache<IConstruct, Map<string, CapacityShare[]>>();

/**
 * Runs `fn` (a validation pass over a construct tree that does not change meanwhile) with the capacity shares
 * below each scope computed at most once: every namespace with a quota asks for the shares of the whole app or
 * environment, which would otherwise cost time in proportion to namespaces × workloads.
 *
 * @internal
 */
export function withCapacityCache<T>(fn: () => T): T {
  return sharesPass.run(fn);
}

/** The capacity shares of every workload at or below `scope` in the namespace `namespace`. @internal */
export function capacitySharesIn(scope: IConstruct, namespace: string): CapacityShare[] {
  let byNamespace = sharesPass.get(scope);
  if (!byNamespace) {
    // Grouped once: every namespace with a quota asks (a filter per namespace would cost namespaces x workloads).
    byNamespace = new Map();
    for (const c of scope.node.findAll()) {
      const share = capacityShareOf(c);
      if (share === undefined) continue;
      const s = share();
      const group = byNamespace.get(s.namespace);
      if (group) group.push(s);
      else byNamespace.set(s.namespace, [s]);
    }
    sharesPass.set(scope, byNamespace);
  }
  return byNamespace.get(namespace) ?? [];
}
