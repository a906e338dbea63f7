import { IConstruct } from 'constructs';
import { PlatformError } from './errors';

/**
 * The Kubernetes recommended labels, which every object and pod template this library renders carries.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export const RecommendedLabels = {
  /** The name of the application component's workload, e.g. `api-server`. */
  NAME: 'app.kubernetes.io/name',
  /** A name identifying this instance of the application, e.g. `shop-prod`. */
  INSTANCE: 'app.kubernetes.io/instance',
  /** The version of the application, e.g. `v2.4.1`. */
  VERSION: 'app.kubernetes.io/version',
  /** The component within the architecture, e.g. `server`, `worker`, `config`. */
  COMPONENT: 'app.kubernetes.io/component',
  /** The name of the higher-level application this is part of, e.g. `shop`. */
  PART_OF: 'app.kubernetes.io/part-of',
  /** The tool managing the object: always `cdk8s-platform`. */
  MANAGED_BY: 'app.kubernetes.io/managed-by',
} as const;

/** The value of `app.kubernetes.io/managed-by` on everything this library renders. */
export const MANAGED_BY = 'cdk8s-platform';

/** What an object's recommended labels are made of, besides its stack's. @internal */
export interface ObjectLabelOptions {
  /** `app.kubernetes.io/name`. */
  readonly name: string;
  /** `app.kubernetes.io/component`. */
  readonly component: string;
  /** `app.kubernetes.io/version`. @default the stack's version */
  readonly version?: string;
}

/**
 * The stack-level label values, as an `AppStack` exposes them.
 *
 * @internal
 */
export interface StackLabelSource {
  readonly appName: string;
  readonly instance: string;
  readonly version: string;
  readonly namespace?: string;
  /**
   * The labels of every object of the stack (its `metadata.labels`, the environment's, `instance`, `part-of`,
   * `managed-by`): what objects the stack's constructs make for others (a SealedSecret's Secret) carry too.
   */
  readonly labels: Readonly<Record<string, string>>;
  readonly node: IConstruct['node'];
}

const APP_STACK = Symbol.for('cdk8s-platform.AppStack');

/** @internal */
export function markAppStack(stack: object): void {
  Object.defineProperty(stack, APP_STACK, { value: true });
}

/** @internal */
export function isAppStackLike(x: unknown): x is StackLabelSource {
  return x !== null && typeof x === 'object' && APP_STACK in x;
}

/**
 * Finds the nearest `AppStack` above (or at) `scope`.
 *
 * @throws PlatformError naming `constructType` and the path when `scope` is not inside an AppStack
 * @internal
 */
export function findStack(scope: IConstruct, constructType: string): StackLabelSource {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    if (isAppStackLike(c)) return c;
  }
  throw new PlatformError(
    `${constructType} at "${scope.node.path}" must be defined inside an AppStack (new AppStack(app, id, { namespace })): ` +
      'an AppStack supplies the namespace and the recommended labels.',
  );
}

/**
 * The nearest `Environment` at or above `scope` (found by its brand, so constructs need not import the app layer),
 * or undefined when `scope` is not inside one.
 *
 * @internal
 */
export function enclosingEnvironment(scope: IConstruct): IConstruct | undefined {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    if (ENVIRONMENT_BRAND in c) return c;
  }
  return undefined;
}

/** The brand every `Environment` carries. @internal */
export const ENVIRONMENT_BRAND = Symbol.for('cdk8s-platform.Environment');

/**
 * The full set of recommended labels for one object of `stack`.
 *
 * @internal
 */
export function recommendedLabels(
  stack: StackLabelSource, options: ObjectLabelOptions, ...more: ReadonlyArray<Readonly<Record<string, string>> | undefined>
): Record<string, string> {
  const labels: Record<string, string> = {
    [RecommendedLabels.NAME]: options.name,
    [RecommendedLabels.INSTANCE]: stack.instance,
    [RecommendedLabels.VERSION]: options.version ?? stack.version,
    [RecommendedLabels.COMPONENT]: options.component,
    [RecommendedLabels.PART_OF]: stack.appName,
    [RecommendedLabels.MANAGED_BY]: MANAGED_BY,
  };
  for (const m of more) if (m !== undefined) assignLabels(labels, m);
  return labels;
}

/**
 * The labels of an object that `stack`'s constructs do not render themselves but have created (the Secret of a
 * `SealedSecret` or an `ExternalSecret`): the stack's labels, then `labels` (the construct's own) over them, so that a
 * prune by the stack's labels selects it too.
 *
 * @internal
 */
export function createdObjectLabels(stack: StackLabelSource, labels: Readonly<Record<string, string>>): Record<string, string> {
  return assignLabels(assignLabels({}, stack.labels), labels);
}

/**
 * Copies the labels of `from` into `to`, as `{ ...to, ...from }` would (a label already there keeps its place).
 *
 * Not a spread: V8 (Node.js 20) gives each object made by spreading a plain object and then adding properties a
 * map (hidden class) of its own, which makes every object holding labels larger and slower to read (BENCHMARKS.md).
 *
 * @internal
 */
export function assignLabels(to: Record<string, string>, from: Readonly<Record<string, string>>): Record<string, string> {
  for (const key of Object.keys(from)) {
    // As a spread: an own property, even for "__proto__" (an invalid label key, reported by the label checks).
    if (key === '__proto__') Object.defineProperty(to, key, { value: from[key], enumerable: true, writable: true, configurable: true });
    else to[key] = from[key];
  }
  return to;
}

/**
 * The default selector of a workload: its name and the stack's instance, which never change when constructs move in
 * the tree (a Deployment's selector is immutable).
 *
 * @internal
 */
export function defaultSelector(stack: Pick<StackLabelSource, 'instance'>, name: string): Record<string, string> {
  return {
    [RecommendedLabels.NAME]: name,
    [RecommendedLabels.INSTANCE]: stack.instance,
  };
}

/** The labels this library adds besides the recommended ones. */
export const PlatformLabels = {
  /**
   * The environment (`dev`, `staging`, `prod`, ...) an object belongs to, on every object of an `Environment`.
   * With `app.kubernetes.io/part-of` it makes `kubectl apply --prune -l ...` safe per app and environment.
   */
  ENVIRONMENT: 'cdk8s-platform.io/environment',
} as const;

/** The annotations this library reads or writes on the objects it renders. */
export const PlatformAnnotations = {
  /**
   * `"true"` on a Secret whose values may be written to the output in plaintext (base64): `Secret` sets it when
   * `allowPlaintext` is true. A Secret with data but without it fails synthesis.
   */
  ALLOW_PLAINTEXT: 'cdk8s-platform.io/allow-plaintext',

  /**
   * On a workload's pod template: a hash of the content of the ConfigMaps and Secrets defined in the stack that the
   * pods read, so that changing one rolls the pods (see the `rolloutOnConfigChange` prop).
   */
  CONFIG_HASH: 'cdk8s-platform.io/config-hash',

  /**
   * On a workload object (a Deployment, StatefulSet, DaemonSet, Pod): the probes its containers go without on
   * purpose, one `<container>: <probe>, <probe>` line per container (`web: livenessProbe, readinessProbe`). Workloads
   * write it for every `Probe.none()` of a readiness or liveness probe; the `probes-set` rule does not report the
   * probes it names. Manifests from elsewhere may carry it too.
   */
  PROBES_OFF: 'cdk8s-platform.io/probes-off',
} as const;
