import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { uniqueId } from '../core/_construct-id';
import { isPlainRecord, PropChecker } from '../core/_props';
import { checkMetadata, ConstructMetadataProps, ObjectMetadata } from '../core/metadata';
import { Address, addressOf, AddressOptions } from '../networking/address';
import { NetworkPeer } from '../networking/network-peer';
import { Protocol } from '../networking/protocol';
import { AllowFromOptions, EndpointPort, IServiceEndpoint } from '../networking/service-endpoint';
import { ServiceType } from '../networking/service-type';
import { createObject } from './_k8s-json';
import { checkServiceType, existingService, renderServiceSpec, serviceAnnotations, ServicePortSpec } from './_service';

/** One port of a Service added to a workload with `addService()`. */
export interface WorkloadServicePort {
  /** The port the Service exposes, e.g. `80`. */
  readonly port: number;

  /**
   * The name of the workload's port the traffic goes to (its `portName`, or the name of one of its `extraPorts`).
   *
   * @default the workload's main port
   */
  readonly targetPort?: string;

  /**
   * The port's name in the Service: an IANA service name.
   *
   * @default the name of the target port
   */
  readonly name?: string;

  /**
   * The node port, for NodePort and LoadBalancer Services: within 30000-32767.
   *
   * @default the `nodePort` of a `ServiceType.nodePort()` for the first port, else one picked by the API server
   */
  readonly nodePort?: number;
}

/** Options of `addService()`: another Service in front of a workload's pods. */
export interface AddServiceOptions extends ConstructMetadataProps {
  /**
   * The Service's name: a DNS-1035 label (it becomes a DNS name), unique among the Services of the namespace.
   * `addService()` also uses it as the construct id.
   */
  readonly name: string;

  /**
   * How the Service is reached.
   *
   * @default ServiceType.clusterIp()
   */
  readonly type?: ServiceType;

  /**
   * The ports the Service exposes, each to one of the workload's ports.
   *
   * @default every port of the workload, on the Service ports of its main Service
   */
  readonly ports?: WorkloadServicePort[];
}

/** Props of a `WorkloadService`. */
export interface WorkloadServiceProps extends Omit<AddServiceOptions, 'name'> {
  /** The workload whose pods the Service selects: a `WebService` or a `StatefulService`, in the same namespace. */
  readonly workload: IServiceEndpoint;

  /**
   * The Service's name: a DNS-1035 label, unique among the Services of the namespace.
   *
   * @default the construct id
   */
  readonly name?: string;
}

/** What a `WorkloadService` reads of its workload besides `IServiceEndpoint`. */
interface ServiceWorkloadInternals {
  _serviceMetadata(): ObjectMetadata;
}

/**
 * Another Service in front of a service workload's pods, beside its main one: a public LoadBalancer next to the
 * ClusterIP Service that other workloads call, say. Usually made by `web.addService({ name, type, ports })`.
 *
 * It is an `IServiceEndpoint`, so `connectTo()` and an `Ingress` take it like the workload. Its rules are the
 * workload's: `allowFrom()` and `allowWhenRestricted()` go to the workload's NetworkPolicy, and a LoadBalancer or
 * NodePort Service keeps accepting traffic from anywhere on its target ports whenever the workload's ingress is
 * restricted (by a `connectTo()`, an `allowFrom()` or a default-deny namespace), as the main Service does.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @example
 * const frontend = new WebService(stack, 'frontend', { image: 'ghcr.io/acme/frontend:1.4.0', resources });
 * frontend.addService({ name: 'frontend-external', type: ServiceType.loadBalancer(), ports: [{ port: 80 }] });
 */
export class WorkloadService extends Construct implements IServiceEndpoint {
  /** Whether `x` is a `WorkloadService`, also across copies of this package. */
  public static isWorkloadService(x: unknown): x is WorkloadService {
    return hasBrand(x, 'WorkloadService');
  }

  /** The workload whose pods the Service selects. */
  public readonly workload: IServiceEndpoint;
  /** The Service's name (`connectTo()` names its variable after it: `<NAME>_URL`). */
  public readonly name: string;
  /** The Service's name. */
  public readonly serviceName: string;
  /** The namespace of the Service and its workload. */
  public readonly namespace: string;
  /** How the Service is reached. */
  public readonly serviceType: ServiceType;
  /** The labels the Service selects its pods by: the workload's. */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  private readonly ports: ServicePortSpec[];

