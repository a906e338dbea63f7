import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ISecret } from '../config/secret';
import { markExternal } from '../core/_external';
import { isPlainRecord, PropChecker } from '../core/_props';
import { IPodSelector } from '../scheduling/pod-affinity';
import { checkEndpointPorts } from './_endpoint-ports';
import { NetworkPeer } from './network-peer';
import { NetworkPolicyPort } from './network-policy';
import { Protocol } from './protocol';

/** One port of a Service: what it exposes and where it sends the traffic. */
export interface EndpointPort {
  /** The port's name. */
  readonly name: string;
  /** The Service port. */
  readonly port: number;
  /** The container port the Service targets. */
  readonly targetPort: number;
  /** The protocol: `TCP`, `UDP` or `SCTP`. */
  readonly protocol: string;
}

/** Options of `allowFrom()` and `allowWhenRestricted()`. */
export interface AllowFromOptions {
  /**
   * The container ports the traffic may reach.
   *
   * @default every port of the Service
   */
  readonly ports?: NetworkPolicyPort[];
}

/** The Secret a caller needs to connect to a service (a password, an API key), as `connectTo()` hands it over. */
export interface ConnectionCredentials {
  /** The Secret holding the credentials. */
  readonly secret: ISecret;

  /**
   * Environment variables set from keys of the Secret, by variable name (`{ DB_PASSWORD: 'password' }`).
   *
   * @default every key of the Secret, as a variable of the same name (`envFrom`)
   */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A workload reachable through a Service, as other workloads (`connectTo()`) and Ingresses see it. `WebService` and
 * `StatefulService` implement it, `ServiceEndpoint.fromServiceName()` imports a Service defined elsewhere,
 * `ExternalService` stands for a service outside the cluster, and a class of your own may implement it (a Service that
 * another tool renders, say).
 */
export interface IServiceEndpoint extends IPodSelector {
  /** The workload's name (`connectTo()` names the URL variable after it: `<NAME>_URL`). */
  readonly name: string;
  /** The namespace it runs in. */
  readonly namespace: string;
  /** The Service's name. */
  readonly serviceName: string;
  /** The Service's in-cluster DNS name. */
  readonly dnsName: string;
  /** The Service's ports; the first is the main one. */
  readonly endpointPorts: readonly EndpointPort[];

  /**
   * Where a caller's egress rule goes when `connectTo()` is called from a namespace that denies egress by default.
   * An empty list allows every destination on the port (what a service outside the cluster known only by a DNS name
   * needs: a NetworkPolicy cannot name a DNS name).
   *
   * @default the Service's pods (`selectorLabels`), or every pod of its namespace when it selects none
   */
  readonly egressPeers?: readonly NetworkPeer[];

  /**
   * The Secret a caller needs to connect, which `connectTo()` passes to the caller's container with the address.
   *
   * @default none
   */
  readonly credentials?: ConnectionCredentials;

  /**
   * Allows incoming traffic from `peer` to the Service's pods (a NetworkPolicy ingress rule on them, which
   * restricts their ingress to what is allowed). `connectTo()` calls it with the caller's pods and the port it
   * connects to.
   */
  allowFrom(peer: NetworkPeer, options?: AllowFromOptions): void;

  /**
   * Allows incoming traffic from `peer` whenever the Service's pods have their ingress restricted (by an
   * `allowFrom()` or a default-deny namespace), without restricting it by itself. An Ingress calls it for its
   * controller, so that adding an Ingress never cuts off the callers that do not use `connectTo()`; a service
   * exposed outside the cluster calls it for its outside callers. An implementation whose pods' ingress is never
   * restricted may do nothing.
   */
  allowWhenRestricted(peer: NetworkPeer, options?: AllowFromOptions): void;
}

/** One port of a Service imported with `ServiceEndpoint.fromServiceName()`. */
export interface ServiceEndpointPort {
  /** The Service port. */
  readonly port: number;

  /**
   * The port's name: an IANA service name such as `"http"`.
   *
   * @default "http" for the first port, `port-<port>` for the others
   */
  readonly name?: string;

  /**
   * The container port the Service targets (what NetworkPolicy rules to its pods allow).
   *
   * @default the Service port
   */
  readonly targetPort?: number;

  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/** What `ServiceEndpoint.fromServiceName()` knows of a Service defined outside the app. */
export interface ServiceEndpointAttributes {
  /** The Service's name: a DNS-1035 label. */
  readonly serviceName: string;

  /**
   * The namespace of the Service.
   *
   * @default the namespace of the stack it is imported in
   */
  readonly namespace?: string;

  /** The Service's ports, the main one first: at least one. */
  readonly ports: ServiceEndpointPort[];

