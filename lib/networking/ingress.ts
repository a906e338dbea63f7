import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ISecret } from '../config/secret';
import { createL1Object, k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { Provider } from '../providers/provider';
import { NetworkPeer } from './network-peer';
import { PathType } from './path-type';
import { IServiceEndpoint } from './service-endpoint';

/** One path of an Ingress rule. */
export interface IngressPath {
  /**
   * The request path, starting with "/".
   *
   * @default "/"
   */
  readonly path?: string;

  /**
   * How the path matches.
   *
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;

  /** The service that receives the requests: a `WebService` or `StatefulService` of the same namespace. */
  readonly backend: IServiceEndpoint;

  /**
   * The backend's Service port.
   *
   * @default the backend's main port
   */
  readonly port?: number;
}

/** The paths of one host. */
export interface IngressRule {
  /**
   * The host name, e.g. `shop.example.com` or `*.example.com`.
   *
   * @default every host
   */
  readonly host?: string;

  /** The paths, most specific first (the controller picks the longest match). */
  readonly paths: IngressPath[];
}

/** TLS for some hosts, from a Secret of type `kubernetes.io/tls`. */
export interface IngressTls {
  /** The hosts the certificate covers. */
  readonly hosts: string[];
  /** The Secret holding `tls.crt` and `tls.key` (e.g. made by cert-manager). */
  readonly secret: ISecret;
}

/** Props of an `Ingress`. */
export interface IngressProps extends ConstructMetadataProps {
  /**
   * The Ingress's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /** The host and path rules. */
  readonly rules: IngressRule[];

  /**
   * TLS termination.
   *
   * @default none: plain HTTP
   */
  readonly tls?: IngressTls[];

  /**
   * The IngressClass (which controller serves it).
   *
   * @default the provider's default ingress class (see `Provider`), else the cluster's default IngressClass
   */
  readonly ingressClassName?: string;

  /**
   * Where the ingress controller's pods run, so that backends whose ingress is restricted still accept its traffic.
   *
   * @default NetworkPeer.allNamespaces()
   */
  readonly controllerPeer?: NetworkPeer;
}

const HOST_RE = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * HTTP(S) routing from outside the cluster to services, by host and path (networking.k8s.io/v1), with TLS from a
 * Secret. Backends keep accepting the controller's traffic when their ingress is restricted by NetworkPolicies.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
 * @example
 * new Ingress(stack, 'shop', {
 *   rules: [{ host: 'shop.example.com', paths: [{ path: '/api', backend: api }, { path: '/', backend: web }] }],
 *   tls: [{ hosts: ['shop.example.com'], secret: Secret.fromSecretName(stack, 'tls', 'shop-tls') }],
 * });
 */
export class Ingress extends Construct {
  /** The Ingress's name. */
  public readonly name: string;
  /** The Ingress API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: IngressProps) {
    super(scope, id);
    const p = props ?? ({} as IngressProps);
    const stack = findStack(this, 'Ingress');
    const check = new PropChecker(this, 'Ingress');
    this.name = p.name ?? id;
    check.name('name', this.name, 'dns1123-subdomain');
    const namespace = Chart.of(this).namespace;
    const rules: k8s.IngressRule[] = [];
    const backends: Array<[IServiceEndpoint, number]> = [];
    if (!Array.isArray(p.rules) || p.rules.length === 0) {
      check.fail('rules', p.rules, 'a non-empty array of { host?, paths }');
    } else {
      p.rules.forEach((r, i) => {
        const prop = `rules[${i}]`;
        if (!isPlainRecord(r) || !Array.isArray(r.paths) || r.paths.length === 0) {
          check.fail(prop, r, 'an object { host?, paths: [{ path?, backend, port? }] } with at least one path');
          return;
        }
        if (r.host !== undefined) checkHost(check, `${prop}.host`, r.host);
        const paths: k8s.HttpIngressPath[] = [];
        r.paths.forEach((x, j) => {
          const where = `${prop}.paths[${j}]`;
          const path = x?.path ?? '/';
          if (typeof path !== 'string' || !path.startsWith('/') || /\s/.test(path)) check.fail(`${where}.path`, path, 'a path starting with "/" and containing no spaces');
          const pathType = x?.pathType ?? PathType.PREFIX;
          if (!PathType.isPathType(pathType)) check.fail(`${where}.pathType`, pathType, 'PathType.PREFIX, PathType.EXACT or PathType.IMPLEMENTATION_SPECIFIC');
          const b = x?.backend;
          if (!b || !Array.isArray(b.endpointPorts)) {
            check.fail(`${where}.backend`, b, 'a WebService or StatefulService');
            return;
          }
          if (b.namespace !== namespace) check.fail(`${where}.backend`, b.name, `a service in the Ingress's namespace "${namespace}" (it is in "${b.namespace}")`);
          const port = x.port === undefined ? b.endpointPorts[0] : b.endpointPorts.find((e) => e.port === x.port);
          if (!port) {
            check.fail(`${where}.port`, x.port, `one of the Service ports of "${b.serviceName}": ${b.endpointPorts.map((e) => e.port).join(', ')}`);
            return;
          }
          backends.push([b, port.targetPort]);
          paths.push({ path, pathType: (pathType as PathType).value, backend: { service: { name: b.serviceName, port: { number: port.port } } } });
        });
        rules.push({ host: r.host, http: { paths } });
      });
    }
    const tls: k8s.IngressTls[] = [];
    if (p.tls !== undefined) {
      if (!Array.isArray(p.tls)) {
        check.fail('tls', p.tls, 'an array of { hosts, secret }');
      } else {
        const ruleHosts = new Set((p.rules ?? []).map((r) => r?.host));
        p.tls.forEach((t, i) => {
          if (!isPlainRecord(t) || !Array.isArray(t.hosts) || t.hosts.length === 0 || typeof t.secret?.secretName !== 'string') {
            check.fail(`tls[${i}]`, t, 'an object { hosts: [at least one host], secret: a Secret or Secret.fromSecretName() }');
            return;
          }
          t.hosts.forEach((h, j) => {
            if (checkHost(check, `tls[${i}].hosts[${j}]`, h) && !ruleHosts.has(h)) {
              check.fail(`tls[${i}].hosts[${j}]`, h, `a host of one of the rules (${[...ruleHosts].filter(Boolean).join(', ') || 'none'})`);
            }
          });
          tls.push({ hosts: [...t.hosts], secretName: t.secret.secretName });
        });
      }
    }
    if (p.ingressClassName !== undefined) check.name('ingressClassName', p.ingressClassName, 'dns1123-subdomain');
    const metadata = checkMetadata(check, p);
    if (p.controllerPeer !== undefined && !NetworkPeer.isNetworkPeer(p.controllerPeer)) check.fail('controllerPeer', p.controllerPeer, 'a NetworkPeer');
    check.knownKeys('', props, 'IngressProps');
    check.throwIfInvalid();

    const peer = p.controllerPeer ?? NetworkPeer.allNamespaces();
    for (const [b, targetPort] of backends) b.allowWhenRestricted(peer, { ports: [{ port: targetPort }] });
    const ingressClassName = p.ingressClassName ?? Provider.of(this).ingressClassName;
    this.apiObject = createL1Object(this, 'Resource', 'KubeIngress', {
      metadata: { name: this.name, labels: recommendedLabels(stack, { name: this.name, component: 'ingress' }, metadata.labels), annotations: metadata.annotations },
      spec: Lazy.any({
        produce: (): k8s.IngressSpec => ({ ingressClassName, rules, tls: tls.length > 0 ? tls : undefined }),
      }) as unknown as k8s.IngressSpec,
    });
    this.node.defaultChild = this.apiObject;
  }
}

function checkHost(check: PropChecker, prop: string, host: unknown): boolean {
  if (typeof host !== 'string' || host.length > 253 || !HOST_RE.test(host)) {
    check.fail(prop, host, 'a lower-case DNS name such as "shop.example.com", optionally starting with "*."');
    return false;
  }
  return true;
}
