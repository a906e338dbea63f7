import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { createL1Object, k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { Metric } from './metric';
import { renderBehavior, ScalingBehavior } from './scaling-behavior';

/**
 * The object an autoscaler scales, as its `spec.scaleTargetRef` names it.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/
 */
export interface ScaleTargetRef {
  /** The object's API version, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** The object's kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
}

/** The object an autoscaler scales. */
export interface IScalable {
  /** Its API version, kind and name. */
  readonly scaleTargetRef: ScaleTargetRef;

  /**
   * Called once by each `HorizontalPodAutoscaler` that targets the object, when the autoscaler is created: the
   * object then leaves its replica count out of what it renders (a fixed count would be reset on every apply,
   * fighting the autoscaler), and may refuse a second autoscaler by throwing. Workloads of this library implement
   * it; an object of yours that renders no replica count need not.
   *
   * @default not called: the object keeps whatever replica count it renders
   */
  adoptAutoscaler?(autoscaler: HorizontalPodAutoscaler): void;
}

/** How a workload scales: what `autoscale()` and the `autoscaling` prop take. */
export interface AutoscalingOptions {
  /**
   * The fewest replicas. Two or more keep a service up while a pod restarts.
   *
   * @default 2
   */
  readonly minReplicas?: number;

  /** The most replicas. */
  readonly maxReplicas: number;

  /**
   * What to scale on. Every metric needs the corresponding request (CPU utilization is a share of the CPU request).
   *
   * @default [Metric.cpu(80)]
   */
  readonly metrics?: Metric[];

  /**
   * How fast to scale up and down.
   *
   * @default the Kubernetes defaults
   */
  readonly behavior?: ScalingBehavior;
}

/** Props of a `HorizontalPodAutoscaler`. */
export interface HorizontalPodAutoscalerProps extends AutoscalingOptions, ConstructMetadataProps {
  /** The workload to scale. */
  readonly target: IScalable;

  /**
   * The autoscaler's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;
}

const HPA = Symbol.for('cdk8s-platform.HorizontalPodAutoscaler');

/**
 * Scales a workload's replica count on metrics (autoscaling/v2). Usually made by a workload's `autoscale()`,
 * which also leaves `replicas` out of the workload so the two never fight.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
 * @example
 * api.autoscale({ minReplicas: 3, maxReplicas: 12, metrics: [Metric.cpu(70), Metric.memory(80)] });
 */
export class HorizontalPodAutoscaler extends Construct {
  /** Whether `x` is a `HorizontalPodAutoscaler`, also across copies of this package. */
  public static isHorizontalPodAutoscaler(x: unknown): x is HorizontalPodAutoscaler {
    return x !== null && typeof x === 'object' && HPA in x;
  }

  /** The fewest replicas. */
  public readonly minReplicas: number;
  /** The most replicas. */
  public readonly maxReplicas: number;
  /** The HorizontalPodAutoscaler API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: HorizontalPodAutoscalerProps) {
    super(scope, id);
    Object.defineProperty(this, HPA, { value: true });
    const p = props ?? ({} as HorizontalPodAutoscalerProps);
    const stack = findStack(this, 'HorizontalPodAutoscaler');
    const check = new PropChecker(this, 'HorizontalPodAutoscaler');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    const ref = p.target?.scaleTargetRef;
    if (!isPlainRecord(ref)) check.fail('target', p.target, 'a replicated workload (WebService, Worker, StatefulService)');
    const metadata = checkMetadata(check, p);
    const { minReplicas, maxReplicas, metrics, behavior } = checkAutoscaling(check, '', p);
    check.knownKeys('', props, 'HorizontalPodAutoscalerProps');
    check.throwIfInvalid();
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
    this.apiObject = createL1Object(this, 'Resource', 'KubeHorizontalPodAutoscalerV2', {
      metadata: { name, labels: recommendedLabels(stack, { name, component: 'autoscaler' }, metadata.labels), annotations: metadata.annotations },
      spec: {
        scaleTargetRef: { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name },
        minReplicas,
        maxReplicas,
        metrics: metrics.map((m) => m._render()),
        behavior,
      },
    });
    this.node.defaultChild = this.apiObject;
    p.target.adoptAutoscaler?.(this);
  }
}

/** Checks autoscaling options and applies their defaults. @internal */
export function checkAutoscaling(check: PropChecker, prefix: string, o: AutoscalingOptions): {
  minReplicas: number; maxReplicas: number; metrics: Metric[]; behavior?: k8s.HorizontalPodAutoscalerBehaviorV2;
} {
  if (!isPlainRecord(o)) {
    check.fail(prefix.replace(/\.$/, '') || 'autoscaling', o, 'an object { minReplicas?, maxReplicas, metrics?, behavior? }');
    return { minReplicas: 1, maxReplicas: 1, metrics: [] };
  }
  const minReplicas = o.minReplicas ?? 2;
  check.integer(`${prefix}minReplicas`, minReplicas, 1);
  if (check.integer(`${prefix}maxReplicas`, o.maxReplicas, 1) && Number.isInteger(minReplicas) && o.maxReplicas < minReplicas) {
    check.fail(`${prefix}maxReplicas`, o.maxReplicas, `at least minReplicas (${minReplicas})`);
  }
  const metrics = o.metrics ?? [Metric.cpu(80)];
  const valid: Metric[] = [];
  if (!Array.isArray(metrics) || metrics.length === 0) {
    check.fail(`${prefix}metrics`, metrics, 'a non-empty array of Metric.cpu(), Metric.memory(), Metric.pods(), Metric.object() or Metric.external()');
  } else {
    metrics.forEach((m, i) => {
      if (!Metric.isMetric(m)) {
        check.fail(`${prefix}metrics[${i}]`, m, 'Metric.cpu(), Metric.memory(), Metric.pods(), Metric.object() or Metric.external()');
        return;
      }
      m._check(check, `${prefix}metrics[${i}]`);
      valid.push(m);
    });
  }
  const behavior = renderBehavior(check, `${prefix}behavior`, o.behavior);
  return { minReplicas, maxReplicas: o.maxReplicas, metrics: valid, behavior };
}
