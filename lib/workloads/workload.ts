import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { uniqueId } from '../core/_construct-id';
import { isPlainRecord, PropChecker } from '../core/_props';
import { defaultSelector, findStack, PlatformAnnotations, recommendedLabels, StackLabelSource } from '../core/labels';
import { markCapacity } from '../core/_capacity';
import { PlatformError } from '../core/errors';
import { externalReferenceOf } from '../core/external-reference';
import { kubernetesVersionOf } from '../core/kubernetes-version';
import { apiObjectsOf, checkMetadata, ObjectMetadata } from '../core/metadata';
import { Address, endpointPortOf } from '../networking/address';
import { NetworkPeer } from '../networking/network-peer';
import { DNS_EGRESS_RULE, NetworkPolicy, NetworkPolicyPort, NetworkPolicyRule } from '../networking/network-policy';
import { Protocol } from '../networking/protocol';
import { AllowFromOptions, IServiceEndpoint } from '../networking/service-endpoint';
import { IPodSelector } from '../scheduling/pod-affinity';
import { ContainerBuilder } from './_container';
import { PodTemplate, PodTemplateConfig } from './_pod-template';
import { ContainerSpec } from './container';
import { EnvFrom, EnvValue } from './env';
import { Mount } from './mount';
import { Probe } from './probe';
import { WorkloadDefaults, workloadDefaultsOf } from './workload-defaults';
import { WorkloadProps } from './workload-props';

/** Options of `connectTo()`. */
export interface ConnectOptions {
  /**
   * The target's Service port to connect to.
   *
   * @default the target's main port
   */
  readonly port?: number;

  /**
   * The form of the address written into `envVar`: `Address.url()` (`http://<host>[:port]`), `Address.url('redis')`,
   * `Address.hostPort()` (`<host>:<port>`), `Address.host()` or `Address.port()`. Not with `env`.
   *
   * @default Address.url()
   */
  readonly as?: Address;

  /**
   * The environment variable that receives the address. Not with `env`.
   *
   * @default `<TARGET_NAME>_` and `URL`, `ADDR` (`Address.hostPort()`), `HOST` or `PORT` after the form of `as`:
   * `SHOP_API_URL`, `CART_ADDR`
   */
  readonly envVar?: string;

  /**
   * Several variables from one call, each with its form: `{ REDIS_HOST: Address.host(), REDIS_PORT: Address.port() }`.
   * Instead of `envVar` and `as`.
   *
   * @default one variable, `envVar`, in the form `as`
   */
  readonly env?: Record<string, Address>;

  /**
   * The containers that receive the variables, by name: the main container (its name is the workload's
   * `containerName`), sidecars and init containers (a `wait-for` init container, say).
   *
   * @default the main container only
   */
  readonly containers?: string[];
}

/** Options of `allowTo()`. */
export interface AllowToOptions {
  /**
   * The ports the traffic may go to.
   *
   * @default every port
   */
  readonly ports?: NetworkPolicyPort[];
}

/**
 * What every workload construct (`WebService`, `Worker`, `StatefulService`, `Job`, `CronTask`) offers: its name,
 * the labels its pods are selected by, and methods that add environment variables, mounts, init containers and
 * sidecars after construction. It owns the pod template.
 */
export abstract class Workload extends Construct implements IPodSelector {
  /** Whether `x` is a workload, also across copies of this package. */
  public static isWorkload(x: unknown): x is Workload {
    return hasBrand(x, 'Workload');
  }

  /** The workload's name. */
  public readonly name: string;
  /** The workload's `app.kubernetes.io/component` label. */
  public readonly component: string;
  /** The namespace the workload runs in. */
  public readonly namespace: string;
  /** The labels the workload selects its pods by. */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /**
   * The Kubernetes version the workload renders for (`"1.33"`): the `kubernetesVersion` of its Environment or
   * PlatformApp. Props that need a later version are refused when the workload is created.
   */
  public readonly kubernetesVersion: string;

