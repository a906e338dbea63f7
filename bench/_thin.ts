// The objects of the benchmark platform that cdk8s-platform has no construct for yet, rendered with the typed L1
// classes the library itself uses, labelled like the library's own objects. Each is replaced by the library's
// construct once it exists, so that `ours` measures the library rather than this file.
import { AppStack, recommendedLabels, WebService } from '../lib';
import { k8s } from '../lib/core/_k8s';
import { BenchNamespace, BenchService } from './platform';

/** The ResourceQuota and LimitRange of a namespace. */
export function namespaceGuards(stack: AppStack, ns: BenchNamespace): void {
  const labels = recommendedLabels(stack, { name: ns.name, component: 'namespace' });
  new k8s.KubeResourceQuota(stack, 'ResourceQuota', {
    metadata: { name: ns.name, labels },
    spec: { hard: { 'requests.cpu': k8s.Quantity.fromString(ns.quota.cpu), 'requests.memory': k8s.Quantity.fromString(ns.quota.memory), pods: k8s.Quantity.fromString(ns.quota.pods) } },
  });
  new k8s.KubeLimitRange(stack, 'LimitRange', {
    metadata: { name: ns.name, labels },
    spec: {
      limits: [{
        type: 'Container',
        default: { cpu: k8s.Quantity.fromString(ns.defaultLimits.cpu), memory: k8s.Quantity.fromString(ns.defaultLimits.memory) },
        defaultRequest: { cpu: k8s.Quantity.fromString(ns.defaultRequests.cpu), memory: k8s.Quantity.fromString(ns.defaultRequests.memory) },
      }],
    },
  });
}

/** The ServiceAccount and NetworkPolicy of a web service. */
export function serviceExtras(stack: AppStack, web: WebService, s: BenchService): void {
  const labels = recommendedLabels(stack, { name: s.name, component: 'server' });
  new k8s.KubeServiceAccount(web, 'ServiceAccount', {
    metadata: { name: s.name, labels },
    automountServiceAccountToken: false,
  });
  new k8s.KubeNetworkPolicy(web, 'NetworkPolicy', {
    metadata: { name: s.name, labels },
    spec: {
      podSelector: { matchLabels: { ...web.selectorLabels } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(s.port) }] }],
    },
  });
}
