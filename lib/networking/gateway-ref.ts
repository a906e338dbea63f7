import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { markExternal } from '../core/_external';
import { isPlainRecord, PropChecker } from '../core/_props';

/**
 * A Gateway (gateway.networking.k8s.io) that routes attach to: usually run by the platform team, outside the app.
 * `Gateway.fromGatewayName()` refers to one by name; a class of your own may implement it.
 */
export interface IGateway {
  /** The Gateway's name. */
  readonly gatewayName: string;

  /** The Gateway's namespace. */
  readonly namespace: string;

  /**
   * The name of the Gateway listener the routes attach to (`https`, say).
   *
   * @default every listener of the Gateway that accepts the route
   */
  readonly sectionName?: string;
}

/** What `Gateway.fromGatewayName()` knows of a Gateway. */
export interface GatewayAttributes {
  /** The Gateway's name: a DNS-1123 subdomain. */
  readonly gatewayName: string;

  /**
   * The Gateway's namespace. Its listeners must allow routes from the route's namespace (`allowedRoutes`).
   *
   * @default the namespace of the stack it is imported in
   */
  readonly namespace?: string;

  /**
   * The name of the listener routes attach to: a DNS-1123 subdomain.
   *
   * @default every listener of the Gateway that accepts the route
   */
  readonly sectionName?: string;
}

/**
 * A Gateway defined outside the app (the cluster's shared Gateway), imported by name so that an `HttpRoute`
 * attaches to it. It is a declared external reference: validation does not report it as missing.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/gateway/
 * @example
 * const gateway = Gateway.fromGatewayName(stack, 'public', { gatewayName: 'public', namespace: 'gateway-system', sectionName: 'https' });
 * new HttpRoute(stack, 'shop', { gateways: [gateway], hostnames: ['shop.example.com'], rules: [{ backends: [{ backend: web }] }] });
 */
export class Gateway extends Construct implements IGateway {
  /** Whether `x` is a `Gateway` imported with `fromGatewayName()`, also across copies of this package. */
  public static isGateway(x: unknown): x is Gateway {
    return hasBrand(x, 'Gateway');
  }

  /**
   * Refers to a Gateway defined outside the app, by name.
   *
   * @throws PropError if the name, namespace or section name is invalid
   */
  public static fromGatewayName(scope: Construct, id: string, attributes: GatewayAttributes): IGateway {
    return new Gateway(scope, id, attributes);
  }

  /** The Gateway's name. */
  public readonly gatewayName: string;
  /** The Gateway's namespace. */
  public readonly namespace: string;
  /** The listener routes attach to, when given. */
  public readonly sectionName?: string;

  private constructor(scope: Construct, id: string, attributes: GatewayAttributes) {
    super(scope, id);
    const check = new PropChecker(this, 'Gateway.fromGatewayName()');
    const a = isPlainRecord(attributes) ? attributes as GatewayAttributes : ({} as GatewayAttributes);
    if (!isPlainRecord(attributes)) check.fail('attributes', attributes, 'an object { gatewayName, namespace?, sectionName? }');
    this.gatewayName = a.gatewayName;
    check.name('gatewayName', a.gatewayName, 'dns1123-subdomain');
    if (a.namespace !== undefined) check.name('namespace', a.namespace, 'dns1123-label');
    const chart = this.node.scopes.find((c): c is Chart => Chart.isChart(c));
    this.namespace = a.namespace ?? chart?.namespace ?? '';
    if (this.namespace === '' && a.namespace === undefined) check.fail('namespace', undefined, 'the Gateway\'s namespace (imported outside a stack with a namespace, it has none to default to)');
    if (a.sectionName !== undefined) check.name('sectionName', a.sectionName, 'dns1123-subdomain');
    this.sectionName = a.sectionName;
    check.knownKeys('', attributes, 'GatewayAttributes');
    check.throwIfInvalid();
    markExternal(this, { kind: 'Gateway', name: this.gatewayName });
  }
}

brand(Gateway, 'Gateway');
