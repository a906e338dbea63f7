import { isIP } from 'net';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ISecret } from '../config/secret';
import { brand, hasBrand } from '../core/_brand';
import { createL1Object, IntOrString } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, MANAGED_BY, recommendedLabels } from '../core/labels';
import { apiObjectsOf, checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { isConfigMapKey } from '../core/names';
import { checkEndpointPorts } from './_endpoint-ports';
import { NetworkPeer } from './network-peer';
import { Protocol } from './protocol';
import { AllowFromOptions, ConnectionCredentials, EndpointPort, IServiceEndpoint } from './service-endpoint';
import { isCidr } from './service-type';

/** One port of an `ExternalService`. */
export interface ExternalServicePort {
  /** The Service port: the port callers connect to. */
  readonly port: number;

  /**
   * The port's name: an IANA service name such as `"postgres"`.
   *
   * @default `port-<port>`
   */
  readonly name?: string;

  /**
   * The port at the `addresses`, when it differs from `port` (only with `addresses`: an ExternalName Service cannot
   * change the port, callers reach the external name on `port` itself).
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

/** Props of an `ExternalService`. Give `externalName` or `addresses`, not both. */
export interface ExternalServiceProps extends ConstructMetadataProps {
  /**
   * The Service's name: a DNS-1035 label. `connectTo()` names its variable after it (`<NAME>_URL`).
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The DNS name of the service outside the cluster (`mydb.abc123.eu-west-1.rds.amazonaws.com`): the Service is an
   * ExternalName Service, whose in-cluster name resolves to it (a DNS CNAME).
   *
   * @default none: give `addresses` instead
   */
  readonly externalName?: string;

  /**
   * The IP addresses of the service outside the cluster, all IPv4 or all IPv6: the Service is a Service without a
   * selector, and an EndpointSlice holds the addresses.
   *
   * @default none: give `externalName` instead
   */
  readonly addresses?: string[];

  /** The ports callers use, the main one first: at least one. */
  readonly ports: ExternalServicePort[];

  /**
   * The addresses the service answers from, as a CIDR, for the caller's egress rule that `connectTo()` adds in a
   * namespace that denies egress by default. A NetworkPolicy cannot name a DNS name: without a CIDR, an
   * `externalName` service gets an egress rule to every address on its port.
   *
   * @default each of the `addresses`; for an `externalName`, every address (on the service's port only)
   */
  readonly cidr?: string;

  /**
   * The Secret holding what callers need to connect (user and password, an API key). `connectTo()` passes it to the
   * caller's container beside the address: every key as a variable of the same name (`envFrom`), or the variables of
   * `credentialEnv`.
   *
   * @default none
   */
  readonly credentials?: ISecret;

  /**
   * The variables `connectTo()` sets from keys of `credentials`, by variable name (`{ DB_PASSWORD: 'password' }`),
   * instead of every key.
   *
   * @default every key of `credentials`, as a variable of the same name
   */
  readonly credentialEnv?: Record<string, string>;

  /**
   * Whether callers connect to the `externalName` itself rather than to the Service's in-cluster name. Use it for
   * HTTPS and for TLS clients that check the server's name against its certificate, which names the external host,
   * not the in-cluster alias (an HTTP API behind a CDN also routes by that name).
   *
   * @default false: callers connect to `<name>.<namespace>.svc.cluster.local`
   */
  readonly connectDirectly?: boolean;
}

/** The label an EndpointSlice names its Service by, and the one that keeps the EndpointSlice controller off it. */
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';

/**
 * A service outside the cluster (a managed database such as RDS, Cloud SQL or Supabase, a partner API) as a Service
 * of the stack, so that workloads `connectTo()` it as they do a `WebService`: an ExternalName Service for a DNS name
 * (`externalName`), or a Service without a selector and an EndpointSlice for IP addresses (`addresses`).
 *
 * `connectTo(db)` sets the address variable (`<NAME>_URL`, or the `as`/`envVar` options), passes the `credentials`
 * Secret to the caller, and, in a namespace that denies egress by default, adds the caller's egress rule: to `cidr`,
 * or to the `addresses`, on the service's port; a DNS name cannot be expressed in a NetworkPolicy, so an
 * `externalName` without `cidr` gets egress to every address on that port. No rule is added on the service's side:
 * it has no pods here (`allowFrom()` throws).
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#externalname
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors
 * @example
 * const db = new ExternalService(stack, 'orders-db', {
 *   externalName: 'orders.abc123.eu-west-1.rds.amazonaws.com',
 *   ports: [{ port: 5432, name: 'postgres' }],
 *   cidr: '10.20.0.0/16',
 *   credentials: Secret.fromSecretName(stack, 'orders-db-credentials', 'orders-db-credentials'),
 *   credentialEnv: { PGUSER: 'username', PGPASSWORD: 'password' },
 * });
 * api.connectTo(db); // ORDERS_DB_URL=http://orders-db.shop.svc.cluster.local:5432, PGUSER, PGPASSWORD
 */
export class ExternalService extends Construct implements IServiceEndpoint {
  /** Whether `x` is an `ExternalService`, also across copies of this package. */
  public static isExternalService(x: unknown): x is ExternalService {
    return hasBrand(x, 'ExternalService');
  }

  /** The Service's name (`connectTo()` names its variable after it). */
  public readonly name: string;
  /** The Service's name. */
  public readonly serviceName: string;
  /** The namespace of the Service. */
  public readonly namespace: string;
  /** The DNS name of the service outside the cluster, for an ExternalName Service. */
  public readonly externalName?: string;
  /** The IP addresses of the service outside the cluster, for a Service with an EndpointSlice; else empty. */
  public readonly addresses: readonly string[];
  /** The Service's ports; the first is the main one. `targetPort` is the port at the service itself. */
  public readonly endpointPorts: readonly EndpointPort[];
  /** None: the service has no pods in the cluster. */
  public readonly selectorLabels: Readonly<Record<string, string>> = {};
  /** Where a caller's egress goes: `cidr`, else the `addresses`, else every address (empty). */
  public readonly egressPeers: readonly NetworkPeer[];
  /** The Secret callers get from `connectTo()`, with the variables it sets. */
  public readonly credentials?: ConnectionCredentials;
  /** The Service API object (the escape hatch; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;
  private readonly connectDirectly: boolean;

  constructor(scope: Construct, id: string, props: ExternalServiceProps) {
    super(scope, id);
    const p = isPlainRecord(props) ? props as ExternalServiceProps : ({} as ExternalServiceProps);
    const stack = findStack(this, 'ExternalService');
    const check = new PropChecker(this, 'ExternalService');
    this.name = p.name ?? id;
    this.serviceName = this.name;
    check.name('name', this.name, 'dns1035-label');
    this.namespace = Chart.of(this).namespace ?? 'default';
    const { externalName, addresses, family } = checkTarget(check, p);
    this.externalName = externalName;
    this.addresses = addresses;
    this.endpointPorts = checkEndpointPorts(check, 'ports', p.ports, Array.isArray(p.ports) && isPlainRecord(p.ports[0]) ? `port-${p.ports[0].port}` : 'port');
    if (externalName !== undefined) {
      p.ports?.forEach((x, i) => {
        if (isPlainRecord(x) && x.targetPort !== undefined && x.targetPort !== x.port) {
          check.fail(`ports[${i}].targetPort`, x.targetPort, `the port itself (${x.port}) or nothing: callers reach an externalName on the Service port`);
        }
      });
    }
    if (p.cidr !== undefined && !isCidr(p.cidr)) check.fail('cidr', p.cidr, 'an IPv4 or IPv6 CIDR such as "10.20.0.0/16"');
    this.egressPeers = p.cidr !== undefined ? [NetworkPeer.ipBlock(p.cidr)] : addresses.map((a) => NetworkPeer.ipBlock(`${a}/${isIP(a) === 4 ? 32 : 128}`));
    this.credentials = checkCredentials(check, p.credentials, p.credentialEnv);
    if (p.connectDirectly !== undefined && check.boolean('connectDirectly', p.connectDirectly) && p.connectDirectly && externalName === undefined) {
      check.fail('connectDirectly', p.connectDirectly, 'false or nothing without externalName (addresses are reached through the Service)');
    }
    this.connectDirectly = p.connectDirectly === true;
    const metadata = checkMetadata(check, p, {
      [SERVICE_NAME_LABEL]: 'the EndpointSlice names its Service by it',
      [MANAGED_BY_LABEL]: 'it keeps the EndpointSlice controller from managing the EndpointSlice',
    });
    check.knownKeys('', props, 'ExternalServiceProps');
    check.throwIfInvalid();

    const labels = recommendedLabels(stack, { name: this.name, component: 'external-service' }, metadata.labels);
    const ports = this.endpointPorts;
    this.apiObject = createL1Object(this, 'Resource', 'KubeService', {
      metadata: { name: this.name, labels, annotations: metadata.annotations },
      spec: externalName !== undefined
        ? { type: 'ExternalName', externalName, ports: ports.map((x) => ({ name: x.name, port: x.port, protocol: x.protocol })) }
        : { ports: ports.map((x) => ({ name: x.name, port: x.port, targetPort: IntOrString.fromNumber(x.targetPort), protocol: x.protocol })) },
    });
    this.node.defaultChild = this.apiObject;
    if (externalName === undefined) {
      createL1Object(this, 'EndpointSlice', 'KubeEndpointSlice', {
        metadata: {
          name: `${this.name}-1`,
          labels: { ...labels, [SERVICE_NAME_LABEL]: this.name, [MANAGED_BY_LABEL]: MANAGED_BY },
          annotations: metadata.annotations,
        },
        addressType: family,
        endpoints: addresses.map((a) => ({ addresses: [a] })),
        ports: ports.map((x) => ({ name: x.name, port: x.targetPort, protocol: x.protocol })),
      });
    }
  }

  /**
   * The name callers connect to: the Service's in-cluster DNS name, `<name>.<namespace>.svc.cluster.local`, or the
   * `externalName` itself with `connectDirectly`.
   */
  public get dnsName(): string {
    return this.connectDirectly ? this.externalName! : `${this.serviceName}.${this.namespace}.svc.cluster.local`;
  }

  /** Every API object of the service: the Service, then its EndpointSlice when it has `addresses`. */
  public get apiObjects(): ApiObject[] {
    return apiObjectsOf(this);
  }

  /**
   * Refused: the service runs outside the cluster, so no NetworkPolicy can let traffic into it. `connectTo()` adds
   * the caller's egress rule.
   *
   * @throws PropError always
   */
  public allowFrom(peer: NetworkPeer, _options?: AllowFromOptions): void {
    const check = new PropChecker(this, 'ExternalService');
    check.fail('allowFrom()', peer, `nothing: "${this.name}" runs outside the cluster, where NetworkPolicies do not apply (connectTo() adds the caller's egress rule)`);
    check.throwIfInvalid();
  }

  /** Does nothing: the service runs outside the cluster, where NetworkPolicies do not apply. */
  public allowWhenRestricted(_peer: NetworkPeer, _options?: AllowFromOptions): void {
    return;
  }
}

brand(ExternalService, 'ExternalService');

/** Checks `externalName` and `addresses`: exactly one, a DNS name or IPs of one family the API server accepts. */
function checkTarget(check: PropChecker, p: ExternalServiceProps): { externalName?: string; addresses: string[]; family: string } {
  if ((p.externalName === undefined) === (p.addresses === undefined)) {
    check.fail('externalName', p.externalName, 'either externalName (a DNS name) or addresses (IP addresses), not both and not neither');
    return { addresses: [], family: 'IPv4' };
  }
  if (p.externalName !== undefined) {
    if (isIP(String(p.externalName)) !== 0) check.fail('externalName', p.externalName, 'a DNS name (give an IP address in addresses instead)');
    else check.name('externalName', p.externalName, 'dns1123-subdomain');
    return { externalName: p.externalName, addresses: [], family: 'IPv4' };
  }
  const addresses = p.addresses;
  if (!Array.isArray(addresses) || addresses.length === 0 || addresses.length > 1000) {
    check.fail('addresses', addresses, 'an array of 1 to 1000 IP addresses');
    return { addresses: [], family: 'IPv4' };
  }
  const families = new Set<number>();
  addresses.forEach((a, i) => {
    const family = typeof a === 'string' ? isIP(a) : 0;
    if (family === 0) check.fail(`addresses[${i}]`, a, 'an IPv4 or IPv6 address such as "10.20.0.15"');
    else if (isReservedIp(a)) check.fail(`addresses[${i}]`, a, 'an address the API server accepts for an endpoint: not unspecified, loopback or link-local');
    else families.add(family);
  });
  if (families.size > 1) check.fail('addresses', addresses, 'addresses of one family: all IPv4 or all IPv6 (an EndpointSlice holds one)');
  if (new Set(addresses).size !== addresses.length) check.fail('addresses', addresses, 'addresses without duplicates');
  return { addresses: [...addresses], family: families.has(6) ? 'IPv6' : 'IPv4' };
}

/** Whether the API server refuses `ip` as an endpoint address: unspecified, loopback, link-local (unicast or multicast). */
function isReservedIp(ip: string): boolean {
  if (isIP(ip) === 4) return ip === '0.0.0.0' || ip.startsWith('127.') || ip.startsWith('169.254.') || ip.startsWith('224.0.0.');
  const v6 = ip.toLowerCase();
  return v6 === '::' || v6 === '::1' || /^fe[89ab]/.test(v6) || v6.startsWith('ff02:');
}

function checkCredentials(check: PropChecker, secret: ISecret | undefined, env: Record<string, string> | undefined): ConnectionCredentials | undefined {
  if (secret === undefined) {
    if (env !== undefined) check.fail('credentialEnv', env, 'nothing without credentials (the Secret the variables read)');
    return undefined;
  }
  if (typeof secret?.secretName !== 'string') {
    check.fail('credentials', secret, 'a Secret, SealedSecret, ExternalSecret or Secret.fromSecretName()');
    return undefined;
  }
  if (env === undefined) return { secret };
  if (!isPlainRecord(env) || Object.keys(env).length === 0) {
    check.fail('credentialEnv', env, 'an object { VARIABLE: "secret key" } with at least one variable');
    return undefined;
  }
  for (const [name, key] of Object.entries(env)) {
    check.syntax(`credentialEnv.${name}`, key, isConfigMapKey, 'a key of the credentials Secret');
  }
  return { secret, env: { ...env } };
}
