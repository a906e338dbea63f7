import { IConstruct } from 'constructs';
import { PassCache } from './_pass-cache';
import { Environment } from './environment';
import { kubernetesVersionOf } from './kubernetes-version';

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

/** How to compute what `c` needs of its namespace, if it is a workload (see `markCapacity()`). */
function shareOf(c: IConstruct): (() => CapacityShare) | undefined {
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
      const share = shareOf(c);
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

/** Millicores, as text ("250m", "2", "1.5"). @internal */
export function formatCpu(nanos: bigint): string {
  const milli = Number((nanos + 999_999n) / 1_000_000n);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes, as text in Mi or Gi ("256Mi", "1.5Gi"). @internal */
export function formatMemory(nanos: bigint): string {
  const bytes = Number((nanos + 999_999_999n) / 1_000_000_000n);
  const mi = bytes / (1024 * 1024);
  if (mi >= 1024) return `${Math.round((mi / 1024) * 100) / 100}Gi`;
  return `${Math.round(mi * 100) / 100}Mi`;
}

/**
 * One line per namespace with the CPU and memory its workloads request at their lowest and highest scale, under a
 * line per environment that names the Kubernetes version it targets (for an app without environments, the first
 * line names the app's).
 *
 * @internal
 */
export function capacitySummary(root: IConstruct, environments?: readonly string[]): string {
  /** The namespaces of each environment ("" for workloads outside every environment), and the version it targets. */
  const groups = new Map<string, { version: string; namespaces: Map<string, CapacityShare[]> }>();
  for (const c of root.node.findAll()) {
    const f = shareOf(c);
    if (f === undefined) continue;
    const environment = Environment.of(c);
    const env = environment?.environmentName ?? '';
    if (environments !== undefined && environment !== undefined && !environments.includes(env)) continue;
    let group = groups.get(env);
    if (!group) {
      group = { version: kubernetesVersionOf(environment ?? root), namespaces: new Map() };
      groups.set(env, group);
    }
    const share = f();
    const list = group.namespaces.get(share.namespace);
    if (list) list.push(share);
    else group.namespaces.set(share.namespace, [share]);
  }
  if (groups.size === 0) return '';
  const only = groups.size === 1 ? groups.get('') : undefined;
  if (only) return `cdk8s-platform: capacity per namespace (Kubernetes ${only.version}):\n${namespaceLines(only.namespaces, '  ').join('\n')}\n`;
  const lines: string[] = [];
  for (const env of [...groups.keys()].sort()) {
    const group = groups.get(env)!;
    lines.push(`  ${env || '(outside every environment)'} (Kubernetes ${group.version}):`, ...namespaceLines(group.namespaces, '    '));
  }
  return `cdk8s-platform: capacity per namespace:\n${lines.join('\n')}\n`;
}

/** One line per namespace, in name order. */
function namespaceLines(namespaces: ReadonlyMap<string, CapacityShare[]>, indent: string): string[] {
  return [...namespaces.keys()].sort().map((namespace) => {
    const shares = namespaces.get(namespace)!;
    const sum = (pods: (s: CapacityShare) => number, res: 'cpu' | 'memory') => shares.reduce((a, s) => a + s.requests[res] * BigInt(pods(s)), 0n);
    const minPods = shares.reduce((a, s) => a + s.minPods, 0);
    const maxPods = shares.reduce((a, s) => a + s.maxPods, 0);
    return `${indent}${namespace}: ${shares.length} workload(s), ${minPods}-${maxPods} pods; requests cpu ${formatCpu(sum((s) => s.minPods, 'cpu'))}-${formatCpu(sum((s) => s.maxPods, 'cpu'))}, ` +
      `memory ${formatMemory(sum((s) => s.minPods, 'memory'))}-${formatMemory(sum((s) => s.maxPods, 'memory'))} (min-max scale)`;
  });
}
