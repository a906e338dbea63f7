import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { createL1Object, IntOrString, k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { INamespace, namespaceNameOf } from '../core/namespace-ref';
import { IPodSelector } from '../scheduling/pod-affinity';
import { NetworkPeer } from './network-peer';
import { Protocol } from './protocol';

/** A port a NetworkPolicy rule allows. */
export interface NetworkPolicyPort {
  /** The port number, on the pods (a container port, not a Service port). */
  readonly port: number;

  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/** One rule of a NetworkPolicy: traffic with these peers, on these ports. */
export interface NetworkPolicyRule {
  /**
   * The peers. An empty list allows every peer.
   */
  readonly peers: NetworkPeer[];

  /**
   * The ports.
   *
   * @default every port
   */
  readonly ports?: NetworkPolicyPort[];
}

/** Props of a `NetworkPolicy`. */
export interface NetworkPolicyProps extends ConstructMetadataProps {
  /**
   * The policy's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The pods the policy applies to.
   *
   * @default every pod of the namespace
   */
  readonly selector?: IPodSelector;

  /**
   * The namespace the policy lives in, by name or as a `Namespace`.
   *
   * @default the stack's namespace
   */
  readonly namespace?: string | INamespace;

  /**
   * Allowed incoming traffic. When set (even empty), the selected pods accept only what some policy allows. A
   * policy must restrict at least one direction by synthesis.
   *
   * @default ingress is not restricted by this policy (unless `addIngress()` is called)
   */
  readonly ingress?: NetworkPolicyRule[];

  /**
   * Allowed outgoing traffic. When set (even empty), the selected pods may send only what some policy allows.
   *
   * @default egress is not restricted by this policy (unless `addEgress()` is called)
   */
  readonly egress?: NetworkPolicyRule[];

  /**
   * The `app.kubernetes.io/component` label.
   *
   * @default "network-policy"
   */
  readonly component?: string;
}

/** The DNS egress rule: kube-dns (CoreDNS) pods in kube-system, on port 53 over UDP and TCP. @internal */
export const DNS_EGRESS_RULE: NetworkPolicyRule = {
  peers: [NetworkPeer.pods({ selectorLabels: { 'k8s-app': 'kube-dns' } }, 'kube-system')],
  ports: [{ port: 53, protocol: Protocol.UDP }, { port: 53, protocol: Protocol.TCP }],
};

/**
 * Which traffic a set of pods may receive and send (networking.k8s.io/v1). Policies are additive: once a policy
 * selects a pod for a direction, the pod accepts only the traffic some policy allows in that direction.
 *
 * Workloads make theirs with `connectTo()`, `allowFrom()` and `allowTo()`; a namespace's default-deny policy is
 * made by `Namespace`.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * @example
 * new NetworkPolicy(stack, 'allow-monitoring', {
 *   selector: api,
 *   ingress: [{ peers: [NetworkPeer.namespace('monitoring')], ports: [{ port: 9100 }] }],
 * });
 */
export class NetworkPolicy extends Construct {
  /** The policy's name. */
  public readonly name: string;
  /** The NetworkPolicy API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;
  private ingress?: NetworkPolicyRule[];
  private egress?: NetworkPolicyRule[];
  private readonly policyNamespace?: string;

  constructor(scope: Construct, id: string, props: NetworkPolicyProps = {}) {
    super(scope, id);
    const stack = findStack(this, 'NetworkPolicy');
    const check = new PropChecker(this, 'NetworkPolicy');
    this.name = props.name ?? id;
    check.name('name', this.name, 'dns1123-subdomain');
    const namespace = props.namespace === undefined ? undefined : namespaceNameOf(check, 'namespace', props.namespace);
    if (props.selector !== undefined && !isPlainRecord(props.selector?.selectorLabels)) {
      check.fail('selector', props.selector, 'a workload, or an object { selectorLabels }');
    }
    const component = props.component ?? 'network-policy';
    check.labelValue('component', component);
    if (props.ingress !== undefined) props.ingress.forEach((r, i) => checkRule(check, `ingress[${i}]`, r));
    if (props.egress !== undefined) props.egress.forEach((r, i) => checkRule(check, `egress[${i}]`, r));
    const metadata = checkMetadata(check, props);
    check.knownKeys('', props, 'NetworkPolicyProps');
    check.throwIfInvalid();

    this.ingress = props.ingress ? [...props.ingress] : undefined;
    this.egress = props.egress ? [...props.egress] : undefined;
    this.policyNamespace = namespace ?? Chart.of(this).namespace;
    this.node.addValidation({
      validate: () => (this.ingress || this.egress ? [] : [`NetworkPolicy "${this.name}" has neither ingress nor egress rules; pass ingress: [] (or egress: []) to deny all traffic in that direction`]),
    });
    const selector = props.selector;
    this.apiObject = createL1Object(this, 'Resource', 'KubeNetworkPolicy', {
      metadata: { name: this.name, namespace, labels: recommendedLabels(stack, { name: this.name, component }, metadata.labels), annotations: metadata.annotations },
      spec: Lazy.any({
        produce: (): k8s.NetworkPolicySpec => {
          const types = [...(this.ingress ? ['Ingress'] : []), ...(this.egress ? ['Egress'] : [])];
          return {
            podSelector: selector ? { matchLabels: { ...selector.selectorLabels } } : {},
            policyTypes: types,
            ingress: this.ingress?.map((r) => ({ from: this.peers(r), ports: renderPorts(r) })),
            egress: this.egress?.map((r) => ({ to: this.peers(r), ports: renderPorts(r) })),
          };
        },
      }) as unknown as k8s.NetworkPolicySpec,
    });
    this.node.defaultChild = this.apiObject;
  }

  /**
   * Allows more incoming traffic (and restricts ingress to what policies allow, if it was not yet).
   *
   * @throws PropError if the rule is invalid
   */
  public addIngress(rule: NetworkPolicyRule): void {
    const check = new PropChecker(this, 'NetworkPolicy');
    checkRule(check, 'addIngress()', rule);
    check.throwIfInvalid();
    this.ingress = [...(this.ingress ?? []), rule];
  }

  /**
   * Allows more outgoing traffic (and restricts egress to what policies allow, if it was not yet).
   *
   * @throws PropError if the rule is invalid
   */
  public addEgress(rule: NetworkPolicyRule): void {
    const check = new PropChecker(this, 'NetworkPolicy');
    checkRule(check, 'addEgress()', rule);
    check.throwIfInvalid();
    this.egress = [...(this.egress ?? []), rule];
  }

  /** Makes the policy restrict ingress (to what policies allow) without allowing anything yet. */
  public restrictIngress(): void {
    this.ingress = this.ingress ?? [];
  }

  /** Makes the policy restrict egress (to what policies allow) without allowing anything yet. */
  public restrictEgress(): void {
    this.egress = this.egress ?? [];
  }

  /** Whether the policy restricts ingress. */
  public get restrictsIngress(): boolean {
    return this.ingress !== undefined;
  }

  /** Whether the policy restricts egress. */
  public get restrictsEgress(): boolean {
    return this.egress !== undefined;
  }

  private peers(r: NetworkPolicyRule): k8s.NetworkPolicyPeer[] | undefined {
    return r.peers.length > 0 ? r.peers.map((p) => p._render(this.policyNamespace)) : undefined;
  }
}

function checkRule(check: PropChecker, prop: string, r: NetworkPolicyRule): void {
  if (!isPlainRecord(r) || !Array.isArray(r.peers)) {
    check.fail(prop, r, 'an object { peers: NetworkPeer[], ports?: [{ port, protocol? }] }');
    return;
  }
  r.peers.forEach((p, i) => {
    if (!NetworkPeer.isNetworkPeer(p)) check.fail(`${prop}.peers[${i}]`, p, 'NetworkPeer.pods(), namespace(), allNamespaces(), ipBlock() or anyIpv4()');
    else p._check(check, `${prop}.peers[${i}]`);
  });
  if (r.ports !== undefined) {
    if (!Array.isArray(r.ports)) {
      check.fail(`${prop}.ports`, r.ports, 'an array of { port, protocol? }');
      return;
    }
    r.ports.forEach((x, i) => {
      check.port(`${prop}.ports[${i}].port`, x?.port);
      if (x?.protocol !== undefined && !Protocol.isProtocol(x.protocol)) check.fail(`${prop}.ports[${i}].protocol`, x.protocol, 'Protocol.TCP, Protocol.UDP or Protocol.SCTP');
    });
  }
}

function renderPorts(r: NetworkPolicyRule): k8s.NetworkPolicyPort[] | undefined {
  if (!r.ports || r.ports.length === 0) return undefined;
  return r.ports.map((x) => ({ port: IntOrString.fromNumber(x.port), protocol: (x.protocol ?? Protocol.TCP).value }));
}
