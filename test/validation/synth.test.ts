import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, JsonPatch } from 'cdk8s';
import {
  AppStack, Environment, findObject, GitOps, PlatformApp, PropError, Secret, Suppression, synthFindings, synthObjects, Validation, ValidationError,
  ValidationPreset, WebService, EnvValue,
} from '../../lib';
import { makeStack, RESOURCES, tmpdir } from '../_helpers';

/** A stack whose Deployment escapes construct-time checks through an escape hatch: an underscore in a label. */
function stackWithBadLabel(app?: PlatformApp): { stack: AppStack; web: WebService } {
  const stack = app ? new AppStack(app, 'test', { namespace: 'test' }) : makeStack().stack;
  const web = new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES, replicas: 1 });
  ApiObject.of(web).addJsonPatch(JsonPatch.add('/metadata/labels/bad key', 'x'));
  return { stack, web };
}

describe('validation at synth', () => {
  test('GIVEN an object with an invalid label WHEN synthesized THEN a ValidationError names the rule, object, field and construct path', () => {
    // GIVEN
    const { stack } = stackWithBadLabel();
    // WHEN
    let error: unknown;
    try {
      synthObjects(stack);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(ValidationError.isValidationError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('Validation failed; nothing was written. 1 error(s)');
    expect(message).toContain('error [metadata-labels] Deployment test/web metadata.labels: received "bad key"');
    expect(message).toContain('(construct test/web/Deployment)');
  });

  test('GIVEN an invalid stack WHEN the app is synthesized THEN nothing is written', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    const app = new PlatformApp({ outdir });
    stackWithBadLabel(app);
    // WHEN / THEN
    expect(() => app.synth()).toThrow(ValidationError);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('GIVEN an invalid stack WHEN run by PlatformApp.run THEN the message is printed without a stack trace and the exit code is 1', () => {
    // GIVEN
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m) => { errors.push(String(m)); });
    const before = process.exitCode;
    // WHEN
    PlatformApp.run((app) => { stackWithBadLabel(app); }, { outdir: path.join(tmpdir(), 'dist') });
    // THEN
    spy.mockRestore();
    expect(process.exitCode).toBe(1);
    process.exitCode = before;
    expect(errors.join('\n')).toContain('cdk8s-platform: Validation failed');
    expect(errors.join('\n')).not.toContain('    at ');
  });

  test('GIVEN warnings only WHEN the app is synthesized THEN the files are written and the warnings printed to stderr', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    const app = new PlatformApp({ outdir });
    const stack = new AppStack(app, 'test', { namespace: 'test' });
    new WebService(stack, 'web', { image: 'nginx', resources: RESOURCES });
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((t) => { written.push(String(t)); return true; });
    // WHEN
    app.synth();
    // THEN
    spy.mockRestore();
    expect(fs.readdirSync(outdir).length).toBeGreaterThan(0);
    expect(written.join('')).toContain('cdk8s-platform: warning [image-pinned] Deployment test/web');
  });

  test('GIVEN a construct suppression WHEN synthesized THEN the finding is gone and the justification is in the annotation', () => {
    // GIVEN
    const { stack, web } = stackWithBadLabel();
    Validation.suppress(web, 'metadata-labels', 'the label is read by a legacy tool');
    // WHEN
    const objects = synthObjects(stack);
    // THEN
    expect(findObject(objects, 'Deployment', 'web').metadata.annotations).toEqual({
      'cdk8s-platform.io/validation-suppressed': 'metadata-labels: the label is read by a legacy tool',
    });
    expect(findObject(objects, 'Service', 'web').metadata.annotations?.['cdk8s-platform.io/validation-suppressed']).toBeDefined();
  });

  test('GIVEN a construct downgrade WHEN synthesized THEN the error is a warning and the justification in the annotation', () => {
    const { stack, web } = stackWithBadLabel();
    Validation.downgrade(web.apiObject, 'metadata-labels', 'migrating off the label next sprint');
    const findings = synthFindings(stack);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['metadata-labels', 'warning']]);
    expect(findObject(synthObjects(stack), 'Deployment', 'web').metadata.annotations?.['cdk8s-platform.io/validation-downgraded'])
      .toBe('metadata-labels: migrating off the label next sprint');
  });

  test('GIVEN Validation.suppress without a justification THEN it is a PropError naming the construct', () => {
    const { stack } = makeStack();
    expect(() => Validation.suppress(stack, 'image-pinned', '')).toThrow(PropError);
    expect(() => Validation.suppress(stack, 'image-pinned', '')).toThrow(/Invalid Validation.suppress props at "test":\n {2}- justification: received ""/);
  });

  test('GIVEN app-wide suppressions and a preset as PlatformApp props WHEN synthesized THEN they apply', () => {
    const app = new PlatformApp({
      outdir: tmpdir(),
      validation: { preset: ValidationPreset.STRICT, suppressions: [Suppression.off('pdb-for-replicas', 'a PDB comes with the platform chart')] },
    });
    const stack = new AppStack(app, 'test', { namespace: 'test' });
    new WebService(stack, 'web', { image: 'nginx', resources: RESOURCES });
    expect(synthFindings(stack).map((f) => [f.rule, f.severity])).toEqual([['image-pinned', 'error']]);
  });

  test('GIVEN an imported Secret WHEN a workload reads it THEN the reference is not reported', () => {
    const { stack } = makeStack();
    const s = Secret.fromSecretName(stack, 'db', 'db-secret');
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES, replicas: 1, env: { URL: EnvValue.fromSecret(s, 'url') } });
    expect(synthFindings(stack)).toEqual([]);
  });

  test('GIVEN a valid stack WHEN synthesized THEN findings carry construct paths', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx', resources: RESOURCES });
    expect(synthFindings(stack).map((f) => f.constructPath)).toEqual(['test/web/Deployment']);
  });
});

describe('validation of apps with environments', () => {
  test('GIVEN the same stack in two environments WHEN the whole app is synthesized THEN each environment is validated on its own', () => {
    // GIVEN
    const app = new PlatformApp({ outdir: tmpdir() });
    for (const name of ['dev', 'prod']) {
      const stack = new AppStack(new Environment(app, name), 'shop', { namespace: 'shop' });
      new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    }
    // WHEN
    const findings = synthFindings(app);
    // THEN
    expect(findings.filter((f) => f.rule === 'duplicate-object')).toEqual([]);
    expect(synthObjects(app).filter((o) => o.kind === 'Deployment')).toHaveLength(2);
  });
});

describe('validation of the GitOps objects', () => {
  test('GIVEN an app with Argo CD WHEN synthesized with the strict preset THEN its Applications are validated too', () => {
    // GIVEN
    const app = new PlatformApp({
      outdir: path.join(tmpdir(), 'dist'),
      validation: { preset: ValidationPreset.STRICT },
      gitOps: [GitOps.argoCd({ repoURL: 'https://github.com/acme/deploy.git' })],
    });
    const stack = new AppStack(new Environment(app, 'prod'), 'shop', { namespace: 'shop' });
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((t) => { written.push(String(t)); return true; });
    // WHEN
    app.synth();
    // THEN
    spy.mockRestore();
    expect(written.join('')).toMatch(/warning \[schema-unknown-kind\] Application \S+ .*\(construct _gitops\/Application-deploy-prod\)/);
  });
});
