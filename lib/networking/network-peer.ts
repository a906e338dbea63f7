import { brand, hasBrand } from '../core/_brand';
import { k8s } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { INamespace, namespaceName, namespaceNameOf } from '../core/namespace-ref';
import { IPodSelector } from '../scheduling/pod-affinity';
import { isCidr } from './service-type';

/** The label every namespace carries with its own name (set by the API server). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

type Source =
  | { kind: 'pods'; selector: IPodSelector; namespace?: string | INamespace }
  | { kind: 'namespace'; namespace?: string | INamespace }
  | { kind: 'ipBlock'; cidr: string; except: string[] };

/**
 * The other side of a NetworkPolicy rule: pods (of a workload, in any namespace), every pod of a namespace, or an
 * IP range.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
 * @example
 * api.allowFrom(NetworkPeer.namespace('monitoring'), { port: 9100 });
 * api.allowTo(NetworkPeer.ipBlock('10.20.0.0/16'), { port: 5432 });
 */
export class NetworkPeer {
  /** Whether `x` is a `NetworkPeer`, also across copies of this package. */
  public static isNetworkPeer(x: unknown): x is NetworkPeer {
    return hasBrand(x, 'NetworkPeer');
  }

  /**
   * The pods of a workload (or any `{ selectorLabels }`), in `namespace` (default: the policy's namespace).
   *
   * @param namespace the pods' namespace, by name or as a `Namespace` (`Namespace.fromNamespaceName()` for one
   * defined elsewhere)
   */
  public static pods(selector: IPodSelector, namespace?: string | INamespace): NetworkPeer {
    return new NetworkPeer({ kind: 'pods', selector, namespace });
  }

  /**
   * Every pod of a namespace.
   *
   * @param namespace the namespace, by name or as a `Namespace` (`Namespace.fromNamespaceName()` for one defined
   * elsewhere)
   */
  public static namespace(namespace: string | INamespace): NetworkPeer {
    return new NetworkPeer({ kind: 'namespace', namespace });
  }

  /** Every pod of every namespace (for example an ingress controller, wherever it runs). */
  public static allNamespaces(): NetworkPeer {
    return new NetworkPeer({ kind: 'namespace' });
  }

  /** An IP range (CIDR), minus `except`; for traffic from or to outside the cluster. */
  public static ipBlock(cidr: string, except: string[] = []): NetworkPeer {
    return new NetworkPeer({ kind: 'ipBlock', cidr, except });
  }

  /** Any IPv4 address. */
  public static anyIpv4(): NetworkPeer {
    return NetworkPeer.ipBlock('0.0.0.0/0');
  }

  private constructor(private readonly source: Source) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    const s = this.source;
    if (s.kind === 'pods') {
      const labels = s.selector?.selectorLabels;
      if (!labels || typeof labels !== 'object' || Object.keys(labels).length === 0) check.fail(prop, s.selector, 'a workload, or an object { selectorLabels }');
    }
    if (s.kind !== 'ipBlock' && s.namespace !== undefined) namespaceNameOf(check, `${prop} namespace`, s.namespace);
    if (s.kind === 'ipBlock') {
      if (!isCidr(s.cidr)) check.fail(`${prop} cidr`, s.cidr, 'an IPv4 or IPv6 CIDR such as "10.0.0.0/8"');
      for (const e of s.except) if (!isCidr(e)) check.fail(`${prop} except`, e, 'an IPv4 or IPv6 CIDR');
    }
  }

  /** Renders the peer as seen from a policy in `policyNamespace`. @internal */
  public _render(policyNamespace: string | undefined): k8s.NetworkPolicyPeer {
    const s = this.source;
    const nsSelector = (ns: string | undefined): k8s.LabelSelector | undefined => (ns === undefined ? {} : { matchLabels: { [NAMESPACE_NAME_LABEL]: ns } });
    switch (s.kind) {
      case 'pods': {
        const namespace = namespaceName(s.namespace);
        return {
          podSelector: { matchLabels: { ...s.selector.selectorLabels } },
          namespaceSelector: namespace !== undefined && namespace !== policyNamespace ? nsSelector(namespace) : undefined,
        };
      }
      case 'namespace':
        return { namespaceSelector: nsSelector(namespaceName(s.namespace)) };
      case 'ipBlock':
        return { ipBlock: { cidr: s.cidr, except: s.except.length > 0 ? [...s.except] : undefined } };
    }
  }
}

brand(NetworkPeer, 'NetworkPeer');
