import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { findObject, ManifestObject, PlatformApp } from '../../lib';
import { defineExamples } from '../../apps/examples';
import { tmpdir } from '../_helpers';

const SEED = parseAllDocuments(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'seed-minimal-deployment.yaml'), 'utf8'))
  .map((d) => d.toJS());

/** Every leaf of `expected`, with its path, that is missing from `actual` or has another value there. */
function missingLeaves(expected: unknown, actual: unknown, at = ''): string[] {
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(expected) !== Array.isArray(actual)) {
      return [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    }
    return Object.entries(expected as Record<string, unknown>)
      .flatMap(([k, v]) => missingLeaves(v, (actual as Record<string, unknown>)[k], `${at}/${k}`));
  }
  return expected === actual ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** Synthesizes the examples to a folder, as `npm run synth` does, and reads the seed stack's YAML of `prod` back. */
function synthesizedSeedStack(): ManifestObject[] {
  const outdir = path.join(tmpdir(), 'dist');
  const app = new PlatformApp({ outdir, environments: ['prod'] });
  defineExamples(app);
  app.synth();
  const folder = path.join(outdir, 'prod', 'production');
  return fs.readdirSync(folder).sort()
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(folder, f), 'utf8')).map((d) => d.toJS()));
}

describe('the seed stack (apps/api-server-stack.ts), as written to dist/prod/', () => {
  const objects = synthesizedSeedStack();

  test('GIVEN the seed YAML WHEN compared THEN it holds two objects, a Deployment and a Service', () => {
    expect(SEED.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/api-server', 'Service/api-server-svc']);
  });

  test.each(SEED.map((o) => [`${o.kind} ${o.metadata.name}`, o]))(
    'GIVEN the seed %s WHEN synthesized THEN every field of the seed is there with the same value',
    (_name, seed) => {
      const ours = findObject(objects, seed.kind, seed.metadata.name);
      expect(missingLeaves(seed, ours)).toEqual([]);
    },
  );

  test('GIVEN the seed Service WHEN synthesized THEN it lives in "production", beside the pods it selects', () => {
    const svc = findObject(objects, 'Service', 'api-server-svc');
    const deployment = findObject(objects, 'Deployment', 'api-server');
    expect(svc.metadata.namespace).toBe('production');
    expect(deployment.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
  });

  test('GIVEN the seed stack WHEN synthesized THEN it also defines the production Namespace, enforcing restricted', () => {
    expect(findObject(objects, 'Namespace', 'production').metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });
});