  /** The labels and annotations of the `metadata` prop, as checked. @internal */
  protected readonly _metadata: ObjectMetadata;
  /** @internal */
  protected readonly _stack: StackLabelSource;
  /** @internal */
  protected readonly _check: PropChecker;
  /** @internal */
  protected readonly _defaults: WorkloadDefaults;
  /** @internal */
  protected _pod!: PodTemplate;
  private readonly constructType: string;
  private _networkPolicy?: NetworkPolicy;
  private _apiObject?: ApiObject;
  private readonly standingIngress: NetworkPolicyRule[] = [];
  /** The target ports (`<port>/<protocol>`) of each service `connectTo()` has wired network rules for. */
  private readonly connections = new Map<IServiceEndpoint, Set<string>>();
  /** The main container's probes switched off with `Probe.none()`. */
  private readonly noneProbes: Array<'readinessProbe' | 'livenessProbe'> = [];

  protected constructor(scope: Construct, id: string, constructType: string, props: WorkloadProps,
    options: { defaultComponent: string; selectorLabels?: Record<string, string> }) {
    super(scope, uniqueId(scope, id, constructType));
    this.constructType = constructType;
    this._stack = findStack(this, constructType);
    this.namespace = Chart.of(this).namespace ?? 'default';
    this._defaults = workloadDefaultsOf(this);
    this.kubernetesVersion = kubernetesVersionOf(this);
    const check = new PropChecker(this, constructType);
    this._check = check;
    this.name = props.name ?? id;
    check.name('name', this.name, 'dns1123-label');
    this.component = props.component ?? options.defaultComponent;
    check.labelValue('component', this.component);
    const sel = options.selectorLabels;
    if (sel !== undefined && check.labels('selectorLabels', sel) && Object.keys(sel).length === 0) {
      check.fail('selectorLabels', sel, 'at least one label (an empty selector would match every pod in the namespace)');
    }
    this.selectorLabels = sel ?? defaultSelector(this._stack, this.name);
    const reserved: Record<string, string> = {};
    // A label the selector uses may be repeated with the selector's value (as adopted manifests often do), not changed.
    const given = isPlainRecord(props.metadata) && isPlainRecord(props.metadata.labels) ? props.metadata.labels : {};
    for (const [key, value] of Object.entries(this.selectorLabels)) {
      if (given[key] !== value) reserved[key] = `the workload selects its pods by it (selectorLabels), so it cannot be other than "${value}" here`;
    }
    this._metadata = checkMetadata(check, props, reserved);
    if (props.rolloutOnConfigChange !== undefined) check.boolean('rolloutOnConfigChange', props.rolloutOnConfigChange);
    markCapacity(this, () => {
      const pods = this._podCounts();
      return {
        kind: constructType, name: this.name, namespace: this.namespace, ...pods,
        requests: this._pod.podRequests(), limits: this._pod.podLimits(),
      };
    });
  }

  /** A new checker of props given after construction (to methods). @internal */
  protected _newCheck(): PropChecker {
    return new PropChecker(this, this.constructType);
  }

  /** How many pods the workload runs at its lowest and highest scale, and its rollout surge. @internal */
  protected abstract _podCounts(): { minPods: number; maxPods: number; surgePods: number };

  /**
   * The workload's main API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`): the
   * Deployment of a `WebService` or `Worker`, the StatefulSet of a `StatefulService`, the Job of a `Job`, the
   * CronJob of a `CronTask`. It is also the construct's `node.defaultChild`, so `ApiObject.of(workload)` returns it.
   */
  public get apiObject(): ApiObject {
    return this._apiObject!;
  }

  /**
   * Every API object the workload and its children created, the main one (`apiObject`) first: its Service,
   * NetworkPolicy, PodDisruptionBudget and HorizontalPodAutoscaler, including those added after construction
   * (by `allowFrom()`, `connectTo()`, `autoscale()`).
   */
  public get apiObjects(): ApiObject[] {
    return apiObjectsOf(this);
  }

