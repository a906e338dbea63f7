import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { isPlainRecord } from '../core/_props';
import { ObjectMetadata } from '../core/metadata';
import { Address, addressOf, AddressOptions } from '../networking/address';
import { Protocol } from '../networking/protocol';
import { ServiceType } from '../networking/service-type';
import { NetworkPeer } from '../networking/network-peer';
import { NetworkPolicyPort } from '../networking/network-policy';
import { Protocol as ProtocolClass } from '../networking/protocol';
import { EndpointPort, IServiceEndpoint } from '../networking/service-endpoint';
import { TrafficDistribution } from '../networking/traffic-distribution';
import { ContainerPortSpec } from './_container';
import { checkServiceType, renderServiceSpec, serviceAnnotations, ServicePortSpec } from './_service';
import { createObject, ServiceSpecAdditions, withFields } from './_k8s-json';
import { requireVersion } from './_version-gate';
import { Probe } from './probe';
import { ReplicatedWorkload } from './replicated-workload';
import { ReplicatedWorkloadProps } from './workload-props';
import { AddServiceOptions, WorkloadService } from './workload-service';

/** An additional port of a service. */
export interface PortMapping {
  /** The port's name, unique in the service: an IANA service name such as `"metrics"` or `"grpc"`. */
  readonly name: string;

  /** The port the container listens on. */
  readonly port: number;

  /**
   * The port the Service exposes.
   *
   * @default the container port
   */
  readonly servicePort?: number;

  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;

  /**
   * The node port, for NodePort and LoadBalancer services: within 30000-32767.
   *
   * @default one picked by the API server
   */
  readonly nodePort?: number;

  /**
   * Whether the workload's Service exposes the port. `false`: the container declares it, but only the pod's own
   * address serves it (a metrics port Prometheus scrapes from the pods, say): no Service port, and it is not opened
   * to the Service's callers or, for a LoadBalancer or NodePort Service, to any address.
   *
   * @default true
   */
  readonly expose?: boolean;
}

/** What every workload with a Service (`WebService`, `StatefulService`) says about its ports and Service. */
export interface ServiceWorkloadProps extends ReplicatedWorkloadProps {
  /**
   * The port the container listens on (the main port: probes and the Service target it).
   *
   * @default 8080
   */
  readonly port?: number;

  /**
   * The main port's name, on the container and the Service: an IANA service name.
   *
   * @default "http"
   */
  readonly portName?: string;

  /**
   * The port the Service exposes for the main port.
   *
   * @default the container port
   */
  readonly servicePort?: number;

  /**
   * The main port's protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;

  /**
   * More ports, each exposed by the container and the Service.
   *
   * @default none
   */
  readonly extraPorts?: PortMapping[];

  /**
   * The probe that decides whether a pod receives traffic.
   *
   * @default Probe.tcp() on the main port
   */
  readonly readinessProbe?: Probe;

  /**
   * The probe that decides whether a container is restarted. Keep it cheaper and more lenient than readiness.
   *
   * @default Probe.tcp({ initialDelaySeconds: 10 }) on the main port: a container whose port stays closed for
   * about 40 seconds after it starts is restarted
   */
  readonly livenessProbe?: Probe;

  /**
   * How the Service is reached.
   *
   * @default ServiceType.clusterIp()
   */
  readonly serviceType?: ServiceType;

  /**
   * The Service's name: a DNS-1035 label (it becomes a DNS name, `<serviceName>.<namespace>.svc`).
   *
   * @default the workload's name
   */
  readonly serviceName?: string;

  /**
   * Whether the Service's ports target the container ports by their names (`targetPort: http`, as Helm charts
   * write them) rather than by their numbers: the same ports either way.
   *
   * @default false: by number
   */
  readonly targetPortsByName?: boolean;
}

type ServicePort = ContainerPortSpec & ServicePortSpec;

/**
 * A replicated workload reached through a Service (`WebService`, `StatefulService`): it owns the ports and the
 * Service, and tells other workloads how to reach it (`serviceName`, `dnsName`, `url`).
 */
