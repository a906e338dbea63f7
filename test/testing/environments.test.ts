import { AppStack, Environment, PlatformApp, SynthError, WebService } from '../../lib';
import { snapshotEnvironments, synthEnvironment } from '../../lib/testing';
import { RESOURCES } from '../_helpers';

/** An app with environments dev (1 replica) and prod (3 replicas), each with a stack `shop` and a WebService `web`. */
function twoEnvironments(props: { environments?: string[] } = {}): PlatformApp {
  const app = new PlatformApp(props);
  for (const [name, replicas] of [['dev', 1], ['prod', 3]] as const) {
    const stack = new AppStack(new Environment(app, name), 'shop', { namespace: 'shop' });
    new WebService(stack, 'web', { image: 'nginx:1.25', replicas, resources: RESOURCES });
  }
  return app;
}

describe('synthEnvironment', () => {
  test('GIVEN an app with two environments WHEN one is synthesized THEN only its objects come back', () => {
    const objects = synthEnvironment(twoEnvironments(), 'prod');
    expect(objects).toHaveObject('Deployment', 'web', { spec: { replicas: 3 }, metadata: { labels: expect.objectContaining({ 'cdk8s-platform.io/environment': 'prod' }) } });
    expect(objects).toHaveObjectCount('Deployment', 1);
  });

  test('GIVEN an environment WHEN synthesized THEN the objects come in apply order, as synth() writes them', () => {
    const app = twoEnvironments();
    expect(synthEnvironment(app, 'dev')).toEqual(app.synthManifests().get('dev'));
    expect(synthEnvironment(app, 'dev').map((o) => o.kind)).toEqual(['Namespace', 'Service', 'Deployment']);
  });

  test('GIVEN an unknown environment name WHEN synthEnvironment is called THEN the error lists the environments', () => {
    expect(() => synthEnvironment(twoEnvironments(), 'staging')).toThrow('No environment "staging" in the app. It has: dev, prod');
  });

  test('GIVEN an environment not selected by the app WHEN synthEnvironment is called THEN the error says so', () => {
    expect(() => synthEnvironment(twoEnvironments({ environments: ['dev'] }), 'prod'))
      .toThrow('Environment "prod" is not selected for synthesis (selected: dev, by the environments prop of the app or CDK8S_PLATFORM_ENV).');
  });

  test('GIVEN an invalid construct tree WHEN synthEnvironment is called THEN it fails as synth() does', () => {
    const app = twoEnvironments();
    new AppStack(app, 'outside', { namespace: 'outside' });
    expect(() => synthEnvironment(app, 'dev')).toThrow(SynthError);
  });
});

describe('snapshotEnvironments', () => {
  test('GIVEN an app with two environments WHEN snapshotEnvironments is called THEN each gets a YAML snapshot named after it', () => {
    const manifests = snapshotEnvironments(twoEnvironments());
    expect([...manifests.keys()]).toEqual(['dev', 'prod']);
  });

  test('GIVEN an app without environments WHEN snapshotEnvironments is called THEN its one snapshot is named "app"', () => {
    const app = new PlatformApp();
    new AppStack(app, 'shop', { namespace: 'shop' });
    expect([...snapshotEnvironments(app).keys()]).toEqual(['']);
  });

  test('GIVEN no jest expect WHEN snapshotEnvironments is called THEN it says it needs a jest test', () => {
    const globals = globalThis as { expect?: unknown };
    const saved = globals.expect;
    const app = twoEnvironments();
    let error: unknown;
    globals.expect = undefined;
    try {
      snapshotEnvironments(app);
    } catch (e) {
      error = e;
    } finally {
      globals.expect = saved;
    }
    expect(String(error)).toBe('Error: snapshotEnvironments() must run inside a jest test (there is no global expect)');
  });
});
