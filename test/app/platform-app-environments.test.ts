import * as fs from 'fs';
import * as path from 'path';
import { AppStack, Config, Environment, EnvValue, PlatformApp, PlatformAppProps, PlatformError, SynthError, WebService, OUTPUT_MARKER_FILE } from '../../lib';
import { RESOURCES, tmpdir } from '../_helpers';

/** An app with environments dev and prod, each with one web service (dev: 1 replica, prod: 3). */
function envApp(props: PlatformAppProps): PlatformApp {
  const app = new PlatformApp(props);
  for (const [name, replicas] of [['dev', 1], ['prod', 3]] as const) {
    const stack = new AppStack(new Environment(app, name), 'web', { namespace: 'web' });
    new WebService(stack, 'site', { image: 'nginx:1.25', resources: RESOURCES, replicas });
  }
  return app;
}

/** Every file below `dir`, by relative path, with its content. */
function readTree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child); else result[child] = fs.readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return result;
}

function withSelectionVariable<T>(value: string | undefined, fn: () => T): T {
  const saved = process.env.CDK8S_PLATFORM_ENV;
  try {
    if (value === undefined) delete process.env.CDK8S_PLATFORM_ENV; else process.env.CDK8S_PLATFORM_ENV = value;
    return fn();
  } finally {
    if (saved === undefined) delete process.env.CDK8S_PLATFORM_ENV; else process.env.CDK8S_PLATFORM_ENV = saved;
  }
}

