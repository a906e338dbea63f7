import { brand, hasBrand } from '../core/_brand';
import { k8s, Quantity } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';

/** The object a metric describes, for `Metric.object()`. */
export interface DescribedObject {
  /** Its API version, e.g. `networking.k8s.io/v1`. */
  readonly apiVersion: string;
  /** Its kind, e.g. `Ingress`. */
  readonly kind: string;
  /** Its name. */
  readonly name: string;
}

/** A target value, for object and external metrics: exactly one of `value` and `averageValue`. */
export interface MetricValueTarget {
  /**
   * The target value of the metric itself, as a quantity.
   *
   * @default none (averageValue is used)
   */
  readonly value?: string;

  /**
   * The target value of the metric divided by the number of pods, as a quantity.
   *
   * @default none (value is used)
   */
  readonly averageValue?: string;
}

/** Options of `Metric.object()`. */
export interface ObjectMetricOptions extends MetricValueTarget {
  /** The metric's name, e.g. `requests-per-second`. */
  readonly name: string;
  /** The object the metric describes. */
  readonly describedObject: DescribedObject;
}

/** Options of `Metric.external()`. */
export interface ExternalMetricOptions extends MetricValueTarget {
  /** The metric's name, e.g. `sqs_messages_visible`. */
  readonly name: string;
  /**
   * Labels that select the metric's series, e.g. `{ queue: 'orders' }`.
   *
   * @default every series of the metric
   */
  readonly selector?: Record<string, string>;
}

type Source =
  | { kind: 'resource'; resource: 'cpu' | 'memory'; utilization: number }
  | { kind: 'resourceValue'; resource: 'cpu' | 'memory'; averageValue: string }
  | { kind: 'pods'; name: string; averageValue: string }
  | { kind: 'object'; options: ObjectMetricOptions }
  | { kind: 'external'; options: ExternalMetricOptions };

/**
 * What a `HorizontalPodAutoscaler` scales on: resource utilization, per-pod custom metrics, a metric of another
 * object, or an external metric (a queue's length).
 *
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough/#autoscaling-on-multiple-metrics-and-custom-metrics
 * @example
 * metrics: [Metric.cpu(70), Metric.external({ name: 'sqs_messages_visible', selector: { queue: 'orders' }, averageValue: '30' })]
 */
export class Metric {
  /** Whether `x` is a `Metric`, also across copies of this package. */
  public static isMetric(x: unknown): x is Metric {
    return hasBrand(x, 'Metric');
  }

  /** Average CPU use, as a percentage of the pods' CPU requests. */
  public static cpu(averageUtilization: number): Metric {
    return new Metric({ kind: 'resource', resource: 'cpu', utilization: averageUtilization });
  }

  /** Average memory use, as a percentage of the pods' memory requests. */
  public static memory(averageUtilization: number): Metric {
    return new Metric({ kind: 'resource', resource: 'memory', utilization: averageUtilization });
  }

  /** Average CPU use per pod, as a quantity (`'500m'`): for pods without CPU requests to take a percentage of. */
  public static cpuAverageValue(averageValue: string): Metric {
    return new Metric({ kind: 'resourceValue', resource: 'cpu', averageValue });
  }

  /** Average memory use per pod, as a quantity (`'200Mi'`), instead of a percentage of the requests. */
  public static memoryAverageValue(averageValue: string): Metric {
    return new Metric({ kind: 'resourceValue', resource: 'memory', averageValue });
  }

  /** A custom metric of each pod (from a custom metrics adapter), averaged over the pods. */
  public static pods(name: string, averageValue: string): Metric {
    return new Metric({ kind: 'pods', name, averageValue });
  }

  /** A custom metric of another object in the namespace, such as an Ingress's request rate. */
  public static object(options: ObjectMetricOptions): Metric {
    return new Metric({ kind: 'object', options });
  }

  /** A metric from outside the cluster (a queue's length, a cloud monitoring series). */
  public static external(options: ExternalMetricOptions): Metric {
    return new Metric({ kind: 'external', options });
  }

  private constructor(private readonly source: Source) {}

  /** @internal */
  public _check(check: PropChecker, prop: string): void {
    const s = this.source;
    switch (s.kind) {
      case 'resource':
        check.integer(`${prop} utilization`, s.utilization, 1, 1000);
        break;
      case 'resourceValue':
        check.quantity(`${prop} averageValue`, s.averageValue);
        break;
      case 'pods':
        check.string(`${prop} name`, s.name, 'a metric name');
        check.quantity(`${prop} averageValue`, s.averageValue);
        break;
      case 'object':
      case 'external': {
        const o = s.options;
        if (!isPlainRecord(o)) {
          check.fail(prop, o, 'an options object');
          return;
        }
        check.string(`${prop}.name`, o.name, 'a metric name');
        if ((o.value === undefined) === (o.averageValue === undefined)) {
          check.fail(`${prop}.value`, o.value, 'exactly one of value and averageValue');
        }
        if (o.value !== undefined) check.quantity(`${prop}.value`, o.value);
        if (o.averageValue !== undefined) check.quantity(`${prop}.averageValue`, o.averageValue);
        if (s.kind === 'object') {
          const d = s.options.describedObject;
          if (!isPlainRecord(d) || typeof d.apiVersion !== 'string' || typeof d.kind !== 'string') {
            check.fail(`${prop}.describedObject`, d, 'an object { apiVersion, kind, name }');
          } else {
            check.name(`${prop}.describedObject.name`, d.name, 'dns1123-subdomain');
          }
        } else if (s.options.selector !== undefined) {
          check.labels(`${prop}.selector`, s.options.selector);
        }
        break;
      }
    }
  }

  /** @internal */
  public _render(): k8s.MetricSpecV2 {
    const s = this.source;
    const target = (o: MetricValueTarget): k8s.MetricTargetV2 => (o.value !== undefined
      ? { type: 'Value', value: Quantity.fromString(o.value) }
      : { type: 'AverageValue', averageValue: Quantity.fromString(o.averageValue!) });
    switch (s.kind) {
      case 'resource':
        return { type: 'Resource', resource: { name: s.resource, target: { type: 'Utilization', averageUtilization: s.utilization } } };
      case 'resourceValue':
        return { type: 'Resource', resource: { name: s.resource, target: { type: 'AverageValue', averageValue: Quantity.fromString(s.averageValue) } } };
      case 'pods':
        return { type: 'Pods', pods: { metric: { name: s.name }, target: { type: 'AverageValue', averageValue: Quantity.fromString(s.averageValue) } } };
      case 'object':
        return {
          type: 'Object',
          object: {
            metric: { name: s.options.name },
            describedObject: { ...s.options.describedObject },
            target: target(s.options),
          },
        };
      case 'external':
        return {
          type: 'External',
          external: {
            metric: { name: s.options.name, selector: s.options.selector ? { matchLabels: { ...s.options.selector } } : undefined },
            target: target(s.options),
          },
        };
    }
  }
}

brand(Metric, 'Metric');