  /**
   * Sets the workload's main API object: `apiObject` and the construct's default child.
   *
   * @internal
   */
  protected _setApiObject(obj: ApiObject): void {
    this._apiObject = obj;
    this.node.defaultChild = obj;
    this.annotateProbesOff();
  }

  /** Marks the probes switched off with `Probe.none()` on the main object, for the `probes-set` rule. */
  private annotateProbesOff(): void {
    const value = this._pod?.probesOffAnnotation();
    if (value !== undefined && this._apiObject) this._apiObject.metadata.addAnnotation(PlatformAnnotations.PROBES_OFF, value);
  }

  /**
   * The `metadata` prop of a construct the workload creates beside its main object (its NetworkPolicy,
   * disruption budget, autoscaler): `labels`, and the annotations of the workload's `metadata` prop.
   *
   * @internal
   */
  protected _childMetadata(labels: Record<string, string> | undefined): ObjectMetadata {
    return { labels, annotations: this._metadata.annotations };
  }

  /**
   * Adds an environment variable to the main container.
   *
   * @throws PropError if the name is invalid or already set
   */
  public addEnv(name: string, value: string | EnvValue): void {
    const check = new PropChecker(this, this.constructType);
    this._pod.addEnv(check, name, value);
    check.throwIfInvalid();
  }

  /** Adds every key of a ConfigMap or Secret as environment variables of the main container. */
  public addEnvFrom(source: EnvFrom): void {
    const check = new PropChecker(this, this.constructType);
    this._pod.addEnvFrom(check, source);
    check.throwIfInvalid();
  }

  /**
   * Mounts a volume into the main container.
   *
   * @throws PropError if the path is invalid or already mounted
   */
  public addMount(mount: Mount): void {
    const check = new PropChecker(this, this.constructType);
    this._pod.addMount(check, mount);
    check.throwIfInvalid();
  }

  /**
   * Adds a container that runs to completion before the main container starts; init containers run in the order
   * they are added. The workload's secure defaults apply to it.
   *
   * @throws PropError if the spec is invalid or its name is taken
   */
  public addInitContainer(spec: ContainerSpec): void {
    const check = new PropChecker(this, this.constructType);
    this._pod.addInitContainer(check, `addInitContainer("${spec?.name}")`, spec);
    check.throwIfInvalid();
  }

  /**
   * Adds a container that runs beside the main container for the pod's whole life (a proxy, a log shipper).
   * The workload's secure defaults apply to it.
   *
   * @throws PropError if the spec is invalid or its name is taken
   */
  public addSidecar(spec: ContainerSpec): void {
    const check = new PropChecker(this, this.constructType);
    this._pod.addSidecar(check, `addSidecar("${spec?.name}")`, spec);
    check.throwIfInvalid();
    this.annotateProbesOff();
  }

  /** The NetworkPolicy of the workload's pods, once a rule has been added (`connectTo()`, `allowFrom()`, `allowTo()`). */
  public get networkPolicy(): NetworkPolicy | undefined {
    return this._networkPolicy;
  }