export abstract class ServiceWorkload extends ReplicatedWorkload implements IServiceEndpoint {
  /** Whether `x` is a workload with a Service, also across copies of this package. */
  public static isServiceWorkload(x: unknown): x is ServiceWorkload {
    return hasBrand(x, 'ServiceWorkload');
  }

  /** The Service's name. */
  public readonly serviceName: string;
  /** The main container port. */
  public readonly port: number;
  /** The Service port of the main port. */
  public readonly servicePort: number;
  /** How the Service is reached. */
  public readonly serviceType: ServiceType;
  private _service?: ApiObject;

  /** The ports of the Service, the main one first. @internal */
  protected readonly _ports: ServicePort[];
  /** The container ports no Service port targets (`expose: false`). */
  private readonly podOnlyPorts: ContainerPortSpec[] = [];
  private readonly readinessProbe?: Probe;
  private readonly livenessProbe?: Probe;
  private readonly serviceAnnotations?: Record<string, string>;
  private readonly targetPortsByName: boolean;

  protected constructor(scope: Construct, id: string, constructType: string, props: ServiceWorkloadProps,
    options: { defaultComponent: string; defaultReplicas: number; spreadMatchLabelKeys: readonly string[] }) {
    super(scope, id, constructType, props, options);
    const p = props;
    const check = this._check;
    this.serviceName = p.serviceName ?? this.name;
    if (p.serviceName !== undefined) {
      check.name('serviceName', p.serviceName, 'dns1035-label');
    } else if (!check.hasProblem('name')) {
      check.name('serviceName (defaults to name)', this.serviceName, 'dns1035-label');
    }
    this.targetPortsByName = p.targetPortsByName === true;
    if (p.targetPortsByName !== undefined) check.boolean('targetPortsByName', p.targetPortsByName);
    this.port = p.port ?? 8080;
    check.port('port', this.port);
    this.servicePort = p.servicePort ?? this.port;
    if (p.servicePort !== undefined) check.port('servicePort', p.servicePort);
    const portName = p.portName ?? 'http';
    check.portName('portName', portName);
    const protocol = p.protocol ?? Protocol.TCP;
    if (!Protocol.isProtocol(protocol)) check.fail('protocol', protocol, 'Protocol.TCP, Protocol.UDP or Protocol.SCTP');

    const serviceType = checkServiceType(check, 'serviceType', p.serviceType);
    this.serviceType = serviceType;
    this.serviceAnnotations = serviceAnnotations(this, check, 'serviceType', serviceType, this._metadata.annotations);

    this._ports = [{
      name: portName,
      containerPort: this.port,
      servicePort: this.servicePort,
      protocol: Protocol.isProtocol(protocol) ? protocol.value : 'TCP',
      nodePort: serviceType._options.nodePort,
    }];
    this.checkExtraPorts(p.extraPorts);
    this.readinessProbe = this._probe('readinessProbe', p.readinessProbe, Probe.tcp());
    this.livenessProbe = this._probe('livenessProbe', p.livenessProbe, Probe.tcp({ initialDelaySeconds: 10 }));
  }

  /**
   * Creates the pod template of a service: its ports, the readiness and liveness probes (TCP on the main port by
   * default), the startup probe and the spread.
   *
   * @internal
   */
  protected _createServicePod(props: ServiceWorkloadProps): void {
    this._createPod(props, {
      ports: [...this._ports, ...this.podOnlyPorts],
      readinessProbe: this.readinessProbe,
      livenessProbe: this.livenessProbe,
      startupProbe: this._probe('startupProbe', props.startupProbe, undefined),
      spread: this._spread,
    });
  }

  /** The Service (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`). */
  public get service(): ApiObject {
    return this._service!;
  }

  /** The Service's ports; the first is the main one. */
  public get endpointPorts(): EndpointPort[] {
    return this._ports.map((x) => ({ name: x.name, port: x.servicePort, targetPort: x.containerPort, protocol: x.protocol }));
  }

