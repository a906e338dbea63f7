import { IConstruct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { inheritedValues, setInherited } from '../core/_inherited';
import type { PropChecker } from '../core/_props';

/** Options every provider profile takes, overriding its defaults. */
export interface ProviderOptions {
  /**
   * The StorageClass of persistent volumes that name none.
   *
   * @default the profile's: gp2 (EKS), standard-rwo (GKE), managed-csi (AKS), do-block-storage (DigitalOcean),
   * local-path (k3s), none (generic: the cluster's default StorageClass)
   */
  readonly storageClassName?: string;

  /**
   * The IngressClass of Ingresses that name none.
   *
   * @default the profile's: alb (EKS), gce (GKE), webapprouting.kubernetes.azure.com (AKS), nginx (DigitalOcean),
   * traefik (k3s), none (generic: the cluster's default IngressClass)
   */
  readonly ingressClassName?: string;
}

interface Profile {
  readonly name: string;
  readonly storageClassName?: string;
  readonly ingressClassName?: string;
  readonly external: Record<string, string>;
  readonly internal?: Record<string, string>;
}

const PROVIDER_KEY = 'provider';

/**
 * A managed Kubernetes offering: the LoadBalancer annotations (internal or internet-facing), the default storage
 * class and the default ingress class differ from one to the next. Set one on the `PlatformApp` or an `AppStack`
 * (`provider: Provider.eks()`); every construct below uses it, so switching clusters is one line.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#internal-load-balancer
 * @example
 * const app = new PlatformApp({ provider: Provider.gke() });
 * new WebService(stack, 'admin', { ..., serviceType: ServiceType.loadBalancer({ internal: true }) });
 */
export class Provider {
  /**
   * Amazon EKS with the AWS Load Balancer Controller: NLBs in IP mode, internet-facing or internal.
   *
   * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/
   */
  public static eks(options: ProviderOptions = {}): Provider {
    const lb = (scheme: string) => ({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': scheme,
    });
    return new Provider({ name: 'eks', storageClassName: 'gp2', ingressClassName: 'alb', external: lb('internet-facing'), internal: lb('internal') }, options);
  }

  /**
   * Google GKE.
   *
   * @see https://cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters
   */
  public static gke(options: ProviderOptions = {}): Provider {
    return new Provider({
      name: 'gke', storageClassName: 'standard-rwo', ingressClassName: 'gce',
      external: {}, internal: { 'networking.gke.io/load-balancer-type': 'Internal' },
    }, options);
  }

  /**
   * Azure AKS (with the application routing add-on for ingress).
   *
   * @see https://learn.microsoft.com/azure/aks/internal-lb
   */
  public static aks(options: ProviderOptions = {}): Provider {
    return new Provider({
      name: 'aks', storageClassName: 'managed-csi', ingressClassName: 'webapprouting.kubernetes.azure.com',
      external: {}, internal: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
    }, options);
  }

  /**
   * DigitalOcean Kubernetes (DOKS).
   *
   * @see https://docs.digitalocean.com/products/kubernetes/how-to/configure-load-balancers/
   */
  public static digitalOcean(options: ProviderOptions = {}): Provider {
    return new Provider({
      name: 'digitalocean', storageClassName: 'do-block-storage', ingressClassName: 'nginx',
      external: {}, internal: { 'service.beta.kubernetes.io/do-loadbalancer-network': 'INTERNAL' },
    }, options);
  }

  /**
   * k3s: ServiceLB exposes LoadBalancer services on the nodes' addresses (there is no internal load balancer),
   * local-path volumes, Traefik ingress.
   *
   * @see https://docs.k3s.io/networking/networking-services
   */
  public static k3s(options: ProviderOptions = {}): Provider {
    return new Provider({ name: 'k3s', storageClassName: 'local-path', ingressClassName: 'traefik', external: {} }, options);
  }

  /** Any conformant cluster: no annotations, the cluster's default storage and ingress classes. The default. */
  public static generic(options: ProviderOptions = {}): Provider {
    return new Provider({ name: 'generic', external: {} }, options);
  }

  /** The provider in effect at `scope`: the nearest one set above it, else `Provider.generic()`. */
  public static of(scope: IConstruct): Provider {
    return inheritedValues<Provider>(scope, PROVIDER_KEY)[0] ?? Provider.generic();
  }

  /**
   * Sets the provider of every construct defined below `scope` (what the `provider` prop of `PlatformApp` and
   * `AppStack` does; grouping constructs such as environments can do the same).
   */
  public static use(scope: IConstruct, provider: Provider): void {
    setInherited(scope, PROVIDER_KEY, provider);
  }

  /** Whether `x` is a `Provider`, also across copies of this package. */
  public static isProvider(x: unknown): x is Provider {
    return hasBrand(x, 'Provider');
  }

  /** The profile's name, e.g. `eks`. */
  public readonly name: string;
  /** The StorageClass of volumes that name none, if the profile has one. */
  public readonly storageClassName?: string;
  /** The IngressClass of Ingresses that name none, if the profile has one. */
  public readonly ingressClassName?: string;
  private readonly profile: Profile;
  /** The options object given to the factory, whose keys are checked. */
  private readonly options: ProviderOptions;

  private constructor(profile: Profile, options: ProviderOptions) {
    this.profile = profile;
    this.options = options;
    this.name = profile.name;
    this.storageClassName = options.storageClassName ?? profile.storageClassName;
    this.ingressClassName = options.ingressClassName ?? profile.ingressClassName;
  }

  /** Refuses the keys of the factory's options that `ProviderOptions` does not declare. @internal */
  public _check(check: PropChecker, prop: string): void {
    check.knownKeys(prop, this.options, 'ProviderOptions');
  }

  /** Whether the provider can make a load balancer reachable only from inside the network. */
  public get supportsInternalLoadBalancer(): boolean {
    return this.profile.internal !== undefined;
  }

  /**
   * The annotations of a LoadBalancer Service.
   *
   * @throws if `internal` is asked of a provider without internal load balancers
   * @internal
   */
  public _loadBalancerAnnotations(internal: boolean): Record<string, string> {
    if (internal && !this.profile.internal) throw new Error(`provider ${this.name} has no internal load balancer`);
    return { ...(internal ? this.profile.internal : this.profile.external) };
  }
}

brand(Provider, 'Provider');
