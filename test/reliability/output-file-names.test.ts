import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { AppStack, Environment, PlatformApp, PlatformError } from '../../lib';
import { tmpdir } from '../_helpers';

/**
 * Kind, namespace and name become the path of an object's file: no value may leave its folder, collide with
 * another object's file, or break the file system with a stack trace.
 */

/** An app with environments dev and prod, each with a stack in namespace ns2 holding a ConfigMap "c". */
function app(outdir: string): { app: PlatformApp; dev: AppStack } {
  const a = new PlatformApp({ outdir, capacitySummary: false });
  let dev!: AppStack;
  for (const env of ['dev', 'prod']) {
    const stack = new AppStack(new Environment(a, env), 'shop', { namespace: 'ns2' });
    new ApiObject(stack, 'c', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { env } });
    if (env === 'dev') dev = stack;
  }
  return { app: a, dev };
}

describe('file names made from object data', () => {
  test('GIVEN a custom resource in dev whose kind climbs into prod WHEN synthesized THEN it is refused, naming the kind, and prod is untouched', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    app(outdir).app.synth();
    const { app: second, dev } = app(outdir);
    new ApiObject(dev, 'evil', { apiVersion: 'example.com/v1', kind: '../../prod/ns2/ConfigMap', metadata: { name: 'c' }, data: { env: 'evil' } });
    // WHEN
    const synth = (): void => second.synth();
    // THEN
    expect(synth).toThrow(PlatformError);
    expect(synth).toThrow('kind received "../../prod/ns2/ConfigMap"; allowed: a kind of letters, digits and "-"');
    expect(fs.readFileSync(path.join(outdir, 'prod', 'ns2', 'configmap-c.yaml'), 'utf8')).toContain('env: prod');
  });

  test.each([['a/b'], ['Config.Map'], ['-x'], ['K'.repeat(64)]])('GIVEN the kind %j WHEN laid out THEN it is refused', (kind) => {
    const { app: a, dev } = app(path.join(tmpdir(), 'dist'));
    new ApiObject(dev, 'x', { apiVersion: 'example.com/v1', kind, metadata: { name: 'x' } });
    expect(() => a.synth()).toThrow(`kind received ${JSON.stringify(kind)}`);
  });

  test('GIVEN a valid name of 250 characters WHEN synthesized THEN it is a clear error saying how long the name may be, not ENAMETOOLONG', () => {
    // GIVEN
    const { app: a, dev } = app(path.join(tmpdir(), 'dist'));
    const name = `${'a'.repeat(62)}.${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(61)}`;
    expect(name).toHaveLength(250);
    new ApiObject(dev, 'long', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: {} });
    // WHEN
    const synth = (): void => a.synth();
    // THEN
    expect(synth).toThrow(PlatformError);
    expect(synth).toThrow('makes the file name "configmap-aaaa');
    expect(synth).toThrow('allowed: a name of at most 240 bytes for this kind');
  });

  test('GIVEN two objects whose names differ only in case WHEN synthesized THEN it is refused: they are one file where case does not count', () => {
    // GIVEN: RBAC names are path segments, and may hold capitals
    const { app: a, dev } = app(path.join(tmpdir(), 'dist'));
    new ApiObject(dev, 'r1', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'Reader' }, rules: [] });
    new ApiObject(dev, 'r2', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] });
    // WHEN
    const synth = (): void => a.synth();
    // THEN
    expect(synth).toThrow(/Two objects would be written to the same file ".*clusterrole-(R|r)eader.yaml" \(and ".*", the same file where case does not count\)/);
  });

  test('GIVEN a name with a control character WHEN laid out THEN it is refused', () => {
    const { app: a, dev } = app(path.join(tmpdir(), 'dist'));
    new ApiObject(dev, 'x', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'a\nb' }, rules: [] });
    expect(() => a.synth()).toThrow('may not contain control characters');
  });
});
