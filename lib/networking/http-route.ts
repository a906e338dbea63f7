import { isIP } from 'net';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { ExternalService } from './external-service';
import { IGateway } from './gateway-ref';
import { HttpPathMatch } from './http-path-match';
import { NetworkPeer } from './network-peer';
import { IServiceEndpoint } from './service-endpoint';

/** One backend of an `HttpRoute` rule: a Service, and the share of the requests it gets. */
export interface HttpRouteBackend {
  /** The service: a `WebService`, `StatefulService`, another workload's `addService()`, or an imported Service. */
  readonly backend: IServiceEndpoint;

  /**
   * The backend's Service port.
   *
   * @default the backend's main port
   */
  readonly port?: number;

  /**
   * The backend's share of the rule's requests, relative to the other backends' weights (0 to 1,000,000; 0 sends it
   * none): how a canary gets 10% (`weight: 1` beside `weight: 9`).
   *
   * @default 1 (the Gateway API's default; not written)
   */
  readonly weight?: number;
}

/** One rule of an `HttpRoute`: which requests, and the backends that receive them. */
export interface HttpRouteRule {
  /**
   * The paths the rule matches: a request matching any of them is routed here.
   *
   * @default every path (`HttpPathMatch.prefix('/')`, the Gateway API's default; not written)
   */
  readonly matches?: HttpPathMatch[];

  /** The backends, 1 to 16; with several, requests are split by their weights. */
  readonly backends: HttpRouteBackend[];
}

/** Props of an `HttpRoute`. */
export interface HttpRouteProps extends ConstructMetadataProps {
  /**
   * The route's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /** The Gateways (or Gateway listeners) the route attaches to, 1 to 32: `Gateway.fromGatewayName()`. */
  readonly gateways: IGateway[];

  /**
   * The host names the route serves, up to 16 (`shop.example.com`, `*.example.com`).
   *
   * @default every host name of the Gateway's listeners
   */
  readonly hostnames?: string[];

  /** The rules, 1 to 16. */
  readonly rules: HttpRouteRule[];

  /**
   * Where the Gateway's pods (its data plane: Envoy, NGINX, ...) run, so that backends whose ingress is restricted
   * by NetworkPolicies still accept their traffic.
   *
   * @default NetworkPeer.allNamespaces()
   */
  readonly gatewayPeer?: NetworkPeer;
}

const HOST_RE = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';

/**
 * HTTP routing from a Gateway to services, by host name and path (Gateway API `HTTPRoute`,
 * gateway.networking.k8s.io/v1, Ingress's successor), with weighted backends. Backends keep accepting the Gateway's
 * traffic when their ingress is restricted by NetworkPolicies, as they do an Ingress controller's.
 *
 * The cluster needs the Gateway API CRDs and a Gateway whose listeners allow routes from the route's namespace.
 * Backends are Services of the route's namespace (another namespace would need a ReferenceGrant there); an
 * ExternalName `ExternalService` is refused, since Gateway implementations do not route to ExternalName Services
 * by default.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 * @example
 * const gateway = Gateway.fromGatewayName(stack, 'public', { gatewayName: 'public', namespace: 'gateway-system' });
 * new HttpRoute(stack, 'shop', {
 *   gateways: [gateway],
 *   hostnames: ['shop.example.com'],
 *   rules: [
 *     { matches: [HttpPathMatch.prefix('/api')], backends: [{ backend: api, weight: 9 }, { backend: apiCanary, weight: 1 }] },
 *     { backends: [{ backend: web }] },
 *   ],
 * });
 */
export class HttpRoute extends Construct {
  /** Whether `x` is an `HttpRoute`, also across copies of this package. */
  public static isHttpRoute(x: unknown): x is HttpRoute {
    return hasBrand(x, 'HttpRoute');
  }

