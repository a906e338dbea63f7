import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Namespace, NamespaceOptions } from '../tenancy/namespace';
import type { Provider } from '../providers/provider';
import type { WorkloadDefaults } from '../workloads/workload-defaults';
import { applyInheritedProps, checkInheritedProps } from './_inherited-props';
import { PropChecker } from '../core/_props';
import { Environment } from './environment';
import { findStack, isAppStackLike, markAppStack, MANAGED_BY, PlatformLabels, RecommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps, ObjectMetadata } from '../core/metadata';

/** The labels every object's construct sets itself, which a stack-wide label would never reach: why each is refused. */
const STACK_RESERVED_LABELS: Readonly<Record<string, string>> = {
  [RecommendedLabels.NAME]: 'each object sets its own (workload selectors use it)',
  [RecommendedLabels.INSTANCE]: 'set it with the instance prop (workload selectors use it)',
  [RecommendedLabels.VERSION]: 'set it with the version prop',
  [RecommendedLabels.COMPONENT]: 'each object sets its own (the component prop of its construct)',
  [RecommendedLabels.PART_OF]: 'set it with the appName prop',
  [RecommendedLabels.MANAGED_BY]: `it is always "${MANAGED_BY}"`,
  [PlatformLabels.ENVIRONMENT]: 'the Environment sets it',
};

/** Props of an `AppStack`. */
export interface AppStackProps extends ConstructMetadataProps {
  /**
   * The namespace every namespaced object of the stack lives in: a DNS-1123 label.
   */
  readonly namespace: string;

  /**
   * The application's name: the `app.kubernetes.io/part-of` label of every object.
   *
   * @default the namespace
   */
  readonly appName?: string;

  /**
   * The name of this instance of the application: the `app.kubernetes.io/instance` label of every object, and part
   * of every default selector (with the workload's name). Changing it later changes the selectors, which Kubernetes
   * does not allow on existing Deployments: pick it once.
   *
   * @default the app name
   */
  readonly instance?: string;

  /**
   * The application's version: the `app.kubernetes.io/version` label of objects that have no version of their own
   * (workloads use their image tag).
   *
   * @default "unversioned"
   */
  readonly version?: string;

  /**
   * Whether the stack defines the Namespace object itself. Turn it off when the namespace is managed elsewhere
   * (another stack, a platform team, `CreateNamespace=true` in Argo CD).
   *
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * Options of the Namespace object the stack defines (ignored when `createNamespace` is false).
   *
   * @default a namespace that enforces the "restricted" Pod Security Standard
   */
  readonly namespaceOptions?: NamespaceOptions;

  /**
   * The managed Kubernetes offering the stack deploys to: LoadBalancer annotations, default storage and ingress
   * classes. Inherited by everything below.
   *
   * @default the provider set above, else Provider.generic()
   */
  readonly provider?: Provider;

  /**
   * Settings every workload of the stack inherits unless it sets its own (resources, security, scheduling,
   * spread, disruption budgets). Merged field by field with the defaults set above.
   *
   * @default none
   */
  readonly workloadDefaults?: WorkloadDefaults;
}

/**
 * A cdk8s Chart for one application in one namespace.
 *
 * Its `metadata` lands on every API object of the stack, its own constructs' and raw `ApiObject`s alike (not on pod
 * templates, not in selectors): `metadata.labels` as the chart's labels, `metadata.annotations` when the app is
 * synthesized. An object's own label or annotation of the same key (its construct's `metadata`, or an escape-hatch
 * edit) wins. The labels the constructs set themselves (the recommended labels, the environment's) cannot be set
 * stack-wide: the stack's props set them.
 *
 * Inside an `Environment`, every object of the stack also carries the `cdk8s-platform.io/environment` label.
 *
 * Every object in it is named exactly as its construct says (no hash suffixes), lives in the stack's namespace and
 * carries the Kubernetes recommended labels (`app.kubernetes.io/name`, `instance`, `version`, `component`,
 * `part-of`, `managed-by`). Workload selectors use only `app.kubernetes.io/name` and `app.kubernetes.io/instance`,
 * never the construct path, so moving a construct in the tree never changes an (immutable) selector.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 * @example
 * const app = new PlatformApp();
 * const stack = new AppStack(app, 'shop', { namespace: 'shop', appName: 'shop' });
 * new WebService(stack, 'web', {
 *   image: 'ghcr.io/acme/web:1.4.2',
 *   resources: { requests: { cpu: '100m', memory: '128Mi' } },
 * });
 */
