import { brand, hasBrand } from '../core/_brand';
import { isPlainRecord, PropChecker } from '../core/_props';

/** Options of the forms of `Address` that name the host (`url()`, `hostPort()`, `host()`). */
export interface HostAddressOptions {
  /**
   * Whether the host is the Service's short name (`cart`, as Compose files and many manifests write it) rather than
   * its full in-cluster DNS name. A short name resolves only from pods of the Service's own namespace: `connectTo()`
   * refuses it for a Service of another namespace, or outside the cluster.
   *
   * @default false: `<service>.<namespace>.svc.cluster.local`
   */
  readonly shortName?: boolean;
}

/** Options of `Address.url()`. */
export interface UrlAddressOptions extends HostAddressOptions {
  /**
   * A path (and query) after the host and port, starting with `/`: `"/orders"`, `"/0"` (a redis database),
   * `"/orders?sslmode=require"`.
   *
   * @default none
   */
  readonly path?: string;
}

/** Options of `address()`. */
export interface AddressOptions {
  /**
   * The Service port the address names.
   *
   * @default the Service's main port
   */
  readonly port?: number;
}

/** The ports a URL leaves out, by scheme: the scheme's own default. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443 };

/** An RFC 3986 scheme, in lower case (as URLs are usually written). */
const SCHEME = /^[a-z][a-z0-9+.-]*$/;

/** What the address looks like: each form of `Address`. */
type AddressForm = 'url' | 'host-port' | 'host' | 'port';

/** The variable-name suffix `connectTo()` uses by default for each form. */
const SUFFIX: Readonly<Record<AddressForm, string>> = { 'url': 'URL', 'host-port': 'ADDR', 'host': 'HOST', 'port': 'PORT' };

/**
 * How a Service's address is written into an environment variable by `connectTo()` (or returned by `address()`):
 * the forms clients expect. The host is always the Service's in-cluster DNS name,
 * `<service>.<namespace>.svc.cluster.local`.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#services
 * @example
 * web.connectTo(cart, { as: Address.hostPort() });                  // CART_ADDR=cart.shop.svc.cluster.local:7070
 * web.connectTo(redis, { env: { REDIS_HOST: Address.host(), REDIS_PORT: Address.port() } });
 * web.connectTo(db, { as: Address.url('postgres', { path: '/orders' }) });
 */
export class Address {
  /** Whether `x` is an `Address`, also across copies of this package. */
  public static isAddress(x: unknown): x is Address {
    return hasBrand(x, 'Address');
  }

  /**
   * A URL, `<scheme>://<host>[:<port>][<path>]`: the port is left out when it is the scheme's default (80 for `http`
   * and `ws`, 443 for `https` and `wss`), and written for every other scheme (`redis://redis.shop.svc.cluster.local:6379`).
   *
   * @param scheme an RFC 3986 scheme in lower case, e.g. `"redis"`, `"postgres"`, `"amqp"`, `"https"` (default `"http"`)
   */
  public static url(scheme = 'http', options: UrlAddressOptions = {}): Address {
    return new Address('url', scheme, options);
  }

  /** `<host>:<port>`, what gRPC clients, redis and most database drivers take. */
  public static hostPort(options: HostAddressOptions = {}): Address {
    return new Address('host-port', undefined, options);
  }

  /** The host alone: `<service>.<namespace>.svc.cluster.local` (or the short name, see `shortName`). */
  public static host(options: HostAddressOptions = {}): Address {
    return new Address('host', undefined, options);
  }

  /** The port alone, e.g. `6379`. */
  public static port(): Address {
    return new Address('port', undefined, {});
  }

  private constructor(
    private readonly form: AddressForm,
    private readonly scheme: string | undefined,
    private readonly options: UrlAddressOptions,
  ) {}

  /** What the address looks like, for messages: `Address.url("redis")`, `Address.hostPort({ shortName: true })`. */
  public toString(): string {
    const given = isPlainRecord(this.options) ? Object.entries(this.options).filter(([, v]) => v !== undefined) : [];
    const options = given.length > 0 ? `{ ${given.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} }` : undefined;
    switch (this.form) {
      case 'url': return `Address.url(${[JSON.stringify(this.scheme), ...(options ? [options] : [])].join(', ')})`;
      case 'host-port': return `Address.hostPort(${options ?? ''})`;
      case 'host': return `Address.host(${options ?? ''})`;
      default: return 'Address.port()';
    }
  }

