import { PropChecker } from '../core/_props';
import { isAtLeast } from '../core/kubernetes-version';

/** A feature of Kubernetes that a prop renders, and the first version whose clusters have it on by default. @internal */
export interface GatedFeature {
  /** The first Kubernetes minor version with the feature on by default, e.g. `"1.29"`. */
  readonly minimum: string;
  /** The feature in words, e.g. `"native sidecars (SidecarContainers, beta and on by default from 1.29)"`. */
  readonly what: string;
}

/**
 * Whether the target version `target` has `feature`; if not, records a problem on `prop` (which received `value`)
 * naming the minimum version, and what the prop allows on the target instead (`instead`, default "nothing").
 *
 * @internal
 */
export function requireVersion(check: PropChecker, target: string, feature: GatedFeature, prop: string, value: unknown,
  instead = 'nothing'): boolean {
  if (isAtLeast(target, feature.minimum)) return true;
  check.fail(prop, value, `${instead} on Kubernetes ${target}: ${feature.what} needs Kubernetes ${feature.minimum} or later ` +
    '(the target version is the kubernetesVersion of the Environment or the PlatformApp)');
  return false;
}