  /** The route's name. */
  public readonly name: string;
  /** The HTTPRoute API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    super(scope, id);
    const p = isPlainRecord(props) ? props as HttpRouteProps : ({} as HttpRouteProps);
    const stack = findStack(this, 'HttpRoute');
    const check = new PropChecker(this, 'HttpRoute');
    this.name = p.name ?? id;
    check.name('name', this.name, 'dns1123-subdomain');
    const namespace = Chart.of(this).namespace ?? 'default';
    const parentRefs = checkGateways(check, p.gateways);
    const hostnames = checkHostnames(check, p.hostnames);
    const backends: Array<[IServiceEndpoint, number]> = [];
    const rules = checkRules(check, p.rules, namespace, backends);
    if (p.gatewayPeer !== undefined && !NetworkPeer.isNetworkPeer(p.gatewayPeer)) check.fail('gatewayPeer', p.gatewayPeer, 'a NetworkPeer');
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'HttpRouteProps');
    check.throwIfInvalid();

    const peer = p.gatewayPeer ?? NetworkPeer.allNamespaces();
    for (const [b, targetPort] of backends) b.allowWhenRestricted(peer, { ports: [{ port: targetPort }] });
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'HTTPRoute',
      metadata: { name: this.name, labels: recommendedLabels(stack, { name: this.name, component: 'route' }, metadata.labels), annotations: metadata.annotations },
      spec: { parentRefs, hostnames, rules },
    });
    this.node.defaultChild = this.apiObject;
  }
}

brand(HttpRoute, 'HttpRoute');

function checkGateways(check: PropChecker, gateways: unknown): object[] {
  if (!Array.isArray(gateways) || gateways.length === 0 || gateways.length > 32) {
    check.fail('gateways', gateways, 'an array of 1 to 32 Gateways (Gateway.fromGatewayName())');
    return [];
  }
  const seen = new Map<string, Array<string | undefined>>();
  return gateways.map((g: Partial<IGateway>, i) => {
    if (typeof g?.gatewayName !== 'string' || typeof g.namespace !== 'string') {
      check.fail(`gateways[${i}]`, g, 'Gateway.fromGatewayName() or another IGateway');
      return {};
    }
    // The CRD's rules (CEL, not evaluated by validation): one Gateway twice only as distinct listeners.
    const parent = `${g.namespace}/${g.gatewayName}`;
    const sections = seen.get(parent) ?? [];
    if (sections.length > 0 && (g.sectionName === undefined || sections.includes(undefined) || sections.includes(g.sectionName))) {
      check.fail(`gateways[${i}]`, `${parent}${g.sectionName === undefined ? '' : `/${g.sectionName}`}`, 'a Gateway not already given, or another listener of it: each reference to the same Gateway needs a sectionName of its own');
    }
    seen.set(parent, [...sections, g.sectionName]);
    return { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: g.gatewayName, namespace: g.namespace, sectionName: g.sectionName };
  });
}

function checkHostnames(check: PropChecker, hostnames: unknown): string[] | undefined {
  if (hostnames === undefined) return undefined;
  if (!Array.isArray(hostnames) || hostnames.length > 16) {
    check.fail('hostnames', hostnames, 'an array of up to 16 host names');
    return undefined;
  }
  hostnames.forEach((h: unknown, i) => {
    if (typeof h !== 'string' || h.length > 253 || !HOST_RE.test(h) || isIP(h) !== 0) {
      check.fail(`hostnames[${i}]`, h, 'a lower-case DNS name such as "shop.example.com", optionally starting with "*." (not an IP address)');
    }
  });
  return [...hostnames];
}

function checkRules(check: PropChecker, rules: unknown, namespace: string, backends: Array<[IServiceEndpoint, number]>): object[] {
  if (!Array.isArray(rules) || rules.length === 0 || rules.length > 16) {
    check.fail('rules', rules, 'an array of 1 to 16 rules { matches?, backends }');
    return [];
  }
  let matchCount = 0;
  const out = rules.map((r: unknown, i) => {
    const prop = `rules[${i}]`;
    if (!isPlainRecord(r)) {
      check.fail(prop, r, 'an object { matches?, backends }');
      return {};
    }
    const rule = r as unknown as HttpRouteRule;
    let matches: object[] | undefined;
    if (rule.matches !== undefined) {
      if (!Array.isArray(rule.matches) || rule.matches.length === 0 || rule.matches.length > 64) {
        check.fail(`${prop}.matches`, rule.matches, 'an array of 1 to 64 HttpPathMatch.prefix(), exact() or regularExpression()');
      } else {
        matchCount += rule.matches.length;
        matches = rule.matches.map((m: unknown, j) => {
          if (!HttpPathMatch.isHttpPathMatch(m)) {
            check.fail(`${prop}.matches[${j}]`, m, 'HttpPathMatch.prefix(), HttpPathMatch.exact() or HttpPathMatch.regularExpression()');
            return {};
          }
          m._check(check, `${prop}.matches[${j}]`);
          return { path: m._render() };
        });
      }
    }
    return { matches, backendRefs: checkBackends(check, `${prop}.backends`, rule.backends, namespace, backends) };
  });
  if (matchCount > 128) check.fail('rules', `${matchCount} matches`, 'at most 128 matches across all rules');
  return out;
}

function checkBackends(check: PropChecker, prop: string, refs: unknown, namespace: string, backends: Array<[IServiceEndpoint, number]>): object[] {
  if (!Array.isArray(refs) || refs.length === 0 || refs.length > 16) {
    check.fail(prop, refs, 'an array of 1 to 16 backends { backend, port?, weight? }');
    return [];
  }
  return refs.map((x: unknown, i) => {
    const where = `${prop}[${i}]`;
    const ref = (isPlainRecord(x) ? x : {}) as unknown as HttpRouteBackend;
    const b = ref.backend;
    if (!b || !Array.isArray(b.endpointPorts) || typeof b.serviceName !== 'string') {
      check.fail(`${where}.backend`, b, 'a WebService, StatefulService, ServiceEndpoint.fromServiceName() or another IServiceEndpoint');
      return {};
    }
    if (b.namespace !== namespace) check.fail(`${where}.backend`, b.name, `a service in the route's namespace "${namespace}" (it is in "${b.namespace}")`);
    if (ExternalService.isExternalService(b) && b.externalName !== undefined) {
      check.fail(`${where}.backend`, b.name, 'a Service with endpoints: Gateway implementations do not route to an ExternalName Service by default');
    }
    if (ref.weight !== undefined) check.integer(`${where}.weight`, ref.weight, 0, 1000000);
    const port = ref.port === undefined ? b.endpointPorts[0] : b.endpointPorts.find((e) => e.port === ref.port);
    if (!port) {
      check.fail(`${where}.port`, ref.port, `one of the Service ports of "${b.serviceName}": ${b.endpointPorts.map((e) => e.port).join(', ')}`);
      return {};
    }
    if (!backends.some(([s, t]) => s === b && t === port.targetPort)) backends.push([b, port.targetPort]);
    return { name: b.serviceName, port: port.port, weight: ref.weight };
  });
}
