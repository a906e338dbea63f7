import { IConstruct } from 'constructs';

/**
 * Settings handed down the construct tree: a construct (a `PlatformApp`, an `AppStack`, or any grouping construct
 * such as an environment) stores a value under a key, and every construct below it finds the values of all its
 * ancestors, nearest first.
 *
 * @internal
 */
export function setInherited(scope: IConstruct, key: string, value: unknown): void {
  Object.defineProperty(scope, Symbol.for(`cdk8s-platform.inherited.${key}`), { value, configurable: true });
}

/** The values stored under `key` at `scope` and above it, nearest first. @internal */
export function inheritedValues<T>(scope: IConstruct, key: string): T[] {
  const sym = Symbol.for(`cdk8s-platform.inherited.${key}`);
  const values: T[] = [];
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    const v = (c as unknown as Record<symbol, T | undefined>)[sym];
    if (v !== undefined) values.push(v);
  }
  return values;
}
