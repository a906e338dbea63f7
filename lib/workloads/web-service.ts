import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { recommendedLabels } from '../core/labels';
import { Protocol } from '../networking/protocol';
import { ServiceType } from '../networking/service-type';
import { ContainerPortSpec, PodTemplate } from './_pod-template';
import { createDeployment, resolveDeploymentProps } from './_deployment';
import { Probe } from './probe';
import { Workload } from './workload';
import { DeploymentWorkloadProps } from './workload-props';

/** An additional port of a `WebService`. */
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
}

/** Props of a `WebService`. */
export interface WebServiceProps extends DeploymentWorkloadProps {
  /**
   * How many pods run. Two keep the service up while a node drains or a pod restarts.
   *
   * @default 2
   */
  readonly replicas?: number;

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
}

const WEB_SERVICE = Symbol.for('cdk8s-platform.WebService');

/**
 * A long-running HTTP (or TCP, gRPC) service: a Deployment and the Service in front of it.
 *
 * Production defaults: two replicas, zero-downtime rolling updates, readiness and liveness probes, pods that pass
 * the "restricted" Pod Security Standard with a read-only root filesystem, no Kubernetes API token, and selectors
 * on stable labels only. The Deployment and the Service are public (`deployment`, `service`) as the escape hatch.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @example
 * new WebService(stack, 'api-server', {
 *   image: 'myregistry/api:v2.4.1',
 *   replicas: 3,
 *   port: 3000,
 *   servicePort: 80,
 *   serviceType: ServiceType.loadBalancer(),
 *   resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
 *   env: { DATABASE_URL: EnvValue.fromSecret(Secret.fromSecretName(stack, 'db', 'db-secret'), 'url') },
 * });
 */
export class WebService extends Workload {
  /** Whether `x` is a `WebService`, also across copies of this package. */
  public static isWebService(x: unknown): x is WebService {
    return x !== null && typeof x === 'object' && WEB_SERVICE in x;
  }

