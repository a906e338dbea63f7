import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { tmpdir } from '../_helpers';
import { synthesizeModule, typeErrors } from './_round-trip';

/** The README's "Adopting an existing app" section, without its Compose part. */
function section(): string {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Adopting an existing app\n');
  const end = readme.indexOf('\n### From Docker Compose\n', start);
  if (start < 0 || end < 0) throw new Error('README.md has no "Adopting an existing app" section with a "From Docker Compose" part');
  return readme.slice(start, end);
}

/** The fenced blocks of `language` in `text`, without their indentation. */
function blocks(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp(`^( *)\`\`\`${language}\\n([\\s\\S]*?)^\\1\`\`\`$`, 'gm'))]
    .map((m) => m[2].split('\n').map((l) => l.slice(m[1].length)).join('\n'));
}

describe('README: Adopting an existing app', () => {
  let source: string;
  let stderr = '';
  let dir: string;
  let command: string;
  let printed: string;

  beforeAll(async () => {
    // GIVEN the section's manifests in k8s/shop.yaml, and its command
    dir = tmpdir();
    fs.mkdirSync(path.join(dir, 'k8s'));
    fs.writeFileSync(path.join(dir, 'k8s', 'shop.yaml'), blocks(section(), 'yaml')[0]);
    [command, printed] = blocks(section(), 'console')[0].trimEnd().split('\n');
    // WHEN it is run
    const argv = command.replace(/^\$ npx cdk8s-platform /, '').split(' ');
    await main(argv, { stdout: () => undefined, stderr: (t) => { stderr += t; }, cwd: dir, env: process.env, stdin: () => '' });
    source = fs.readFileSync(path.join(dir, 'apps', 'imported.ts'), 'utf8');
  });

  test('GIVEN the example WHEN imported THEN the command prints the line shown', () => {
    // THEN
    expect(stderr).toBe(`${printed}\n`);
  });

  test('GIVEN the example WHEN imported THEN the module has the code shown', () => {
    // THEN
    expect(source).toContain(blocks(section(), 'ts')[0]);
  });

  test('GIVEN the example WHEN imported THEN the header comment has the lines shown', () => {
    // THEN
    expect(source).toContain(blocks(section(), 'ts')[1]);
  });

  test('GIVEN the module WHEN type-checked and synthesized THEN it compiles and writes the ConfigMap, the Deployment, its Service and budget', () => {
    // WHEN
    const errors = typeErrors([path.join(dir, 'apps', 'imported.ts')]);
    const objects = synthesizeModule(path.join(dir, 'apps', 'imported.ts'), path.join(dir, 'dist'));
    // THEN
    expect(errors).toEqual([]);
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual(['ConfigMap/shop-config', 'Deployment/api', 'PodDisruptionBudget/api', 'Service/api']);
  });
});
