import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { PlatformApp, OUTPUT_MARKER_FILE } from '../../lib';
import { defineExamples, EXAMPLE_ENVIRONMENTS, EXAMPLE_GITOPS } from '../../apps/examples';
import { tmpdir } from '../_helpers';

/** Every file below `dir`, by relative path, with its content. */
function readTree(dir: string): Map<string, string> {
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

/** Synthesizes the examples as `npm run synth` does (every environment, with GitOps) into `outdir`. */
function synthExamples(outdir: string): void {
  const app = new PlatformApp({ outdir, environments: Object.keys(EXAMPLE_ENVIRONMENTS), gitOps: EXAMPLE_GITOPS });
  defineExamples(app);
  app.synth();
}

describe('the examples, as written to dist/', () => {
  const outdir = path.join(tmpdir(), 'dist');
  synthExamples(outdir);
  const tree = readTree(outdir);

  test('GIVEN the examples WHEN synthesized THEN there is one folder per environment and one for GitOps', () => {
    expect(fs.readdirSync(outdir)).toEqual([OUTPUT_MARKER_FILE, '_gitops', 'dev', 'prod', 'staging']);
  });

  test.each(['dev', 'staging', 'prod', '_gitops'])('GIVEN dist/%s WHEN kubectl kustomize builds it THEN it yields every object file of the folder', (folder) => {
    const built = execFileSync('kubectl', ['kustomize', path.join(outdir, folder)], { encoding: 'utf8' });
    const files = [...tree.keys()].filter((f) => f.startsWith(`${folder}/`) && f.endsWith('.yaml') && !f.endsWith('/kustomization.yaml'));
    expect(built.split(/^---\n/m).length).toBe(files.length);
  });

  test('GIVEN the examples WHEN synthesized again THEN no byte changes', () => {
    synthExamples(outdir);
    expect(readTree(outdir)).toEqual(tree);
  });

  test('GIVEN the output WHEN searched THEN no Secret carries data', () => {
    const secrets = [...tree].filter(([f]) => f.endsWith('.yaml'))
      .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS()))
      .filter((o) => o?.kind === 'Secret' && (o.data || o.stringData));
    expect(secrets).toEqual([]);
  });
});
