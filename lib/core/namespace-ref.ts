import { IConstruct } from 'constructs';
import { PropChecker } from './_props';

/**
 * A namespace: a `Namespace` of a stack, one imported by name (`Namespace.fromNamespaceName()`), or any construct
 * of yours that names one. Network peers, policies, roles, bindings, quotas and limit ranges take one wherever they
 * take a namespace's name.
 */
export interface INamespace extends IConstruct {
  /** The namespace's name. */
  readonly namespaceName: string;
}

/**
 * The name of a namespace given by name or as an `INamespace`, checked (a DNS-1123 label); undefined when it is
 * invalid (the problem is recorded).
 *
 * @internal
 */
export function namespaceNameOf(check: PropChecker, prop: string, value: unknown): string | undefined {
  const name = value !== null && typeof value === 'object' ? (value as { namespaceName?: unknown }).namespaceName : value;
  if (typeof value === 'object' && value !== null && typeof name !== 'string') {
    check.fail(prop, value, 'a namespace name, or a Namespace (INamespace, e.g. Namespace.fromNamespaceName())');
    return undefined;
  }
  return check.name(prop, name, 'dns1123-label') ? name : undefined;
}

/** The name of a namespace given by name or as an `INamespace`, unchecked. @internal */
export function namespaceName(value: string | INamespace): string;
export function namespaceName(value: string | INamespace | undefined): string | undefined;
export function namespaceName(value: string | INamespace | undefined): string | undefined {
  return value === undefined || typeof value === 'string' ? value : value.namespaceName;
}
