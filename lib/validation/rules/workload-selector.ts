import { labelsMatch, selectorMatches } from '../../core/selectors';
import { Rule } from '../rule';
import { podTemplateOf } from '../_pod';
import { entriesOf, groupOf, isObject, received } from '../_util';

const SELECTOR_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job'];

/**
 * A workload's selector is not empty and selects its own pod template's labels (for a Job: only with
 * `manualSelector: true`, else the selector is generated).
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec: "empty selector is invalid for deployment", "`selector` does not match template `labels`")
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/batch/validation/validation.go (validateJobSpec: manualSelector)
 */
export const workloadSelector: Rule = {
  id: 'workload-selector',
  description: "A workload's selector is not empty and matches its pod template's labels.",
  remediation: 'Give the workload a non-empty `spec.selector` that matches its pod template\'s labels (the workload\'s `selectorLabels` prop).',
  layer: 'api',
  severity: 'error',
  kinds: SELECTOR_KINDS,
  check(o, ctx) {
    const pod = podTemplateOf(o);
    if (!pod || !isObject(o.spec)) return;
    const labels = isObject(pod.metadata.labels) ? pod.metadata.labels : {};
    const selector = o.spec.selector;
    if (o.kind === 'ReplicationController' && groupOf(o.apiVersion) === '') {
      if (isObject(selector) && !labelsMatch(selector, labels)) {
        ctx.report('spec.selector', received(selector, `a selector that matches the template labels ${JSON.stringify(labels)}`));
      }
      return;
    }
    if (o.kind === 'Job') {
      if (o.spec.manualSelector !== true) {
        if (selector !== undefined && selector !== null) ctx.report('spec.selector', received(selector, 'no selector (it is generated), unless manualSelector is true'));
        return;
      }
      if (!isObject(selector)) {
        ctx.report('spec.selector', received(selector, 'a selector, since manualSelector is true'));
        return;
      }
    }
    if (!isObject(selector)) return; // required: the schema reports it
    if (entriesOf(selector.matchLabels).length === 0 && entriesOf(selector.matchExpressions).length === 0) {
      ctx.report('spec.selector', received(selector, `a non-empty selector for a ${o.kind}`));
    } else if (!selectorMatches(selector, labels)) {
      ctx.report('spec.selector', received(selector, `a selector that matches the template labels ${JSON.stringify(labels)} (at ${pod.metadataPath}.labels)`));
    }
  },
};
