import { podRule } from '../rule';
import { containersOf } from '../_pod';
import { isObject } from '../_util';

/**
 * Every container (and init container) requests CPU and memory and limits memory, so the scheduler can place it and
 * a leak cannot take the node down. No CPU limit is required (it throttles without protecting anything).
 *
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 * @see https://docs.kubelinter.io/#/generated/checks?id=unset-cpu-requirements (unset-cpu-requirements, unset-memory-requirements)
 * @see https://polaris.docs.fairwinds.com/checks/efficiency/ (cpuRequestsMissing, memoryRequestsMissing, memoryLimitsMissing)
 */
export const resourcesSet = podRule({
  id: 'resources-set',
  description: 'Containers request CPU and memory and limit memory.',
  remediation: 'Set `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory` on the container (the workload\'s `resources` prop).',
  layer: 'policy',
  severity: 'warning',
  checkPod(pod, ctx) {
    for (const { container, path, type } of containersOf(pod)) {
      if (type === 'ephemeralContainers') continue;
      const r = isObject(container.resources) ? container.resources : {};
      const requests = isObject(r.requests) ? r.requests : {};
      const limits = isObject(r.limits) ? r.limits : {};
      const missing = [
        requests.cpu === undefined && limits.cpu === undefined ? 'requests.cpu' : undefined,
        requests.memory === undefined && limits.memory === undefined ? 'requests.memory' : undefined,
        limits.memory === undefined ? 'limits.memory' : undefined,
      ].filter((m): m is string => m !== undefined);
      if (missing.length > 0) {
        ctx.report(`${path}.resources`, `received no ${missing.join(', ')}; allowed: resources with requests.cpu, requests.memory and limits.memory`);
      }
    }
  },
});
