import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { createL1Object, k8s, Quantity } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { INamespace, namespaceNameOf } from '../core/namespace-ref';
import { compareQuantities, parseQuantity } from '../core/quantity';
import { ResourceAmounts } from '../workloads/resources';

/** Per-container defaults and bounds of a namespace. */
export interface LimitRangeOptions {
  /**
   * Requests of containers that set none.
   *
   * @default none
   */
  readonly defaultRequest?: ResourceAmounts;

  /**
   * Limits of containers that set none.
   *
   * @default none
   */
  readonly defaultLimit?: ResourceAmounts;

  /**
   * The largest limit a container may set.
   *
   * @default no bound
   */
  readonly max?: ResourceAmounts;

  /**
   * The smallest request a container may set.
   *
   * @default no bound
   */
  readonly min?: ResourceAmounts;
}

/** Props of a `LimitRange`. */
export interface LimitRangeProps extends LimitRangeOptions, ConstructMetadataProps {
  /**
   * The LimitRange's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The namespace it applies to, by name or as a `Namespace`.
   *
   * @default the stack's namespace
   */
  readonly namespace?: string | INamespace;
}

const KEYS: Array<[keyof ResourceAmounts, string]> = [['cpu', 'cpu'], ['memory', 'memory'], ['ephemeralStorage', 'ephemeral-storage']];

/**
 * Default requests and limits, and bounds, for every container of a namespace (v1 LimitRange, type Container).
 * Usually made by `Namespace` from its `limits` option.
 *
 * @see https://kubernetes.io/docs/concepts/policy/limit-range/
 * @example
 * new LimitRange(stack, 'defaults', { defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { memory: '2Gi' } });
 */
export class LimitRange extends Construct {
  /** The defaults and bounds. */
  public readonly options: LimitRangeOptions;
  /** The LimitRange API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: LimitRangeProps) {
    super(scope, id);
    const p = props ?? ({} as LimitRangeProps);
    const stack = findStack(this, 'LimitRange');
    const check = new PropChecker(this, 'LimitRange');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    const namespace = p.namespace === undefined ? undefined : namespaceNameOf(check, 'namespace', p.namespace);
    checkLimitRange(check, '', p);
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'LimitRangeProps');
    check.throwIfInvalid();
    this.options = { defaultRequest: p.defaultRequest, defaultLimit: p.defaultLimit, max: p.max, min: p.min };
    const amounts = (a: ResourceAmounts | undefined): Record<string, k8s.Quantity> | undefined => {
      if (!a) return undefined;
      const out: Record<string, k8s.Quantity> = {};
      for (const [key, field] of KEYS) if (a[key] !== undefined) out[field] = Quantity.fromString(a[key]!);
      return out;
    };
    this.apiObject = createL1Object(this, 'Resource', 'KubeLimitRange', {
      metadata: { name, namespace, labels: recommendedLabels(stack, { name, component: 'limits' }, metadata.labels), annotations: metadata.annotations },
      spec: {
        limits: [{
          type: 'Container',
          defaultRequest: amounts(p.defaultRequest),
          default: amounts(p.defaultLimit),
          max: amounts(p.max),
          min: amounts(p.min),
        }],
      },
    });
    this.node.defaultChild = this.apiObject;
  }
}

/** Checks limit range options; `prefix` is prepended to prop names. @internal */
export function checkLimitRange(check: PropChecker, prefix: string, o: LimitRangeOptions): void {
  const parts = ['defaultRequest', 'defaultLimit', 'max', 'min'] as const;
  if (parts.every((k) => o[k] === undefined)) {
    check.fail(prefix ? prefix.replace(/\.$/, '') : 'limits', o, 'at least one of defaultRequest, defaultLimit, max, min');
  }
  for (const part of parts) {
    const a = o[part];
    if (a === undefined) continue;
    if (!isPlainRecord(a)) {
      check.fail(`${prefix}${part}`, a, 'an object { cpu?, memory?, ephemeralStorage? }');
      continue;
    }
    for (const [key] of KEYS) if (a[key] !== undefined) check.quantity(`${prefix}${part}.${key}`, a[key]);
  }
  for (const [key] of KEYS) {
    const lo = o.min?.[key];
    const hi = o.max?.[key];
    if (typeof lo === 'string' && typeof hi === 'string' && parseQuantity(lo) !== undefined && parseQuantity(hi) !== undefined && compareQuantities(lo, hi) > 0) {
      check.fail(`${prefix}min.${key}`, lo, `at most max.${key} (${hi})`);
    }
  }
}