  /**
   * The labels the Service selects its pods by. `connectTo()` from a namespace that denies egress by default allows
   * egress to these pods; without them, to every pod of the Service's namespace on the port.
   *
   * @default none
   */
  readonly selectorLabels?: Record<string, string>;
}

/**
 * A Service that exists outside the app (another team's, a Helm chart's), imported with
 * `ServiceEndpoint.fromServiceName()` so that `connectTo()` and an Ingress can use it like a `WebService`.
 *
 * Its pods are not rendered by this app, so no NetworkPolicy of this app can open them: `connectTo()` sets the URL
 * and, when the caller's namespace denies egress by default, the caller's egress rule, and nothing on the Service's
 * side (the manifests that define its pods must allow the traffic); `allowFrom()` throws, saying so; an Ingress's
 * `allowWhenRestricted()` does nothing, since nothing here restricts those pods. It is a declared external
 * reference: validation does not report the Service as missing.
 *
 * This is the one importer of Services (what other libraries call `Service.fromServiceName()`): the library has no
 * `Service` construct of its own, since its Services belong to workloads (`WebService`, `StatefulService`) and to
 * `ExternalService`.
 *
 * @example
 * const search = ServiceEndpoint.fromServiceName(stack, 'search', {
 *   serviceName: 'opensearch', namespace: 'search', ports: [{ port: 9200 }],
 *   selectorLabels: { 'app.kubernetes.io/name': 'opensearch' },
 * });
 * api.connectTo(search); // SEARCH_URL=http://opensearch.search.svc.cluster.local:9200
 */
export class ServiceEndpoint extends Construct implements IServiceEndpoint {
  /**
   * Imports a Service defined outside the app, by name.
   *
   * @throws PropError if a name, namespace, port or label is invalid
   */
  public static fromServiceName(scope: Construct, id: string, attributes: ServiceEndpointAttributes): IServiceEndpoint {
    return new ServiceEndpoint(scope, id, attributes);
  }

  /** The Service's name (the URL variable of `connectTo()` is named after it). */
  public readonly name: string;
  /** The namespace of the Service. */
  public readonly namespace: string;
  /** The Service's name. */
  public readonly serviceName: string;
  /** The labels the Service selects its pods by; empty when not given. */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** The Service's ports; the first is the main one. */
  public readonly endpointPorts: readonly EndpointPort[];

  private constructor(scope: Construct, id: string, attributes: ServiceEndpointAttributes) {
    super(scope, id);
    const check = new PropChecker(this, 'ServiceEndpoint.fromServiceName()');
    const a = isPlainRecord(attributes) ? attributes as ServiceEndpointAttributes : ({} as ServiceEndpointAttributes);
    if (!isPlainRecord(attributes)) check.fail('attributes', attributes, 'an object { serviceName, namespace?, ports, selectorLabels? }');
    this.serviceName = a.serviceName;
    this.name = a.serviceName;
    check.name('serviceName', a.serviceName, 'dns1035-label');
    if (a.namespace !== undefined) check.name('namespace', a.namespace, 'dns1123-label');
    const chart = this.node.scopes.find((c): c is Chart => Chart.isChart(c));
    this.namespace = a.namespace ?? (chart ? chart.namespace ?? 'default' : '');
    if (a.namespace === undefined && !chart) check.fail('namespace', undefined, 'the Service\'s namespace (imported outside a stack, it has none to default to)');
    this.selectorLabels = { ...(a.selectorLabels !== undefined && check.labels('selectorLabels', a.selectorLabels) ? a.selectorLabels : {}) };
    this.endpointPorts = checkEndpointPorts(check, 'ports', a.ports);
    check.knownKeys('', attributes, 'ServiceEndpointAttributes');
    check.throwIfInvalid();
    markExternal(this, { kind: 'Service', name: this.serviceName });
  }

  /** The Service's in-cluster DNS name, `<serviceName>.<namespace>.svc.cluster.local`. */
  public get dnsName(): string {
    return `${this.serviceName}.${this.namespace}.svc.cluster.local`;
  }

  /**
   * Refused: the Service's pods are not rendered by this app, so no rule here can let traffic into them. Allow it in
   * the manifests that define them; `connectTo()` adds the caller's side.
   *
   * @throws PropError always
   */
  public allowFrom(peer: NetworkPeer, _options?: AllowFromOptions): void {
    const check = new PropChecker(this, 'ServiceEndpoint');
    check.fail('allowFrom()', peer, `nothing: the pods of Service "${this.serviceName}" are not rendered by this app, so its NetworkPolicies are not either (allow the traffic in the manifests that define them; connectTo() adds the caller's egress rule)`);
    check.throwIfInvalid();
  }

  /** Does nothing: nothing in this app restricts the ingress of the Service's pods, which it does not render. */
  public allowWhenRestricted(_peer: NetworkPeer, _options?: AllowFromOptions): void {
    return;
  }
}
