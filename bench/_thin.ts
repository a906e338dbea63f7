// The objects of the benchmark platform that cdk8s-platform has no construct for yet, rendered with the typed L1
// classes the library itself uses, labelled like the library's own objects. Each is replaced by the library's
// construct once it exists, so that `ours` measures the library rather than this file.
import { AppStack, WebService } from '../lib';
import { recommendedLabels } from '../lib/core/labels';
import { k8s } from '../lib/core/_k8s';
import { BenchService } from './platform';

/** The ServiceAccount of a web service. */
export function serviceAccount(web: WebService, s: BenchService): void {
  new k8s.KubeServiceAccount(web, 'ServiceAccount', {
    metadata: { name: s.name, labels: recommendedLabels(AppStack.of(web), { name: s.name, component: 'server' }) },
    automountServiceAccountToken: false,
  });
}
