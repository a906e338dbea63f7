import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { createL1Object, k8s, Quantity } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { INamespace, namespaceNameOf } from '../core/namespace-ref';

/** The totals a namespace may not exceed. Unset fields are not limited. */
export interface QuotaOptions {
  /**
   * The sum of CPU requests of all pods (`requests.cpu`).
   *
   * @default not limited
   */
  readonly requestsCpu?: string;

  /**
   * The sum of memory requests (`requests.memory`).
   *
   * @default not limited
   */
  readonly requestsMemory?: string;

  /**
   * The sum of CPU limits (`limits.cpu`); every container must then have a CPU limit (or a LimitRange default).
   *
   * @default not limited
   */
  readonly limitsCpu?: string;

  /**
   * The sum of memory limits (`limits.memory`).
   *
   * @default not limited
   */
  readonly limitsMemory?: string;

  /**
   * The number of pods.
   *
   * @default not limited
   */
  readonly pods?: number;

  /**
   * The number of PersistentVolumeClaims.
   *
   * @default not limited
   */
  readonly persistentVolumeClaims?: number;

  /**
   * The sum of storage requested by claims (`requests.storage`).
   *
   * @default not limited
   */
  readonly requestsStorage?: string;

  /**
   * The number of LoadBalancer Services (`services.loadbalancers`).
   *
   * @default not limited
   */
  readonly loadBalancers?: number;
}

/** Props of a `ResourceQuota`. */
export interface ResourceQuotaProps extends ConstructMetadataProps {
  /** The limits. */
  readonly hard: QuotaOptions;

  /**
   * The quota's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The namespace the quota applies to, by name or as a `Namespace`.
   *
   * @default the stack's namespace
   */
  readonly namespace?: string | INamespace;
}

const QUANTITIES: Array<[keyof QuotaOptions, string]> = [
  ['requestsCpu', 'requests.cpu'], ['requestsMemory', 'requests.memory'], ['limitsCpu', 'limits.cpu'],
  ['limitsMemory', 'limits.memory'], ['requestsStorage', 'requests.storage'],
];
const COUNTS: Array<[keyof QuotaOptions, string]> = [
  ['pods', 'pods'], ['persistentVolumeClaims', 'persistentvolumeclaims'], ['loadBalancers', 'services.loadbalancers'],
];

/**
 * Caps what a namespace may consume in total (v1 ResourceQuota). Usually made by `Namespace` from its `quota`
 * option, which also checks at synthesis that the workloads fit it at their highest scale.
 *
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
 * @example
 * new ResourceQuota(stack, 'shop-quota', { hard: { requestsCpu: '8', requestsMemory: '16Gi', pods: 60 } });
 */
export class ResourceQuota extends Construct {
  /** The limits. */
  public readonly hard: QuotaOptions;
  /** The ResourceQuota API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ResourceQuotaProps) {
    super(scope, id);
    const p = props ?? ({} as ResourceQuotaProps);
    const stack = findStack(this, 'ResourceQuota');
    const check = new PropChecker(this, 'ResourceQuota');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    const namespace = p.namespace === undefined ? undefined : namespaceNameOf(check, 'namespace', p.namespace);
    checkQuota(check, 'hard', p.hard);
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'ResourceQuotaProps');
    check.throwIfInvalid();
    this.hard = { ...p.hard };
    const hard: Record<string, k8s.Quantity> = {};
    for (const [key, field] of QUANTITIES) if (p.hard[key] !== undefined) hard[field] = Quantity.fromString(p.hard[key] as string);
    for (const [key, field] of COUNTS) if (p.hard[key] !== undefined) hard[field] = Quantity.fromNumber(p.hard[key] as number);
    this.apiObject = createL1Object(this, 'Resource', 'KubeResourceQuota', {
      metadata: { name, namespace, labels: recommendedLabels(stack, { name, component: 'quota' }, metadata.labels), annotations: metadata.annotations },
      spec: { hard },
    });
    this.node.defaultChild = this.apiObject;
  }
}

/** Checks quota options. @internal */
export function checkQuota(check: PropChecker, prop: string, o: QuotaOptions | undefined): void {
  if (!isPlainRecord(o) || Object.keys(o).length === 0) {
    check.fail(prop, o, 'an object with at least one of requestsCpu, requestsMemory, limitsCpu, limitsMemory, pods, persistentVolumeClaims, requestsStorage, loadBalancers');
    return;
  }
  for (const [key] of QUANTITIES) if (o[key] !== undefined) check.quantity(`${prop}.${key}`, o[key]);
  for (const [key] of COUNTS) if (o[key] !== undefined) check.integer(`${prop}.${key}`, o[key], 0, 'int64');
}
