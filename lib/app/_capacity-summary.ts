import { IConstruct } from 'constructs';
import { CapacityShare, capacityShareOf } from '../core/_capacity';
import { kubernetesVersionOf } from '../core/kubernetes-version';
import { formatCpu, formatMemory } from '../core/quantity';
import { Environment } from './environment';

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
    const f = capacityShareOf(c);
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
    // A DaemonSet's pods are per node: the node count is the cluster's, so they are summed apart, per node.
    const shares = namespaces.get(namespace)!.filter((s) => !s.perNode);
    const perNode = namespaces.get(namespace)!.filter((s) => s.perNode);
    const sum = (pods: (s: CapacityShare) => number, res: 'cpu' | 'memory', list = shares) => list.reduce((a, s) => a + s.requests[res] * BigInt(pods(s)), 0n);
    const minPods = shares.reduce((a, s) => a + s.minPods, 0);
    const maxPods = shares.reduce((a, s) => a + s.maxPods, 0);
    const parts = shares.length === 0 ? [] : [`${shares.length} workload(s), ${minPods}-${maxPods} pods; requests cpu ${formatCpu(sum((s) => s.minPods, 'cpu'))}-${formatCpu(sum((s) => s.maxPods, 'cpu'))}, ` +
      `memory ${formatMemory(sum((s) => s.minPods, 'memory'))}-${formatMemory(sum((s) => s.maxPods, 'memory'))} (min-max scale)`];
    if (perNode.length > 0) {
      parts.push(`${perNode.length} DaemonSet(s), ${perNode.length} pod(s) per node; requests cpu ${formatCpu(sum((s) => s.maxPods, 'cpu', perNode))}, ` +
        `memory ${formatMemory(sum((s) => s.maxPods, 'memory', perNode))} per node`);
    }
    return `${indent}${namespace}: ${parts.join('; plus ')}`;
  });
}
