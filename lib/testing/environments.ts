import { ENVIRONMENT_SELECTION_VARIABLE } from '../app/environment';
import { ManifestObject } from '../core/manifest-object';
import { PlatformApp } from '../app/platform-app';
import { SnapshotSerializer, yamlSerializer } from './yaml-serializer';

/**
 * The objects `synth()` writes for one environment of `app`, in apply order, after the same validation; nothing
 * is written to disk.
 *
 * @param app the app that defines the environment
 * @param environmentName the environment's name (`Environment.environmentName`)
 * @throws an error listing the app's environments when it has no environment of that name, or when the
 * environment is not selected (by the `environments` prop of the app or `CDK8S_PLATFORM_ENV`)
 * @throws SynthError if the validation of the construct tree fails, as `synth()` would
 *
 * @example
 * expect(synthEnvironment(app, 'prod')).toHaveObject('Deployment', 'api', { spec: { replicas: 3 } });
 */
export function synthEnvironment(app: PlatformApp, environmentName: string): ManifestObject[] {
  const names = app.environments.map((e) => e.environmentName);
  if (!names.includes(environmentName)) {
    throw new Error(`No environment "${environmentName}" in the app. It has: ${names.join(', ') || 'no environments'}`);
  }
  const objects = app.synthManifests().get(environmentName);
  if (objects === undefined) {
    throw new Error(`Environment "${environmentName}" is not selected for synthesis (selected: ` +
      `${(app.selectedEnvironments ?? []).join(', ')}, by the environments prop of the app or ${ENVIRONMENT_SELECTION_VARIABLE}).`);
  }
  return objects;
}

/** The part of jest's global `expect` that `snapshotEnvironments()` uses. */
interface JestExpect {
  (actual: unknown): { toMatchSnapshot(hint?: string): void };
  addSnapshotSerializer(serializer: SnapshotSerializer): void;
}

let serializerAdded = false;

/**
 * Snapshots every environment of `app` in one call: one jest snapshot per environment, named after it, holding
 * the YAML `synth()` writes for it (in apply order). Call it inside a jest test; it registers `yamlSerializer` if
 * needed. An app without environments gets one snapshot, named "app".
 *
 * A change to any environment's output then shows up as a snapshot diff naming the environment.
 *
 * @returns the objects of each environment, by environment name, for further assertions
 * @throws SynthError if the validation of the construct tree fails, as `synth()` would
 *
 * @example
 * test('every environment matches its snapshot', () => {
 *   const app = new PlatformApp();
 *   defineShop(app); // defines dev, staging and prod
 *   snapshotEnvironments(app);
 * });
 */
export function snapshotEnvironments(app: PlatformApp): Map<string, ManifestObject[]> {
  const jestExpect = (globalThis as { expect?: JestExpect }).expect;
  if (typeof jestExpect !== 'function') {
    throw new Error('snapshotEnvironments() must run inside a jest test (there is no global expect)');
  }
  if (!serializerAdded) {
    jestExpect.addSnapshotSerializer(yamlSerializer);
    serializerAdded = true;
  }
  const manifests = app.synthManifests();
  for (const [name, objects] of manifests) jestExpect(objects).toMatchSnapshot(name === '' ? 'app' : name);
  return manifests;
}