  /** The Service's name. */
  public readonly serviceName: string;
  /** The main container port. */
  public readonly port: number;
  /** The Service port of the main port. */
  public readonly servicePort: number;
  /** The labels the Deployment and the Service select pods by. */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** The Deployment (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`). */
  public readonly deployment: ApiObject;
  /** The Service (the escape hatch). */
  public readonly service: ApiObject;

  /** @internal */
  protected readonly _pod: PodTemplate;
  private readonly serviceType: ServiceType;
  private readonly ports: Array<ContainerPortSpec & { servicePort: number; nodePort?: number }>;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    const p = props ?? ({} as WebServiceProps);
    super(scope, id, 'WebService', p.name);
    Object.defineProperty(this, WEB_SERVICE, { value: true });
    const check = new PropChecker(this, 'WebService');
    check.name('name', this.name, 'dns1123-label');
    this.serviceName = p.serviceName ?? this.name;
    if (p.serviceName !== undefined) {
      check.name('serviceName', p.serviceName, 'dns1035-label');
    } else if (!check.hasProblem('name')) {
      check.name('serviceName (defaults to name)', this.serviceName, 'dns1035-label');
    }
    const component = p.component ?? 'server';
    check.labelValue('component', component);

    const replicas = p.replicas ?? 2;
    check.integer('replicas', replicas, 0);

    this.port = p.port ?? 8080;
    check.port('port', this.port);
    this.servicePort = p.servicePort ?? this.port;
    if (p.servicePort !== undefined) check.port('servicePort', p.servicePort);
    const portName = p.portName ?? 'http';
    check.portName('portName', portName);
    const protocol = p.protocol ?? Protocol.TCP;
    if (!(protocol instanceof Protocol)) check.fail('protocol', protocol, 'Protocol.TCP, Protocol.UDP or Protocol.SCTP');

    this.serviceType = p.serviceType ?? ServiceType.clusterIp();
    if (!(this.serviceType instanceof ServiceType)) {
      check.fail('serviceType', this.serviceType, 'ServiceType.clusterIp(), ServiceType.nodePort() or ServiceType.loadBalancer()');
      this.serviceType = ServiceType.clusterIp();
    } else {
      this.serviceType._check(check, 'serviceType');
    }

    this.ports = [{
      name: portName,
      containerPort: this.port,
      servicePort: this.servicePort,
      protocol: protocol instanceof Protocol ? protocol.value : 'TCP',
      nodePort: this.serviceType._options.nodePort,
    }];
    this.checkExtraPorts(check, p.extraPorts);

    const { strategy, selectorLabels } = resolveDeploymentProps(check, this._stack, this.name, p);
    this.selectorLabels = selectorLabels;

    this._pod = new PodTemplate(check, p, {
      stack: this._stack,
      name: this.name,
      component,
      selector: { ...this.selectorLabels },
      ports: this.ports,
      readinessProbe: this._probe(check, 'readinessProbe', p.readinessProbe, Probe.tcp()),
      livenessProbe: this._probe(check, 'livenessProbe', p.livenessProbe, Probe.tcp({ initialDelaySeconds: 10 })),
    });
    check.throwIfInvalid();

    const labels = {
      ...recommendedLabels(this._stack, { name: this.name, component, version: this._pod.version }),
      ...p.labels,
    };
    this.deployment = createDeployment(this, this.name, labels, { replicas, selector: selectorLabels, strategy, pod: this._pod });
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: {
        name: this.serviceName,
        labels,
        annotations: this.serviceType._options.annotations,
      },
      spec: Lazy.any({ produce: () => this.renderServiceSpec() }) as unknown as k8s.ServiceSpec,
    });
  }

  private checkExtraPorts(check: PropChecker, extraPorts: PortMapping[] | undefined): void {
    if (extraPorts === undefined) return;
    if (!Array.isArray(extraPorts)) {
      check.fail('extraPorts', extraPorts, 'an array of { name, port, servicePort?, protocol?, nodePort? }');
      return;
    }
    extraPorts.forEach((x, i) => {
      const prop = `extraPorts[${i}]`;
      if (!isPlainRecord(x)) {
        check.fail(prop, x, 'an object { name, port, servicePort?, protocol?, nodePort? }');
        return;
      }
      check.portName(`${prop}.name`, x.name);
      check.port(`${prop}.port`, x.port);
      if (x.servicePort !== undefined) check.port(`${prop}.servicePort`, x.servicePort);
      if (x.protocol !== undefined && !(x.protocol instanceof Protocol)) check.fail(`${prop}.protocol`, x.protocol, 'Protocol.TCP, Protocol.UDP or Protocol.SCTP');
      if (x.nodePort !== undefined) {
        if (this.serviceType.type === 'ClusterIP') {
          check.fail(`${prop}.nodePort`, x.nodePort, 'no node port: the service type is ClusterIP');
        } else {
          check.integer(`${prop}.nodePort`, x.nodePort, 30000, 32767);
        }
      }
      this.ports.push({
        name: x.name,
        containerPort: x.port,
        servicePort: x.servicePort ?? x.port,
        protocol: x.protocol instanceof Protocol ? x.protocol.value : 'TCP',
        nodePort: x.nodePort,
      });
    });
    const seen = (key: (x: (typeof this.ports)[number]) => string, what: string, prop: string) => {
      const keys = new Set<string>();
      for (const x of this.ports) {
        const k = key(x);
        if (keys.has(k)) check.fail('extraPorts', k, `${what} not already used (${prop})`);
        keys.add(k);
      }
    };
    seen((x) => x.name, 'a port name', 'port names must be unique');
    seen((x) => `${x.containerPort}/${x.protocol}`, 'a container port and protocol', 'each container port once per protocol');
    seen((x) => `${x.servicePort}/${x.protocol}`, 'a Service port and protocol', 'each Service port once per protocol');
    seen((x) => (x.nodePort !== undefined ? String(x.nodePort) : `none-${x.name}`), 'a node port', 'each node port once');
  }

  private renderServiceSpec(): k8s.ServiceSpec {
    const type = this.serviceType.type;
    const o = this.serviceType._options;
    return {
      type,
      selector: { ...this.selectorLabels },
      ports: this.ports.map((x) => ({
        name: x.name,
        port: x.servicePort,
        targetPort: k8s.IntOrString.fromNumber(x.containerPort),
        protocol: x.protocol,
        nodePort: type === 'ClusterIP' ? undefined : x.nodePort,
      })),
      externalTrafficPolicy: type === 'ClusterIP' || o.preserveClientIp === undefined ? undefined : (o.preserveClientIp ? 'Local' : 'Cluster'),
      loadBalancerSourceRanges: type === 'LoadBalancer' && o.sourceRanges ? [...o.sourceRanges] : undefined,
    };
  }
}