  /**
   * Connects this workload to a service: the service's address is set in environment variables of the caller's
   * containers (by default `<TARGET_NAME>_URL=http://<service>.<namespace>.svc.cluster.local[:port]` in the main
   * container; `as`, `env` and `containers` choose other forms, several variables, other containers), and
   * NetworkPolicy rules allow exactly that traffic: ingress from this workload's pods on the target's pods (which
   * then accept only allowed traffic), and, when this workload's namespace denies egress by default, egress to the
   * target's pods. Works across namespaces. Every address form gets the same rules, added once per target port:
   * connecting again (another form, other containers) adds only the variables.
   *
   * A target imported with `ServiceEndpoint.fromServiceName()` runs pods this app does not render: no ingress rule
   * is added for it (its own manifests must allow the traffic), only this workload's egress rule when its namespace
   * denies egress by default, to the target's `selectorLabels` or, without them, to the target's namespace.
   *
   * An `ExternalService` (a database or API outside the cluster) has no pods: no ingress rule either; the egress rule
   * goes to its `egressPeers` (its CIDR or addresses, or any address on the port for a DNS name without a CIDR), and
   * its `credentials` Secret is passed to the same containers as the address: every key as a variable (`envFrom`),
   * or the variables it names.
   *
   * @throws PropError if the port is not one of the target's, a container is unknown, a form is invalid, or a
   * variable is already set
   */
  public connectTo(target: IServiceEndpoint, options: ConnectOptions = {}): void {
    const check = new PropChecker(this, this.constructType);
    const ports = target?.endpointPorts;
    if (!Array.isArray(ports) || typeof target.dnsName !== 'string') {
      check.fail('connectTo() target', target, 'a workload with a Service (WebService, StatefulService), ServiceEndpoint.fromServiceName() or another IServiceEndpoint');
      check.throwIfInvalid();
    }
    if ((target as unknown) === this || this._isOwnService(target)) check.fail('connectTo() target', target.name, 'another workload than this one');
    if (!isPlainRecord(options)) {
      check.fail('connectTo() options', options, 'an object { port?, as?, envVar?, env?, containers? }');
      check.throwIfInvalid();
    }
    check.knownKeys('connectTo() options', options, 'ConnectOptions');
    const port = endpointPortOf(check, 'connectTo() port', target, options.port);
    const variables = this.connectVariables(check, target, options);
    const containers = this.connectContainers(check, options.containers);
    const credentials = target.credentials;
    const credentialEnv = Object.entries(credentials?.env ?? {});
    // A short name resolves only from the Service's own namespace, and only for a Service of the cluster.
    const local = `${target.serviceName}.${this.namespace}.svc.cluster.local`;
    for (const [name, form] of variables) {
      if (form._shortName && target.dnsName !== local) {
        check.fail(`connectTo() env ${name}`, form.toString(), `the full DNS name (no shortName): "${target.serviceName}" is reached as ${target.dnsName}, not from namespace "${this.namespace}" by its short name`);
      }
    }
    for (const c of containers) {
      for (const [name] of [...variables, ...credentialEnv]) {
        if (c.hasEnv(name)) check.fail(`connectTo() env ${name}`, name, `a variable not already set on container "${c.name}"`);
      }
    }
    check.throwIfInvalid();
    for (const c of containers) {
      for (const [name, form] of variables) c.addEnv(check, `connectTo() env ${name}`, name, form._format(target, port!));
      for (const [name, key] of credentialEnv) c.addEnv(check, `connectTo() credentials ${name}`, name, EnvValue.fromSecret(credentials!.secret, key));
      if (credentials !== undefined && credentials.env === undefined) c.addEnvFrom(check, 'connectTo() credentials', EnvFrom.secret(credentials.secret));
    }
    check.throwIfInvalid();
    // A second connection to the same port (another form, other containers) needs no rule of its own.
    const key = `${port!.targetPort}/${port!.protocol}`;
    const connected = this.connections.get(target) ?? new Set<string>();
    if (connected.has(key)) return;
    connected.add(key);
    this.connections.set(target, connected);
    const policyPorts = [{ port: port!.targetPort, protocol: protocolOf(port!.protocol) }];
    const selects = target.selectorLabels !== undefined && Object.keys(target.selectorLabels).length > 0;
    if (selects && externalReferenceOf(target as unknown as IConstruct) === undefined) target.allowFrom(NetworkPeer.pods(this, this.namespace), { ports: policyPorts });
    if (this._namespaceDeniesByDefault()) {
      const peers = target.egressPeers ?? [selects ? NetworkPeer.pods(target, target.namespace) : NetworkPeer.namespace(target.namespace)];
      this.addEgress([...peers], policyPorts);
    }
  }