  /** Every container port the Service targets. @internal */
  protected _defaultIngressPorts(): NetworkPolicyPort[] {
    return this._ports.map((x) => ({ port: x.containerPort, protocol: x.protocol === 'UDP' ? ProtocolClass.UDP : x.protocol === 'SCTP' ? ProtocolClass.SCTP : ProtocolClass.TCP }));
  }

  /**
   * Network rules every service gets: a service exposed outside the cluster (LoadBalancer, NodePort) accepts
   * traffic from anywhere on its ports once its ingress is restricted (from the start in a default-deny
   * namespace).
   *
   * @internal
   */
  protected _setUpNetworkRules(): void {
    if (this.serviceType.type !== 'ClusterIP') this.allowWhenRestricted(NetworkPeer.anyIpv4(), { ports: this._defaultIngressPorts() });
  }

  /**
   * Adds another Service in front of the workload's pods, beside its main one (`service`): a public
   * `ServiceType.loadBalancer()` on port 80 next to the ClusterIP Service, say. The result is an `IServiceEndpoint`
   * that `connectTo()` and an `Ingress` take; a LoadBalancer or NodePort Service keeps accepting traffic from anywhere
   * on its target ports whenever the workload's ingress is restricted.
   *
   * @throws PropError if the name is not a DNS-1035 label or is taken in the namespace, or a port is invalid
   */
  public addService(options: AddServiceOptions): WorkloadService {
    const name = isPlainRecord(options) && typeof options.name === 'string' ? options.name : undefined;
    if (name === undefined) {
      const check = this._newCheck();
      check.fail('addService() name', isPlainRecord(options) ? options.name : options, 'the Service\'s name: a DNS-1035 label such as "frontend-external"');
      check.throwIfInvalid();
    }
    if (name === this.serviceName) {
      const check = this._newCheck();
      check.fail('addService() name', name, `another name than the workload's main Service ("${this.serviceName}")`);
      check.throwIfInvalid();
    }
    return new WorkloadService(this, name!, { ...options, workload: this });
  }

  /** The Services added with `addService()`, in the order they were added. */
  public get addedServices(): WorkloadService[] {
    return this.node.children.filter((c): c is WorkloadService => WorkloadService.isWorkloadService(c));
  }

  /**
   * The labels and annotations a Service added with `addService()` starts from: the workload's.
   *
   * @internal
   */
  public _serviceMetadata(): ObjectMetadata {
    return { labels: this._labels(), annotations: this._metadata.annotations };
  }

  /** @internal */
  protected _isOwnService(target: IServiceEndpoint): boolean {
    return WorkloadService.isWorkloadService(target) && (target.workload as unknown) === this;
  }

  /** The Service's in-cluster DNS name, `<serviceName>.<namespace>.svc.cluster.local`. */
  public get dnsName(): string {
    return `${this.serviceName}.${this.namespace}.svc.cluster.local`;
  }

  /** The main port's in-cluster URL, `http://<dnsName>` (with `:<servicePort>` unless it is 80). */
  public get url(): string {
    return this.address(Address.url());
  }

  /**
   * The Service's address in one of the forms `connectTo()` writes, for `addEnv()` or a config file: `svc.address(
   * Address.hostPort())` is `<dnsName>:<servicePort>`.
   *
   * @param form the form of the address
   * @throws PropError if the form is invalid or the port is not one of the Service's
   */
  public address(form: Address = Address.url(), options: AddressOptions = {}): string {
    return addressOf(this._newCheck(), this, form, options);
  }