describe('PlatformApp with environments', () => {
  test('GIVEN environments WHEN synthesized THEN each is written to <outdir>/<env>/ with its own values', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    // WHEN
    withSelectionVariable(undefined, () => envApp({ outdir }).synth());
    // THEN
    expect(fs.readdirSync(outdir)).toEqual([OUTPUT_MARKER_FILE, 'dev', 'prod']);
    const files = readTree(outdir);
    expect(Object.keys(files).filter((f) => f.startsWith('dev/'))).toEqual([
      'dev/README.md', 'dev/kustomization.yaml', 'dev/web/deployment-site.yaml', 'dev/web/namespace-web.yaml', 'dev/web/service-site.yaml',
    ]);
    expect(files['dev/web/deployment-site.yaml']).toContain('replicas: 1\n');
    expect(files['prod/web/deployment-site.yaml']).toContain('replicas: 3\n');
  });

  test('GIVEN the same app WHEN synthesized again THEN no byte changes', () => {
    const outdir = path.join(tmpdir(), 'dist');
    withSelectionVariable(undefined, () => envApp({ outdir }).synth());
    const before = readTree(outdir);
    withSelectionVariable(undefined, () => envApp({ outdir }).synth());
    expect(readTree(outdir)).toEqual(before);
  });

  test('GIVEN synthManifests WHEN called THEN it returns the objects of each environment, in apply order', () => {
    const manifests = withSelectionVariable(undefined, () => envApp({}).synthManifests());
    expect([...manifests.keys()]).toEqual(['dev', 'prod']);
    expect(manifests.get('prod')!.map((o) => o.kind)).toEqual(['Namespace', 'PodDisruptionBudget', 'Service', 'Deployment']);
  });

  test('GIVEN the environments prop WHEN synthesized THEN only those folders are replaced and the others stay untouched', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    withSelectionVariable(undefined, () => envApp({ outdir }).synth());
    fs.writeFileSync(path.join(outdir, 'prod', 'web', 'deployment-site.yaml'), 'edited by hand\n');
    fs.writeFileSync(path.join(outdir, 'dev', 'stale.yaml'), 'stale\n');
    // WHEN
    envApp({ outdir, environments: ['dev'] }).synth();
    // THEN
    expect(fs.readFileSync(path.join(outdir, 'prod', 'web', 'deployment-site.yaml'), 'utf8')).toBe('edited by hand\n');
    expect(fs.existsSync(path.join(outdir, 'dev', 'stale.yaml'))).toBe(false);
    expect(fs.readdirSync(outdir)).toEqual([OUTPUT_MARKER_FILE, 'dev', 'prod']);
  });

  test('GIVEN CDK8S_PLATFORM_ENV WHEN the app is constructed THEN it selects those environments', () => {
    const app = withSelectionVariable(' prod, dev ,', () => envApp({}));
    expect(app.selectedEnvironments).toEqual(['prod', 'dev']);
    expect([...app.synthManifests().keys()]).toEqual(['dev', 'prod']);
  });

  test('GIVEN the environments prop and CDK8S_PLATFORM_ENV WHEN constructed THEN the prop wins', () => {
    const app = withSelectionVariable('prod', () => envApp({ environments: ['dev'] }));
    expect([...app.synthManifests().keys()]).toEqual(['dev']);
  });

  test('GIVEN an unknown environment selected WHEN synthesized THEN the error lists the defined ones and nothing is written', () => {
    const outdir = path.join(tmpdir(), 'dist');
    const app = envApp({ outdir, environments: ['qa'] });
    expect(() => app.synth()).toThrow(PlatformError);
    expect(() => app.synth()).toThrow('Unknown environment(s) "qa" selected (by the environments prop or CDK8S_PLATFORM_ENV); the app defines: dev, prod.');
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('GIVEN an environments prop that is not an array of names WHEN constructed THEN the error says what is allowed', () => {
    expect(() => new PlatformApp({ environments: 'dev' as any })).toThrow('environments received "dev"; allowed: an array of environment names');
  });

  test('GIVEN a selection but no environments WHEN synthesized THEN the error says so', () => {
    const app = new PlatformApp({ environments: ['dev'] });
    new AppStack(app, 'web', { namespace: 'web' });
    expect(() => app.synth()).toThrow(/selected .* but the app defines no Environment/);
  });

  test('GIVEN stacks inside and outside environments WHEN synthesized THEN a SynthError names the stack outside', () => {
    const app = withSelectionVariable(undefined, () => envApp({ outdir: path.join(tmpdir(), 'dist') }));
    new AppStack(app, 'loose', { namespace: 'loose' });
    expect(() => app.synth()).toThrow(SynthError);
    expect(() => app.synth()).toThrow('[loose] this stack is outside every Environment, but the app defines environments (dev, prod)');
  });

  test('GIVEN a previous output and a validation error in one environment WHEN synthesized THEN no environment folder changes', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    withSelectionVariable(undefined, () => envApp({ outdir }).synth());
    const before = readTree(outdir);
    const app = withSelectionVariable(undefined, () => envApp({ outdir }));
    const stack = new AppStack(app.environments[1], 'other', { namespace: 'other' });
    const config = new Config(stack, 'cfg');
    new WebService(stack, 'site', { image: 'nginx:1.25', resources: RESOURCES, env: { X: EnvValue.fromConfig(config, 'missing') } });
    // WHEN
    expect(() => app.synth()).toThrow(SynthError);
    // THEN
    expect(readTree(outdir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  });

  describe('run()', () => {
    let spy: jest.SpyInstance;
    beforeEach(() => { spy = jest.spyOn(console, 'error').mockImplementation(() => undefined); });
    afterEach(() => { spy.mockRestore(); process.exitCode = undefined; });

    test('GIVEN a previous output and app code that throws WHEN run THEN the output stays as it was', () => {
      // GIVEN
      const outdir = path.join(tmpdir(), 'dist');
      withSelectionVariable(undefined, () => envApp({ outdir }).synth());
      const before = readTree(outdir);
      // WHEN
      withSelectionVariable(undefined, () => PlatformApp.run((app) => {
        new Environment(app, 'dev');
        throw new Error('bug in the app code');
      }, { outdir }));
      // THEN
      expect(process.exitCode).toBe(1);
      expect(readTree(outdir)).toEqual(before);
    });
  });
});
