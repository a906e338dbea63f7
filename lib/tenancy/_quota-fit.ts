import { CapacityShare } from '../core/_capacity';
import { formatCpu, formatMemory, parseQuantity } from '../core/quantity';
import { LimitRangeOptions } from './limit-range';
import { QuotaOptions } from './resource-quota';

type Resource = 'cpu' | 'memory';

/**
 * What does not fit a namespace's quota when every workload runs at its highest scale with its rollout surge:
 * one message per quota field, naming the workloads and the overflow.
 *
 * @internal
 */
export function quotaFitProblems(namespace: string, hard: QuotaOptions, limits: LimitRangeOptions | undefined, shares: CapacityShare[]): string[] {
  const problems: string[] = [];
  const pods = (s: CapacityShare) => s.maxPods + s.surgePods;
  const fmt = (r: Resource, v: bigint) => (r === 'cpu' ? formatCpu(v) : formatMemory(v));
  const check = (field: string, quota: string | undefined, r: Resource, perPod: (s: CapacityShare) => bigint | undefined) => {
    if (quota === undefined) return;
    const cap = parseQuantity(quota);
    if (cap === undefined) return;
    const missing = shares.filter((s) => perPod(s) === undefined);
    if (missing.length > 0) {
      problems.push(`namespace "${namespace}": the quota sets ${field}, so every container needs a ${r} limit, but ${missing.map((s) => `${s.kind} "${s.name}"`).join(', ')} ` +
        `has a container without one (set resources.limits.${r}, or a LimitRange defaultLimit)`);
      return;
    }
    const parts = shares.filter((s) => pods(s) > 0).map((s) => ({ s, total: perPod(s)! * BigInt(pods(s)) }));
    const total = parts.reduce((a, p) => a + p.total, 0n);
    if (total <= cap) return;
    const detail = parts.filter((p) => p.total > 0n)
      .map((p) => `${p.s.kind} "${p.s.name}" ${pods(p.s)} pod(s) (${p.s.maxPods} max${p.s.surgePods ? ` + ${p.s.surgePods} surge` : ''}) x ${fmt(r, perPod(p.s)!)} = ${fmt(r, p.total)}`);
    problems.push(`namespace "${namespace}" does not fit its quota ${field}: ${quota}: at maximum scale with rollout surge its workloads need ${fmt(r, total)}, ` +
      `${fmt(r, total - cap)} over (${detail.join('; ')})`);
  };
  const defaultLimit = (r: Resource) => (limits?.defaultLimit?.[r] !== undefined ? parseQuantity(limits.defaultLimit[r]!) : undefined);
  check('requests.cpu', hard.requestsCpu, 'cpu', (s) => s.requests.cpu);
  check('requests.memory', hard.requestsMemory, 'memory', (s) => s.requests.memory);
  check('limits.cpu', hard.limitsCpu, 'cpu', (s) => s.limits.cpu ?? defaultLimit('cpu'));
  check('limits.memory', hard.limitsMemory, 'memory', (s) => s.limits.memory ?? defaultLimit('memory'));
  if (hard.pods !== undefined) {
    const total = shares.reduce((a, s) => a + pods(s), 0);
    if (total > hard.pods) {
      problems.push(`namespace "${namespace}" does not fit its quota pods: ${hard.pods}: at maximum scale with rollout surge its workloads run ${total} pods, ${total - hard.pods} over ` +
        `(${shares.filter((s) => pods(s) > 0).map((s) => `${s.kind} "${s.name}" ${pods(s)}`).join('; ')})`);
    }
  }
  return problems;
}
