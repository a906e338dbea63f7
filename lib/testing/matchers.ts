import { Construct, IConstruct } from 'constructs';
import { ManifestObject } from '../core/manifest-object';
import { describeObjects, describeWanted, matchesPattern, objectRef, patternSubset } from './_objects';
import { findObjects } from './find';
import { synthObjects } from './synth-objects';

/**
 * What the matchers accept as the received value: synthesized objects (from `synthObjects()`), or a stack or app,
 * which is synthesized first.
 */
export type ObjectsOrScope = readonly ManifestObject[] | IConstruct;

/**
 * A pattern for part of an object, matched as jest's `toMatchObject` matches: only the keys given are checked,
 * arrays must match element for element, and jest's asymmetric matchers (`expect.any(String)`,
 * `expect.arrayContaining([...])`, ...) may stand for any value.
 */
export interface ObjectPattern {
  readonly [field: string]: unknown;
}

/**
 * The part of jest's matcher context (`this` in a matcher) the matchers use. Declared here so that this package's
 * types do not depend on jest's.
 */
export interface MatcherContext {
  /**
   * Whether the matcher was called with `.not`.
   *
   * @default false
   */
  readonly isNot?: boolean;
  /** jest's formatting helpers. */
  readonly utils: {
    /** The first line of a failure message: `expect(received).matcher(expected)`. */
    matcherHint(matcherName: string, received?: string, expected?: string, options?: { isNot?: boolean }): string;
    /** `value` formatted (and colored) as an expected value. */
    printExpected(value: unknown): string;
    /** `value` formatted (and colored) as a received value. */
    printReceived(value: unknown): string;
    /** A line diff of the two values, or null when there is nothing to show. */
    diff(expected: unknown, received: unknown, options?: { aAnnotation?: string; bAnnotation?: string }): string | null;
  };
}

/** The result a jest matcher returns. */
export interface MatcherResult {
  /** Whether the expectation holds (before `.not`). */
  readonly pass: boolean;
  /** The failure message. */
  readonly message: () => string;
}

/** The objects a matcher received: synthesized objects as they are, a construct synthesized first. */
function receivedObjects(received: unknown, matcher: string): readonly ManifestObject[] {
  if (Array.isArray(received)) return received;
  if (Construct.isConstruct(received)) return synthObjects(received);
  throw new TypeError(`${matcher}: the received value must be synthesized objects (from synthObjects()) or a ` +
    `stack or app; received ${received === null ? 'null' : typeof received}`);
}

/**
 * Passes when there is an object of `kind` named `name` that matches `expected` (when given).
 *
 * On failure the message shows, for each object of that kind and name, the diff between `expected` and the part
 * of the object it checks; or, when there is no such object, the objects of that kind there are.
 */
function toHaveObject(this: MatcherContext, received: ObjectsOrScope, kind: string, name: string, expected?: ObjectPattern): MatcherResult {
  const objects = receivedObjects(received, 'toHaveObject');
  const candidates = findObjects(objects, kind, { name });
  const matching = candidates.filter((o) => expected === undefined || matchesPattern(o, expected));
  const hint = this.utils.matcherHint('toHaveObject', 'objects', expected === undefined ? 'kind, name' : 'kind, name, expected', { isNot: this.isNot });
  const what = describeWanted(kind, name);
  const pass = matching.length > 0;
  if (pass) {
    return {
      pass,
      message: () => `${hint}\n\nExpected no ${what}${expected === undefined ? '' : ' matching'}, but found ` +
        `${matching.map(objectRef).join(', ')}` +
        (expected === undefined ? '' : `\n\nExpected not to match: ${this.utils.printExpected(expected)}`),
    };
  }
  return {
    pass,
    message: () => {
      if (candidates.length === 0) {
        const sameKind = findObjects(objects, kind);
        const there = sameKind.length > 0
          ? `${kind} objects there are: ${describeObjects(sameKind)}`
          : `There is no ${kind}. The objects there are: ${describeObjects(objects)}`;
        return `${hint}\n\nNo ${what} in the synthesized output.\n${there}`;
      }
      const diffs = candidates.map((o) => {
        const subset = patternSubset(o, expected);
        const diff = this.utils.diff(expected, subset, { aAnnotation: 'Expected', bAnnotation: 'Received' }) ??
          `Expected: ${this.utils.printExpected(expected)}\nReceived: ${this.utils.printReceived(subset)}`;
        return `${objectRef(o)} does not match:\n\n${diff}`;
      });
      return `${hint}\n\n${diffs.join('\n\n')}`;
    },
  };
}

/** Passes when there are exactly `count` objects of `kind`. */
function toHaveObjectCount(this: MatcherContext, received: ObjectsOrScope, kind: string, count: number): MatcherResult {
  const objects = findObjects(receivedObjects(received, 'toHaveObjectCount'), kind);
  const hint = this.utils.matcherHint('toHaveObjectCount', 'objects', 'kind, count', { isNot: this.isNot });
  return {
    pass: objects.length === count,
    message: () => `${hint}\n\n` +
      `Expected ${this.isNot ? 'not ' : ''}${this.utils.printExpected(count)} ${kind} object(s)\n` +
      `Received ${this.utils.printReceived(objects.length)}${objects.length > 0 ? `: ${describeObjects(objects)}` : ''}`,
  };
}

/**
 * jest matchers for synthesized objects. Register them once, e.g. in a file listed in jest's
 * `setupFilesAfterEnv`:
 *
 * ```ts
 * import { matchers } from 'cdk8s-platform/testing';
 * expect.extend(matchers);
 * ```
 *
 * Importing `cdk8s-platform/testing` also declares them on jest's `expect` for TypeScript (`@types/jest`).
 *
 * @example
 * expect(stack).toHaveObject('Deployment', 'api', { spec: { replicas: 3 } });
 * expect(synthObjects(stack)).toHaveObjectCount('Service', 2);
 */
export const matchers = {
  /**
   * `expect(objectsOrScope).toHaveObject(kind, name, pattern?)`: passes when there is an object of `kind` named
   * `name` that matches `pattern`; on failure, shows the diff of the part the pattern checks.
   */
  toHaveObject,
  /** `expect(objectsOrScope).toHaveObjectCount(kind, count)`: passes when there are exactly `count` of `kind`. */
  toHaveObjectCount,
};

declare global {
  // The matchers, on the `expect` of @types/jest.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R, T = {}> {
      /**
       * Passes when the received objects (or the stack or app, synthesized) include an object of `kind` named
       * `name` that matches `expected`, as `toMatchObject` matches; on failure, shows the diff of the part that
       * `expected` checks.
       */
      toHaveObject(kind: string, name: string, expected?: ObjectPattern): R;

      /** Passes when the received objects (or the stack or app, synthesized) include exactly `count` of `kind`. */
      toHaveObjectCount(kind: string, count: number): R;
    }
  }
}
