import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppStack, AppStackProps, findObject, ManifestObject, PlatformApp, PropError, Resources, synthObjects } from '../lib';

/** Minimal valid resources for tests that are not about resources. */
export const RESOURCES: Resources = { requests: { cpu: '100m', memory: '128Mi' } };

/** A fresh app (writing to a temporary folder) with one stack `test` in namespace `test`. */
export function makeStack(props: Partial<AppStackProps> = {}): { app: PlatformApp; stack: AppStack } {
  const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
  const stack = new AppStack(app, 'test', { namespace: 'test', ...props });
  return { app, stack };
}

/** The synthesized objects of a stack or app. */
export function synth(scope: AppStack | PlatformApp): ManifestObject[] {
  return synthObjects(scope);
}

/** The pod template spec of the named Deployment. */
export function podSpecOf(objects: ManifestObject[], deployment: string): any {
  return findObject(objects, 'Deployment', deployment).spec.template.spec;
}

/** The first container of the named Deployment. */
export function containerOf(objects: ManifestObject[], deployment: string): any {
  return podSpecOf(objects, deployment).containers[0];
}

/** The PropError `fn` throws; anything else it throws is rethrown, and throwing nothing fails. */
export function propErrorOf(fn: () => unknown): PropError {
  try {
    fn();
  } catch (e) {
    if (PropError.isPropError(e)) return e;
    throw e;
  }
  throw new Error('expected a PropError, but nothing was thrown');
}

/**
 * Asserts that `fn` throws a PropError that names the construct path, the prop, the value received and what is
 * allowed.
 */
export function expectPropError(fn: () => unknown, expected: { path: string; prop: string; received: string; allowed?: string | RegExp }): PropError {
  const error = propErrorOf(fn);
  expect(error.message).toContain(`at "${expected.path}"`);
  const problem = error.problems.find((p) => p.prop === expected.prop);
  if (!problem) {
    throw new Error(`expected a problem with prop "${expected.prop}"; got:\n${error.message}`);
  }
  expect(error.message).toContain(`- ${expected.prop}: received ${expected.received}`);
  if (expected.allowed !== undefined) {
    if (typeof expected.allowed === 'string') expect(problem.allowed).toContain(expected.allowed);
    else expect(problem.allowed).toMatch(expected.allowed);
  }
  return error;
}

/** The temporary folders `tmpdir()` made for the running test file. */
const temporaryFolders: string[] = [];

/** A temporary folder, removed (with the folders moved aside next to it) when the test file's tests end. */
export function tmpdir(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-platform-test-'));
  temporaryFolders.push(folder);
  return folder;
}

/** Removes the folders `tmpdir()` made, and anything a synth interrupted by a test left next to them. */
export function removeTemporaryFolders(): void {
  for (const folder of temporaryFolders.splice(0)) {
    const parent = path.dirname(folder);
    const leftover = `.${path.basename(folder)}.cdk8s-platform-`;
    for (const name of fs.readdirSync(parent).filter((n) => n.startsWith(leftover))) {
      fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
