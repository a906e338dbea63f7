/** The HorizontalPodAutoscaler and PodDisruptionBudget of a workload, as its `autoscaling` and `disruptionBudget` props. */
import { ImportContext, Json, asList, asObject, entry } from './_import-context';
import { Item, metadataProblems } from './_import-item';
import { Printable, code, quote } from './_source-text';

/** An HPA's spec as a workload's `autoscaling`, or undefined when a field has no prop. */
export function autoscalingCode(ctx: ImportContext, hpa: Item): Printable | undefined {
  if (hpa.object.apiVersion !== 'autoscaling/v2' || metadataProblems(hpa.object).length > 0) return undefined;
  const spec = asObject(hpa.object.spec) ?? {};
  if (Object.keys(spec).some((k) => !['scaleTargetRef', 'minReplicas', 'maxReplicas', 'metrics', 'behavior'].includes(k)) || typeof spec.maxReplicas !== 'number') return undefined;
  const out: Record<string, Printable> = {};
  if (typeof spec.minReplicas === 'number') out.minReplicas = spec.minReplicas;
  out.maxReplicas = spec.maxReplicas;
  const metrics: Printable[] = [];
  for (const raw of asList(spec.metrics)) {
    const m = asObject(raw) ?? {};
    const resource = asObject(m.resource) ?? {};
    const target = asObject(resource.target) ?? {};
    if (m.type !== 'Resource' || (resource.name !== 'cpu' && resource.name !== 'memory') || Object.keys(target).length !== 2 || Object.keys(m).length !== 2) return undefined;
    if (target.type === 'Utilization' && typeof target.averageUtilization === 'number') {
      metrics.push(code(`${ctx.need('Metric')}.${resource.name}(${target.averageUtilization})`));
    } else if (target.type === 'AverageValue' && typeof target.averageValue === 'string') {
      metrics.push(code(`${ctx.need('Metric')}.${resource.name}AverageValue(${quote(target.averageValue)})`));
    } else {
      return undefined;
    }
  }
  if (metrics.length > 0) out.metrics = metrics;
  if (spec.behavior !== undefined) {
    const behavior = behaviorCode(ctx, asObject(spec.behavior) ?? {});
    if (behavior === undefined) return undefined;
    out.behavior = behavior;
  }
  return out;
}

const SELECT_POLICIES: Readonly<Record<string, string>> = { Max: 'MAX', Min: 'MIN', Disabled: 'DISABLED' };

/** An HPA's `behavior` as a `ScalingBehavior`, or undefined when a field has no option. */
function behaviorCode(ctx: ImportContext, b: Json): Printable | undefined {
  if (Object.keys(b).some((k) => k !== 'scaleUp' && k !== 'scaleDown')) return undefined;
  const out: Record<string, Printable> = {};
  for (const key of ['scaleUp', 'scaleDown'] as const) {
    if (b[key] === undefined) continue;
    const r = asObject(b[key]);
    if (r === undefined || Object.keys(r).some((k) => !['stabilizationWindowSeconds', 'policies', 'selectPolicy'].includes(k))) return undefined;
    const rules: Record<string, Printable> = {};
    if (r.stabilizationWindowSeconds !== undefined) {
      if (typeof r.stabilizationWindowSeconds !== 'number') return undefined;
      rules.stabilizationWindowSeconds = r.stabilizationWindowSeconds;
    }
    if (r.policies !== undefined) {
      const policies: Printable[] = [];
      for (const raw of asList(r.policies)) {
        const p = asObject(raw) ?? {};
        if (Object.keys(p).length !== 3 || (p.type !== 'Pods' && p.type !== 'Percent') || typeof p.value !== 'number' || typeof p.periodSeconds !== 'number') return undefined;
        policies.push(code(`${ctx.need('ScalingPolicy')}.${p.type === 'Pods' ? 'pods' : 'percent'}(${p.value}, ${p.periodSeconds})`));
      }
      if (policies.length === 0) return undefined;
      rules.policies = policies;
    }
    if (r.selectPolicy !== undefined) {
      const selectPolicy = entry(SELECT_POLICIES, r.selectPolicy);
      if (selectPolicy === undefined) return undefined;
      rules.selectPolicy = ctx.use('SelectPolicy', selectPolicy);
    }
    out[key] = rules;
  }
  return out;
}

/** A PDB's spec as a workload's `disruptionBudget`, or undefined when a field has no prop. */
export function disruptionBudgetCode(ctx: ImportContext, pdb: Item): Printable | undefined {
  if (pdb.object.apiVersion !== 'policy/v1' || metadataProblems(pdb.object).length > 0) return undefined;
  const spec = asObject(pdb.object.spec) ?? {};
  if (Object.keys(spec).some((k) => !['selector', 'minAvailable', 'maxUnavailable', 'unhealthyPodEvictionPolicy'].includes(k))) return undefined;
  const out: Record<string, Printable> = {};
  if (spec.minAvailable !== undefined) out.minAvailable = spec.minAvailable as string | number;
  if (spec.maxUnavailable !== undefined) out.maxUnavailable = spec.maxUnavailable as string | number;
  if (spec.unhealthyPodEvictionPolicy === 'IfHealthyBudget') out.unhealthyPodEvictionPolicy = ctx.use('UnhealthyPodEvictionPolicy', 'IF_HEALTHY_BUDGET');
  else if (spec.unhealthyPodEvictionPolicy !== undefined && spec.unhealthyPodEvictionPolicy !== 'AlwaysAllow') return undefined;
  return out;
}