export class AppStack extends Chart {
  /** Whether `x` is an `AppStack`, also across copies of this package. */
  public static isAppStack(x: unknown): x is AppStack {
    return isAppStackLike(x);
  }

  /**
   * The nearest `AppStack` at or above `scope`.
   *
   * @throws if `scope` is not inside an AppStack
   */
  public static of(scope: IConstruct): AppStack {
    return findStack(scope, 'AppStack.of(): the construct') as AppStack;
  }

  /**
   * The labels of every object of the stack (`labels` prop, the environment's labels, `instance`, `part-of` and
   * `managed-by`), frozen: they do not change after the stack is created.
   */
  public override get labels(): Record<string, string> {
    // Frozen, because cdk8s spreads it into every API object's labels: V8 (Node.js 20) gives each object made by
    // spreading an unfrozen plain object and adding properties a map (hidden class) of its own (BENCHMARKS.md).
    this.frozenLabels ??= Object.freeze(super.labels);
    return this.frozenLabels;
  }

  /** The labels, frozen, made on first use. */
  private frozenLabels?: Record<string, string>;

  /** The namespace of every namespaced object in the stack. */
  public declare readonly namespace: string;
  /** `app.kubernetes.io/part-of` of every object. */
  public readonly appName: string;
  /** `app.kubernetes.io/instance` of every object. */
  public readonly instance: string;
  /** `app.kubernetes.io/version` of objects without a version of their own. */
  public readonly version: string;
  /** The Namespace the stack defines, unless `createNamespace` is false. */
  public readonly namespaceResource?: Namespace;
  /** The `metadata` prop, as checked. */
  private readonly metadata: ObjectMetadata;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    const p = props ?? ({} as AppStackProps);
    const appName = p.appName ?? p.namespace;
    const instance = p.instance ?? appName;
    super(scope, id, {
      namespace: p.namespace,
      disableResourceNameHashes: true,
      labels: {
        ...p.metadata?.labels,
        ...(scope ? Environment.of(scope)?.labels : undefined),
        [RecommendedLabels.INSTANCE]: instance,
        [RecommendedLabels.PART_OF]: appName,
        [RecommendedLabels.MANAGED_BY]: MANAGED_BY,
      },
    });
    markAppStack(this);

    const check = new PropChecker(this, 'AppStack');
    check.name('namespace', p.namespace, 'dns1123-label');
    check.labelValue('appName', appName);
    check.labelValue('instance', instance);
    const version = p.version ?? 'unversioned';
    check.labelValue('version', version);
    this.metadata = checkMetadata(check, p, STACK_RESERVED_LABELS);
    if (p.createNamespace !== undefined) check.boolean('createNamespace', p.createNamespace);
    check.knownKeys('', props, 'AppStackProps');
    checkInheritedProps(check, p);
    check.knownKeys('namespaceOptions', p.namespaceOptions, 'NamespaceOptions');
    check.knownKeys('workloadDefaults', p.workloadDefaults, 'WorkloadDefaults');
    check.throwIfInvalid();
    applyInheritedProps(this, p);

    this.appName = appName;
    this.instance = instance;
    this.version = version;
    if (p.createNamespace ?? true) {
      this.namespaceResource = new Namespace(this, 'Namespace', { ...p.namespaceOptions, name: p.namespace });
    }
  }

  /**
   * The annotations every API object of the stack gets when the app is synthesized, under the object's own (its
   * `metadata.annotations`). The synth walk adds them as it renders each object, so objects added after the stack
   * was made get them too, and no object is changed before rendering.
   *
   * @internal
   */
  public get _objectAnnotations(): Readonly<Record<string, string>> | undefined {
    return this.metadata.annotations;
  }

}
