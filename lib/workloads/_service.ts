import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { IntOrString } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { enclosingEnvironment } from '../core/labels';
import { ServiceType } from '../networking/service-type';
import { Provider } from '../providers/provider';
import { JsonObject, l1Json } from './_k8s-json';

/** One port of a Service in front of a workload's pods. @internal */
export interface ServicePortSpec {
  readonly name: string;
  /** The Service port. */
  readonly servicePort: number;
  /** The container port it targets. */
  readonly containerPort: number;
  readonly protocol: string;
  readonly nodePort?: number;
}

/**
 * A `ServiceType` prop, checked: `ServiceType.clusterIp()` when undefined or invalid (a problem is recorded then).
 *
 * @internal
 */
export function checkServiceType(check: PropChecker, prop: string, value: unknown): ServiceType {
  if (value === undefined) return ServiceType.clusterIp();
  if (!ServiceType.isServiceType(value)) {
    check.fail(prop, value, 'ServiceType.clusterIp(), ServiceType.nodePort() or ServiceType.loadBalancer()');
    return ServiceType.clusterIp();
  }
  value._check(check, prop);
  return value;
}

/**
 * The annotations of a Service of type `type`: the provider's load balancer annotations (refusing an internal load
 * balancer the provider has none of), then `annotations` (the construct's), then those of the service type: the most
 * specific wins. Undefined when there are none.
 *
 * @internal
 */
export function serviceAnnotations(scope: IConstruct, check: PropChecker, prop: string, type: ServiceType,
  annotations: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  let lbAnnotations: Record<string, string> = {};
  if (type.type === 'LoadBalancer') {
    const provider = Provider.of(scope);
    const internal = type._options.internal === true;
    if (internal && !provider.supportsInternalLoadBalancer) {
      check.fail(`${prop}.internal`, true, `an external load balancer: provider "${provider.name}" has no internal load balancers`);
    } else {
      lbAnnotations = provider._loadBalancerAnnotations(internal);
    }
  }
  const all = { ...lbAnnotations, ...annotations, ...type._options.annotations };
  return Object.keys(all).length > 0 ? all : undefined;
}

/**
 * The spec of a Service of `type` selecting `selector` on `ports`, headless (`clusterIP: None`) when asked, each port
 * targeting the container port by its name when `byName`, else by its number.
 *
 * @internal
 */
export function renderServiceSpec(type: ServiceType, selector: Readonly<Record<string, string>>, ports: readonly ServicePortSpec[], headless: boolean,
  byName = false): JsonObject {
  const t = type.type;
  const o = type._options;
  return l1Json('ServiceSpec', {
    type: t,
    clusterIp: headless ? 'None' : undefined,
    selector: { ...selector },
    ports: ports.map((x) => ({
      name: x.name,
      port: x.servicePort,
      targetPort: byName ? IntOrString.fromString(x.name) : IntOrString.fromNumber(x.containerPort),
      protocol: x.protocol,
      nodePort: t === 'ClusterIP' ? undefined : x.nodePort,
    })),
    externalTrafficPolicy: t === 'ClusterIP' || o.preserveClientIp === undefined ? undefined : (o.preserveClientIp ? 'Local' : 'Cluster'),
    loadBalancerSourceRanges: t === 'LoadBalancer' && o.sourceRanges ? [...o.sourceRanges] : undefined,
  });
}

/**
 * The path of a Service named `name` in `namespace` already defined in the same environment as `scope` (in the
 * whole app outside environments), if any: Service names are unique in a namespace.
 *
 * @internal
 */
export function existingService(scope: IConstruct, namespace: string, name: string): string | undefined {
  const root = enclosingEnvironment(scope) ?? scope.node.root;
  for (const c of root.node.findAll()) {
    if (!ApiObject.isApiObject(c) || c.kind !== 'Service' || c.metadata.name !== name) continue;
    const ns = c.metadata.namespace ?? Chart.of(c).namespace ?? 'default';
    if (ns === namespace) return c.node.path;
  }
  return undefined;
}