  constructor(scope: Construct, id: string, props: WorkloadServiceProps) {
    super(scope, uniqueId(scope, id, 'WorkloadService'));
    const check = new PropChecker(this, 'WorkloadService');
    const p = isPlainRecord(props) ? props as WorkloadServiceProps : ({} as WorkloadServiceProps);
    if (!isPlainRecord(props)) check.fail('props', props, 'an object { workload, name?, type?, ports?, metadata? }');
    const w = p.workload;
    if (!hasBrand(w, 'ServiceWorkload')) {
      check.fail('workload', w, 'a WebService or StatefulService');
      check.throwIfInvalid();
    }
    this.workload = w;
    this.selectorLabels = { ...w.selectorLabels };
    this.namespace = Chart.of(this).namespace ?? 'default';
    if (this.namespace !== w.namespace) check.fail('workload', w.name, `a workload of namespace "${this.namespace}", where the Service is (it is in "${w.namespace}")`);
    this.name = p.name ?? id;
    this.serviceName = this.name;
    if (check.name(p.name === undefined ? 'name (defaults to the id)' : 'name', this.name, 'dns1035-label')) {
      const taken = existingService(this, this.namespace, this.name);
      if (taken !== undefined) check.fail('name', this.name, `a Service name not used in namespace "${this.namespace}" (the Service at ${taken} has it)`);
    }
    this.serviceType = checkServiceType(check, 'type', p.type);
    const reserved: Record<string, string> = {};
    for (const key of Object.keys(this.selectorLabels)) reserved[key] = 'the workload selects its pods by it, so it cannot be changed here';
    const own = checkMetadata(check, p, reserved);
    this.ports = checkPorts(check, p.ports, w.endpointPorts, this.serviceType);
    const inherited = (w as unknown as ServiceWorkloadInternals)._serviceMetadata();
    const annotations = serviceAnnotations(this, check, 'type', this.serviceType, { ...inherited.annotations, ...own.annotations });
    check.knownKeys('', props, 'WorkloadServiceProps');
    check.throwIfInvalid();

    const obj = createObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: this.serviceName, labels: { ...inherited.labels, ...own.labels }, annotations },
      spec: () => renderServiceSpec(this.serviceType, this.selectorLabels, this.ports, false),
    });
    this.node.defaultChild = obj;
    if (this.serviceType.type !== 'ClusterIP') {
      w.allowWhenRestricted(NetworkPeer.anyIpv4(), { ports: this.targetPorts() });
    }
  }

  /** The Service (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of(service)`). */
  public get apiObject(): ApiObject {
    return this.node.defaultChild as ApiObject;
  }

  /** The Service's ports; the first is the main one. */
  public get endpointPorts(): EndpointPort[] {
    return this.ports.map((x) => ({ name: x.name, port: x.servicePort, targetPort: x.containerPort, protocol: x.protocol }));
  }

  /** The Service's in-cluster DNS name, `<serviceName>.<namespace>.svc.cluster.local`. */
  public get dnsName(): string {
    return `${this.serviceName}.${this.namespace}.svc.cluster.local`;
  }

  /**
   * The Service's address in one of the forms `connectTo()` writes (`Address.url()`, `Address.hostPort()`, ...).
   *
   * @throws PropError if the form is invalid or the port is not one of the Service's
   */
  public address(form: Address = Address.url(), options: AddressOptions = {}): string {
    return addressOf(new PropChecker(this, 'WorkloadService'), this, form, options);
  }

  /** Allows incoming traffic from `peer` to the workload's pods (the workload's `allowFrom()`). */
  public allowFrom(peer: NetworkPeer, options?: AllowFromOptions): void {
    this.workload.allowFrom(peer, { ports: options?.ports ?? this.targetPorts() });
  }

  /** Allows incoming traffic from `peer` whenever the workload's ingress is restricted (the workload's `allowWhenRestricted()`). */
  public allowWhenRestricted(peer: NetworkPeer, options?: AllowFromOptions): void {
    this.workload.allowWhenRestricted(peer, { ports: options?.ports ?? this.targetPorts() });
  }

  /** The container ports the Service sends traffic to, as NetworkPolicy ports. */
  private targetPorts() {
    const seen = new Set<string>();
    const out = [];
    for (const x of this.ports) {
      const key = `${x.containerPort}/${x.protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ port: x.containerPort, protocol: x.protocol === 'UDP' ? Protocol.UDP : x.protocol === 'SCTP' ? Protocol.SCTP : Protocol.TCP });
    }
    return out;
  }
}

brand(WorkloadService, 'WorkloadService');

/** The Service's ports: each checked against the workload's ports, names and Service ports unique per protocol. */
function checkPorts(check: PropChecker, ports: unknown, targets: readonly EndpointPort[], type: ServiceType): ServicePortSpec[] {
  const typeNodePort = type._options.nodePort;
  if (ports === undefined) {
    return targets.map((t, i) => ({
      name: t.name, servicePort: t.port, containerPort: t.targetPort, protocol: t.protocol, nodePort: i === 0 ? typeNodePort : undefined,
    }));
  }
  const shape = 'an object { port, targetPort?, name?, nodePort? }';
  if (!Array.isArray(ports) || ports.length === 0) {
    check.fail('ports', ports, `a non-empty array of ${shape}`);
    return [];
  }
  const out: ServicePortSpec[] = [];
  ports.forEach((x: unknown, i) => {
    const prop = `ports[${i}]`;
    if (!isPlainRecord(x)) {
      check.fail(prop, x, shape);
      return;
    }
    const p = x as unknown as WorkloadServicePort;
    check.port(`${prop}.port`, p.port);
    const target = p.targetPort === undefined ? targets[0] : targets.find((t) => t.name === p.targetPort);
    if (!target) {
      check.fail(`${prop}.targetPort`, p.targetPort, `the name of one of the workload's ports: ${targets.map((t) => t.name).join(', ')}`);
      return;
    }
    if (p.name !== undefined) check.portName(`${prop}.name`, p.name);
    const nodePort = p.nodePort ?? (i === 0 ? typeNodePort : undefined);
    if (p.nodePort !== undefined) {
      if (type.type === 'ClusterIP') check.fail(`${prop}.nodePort`, p.nodePort, 'no node port: the service type is ClusterIP');
      else check.integer(`${prop}.nodePort`, p.nodePort, 30000, 32767);
    }
    out.push({ name: p.name ?? target.name, servicePort: p.port, containerPort: target.targetPort, protocol: target.protocol, nodePort });
  });
  const unique = (key: (x: ServicePortSpec) => string | undefined, what: string) => {
    const keys = new Set<string>();
    out.forEach((x) => {
      const k = key(x);
      if (k === undefined) return;
      if (keys.has(k)) check.fail('ports', k, `${what} not already used in the Service`);
      keys.add(k);
    });
  };
  unique((x) => x.name, 'a port name');
  unique((x) => `${x.servicePort}/${x.protocol}`, 'a Service port and protocol');
  unique((x) => (x.nodePort === undefined ? undefined : String(x.nodePort)), 'a node port');
  return out;
}