  /**
   * Creates the Service (construct id `Service`), headless for a StatefulSet's stable pod names.
   *
   * @internal
   */
  protected _createService(labels: Record<string, string>, headless: boolean, trafficDistribution?: TrafficDistribution): void {
    this._setUpNetworkRules();
    this._service = createObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: this.serviceName, labels, annotations: this.serviceAnnotations },
      spec: () => withFields<ServiceSpecAdditions>(renderServiceSpec(this.serviceType, this.selectorLabels, this._ports, headless, this.targetPortsByName), { trafficDistribution: trafficDistribution?.value }),
    });
  }

  /**
   * Checks a `trafficDistribution` prop against the target Kubernetes version.
   *
   * @internal
   */
  protected _checkTrafficDistribution(value: unknown): TrafficDistribution | undefined {
    if (value === undefined) return undefined;
    if (!TrafficDistribution.isTrafficDistribution(value)) {
      this._check.fail('trafficDistribution', value, 'TrafficDistribution.preferClose(), TrafficDistribution.preferSameZone() or TrafficDistribution.preferSameNode()');
      return undefined;
    }
    const feature = { minimum: value.minimumKubernetesVersion, what: value._what };
    const instead = value.value === 'PreferClose' ? 'nothing' : 'TrafficDistribution.preferClose() (from 1.31)';
    return requireVersion(this._check, this.kubernetesVersion, feature, 'trafficDistribution', value.toString(), instead) ? value : undefined;
  }

  private checkExtraPorts(extraPorts: PortMapping[] | undefined): void {
    const check = this._check;
    if (extraPorts === undefined) return;
    if (!Array.isArray(extraPorts)) {
      check.fail('extraPorts', extraPorts, 'an array of { name, port, servicePort?, protocol?, nodePort?, expose? }');
      return;
    }
    extraPorts.forEach((x, i) => {
      const prop = `extraPorts[${i}]`;
      if (!isPlainRecord(x)) {
        check.fail(prop, x, 'an object { name, port, servicePort?, protocol?, nodePort?, expose? }');
        return;
      }
      check.knownKeys(prop, x, 'PortMapping');
      check.portName(`${prop}.name`, x.name);
      check.port(`${prop}.port`, x.port);
      if (x.servicePort !== undefined) check.port(`${prop}.servicePort`, x.servicePort);
      if (x.protocol !== undefined && !Protocol.isProtocol(x.protocol)) check.fail(`${prop}.protocol`, x.protocol, 'Protocol.TCP, Protocol.UDP or Protocol.SCTP');
      if (x.nodePort !== undefined) {
        if (this.serviceType.type === 'ClusterIP') {
          check.fail(`${prop}.nodePort`, x.nodePort, 'no node port: the service type is ClusterIP');
        } else {
          check.integer(`${prop}.nodePort`, x.nodePort, 30000, 32767);
        }
      }
      const protocol = Protocol.isProtocol(x.protocol) ? x.protocol.value : 'TCP';
      if (x.expose !== undefined && typeof x.expose !== 'boolean') check.fail(`${prop}.expose`, x.expose, 'true or false');
      if (x.expose === false) {
        for (const k of ['servicePort', 'nodePort'] as const) {
          if (x[k] !== undefined) check.fail(`${prop}.${k}`, x[k], 'nothing: the port is not exposed by the Service (expose: false)');
        }
        this.podOnlyPorts.push({ name: x.name, containerPort: x.port, protocol });
        return;
      }
      this._ports.push({ name: x.name, containerPort: x.port, servicePort: x.servicePort ?? x.port, protocol, nodePort: x.nodePort });
    });
    const all: Array<ContainerPortSpec & Partial<ServicePortSpec>> = [...this._ports, ...this.podOnlyPorts];
    const seen = (key: (x: ContainerPortSpec & Partial<ServicePortSpec>) => string, what: string, prop: string) => {
      const keys = new Set<string>();
      for (const x of all) {
        const k = key(x);
        if (keys.has(k)) check.fail('extraPorts', k, `${what} not already used (${prop})`);
        keys.add(k);
      }
    };
    seen((x) => x.name, 'a port name', 'port names must be unique');
    seen((x) => `${x.containerPort}/${x.protocol}`, 'a container port and protocol', 'each container port once per protocol');
    seen((x) => (x.servicePort !== undefined ? `${x.servicePort}/${x.protocol}` : `none-${x.name}`), 'a Service port and protocol', 'each Service port once per protocol');
    seen((x) => (x.nodePort !== undefined ? String(x.nodePort) : `none-${x.name}`), 'a node port', 'each node port once');
  }
}

brand(ServiceWorkload, 'ServiceWorkload');
