import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppStack, AppStackProps, findObject, ManifestObject, PlatformApp, PropError, Resources, synthObjects } from '../lib';

/** Minimal valid resources for tests that are not about resources. */
export const RESOURCES: Resources = { requests: { cpu: '100m', memory: '128Mi' } };

/** A fresh app (writing to a temporary folder) with one stack `test` in namespace `test`. */
export function makeStack(props: Partial<AppStackProps> = {}): { app: PlatformApp; stack: AppStack } {
  const app = new PlatformApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-platform-test-')), capacitySummary: false });
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

/**
 * Asserts that `fn` throws a PropError that names the construct path, the prop, the value received and what is
 * allowed.
 */
export function expectPropError(fn: () => unknown, expected: { path: string; prop: string; received: string; allowed?: string | RegExp }): PropError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error('expected a PropError, but nothing was thrown');
  if (!PropError.isPropError(error)) throw new Error(`expected a PropError, got: ${String(error)}`);
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

/** A temporary folder, removed by the caller. */
export function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-platform-test-'));
}