  /** Whether `target` is a Service of this workload added with `addService()`. @internal */
  protected _isOwnService(_target: IServiceEndpoint): boolean {
    return false;
  }

  /** The variables `connectTo()` sets, with their forms, checked (none set yet in the pod: checked per container). */
  private connectVariables(check: PropChecker, target: IServiceEndpoint, options: ConnectOptions): Array<[string, Address]> {
    const FORMS = 'Address.url(), Address.hostPort(), Address.host() or Address.port()';
    const checkForm = (prop: string, form: unknown): form is Address => {
      if (!Address.isAddress(form)) {
        check.fail(prop, form, FORMS);
        return false;
      }
      return form._check(check, prop);
    };
    if (options.env !== undefined) {
      if (options.envVar !== undefined || options.as !== undefined) {
        check.fail('connectTo() env', Object.keys(isPlainRecord(options.env) ? options.env : {}).join(', '), 'either env (several variables) or envVar and as (one variable), not both');
      }
      if (!isPlainRecord(options.env) || Object.keys(options.env).length === 0) {
        check.fail('connectTo() env', options.env, `an object of at least one variable name and its form: ${FORMS}`);
        return [];
      }
      const out: Array<[string, Address]> = [];
      for (const [name, form] of Object.entries(options.env)) {
        if (check.envName('connectTo() env key', name) && checkForm(`connectTo() env.${name}`, form)) out.push([name, form]);
      }
      return out;
    }
    const form = options.as ?? Address.url();
    if (!checkForm('connectTo() as', form)) return [];
    const name = options.envVar ?? `${target.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${form._envSuffix}`;
    return check.envName('connectTo() envVar', name) ? [[name, form]] : [];
  }

  /** The containers `connectTo()` writes to: the main container unless named; an unknown name is a problem. */
  private connectContainers(check: PropChecker, names: unknown): ContainerBuilder[] {
    if (names === undefined) return [this._pod.main];
    const known = this._pod.containerNames();
    if (!Array.isArray(names) || names.length === 0) {
      check.fail('connectTo() containers', names, `a non-empty array of the pod's container names: ${known.join(', ')}`);
      return [];
    }
    const out: ContainerBuilder[] = [];
    for (const name of names) {
      const c = typeof name === 'string' ? this._pod.containerNamed(name) : undefined;
      if (!c) check.fail('connectTo() containers', name, `one of the pod's containers: ${known.join(', ')}`);
      else if (!out.includes(c)) out.push(c);
    }
    return out;
  }

  /**
   * Allows incoming traffic from `peer` to the workload's pods. The first call restricts the pods' ingress to what
   * NetworkPolicies allow.
   *
   * @throws PropError if the peer or ports are invalid
   */
  public allowFrom(peer: NetworkPeer, options: AllowFromOptions = {}): void {
    const policy = this._restrictIngress();
    policy.addIngress({ peers: [peer], ports: options.ports ?? this._defaultIngressPorts() });
  }

  /**
   * Allows outgoing traffic from the workload's pods to `peer`. The first call restricts the pods' egress to what
   * NetworkPolicies allow, with DNS (kube-dns in kube-system) always allowed.
   *
   * @throws PropError if the peer or ports are invalid
   */
  public allowTo(peer: NetworkPeer, options: AllowToOptions = {}): void {
    this.addEgress([peer], options.ports);
  }

  /** Allows egress to `peers` (every destination when empty), restricting egress with DNS allowed on the first rule. */
  private addEgress(peers: NetworkPeer[], ports: NetworkPolicyPort[] | undefined): void {
    const policy = this._policy();
    if (!policy.restrictsEgress) policy.addEgress(DNS_EGRESS_RULE);
    policy.addEgress({ peers, ports });
  }

