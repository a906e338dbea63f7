import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { IntOrString, k8s } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { intOrPercentProblem } from '../core/int-or-percent';
import { createObject, l1Json, ObjectDefinition } from './_k8s-json';
import { PodTemplate } from './_pod-template';
import { DeploymentStrategy, isZero } from './deployment-strategy';

/**
 * Checks a `strategy` prop; returns the strategy to use (the default rolling update when it is missing or
 * invalid).
 *
 * @internal
 */
export function checkStrategy(check: PropChecker, strategy: unknown): DeploymentStrategy {
  if (strategy === undefined) return DeploymentStrategy.rollingUpdate();
  if (!DeploymentStrategy.isDeploymentStrategy(strategy)) {
    check.fail('strategy', strategy, 'DeploymentStrategy.rollingUpdate() or DeploymentStrategy.recreate()');
    return DeploymentStrategy.rollingUpdate();
  }
  if (strategy.type !== 'RollingUpdate') return strategy;
  check.knownKeys('strategy', strategy._options, 'RollingUpdateOptions');
  const surgeProblem = intOrPercentProblem(strategy.maxSurge, false);
  if (surgeProblem) check.fail('strategy.maxSurge', strategy.maxSurge, surgeProblem);
  const unavailableProblem = intOrPercentProblem(strategy.maxUnavailable, true);
  if (unavailableProblem) check.fail('strategy.maxUnavailable', strategy.maxUnavailable, unavailableProblem);
  if (!surgeProblem && !unavailableProblem && isZero(strategy.maxSurge!) && isZero(strategy.maxUnavailable!)) {
    check.fail('strategy', { maxSurge: strategy.maxSurge, maxUnavailable: strategy.maxUnavailable },
      'maxSurge and maxUnavailable not both 0 (the rollout could never progress)');
  }
  return strategy;
}

/** How many extra pods a rollout may start on top of `replicas` (maxSurge, rounded up as Kubernetes does). @internal */
export function surgePods(strategy: DeploymentStrategy, replicas: number): number {
  if (strategy.type !== 'RollingUpdate') return 0;
  const s = strategy.maxSurge!;
  if (typeof s === 'number') return s;
  return Math.ceil((replicas * Number(s.slice(0, -1))) / 100);
}

/** What a Deployment is made of. @internal */
export interface DeploymentParts {
  /** The replica count, or undefined when an autoscaler owns it. */
  readonly replicas: () => number | undefined;
  readonly selector: Readonly<Record<string, string>>;
  readonly strategy: DeploymentStrategy;
  readonly revisionHistoryLimit: number;
  /** Seconds a new pod must be ready before it counts as available. */
  readonly minReadySeconds?: number;
  readonly pod: PodTemplate;
}

/** @internal */
export function intOrString(v: number | string): k8s.IntOrString {
  return typeof v === 'number' ? IntOrString.fromNumber(v) : IntOrString.fromString(v);
}

/**
 * Creates a workload's Deployment (construct id `Deployment`), rendered lazily from `parts`.
 *
 * @internal
 */
export function createDeployment(scope: Construct, metadata: ObjectDefinition['metadata'], parts: DeploymentParts): ApiObject {
  return createObject(scope, 'Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: () => {
      const s = parts.strategy;
      const spec = l1Json('DeploymentSpec', {
        replicas: parts.replicas(),
        minReadySeconds: parts.minReadySeconds,
        revisionHistoryLimit: parts.revisionHistoryLimit,
        selector: { matchLabels: { ...parts.selector } },
        strategy: s.type === 'RollingUpdate'
          ? { type: 'RollingUpdate', rollingUpdate: { maxSurge: intOrString(s.maxSurge!), maxUnavailable: intOrString(s.maxUnavailable!) } }
          : { type: 'Recreate' },
      });
      spec.template = parts.pod.render();
      return spec;
    },
  });
}
