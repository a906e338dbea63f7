import { NODE_PORT_RANGE } from '../../core/node-port-range';
import { Rule } from '../rule';
import { arrayOf, isObject, received } from '../_util';

/** The API server's default `--service-node-port-range`. */
const NODE_PORT_MIN = NODE_PORT_RANGE.min;
const NODE_PORT_MAX = NODE_PORT_RANGE.max;

/**
 * A `nodePort` is only set on NodePort and LoadBalancer Services, within the default node port range 30000-32767,
 * and no two ports of a Service share one.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidateService: "may not be used when `type` is 'ClusterIP'")
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/registry/core/service/portallocator (the node port range)
 */
export const serviceNodePort: Rule = {
  id: 'service-node-port',
  description: 'nodePort is only on NodePort/LoadBalancer Services, within 30000-32767 and unique.',
  remediation: 'Set `nodePort` only on NodePort or LoadBalancer Services, from 30000 to 32767 and unique in the cluster (the port\'s `nodePort` with `serviceType`).',
  layer: 'api',
  severity: 'error',
  kinds: ['Service'],
  check(o, ctx) {
    if (!isObject(o.spec)) return;
    const type = o.spec.type ?? 'ClusterIP';
    const seen = new Set<unknown>();
    arrayOf(o.spec.ports).forEach((p, i) => {
      if (!isObject(p) || p.nodePort === undefined || p.nodePort === null || p.nodePort === 0) return;
      const field = `spec.ports[${i}].nodePort`;
      if (type !== 'NodePort' && type !== 'LoadBalancer') {
        ctx.report(field, received(p.nodePort, `no nodePort for a Service of type ${type} (only NodePort and LoadBalancer)`));
      } else if (typeof p.nodePort === 'number' && (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)) {
        ctx.report(field, received(p.nodePort, `an integer from ${NODE_PORT_MIN} to ${NODE_PORT_MAX} (the default node port range)`));
      }
      if (seen.has(p.nodePort)) ctx.report(field, received(p.nodePort, 'a node port no other port of the Service uses'));
      seen.add(p.nodePort);
    });
  },
};
