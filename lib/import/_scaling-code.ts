/** The HorizontalPodAutoscaler and PodDisruptionBudget of a workload, as its `autoscaling` and `disruptionBudget` props. */
import { ImportContext, asList, asObject } from './_import-context';
import { Item, metadataProblems } from './_import-item';
import { Printable, code, quote } from './_source-text';

/** An HPA's spec as a workload's `autoscaling`, or undefined when a field has no prop. */
export function autoscalingCode(ctx: ImportContext, hpa: Item): Printable | undefined {
  if (hpa.object.apiVersion !== 'autoscaling/v2' || metadataProblems(hpa.object).length > 0) return undefined;
  const spec = asObject(hpa.object.spec) ?? {};
  if (Object.keys(spec).some((k) => !['scaleTargetRef', 'minReplicas', 'maxReplicas', 'metrics'].includes(k)) || typeof spec.maxReplicas !== 'number') return undefined;
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
