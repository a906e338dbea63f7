import * as fs from 'fs';
import * as path from 'path';
import { AppStack, Config, EnvValue, PlatformApp, SynthError, WebService, OUTPUT_MARKER_FILE } from '../../lib';
import { RESOURCES, tmpdir } from '../_helpers';

function appIn(outdir: string): PlatformApp {
  const app = new PlatformApp({ outdir });
  const stack = new AppStack(app, 'web', { namespace: 'web' });
  new WebService(stack, 'site', { image: 'nginx:1.25', resources: RESOURCES });
  return app;
}

describe('PlatformApp', () => {
  test('GIVEN an app without environments WHEN synthesized THEN one file per object, a kustomization and a README are written at the top', () => {
    const outdir = path.join(tmpdir(), 'dist');
    appIn(outdir).synth();
    expect(fs.readdirSync(outdir)).toEqual([OUTPUT_MARKER_FILE, 'README.md', 'kustomization.yaml', 'web']);
    expect(fs.readdirSync(path.join(outdir, 'web'))).toEqual(['deployment-site.yaml', 'namespace-web.yaml', 'poddisruptionbudget-site.yaml', 'service-site.yaml']);
    expect(fs.readFileSync(path.join(outdir, 'web', 'namespace-web.yaml'), 'utf8')).toMatch(/^apiVersion: v1\nkind: Namespace\n/);
  });

  test('GIVEN the same app twice WHEN synthesized THEN the bytes are identical', () => {
    const a = path.join(tmpdir(), 'a');
    const b = path.join(tmpdir(), 'b');
    appIn(a).synth();
    appIn(b).synth();
    for (const file of ['kustomization.yaml', 'web/namespace-web.yaml', 'web/deployment-site.yaml', 'web/service-site.yaml']) {
      expect(fs.readFileSync(path.join(b, file))).toEqual(fs.readFileSync(path.join(a, file)));
    }
  });

  test('GIVEN no outdir WHEN constructed THEN the output goes to CDK8S_OUTDIR, else dist', () => {
    const saved = process.env.CDK8S_OUTDIR;
    try {
      process.env.CDK8S_OUTDIR = 'somewhere';
      expect(new PlatformApp().outdir).toBe('somewhere');
      delete process.env.CDK8S_OUTDIR;
      expect(new PlatformApp().outdir).toBe('dist');
    } finally {
      if (saved === undefined) delete process.env.CDK8S_OUTDIR; else process.env.CDK8S_OUTDIR = saved;
    }
  });

  test('GIVEN a previous output and an invalid app WHEN synthesized THEN nothing is written and the old output stays', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    appIn(outdir).synth();
    const before = fs.readFileSync(path.join(outdir, 'web', 'deployment-site.yaml'), 'utf8');
    const app = new PlatformApp({ outdir });
    const stack = new AppStack(app, 'other', { namespace: 'other' });
    const config = new Config(stack, 'cfg');
    new WebService(stack, 'site', { image: 'nginx:1.25', resources: RESOURCES, env: { X: EnvValue.fromConfig(config, 'missing') } });
    // WHEN
    expect(() => app.synth()).toThrow(SynthError);
    // THEN
    expect(fs.readdirSync(outdir)).toEqual([OUTPUT_MARKER_FILE, 'README.md', 'kustomization.yaml', 'web']);
    expect(fs.readFileSync(path.join(outdir, 'web', 'deployment-site.yaml'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  });

  test('GIVEN synthYaml WHEN called THEN it returns every object as one stream, in apply order', () => {
    const yaml = appIn(path.join(tmpdir(), 'dist')).synthYaml();
    expect(yaml.split('---\n').map((doc) => /kind: (\w+)/.exec(doc)?.[1])).toEqual(['Namespace', 'PodDisruptionBudget', 'Service', 'Deployment']);
  });

  describe('run()', () => {
    let errors: string[];
    let spy: jest.SpyInstance;
    beforeEach(() => {
      errors = [];
      spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { errors.push(args.map(String).join(' ')); });
    });
    afterEach(() => {
      spy.mockRestore();
      process.exitCode = undefined;
    });

    test('GIVEN a build that throws a PropError WHEN run THEN the message is printed without a stack, exit code 1, nothing written', () => {
      const outdir = path.join(tmpdir(), 'dist');
      PlatformApp.run((app) => {
        const stack = new AppStack(app, 's', { namespace: 's' });
        new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES, port: 70000 });
      }, { outdir });
      expect(process.exitCode).toBe(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBe('cdk8s-platform: Invalid WebService props at "s/web":\n  - port: received 70000; allowed: an integer from 1 to 65535');
      expect(fs.existsSync(outdir)).toBe(false);
    });

    test('GIVEN a build that throws a bug WHEN run THEN it is printed with its stack and exit code 1', () => {
      PlatformApp.run(() => { throw new TypeError('boom'); }, { outdir: path.join(tmpdir(), 'dist') });
      expect(process.exitCode).toBe(1);
      expect(errors[0]).toContain('TypeError: boom');
      expect(errors[0]).toContain('    at ');
    });

    test('GIVEN a valid build WHEN run THEN the output is written and the exit code is untouched', () => {
      const outdir = path.join(tmpdir(), 'dist');
      PlatformApp.run((app) => { new AppStack(app, 's', { namespace: 's' }); }, { outdir });
      expect(process.exitCode).toBeUndefined();
      expect(fs.readdirSync(outdir)).toEqual([OUTPUT_MARKER_FILE, 'README.md', 'kustomization.yaml', 's']);
    });
  });
});
