import { IConstruct } from 'constructs';
import { PropChecker } from './_props';

/**
 * A ServiceAccount: a `ServiceAccount` of a stack, one imported by name (`ServiceAccount.fromServiceAccountName()`),
 * or any construct of yours that names one. Workloads run as one (`serviceAccount`), and RBAC bindings grant roles
 * to one wherever they take a `Subject`.
 */
export interface IServiceAccount extends IConstruct {
  /** The ServiceAccount's name. */
  readonly serviceAccountName: string;

  /**
   * The ServiceAccount's namespace, when it is known.
   *
   * @default the namespace of whoever refers to it (the workload's, the binding's)
   */
  readonly namespace?: string;

  /**
   * Labels every pod that runs as the ServiceAccount must carry (AKS workload identity's
   * `azure.workload.identity/use: "true"`): workloads add them to their pods.
   *
   * @default none
   */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/**
 * Checks a value given as an `IServiceAccount` (a name, a namespace and pod labels of the right shapes), recording
 * what is wrong under `prop`.
 *
 * @returns the service account, or undefined when it is not one
 * @internal
 */
export function checkServiceAccount(check: PropChecker, prop: string, value: unknown): IServiceAccount | undefined {
  const sa = value as Partial<IServiceAccount> | null;
  if (sa === null || typeof sa !== 'object' || typeof sa.serviceAccountName !== 'string') {
    check.fail(prop, value, 'a ServiceAccount, or ServiceAccount.fromServiceAccountName() (IServiceAccount)');
    return undefined;
  }
  let ok = check.name(`${prop}.serviceAccountName`, sa.serviceAccountName, 'dns1123-subdomain');
  if (sa.namespace !== undefined) ok = check.name(`${prop}.namespace`, sa.namespace, 'dns1123-label') && ok;
  if (sa.podLabels !== undefined) ok = check.labels(`${prop}.podLabels`, sa.podLabels) && ok;
  return ok ? (sa as IServiceAccount) : undefined;
}
