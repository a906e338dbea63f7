import { Construct, IConstruct } from 'constructs';
import { PropChecker } from '../core/_props';
import { PlatformError } from '../core/errors';
import { ENVIRONMENT_BRAND, PlatformLabels } from '../core/labels';
import type { Provider } from '../providers/provider';
import type { WorkloadDefaults } from '../workloads/workload-defaults';
import { applyInheritedProps, checkInheritedProps } from './_inherited-props';
import { setKubernetesVersion } from '../core/kubernetes-version';

/** Props of an `Environment`. */
export interface EnvironmentProps {
  /**
   * The environment's name: a DNS-1123 label. It names the output folder (`dist/<name>/`) and is the value of the
   * `cdk8s-platform.io/environment` label on every object of the environment.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * The managed Kubernetes offering the environment deploys to: LoadBalancer annotations, default storage and ingress
   * classes. Inherited by everything below.
   *
   * @default the provider set above, else Provider.generic()
   */
  readonly provider?: Provider;

  /**
   * Settings every workload of the environment inherits unless it sets its own (resources, security, scheduling,
   * spread, disruption budgets). Merged field by field with the defaults set above.
   *
   * @default none
   */
  readonly workloadDefaults?: WorkloadDefaults;

  /**
   * The Kubernetes minor version the environment's cluster runs (`"1.27"` to `"1.36"`): what its constructs render
   * and what its output is validated against. Dev can run 1.35 while prod runs 1.32.
   *
   * @default the app's `kubernetesVersion`, else "1.33"
   */
  readonly kubernetesVersion?: string;
}

export { ENVIRONMENT_SELECTION_VARIABLE } from '../core/synth-variables';

const ENVIRONMENT = ENVIRONMENT_BRAND;
const PLATFORM_APP = Symbol.for('cdk8s-platform.PlatformApp');

/**
 * One deployment target of an app (`dev`, `staging`, `prod`, ...): the stacks defined inside it are written to
 * their own folder, `<outdir>/<name>/`, and every object in them carries the label
 * `cdk8s-platform.io/environment: <name>`.
 *
 * Define the same stacks in each environment with that environment's values (see `defineEnvironments()`). An app
 * either puts all its stacks in environments or none: mixing is an error at synthesis.
 *
 * @example
 * const app = new PlatformApp();
 * for (const [name, values] of Object.entries(defineEnvironments(base, { dev: { replicas: 1 }, prod: {} }))) {
 *   new ShopStack(new Environment(app, name), 'shop', values);
 * }
 */
export class Environment extends Construct {
  /** Whether `x` is an `Environment`, also across copies of this package. */
  public static isEnvironment(x: unknown): x is Environment {
    return x !== null && typeof x === 'object' && ENVIRONMENT in x;
  }

  /** The nearest `Environment` at or above `scope`, or undefined when it is not inside one. */
  public static of(scope: IConstruct): Environment | undefined {
    for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
      if (Environment.isEnvironment(c)) return c;
    }
    return undefined;
  }

  /** The environment's name. */
  public readonly environmentName: string;

  /** The labels every object of the environment carries. */
  public readonly labels: Record<string, string>;

  constructor(scope: Construct, id: string, props: EnvironmentProps = {}) {
    super(scope, id);
    Object.defineProperty(this, ENVIRONMENT, { value: true });
    const check = new PropChecker(this, 'Environment');
    if (!(scope !== null && typeof scope === 'object' && PLATFORM_APP in scope)) {
      check.fail('scope', scope?.node?.path || '(the root)', 'a PlatformApp: environments are defined directly in the app');
    }
    const name = props.name ?? id;
    check.name('name', name, 'dns1123-label');
    check.knownKeys('', props, 'EnvironmentProps');
    checkInheritedProps(check, props);
    check.knownKeys('workloadDefaults', props.workloadDefaults, 'WorkloadDefaults');
    check.throwIfInvalid();

    const twin = scope.node.children.find((c) => c !== this && Environment.isEnvironment(c) && c.environmentName === name);
    if (twin) {
      throw new PlatformError(`Environments "${twin.node.path}" and "${this.node.path}" are both named "${name}"; each environment needs its own name (it names its output folder).`);
    }
    applyInheritedProps(this, props);
    setKubernetesVersion(this, props.kubernetesVersion, `Invalid Environment props at "${this.node.path}": kubernetesVersion`);
    this.environmentName = name;
    this.labels = { [PlatformLabels.ENVIRONMENT]: name };
  }
}