  /**
   * Allows incoming traffic from `peer` whenever the workload's ingress is restricted, without restricting it by
   * itself: the rule is added at once if a NetworkPolicy already restricts the pods' ingress (an earlier
   * `allowFrom()`, or a default-deny namespace), else when something first restricts it. How an Ingress keeps its
   * controller's traffic flowing, and an exposed service its outside callers, without cutting off the callers that
   * do not use `connectTo()`.
   *
   * @throws PropError if the peer or ports are invalid
   */
  public allowWhenRestricted(peer: NetworkPeer, options: AllowFromOptions = {}): void {
    const rule = { peers: [peer], ports: options.ports ?? this._defaultIngressPorts() };
    if (this._networkPolicy?.restrictsIngress || this._namespaceDeniesByDefault()) this._restrictIngress().addIngress(rule);
    else this.standingIngress.push(rule);
  }

  /** The ports `allowFrom()` opens by default. @internal */
  protected _defaultIngressPorts(): NetworkPolicyPort[] | undefined {
    return undefined;
  }

  /** Whether the workload's namespace (as its stack defines it) denies traffic by default. @internal */
  protected _namespaceDeniesByDefault(): boolean {
    const ns = (this._stack as { namespaceResource?: { defaultDenyNetwork?: boolean } }).namespaceResource;
    return ns?.defaultDenyNetwork === true;
  }

  /** Restricts the pods' ingress, with the standing rules. @internal */
  protected _restrictIngress(): NetworkPolicy {
    const policy = this._policy();
    if (!policy.restrictsIngress) {
      policy.restrictIngress();
      for (const r of this.standingIngress.splice(0)) policy.addIngress(r);
    }
    return policy;
  }

  private _policy(): NetworkPolicy {
    if (!this._networkPolicy) {
      if (this.node.tryFindChild('NetworkPolicy')) throw new PlatformError(`${this.node.path}: a child named "NetworkPolicy" already exists`);
      this._networkPolicy = new NetworkPolicy(this, 'NetworkPolicy', {
        name: this.name, selector: this, component: this.component, metadata: this._childMetadata(this._metadata.labels),
      });
    }
    return this._networkPolicy;
  }

  /**
   * Creates the pod template and registers its synth-time validation.
   *
   * @internal
   */
  protected _createPod(props: WorkloadProps, config: Omit<PodTemplateConfig, 'stack' | 'name' | 'component' | 'selector' | 'defaults' | 'configHash' | 'kubernetesVersion'> & { configHash?: boolean }): void {
    this._pod = new PodTemplate(this._check, props, {
      ...config,
      kubernetesVersion: this.kubernetesVersion,
      configHash: props.rolloutOnConfigChange ?? config.configHash ?? true,
      stack: this._stack,
      name: this.name,
      component: this.component,
      selector: { ...this.selectorLabels },
      defaults: this._defaults,
    });
    for (const prop of this.noneProbes) this._pod.markProbeOff(this._pod.containerName, prop);
    this.node.addValidation({ validate: () => this._pod.validate() });
  }

  /** The labels of the workload's objects. @internal */
  protected _labels(): Record<string, string> {
    return recommendedLabels(this._stack, { name: this.name, component: this.component, version: this._pod.version }, this._metadata.labels);
  }

  /**
   * Checks a probe prop: `undefined` takes `def`, `Probe.none()` switches the probe off.
   *
   * @internal
   */
  protected _probe(prop: string, probe: unknown, def: Probe | undefined): Probe | undefined {
    if (probe === undefined) return def;
    if (!Probe.isProbe(probe)) {
      this._check.fail(prop, probe, 'Probe.http(), Probe.tcp(), Probe.grpc(), Probe.exec() or Probe.none()');
      return undefined;
    }
    if (probe.isNone && (prop === 'readinessProbe' || prop === 'livenessProbe')) this.noneProbes.push(prop);
    return probe.isNone ? undefined : probe;
  }
}

brand(Workload, 'Workload');

function protocolOf(value: string): Protocol {
  return value === 'UDP' ? Protocol.UDP : value === 'SCTP' ? Protocol.SCTP : Protocol.TCP;
}
