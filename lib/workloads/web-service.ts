import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { TrafficDistribution } from '../networking/traffic-distribution';
import { ScaleTargetRef } from '../scaling/horizontal-pod-autoscaler';
import { DEPLOYMENT_REVISION_LABEL } from '../scheduling/topology-spread';
import { createDeployment, checkStrategy, surgePods } from './_deployment';
import { DeploymentStrategy } from './deployment-strategy';
import { ServiceWorkload, ServiceWorkloadProps } from './service-workload';
import { DeploymentWorkloadProps } from './workload-props';

export type { PortMapping } from './service-workload';

/** Props of a `WebService`. */
export interface WebServiceProps extends ServiceWorkloadProps, DeploymentWorkloadProps {
  /**
   * How many pods run (when no autoscaler owns the count). Two keep the service up while a node drains or a pod
   * restarts.
   *
   * @default 2
   */
  readonly replicas?: number;

  /**
   * How the Service's traffic prefers endpoints close to the client: `TrafficDistribution.preferClose()`
   * (Kubernetes 1.31 or later), `preferSameZone()` or `preferSameNode()` (1.34 or later).
   *
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#traffic-distribution
   * @default none: traffic spread over every ready endpoint of the cluster
   */
  readonly trafficDistribution?: TrafficDistribution;
}

/**
 * A long-running HTTP (or TCP, gRPC) service: a Deployment and the Service in front of it.
 *
 * Production defaults: two replicas spread across nodes, a PodDisruptionBudget, zero-downtime rolling updates that
 * also roll when a ConfigMap or Secret of the stack changes, readiness and liveness probes, pods that pass the
 * "restricted" Pod Security Standard with a read-only root filesystem, no Kubernetes API token, and selectors on
 * stable labels only. The Deployment (`apiObject`, also `ApiObject.of(webService)`) and the Service (`service`) are
 * public as the escape hatch.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @example
 * const api = new WebService(stack, 'api-server', {
 *   image: 'myregistry/api:v2.4.1',
 *   port: 3000,
 *   servicePort: 80,
 *   serviceType: ServiceType.loadBalancer(),
 *   resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
 *   env: { DATABASE_URL: EnvValue.fromSecret(Secret.fromSecretName(stack, 'db', 'db-secret'), 'url') },
 * });
 * api.autoscale({ minReplicas: 3, maxReplicas: 10, metrics: [Metric.cpu(70)] });
 */
export class WebService extends ServiceWorkload {
  /** Whether `x` is a `WebService`, also across copies of this package. */
  public static isWebService(x: unknown): x is WebService {
    return hasBrand(x, 'WebService');
  }

  /** The Deployment's update strategy. */
  public readonly strategy: DeploymentStrategy;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    const p = props ?? ({} as WebServiceProps);
    super(scope, id, 'WebService', p, { defaultComponent: 'server', defaultReplicas: 2, spreadMatchLabelKeys: [DEPLOYMENT_REVISION_LABEL] });
    this._check.knownKeys('', p, 'WebServiceProps');
    this.strategy = checkStrategy(this._check, p.strategy);
    const trafficDistribution = this._checkTrafficDistribution(p.trafficDistribution);
    this._createServicePod(p);
    this._check.throwIfInvalid();

    const labels = this._labels();
    this._setApiObject(createDeployment(this, { name: this.name, labels, annotations: this._metadata.annotations }, {
      replicas: () => (this.autoscaler ? undefined : this.replicas),
      selector: this.selectorLabels,
      strategy: this.strategy,
      revisionHistoryLimit: this._revisionHistoryLimit,
      minReadySeconds: this._minReadySeconds,
      pod: this._pod,
    }));
    this._createService(labels, false, trafficDistribution);
    this._finishReplicated();
  }

  /** The Deployment, as an autoscaler refers to it. */
  public get scaleTargetRef(): ScaleTargetRef {
    return { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name };
  }

  /** @internal */
  public _surgePods(replicas: number): number {
    return surgePods(this.strategy, replicas);
  }
}

brand(WebService, 'WebService');