  /**
   * Whether the host is the Service's short name.
   *
   * @internal
   */
  public get _shortName(): boolean {
    return isPlainRecord(this.options) && this.options.shortName === true;
  }

  /**
   * The suffix of the variable `connectTo()` sets by default: `URL`, `ADDR` (host and port), `HOST` or `PORT`.
   *
   * @internal
   */
  public get _envSuffix(): string {
    return SUFFIX[this.form];
  }

  /**
   * Checks the scheme and path.
   *
   * @internal
   */
  public _check(check: PropChecker, prop: string): boolean {
    if (this.form === 'port') return true;
    if (!isPlainRecord(this.options)) {
      check.fail(`${prop} options`, this.options, this.form === 'url' ? 'an object { path?, shortName? }' : 'an object { shortName? }');
      return false;
    }
    if (this.options.shortName !== undefined && !check.boolean(`${prop}.shortName`, this.options.shortName)) return false;
    if (this.form !== 'url') {
      check.knownKeys(prop, this.options, 'HostAddressOptions');
      return true;
    }
    let ok = true;
    if (typeof this.scheme !== 'string' || !SCHEME.test(this.scheme)) {
      check.fail(`${prop} scheme`, this.scheme, 'an RFC 3986 scheme in lower case: a letter, then letters, digits, "+", "-" or "." (e.g. "redis", "postgres")');
      ok = false;
    }
    check.knownKeys(prop, this.options, 'UrlAddressOptions');
    const path = this.options.path;
    if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/') || /[\s\u0000-\u001f\u007f]/.test(path))) {
      check.fail(`${prop} path`, path, 'a path starting with "/", without spaces or control characters (e.g. "/orders", "/0")');
      ok = false;
    }
    return ok;
  }

  /**
   * The address of `port` of the Service named `dnsName`, in this form.
   *
   * @internal
   */
  public _format(target: { readonly dnsName: string; readonly serviceName: string }, port: { readonly port: number }): string {
    const host = this._shortName ? target.serviceName : target.dnsName;
    switch (this.form) {
      case 'url': {
        const scheme = this.scheme!;
        const hostPort = DEFAULT_PORTS[scheme] === port.port ? host : `${host}:${port.port}`;
        return `${scheme}://${hostPort}${this.options.path ?? ''}`;
      }
      case 'host-port': return `${host}:${port.port}`;
      case 'host': return host;
      default: return String(port.port);
    }
  }
}

brand(Address, 'Address');

/** What an address is made of: a Service's name, DNS name and ports (an `IServiceEndpoint`). @internal */
export interface AddressTarget<P extends { readonly port: number }> {
  readonly serviceName: string;
  readonly dnsName: string;
  readonly endpointPorts: readonly P[];
}

/**
 * The port of `target` that `port` names (its main port when undefined), or undefined after recording a problem at
 * `prop`.
 *
 * @internal
 */
export function endpointPortOf<P extends { readonly port: number }>(check: PropChecker, prop: string, target: AddressTarget<P>, port: number | undefined): P | undefined {
  const ports = target.endpointPorts;
  const found = port === undefined ? ports[0] : ports.find((p) => p.port === port);
  if (!found) check.fail(prop, port, `one of the Service ports of "${target.serviceName}": ${ports.map((p) => p.port).join(', ')}`);
  return found;
}

/**
 * `target`'s address in `form` (default `Address.url()`), at `options.port`: what `address()` returns. Problems are
 * thrown as one PropError of the checker's construct.
 *
 * @internal
 */
export function addressOf(check: PropChecker, target: AddressTarget<{ readonly port: number }>, form: Address | undefined, options: AddressOptions | undefined): string {
  const f = form ?? Address.url();
  if (!Address.isAddress(f)) check.fail('address() form', f, 'Address.url(), Address.hostPort(), Address.host() or Address.port()');
  if (options !== undefined && !isPlainRecord(options)) check.fail('address() options', options, 'an object { port? }');
  const ok = Address.isAddress(f) && f._check(check, 'address() form');
  const port = endpointPortOf(check, 'address() port', target, isPlainRecord(options) ? options.port as number | undefined : undefined);
  check.throwIfInvalid();
  return ok && port ? f._format(target, port) : '';
}
