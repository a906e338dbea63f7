import { LoadBalancerOptions, ServiceType } from '../lib';

/**
 * Where an environment's cluster runs, which decides how its public services are exposed.
 */
export class Provider {
  /** A local cluster (kind, minikube): no cloud load balancer, so public services get node ports. */
  public static local(): Provider {
    return new Provider('local', () => ServiceType.nodePort());
  }

  /** A cloud whose controller provisions a load balancer for a plain `LoadBalancer` Service (the seed's setup). */
  public static cloud(): Provider {
    return new Provider('cloud', (options) => ServiceType.loadBalancer(options));
  }

  /** AWS with the AWS Load Balancer Controller: an internet-facing network load balancer per public service. */
  public static aws(): Provider {
    return new Provider('aws', (options) => ServiceType.loadBalancer({
      ...options,
      annotations: {
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
        'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
        ...options.annotations,
      },
    }));
  }

  private constructor(
    /** The provider's name, for messages. */
    public readonly name: string,
    private readonly publicService: (options: LoadBalancerOptions) => ServiceType,
  ) {}

  /** The Service type of a service reachable from outside the cluster. */
  public publicServiceType(options: LoadBalancerOptions = {}): ServiceType {
    return this.publicService(options);
  }
}
