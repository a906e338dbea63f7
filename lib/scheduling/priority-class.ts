import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { importByName } from '../core/_external';
import { createL1Object } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';

/** A PriorityClass, defined in the stack or imported by name. */
export interface IPriorityClass extends IConstruct {
  /** The PriorityClass's name. */
  readonly priorityClassName: string;
}

/** Props of a `PriorityClass`. */
export interface PriorityClassProps extends ConstructMetadataProps {
  /**
   * The PriorityClass's name: a DNS-1123 subdomain, not starting with `system-`.
   *
   * @default the construct id
   */
  readonly name?: string;

  /** The priority: higher runs first and may preempt lower. At most 1000000000 (higher is reserved for the system). */
  readonly value: number;

  /**
   * Whether pods without a priority class get this one. At most one class in a cluster may be the default.
   *
   * @default false
   */
  readonly globalDefault?: boolean;

  /**
   * Whether pods of this class may evict lower-priority pods to be scheduled.
   *
   * @default true (`PreemptLowerPriority`)
   */
  readonly preempt?: boolean;

  /**
   * What the class is for.
   *
   * @default none
   */
  readonly description?: string;
}

const PRIORITY_CLASS = Symbol.for('cdk8s-platform.PriorityClass');

/**
 * A cluster-wide scheduling priority (scheduling.k8s.io/v1): pods name it in `priorityClass`, and under pressure the
 * scheduler places (and keeps) higher-priority pods first.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
 * @example
 * const critical = new PriorityClass(stack, 'shop-critical', { value: 100000, description: 'checkout path' });
 * new WebService(stack, 'api', { ..., priorityClass: critical });
 */
export class PriorityClass extends Construct implements IPriorityClass {
  /** Whether `x` is a `PriorityClass`, also across copies of this package. */
  public static isPriorityClass(x: unknown): x is PriorityClass {
    return x !== null && typeof x === 'object' && PRIORITY_CLASS in x;
  }

  /** References an existing PriorityClass (e.g. `system-cluster-critical`) by name. */
  public static fromPriorityClassName(scope: Construct, id: string, priorityClassName: string): IPriorityClass {
    return importByName(scope, id, 'PriorityClass.fromPriorityClassName()', 'PriorityClass', 'priorityClassName', priorityClassName);
  }

  /** The PriorityClass's name. */
  public readonly priorityClassName: string;
  /** The PriorityClass API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PriorityClassProps) {
    super(scope, id);
    Object.defineProperty(this, PRIORITY_CLASS, { value: true });
    const p = props ?? ({} as PriorityClassProps);
    const stack = findStack(this, 'PriorityClass');
    const check = new PropChecker(this, 'PriorityClass');
    const name = p.name ?? id;
    if (check.name('name', name, 'dns1123-subdomain') && name.startsWith('system-')) {
      check.fail('name', name, 'a name not starting with "system-" (reserved for the system classes)');
    }
    check.integer('value', p.value, -2147483648, 1000000000);
    if (p.globalDefault !== undefined) check.boolean('globalDefault', p.globalDefault);
    if (p.preempt !== undefined) check.boolean('preempt', p.preempt);
    if (p.description !== undefined) check.string('description', p.description);
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'PriorityClassProps');
    check.throwIfInvalid();

    this.priorityClassName = name;
    this.apiObject = createL1Object(this, 'Resource', 'KubePriorityClass', {
      metadata: { name, labels: recommendedLabels(stack, { name, component: 'scheduling' }, metadata.labels), annotations: metadata.annotations },
      value: p.value,
      globalDefault: p.globalDefault,
      preemptionPolicy: p.preempt === false ? 'Never' : 'PreemptLowerPriority',
      description: p.description,
    });
    this.node.defaultChild = this.apiObject;
    // A PriorityClass is cluster-scoped: it must not carry the chart's namespace.
    if (this.apiObject.chart.namespace !== undefined) this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
