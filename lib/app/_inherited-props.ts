import { IConstruct } from 'constructs';
import { PlatformError } from '../core/errors';
import { isPlainRecord, PropChecker } from '../core/_props';
import { setInherited } from '../core/_inherited';
import { Provider } from '../providers/provider';

/** The props the app, an environment or a stack hand down to every construct below them. @internal */
export interface InheritedProps {
  readonly provider?: unknown;
  readonly workloadDefaults?: unknown;
}

/**
 * Checks the inherited props that `PropChecker` can check: the keys of the options given to the provider's factory
 * (a provider from another copy of this package without the check is left alone).
 *
 * @internal
 */
export function checkInheritedProps(check: PropChecker, props: InheritedProps): void {
  const provider = props.provider;
  if (Provider.isProvider(provider) && typeof (provider as { _check?: unknown })._check === 'function') provider._check(check, 'provider');
}

/**
 * Stores the `provider` and `workloadDefaults` props on `scope`, for `Provider.of()` and `workloadDefaultsOf()`.
 *
 * @internal
 */
export function applyInheritedProps(scope: IConstruct, props: InheritedProps): void {
  if (props.provider !== undefined) {
    const ok = props.provider !== null && typeof props.provider === 'object' && typeof (props.provider as { _loadBalancerAnnotations?: unknown })._loadBalancerAnnotations === 'function';
    if (!ok) {
      throw new PlatformError(`Invalid props at "${scope.node.path || '(the app)'}": provider received ${String(props.provider)}; allowed: Provider.eks(), gke(), aks(), digitalOcean(), k3s() or generic()`);
    }
    setInherited(scope, 'provider', props.provider);
  }
  if (props.workloadDefaults !== undefined) {
    if (!isPlainRecord(props.workloadDefaults)) {
      throw new PlatformError(`Invalid props at "${scope.node.path || '(the app)'}": workloadDefaults received ${String(props.workloadDefaults)}; allowed: an object of workload defaults`);
    }
    setInherited(scope, 'workloadDefaults', props.workloadDefaults);
  }
}
