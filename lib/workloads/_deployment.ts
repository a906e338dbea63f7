import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { defaultSelector, StackLabelSource } from '../core/labels';
import { PodTemplate } from './_pod-template';
import { DeploymentStrategy, intOrPercentProblem, isZero } from './deployment-strategy';
import { DeploymentWorkloadProps } from './workload-props';

/**
 * Checks a `strategy` prop; returns the strategy to use (the default rolling update when it is missing or
 * invalid).
 *
 * @internal
 */
export function checkStrategy(check: PropChecker, strategy: unknown): DeploymentStrategy {
  if (strategy === undefined) return DeploymentStrategy.rollingUpdate();
  if (!(strategy instanceof DeploymentStrategy)) {
    check.fail('strategy', strategy, 'DeploymentStrategy.rollingUpdate() or DeploymentStrategy.recreate()');
    return DeploymentStrategy.rollingUpdate();
  }
  if (strategy.type !== 'RollingUpdate') return strategy;
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

/** What a Deployment is made of. @internal */
export interface DeploymentParts {
  readonly replicas: number;
  readonly selector: Readonly<Record<string, string>>;
  readonly strategy: DeploymentStrategy;
  readonly pod: PodTemplate;
}

/** Renders a Deployment's spec. @internal */
export function renderDeploymentSpec(parts: DeploymentParts): k8s.DeploymentSpec {
  const s = parts.strategy;
  return {
    replicas: parts.replicas,
    selector: { matchLabels: { ...parts.selector } },
    strategy: s.type === 'RollingUpdate'
      ? {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: intOrString(s.maxSurge!), maxUnavailable: intOrString(s.maxUnavailable!) },
      }
      : { type: 'Recreate' },
    template: parts.pod.render(),
  };
}

/** @internal */
export function intOrString(v: number | string): k8s.IntOrString {
  return typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v);
}

/**
 * Checks the `strategy` and `selectorLabels` props and applies their defaults.
 *
 * @internal
 */
export function resolveDeploymentProps(check: PropChecker, stack: StackLabelSource, name: string, p: DeploymentWorkloadProps):
{ strategy: DeploymentStrategy; selectorLabels: Readonly<Record<string, string>> } {
  const strategy = checkStrategy(check, p.strategy);
  if (p.selectorLabels !== undefined && check.labels('selectorLabels', p.selectorLabels) && Object.keys(p.selectorLabels).length === 0) {
    check.fail('selectorLabels', p.selectorLabels, 'at least one label (an empty selector would match every pod in the namespace)');
  }
  return { strategy, selectorLabels: p.selectorLabels ?? defaultSelector(stack, name) };
}

/**
 * Creates a workload's Deployment (construct id `Deployment`), rendered lazily from `parts`, and registers the pod
 * template's synth-time validation.
 *
 * @internal
 */
export function createDeployment(scope: Construct, name: string, labels: Record<string, string>, parts: DeploymentParts): ApiObject {
  scope.node.addValidation({ validate: () => parts.pod.validate() });
  return new k8s.KubeDeployment(scope, 'Deployment', {
    metadata: { name, labels },
    spec: Lazy.any({ produce: () => renderDeploymentSpec(parts) }) as unknown as k8s.DeploymentSpec,
  });
}
