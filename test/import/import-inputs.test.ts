import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isComposeFileName, readImportInputs } from '../../lib/import/import-inputs';
import { tmpdir } from '../_helpers';

const CONFIG = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  A: "1"\n`;

/** Writes `files` (relative path → text) under a new temporary folder and returns it. */
function folderWith(files: Record<string, string>): string {
  const dir = tmpdir();
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('readImportInputs', () => {
  test('GIVEN a folder WHEN read THEN its YAML files are read recursively in name order, each document sourced file#N', () => {
    // GIVEN
    const dir = folderWith({ 'b.yaml': `${CONFIG('b1')}---\n${CONFIG('b2')}`, 'a/z.yml': CONFIG('a'), 'notes.txt': 'not yaml' });
    // WHEN
    const { objects, problems } = readImportInputs(['.'], { cwd: dir, stdin: () => '' });
    // THEN
    expect(problems).toEqual([]);
    expect(objects.map((o) => [o.source, (o.object.metadata as { name: string }).name])).toEqual([
      [path.join('a', 'z.yml#1'), 'a'], ['b.yaml#1', 'b1'], ['b.yaml#2', 'b2'],
    ]);
  });

  test('GIVEN - WHEN read THEN standard input is read as manifests, sourced -#N', () => {
    // WHEN
    const { objects } = readImportInputs(['-'], { cwd: tmpdir(), stdin: () => CONFIG('from-stdin') });
    // THEN
    expect(objects).toEqual([{ source: '-#1', object: expect.objectContaining({ kind: 'ConfigMap' }) }]);
  });

  test('GIVEN a document YAML cannot parse beside a good one WHEN read THEN it is one problem with its line, and the good one is read', () => {
    // GIVEN
    const dir = folderWith({ 'mixed.yaml': `${CONFIG('good')}---\nkind: [unclosed\n` });
    // WHEN
    const { objects, problems } = readImportInputs(['mixed.yaml'], { cwd: dir, stdin: () => '' });
    // THEN
    expect(objects.map((o) => o.source)).toEqual(['mixed.yaml#1']);
    expect(problems).toEqual([{ source: 'mixed.yaml#2', message: expect.stringMatching(/^not imported: invalid YAML: .* \(line \d+\)$/) }]);
  });

  test('GIVEN a path that does not exist WHEN read THEN it is one problem naming it', () => {
    // WHEN
    const { objects, problems } = readImportInputs(['missing.yaml'], { cwd: tmpdir(), stdin: () => '' });
    // THEN
    expect(objects).toEqual([]);
    expect(problems).toEqual([{ source: 'missing.yaml', message: expect.stringContaining('no such file or folder') }]);
  });

  test('GIVEN a compose.yaml in a folder WHEN read THEN the Compose reader translates it in the namespace given, with its connections', () => {
    // GIVEN
    const compose = [
      'services:',
      '  api:',
      '    image: ghcr.io/acme/api:1.0.0',
      '    expose: ["8080"]',
      '  web:',
      '    image: ghcr.io/acme/web:1.0.0',
      '    depends_on: [api]',
    ].join('\n');
    const dir = folderWith({ 'app/compose.yaml': compose });
    // WHEN
    const { objects, connections } = readImportInputs(['app'], { cwd: dir, stdin: () => '', namespace: 'shop' });
    // THEN
    expect(objects.map((o) => `${o.object.kind}/${(o.object.metadata as { namespace: string }).namespace}`)).toEqual(expect.arrayContaining(['Deployment/shop']));
    expect(objects[0].source).toMatch(/^app[/\\]compose\.yaml: services\./);
    expect(connections).toEqual([expect.objectContaining({ from: 'web', to: 'api', namespace: 'shop' })]);
  });

  test('GIVEN file names WHEN asked THEN compose.y(a)ml, docker-compose.y(a)ml and docker-compose.NAME.yml are Compose files, others not', () => {
    // THEN
    expect(['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.prod.yml', 'dir/compose.override.yaml'].map(isComposeFileName)).toEqual([true, true, true, true, true]);
    expect(['deployment.yaml', 'my-compose.yml', 'compose.json', 'docker-compose.a.b.yml'].map(isComposeFileName)).toEqual([false, false, false, false]);
  });
});

describe('readImportInputs: Compose files and the files they name are bounded', () => {
  const COMPOSE = 'services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    env_file: api.env\n';

  test('GIVEN a Compose file larger than --max-input-size WHEN read THEN it is one problem saying so, and nothing of it is imported', () => {
    // GIVEN
    const dir = folderWith({ 'compose.yaml': `${COMPOSE}# ${'x'.repeat(2000)}\n`, 'api.env': 'A=1\n' });
    // WHEN
    const { objects, problems } = readImportInputs(['compose.yaml'], { cwd: dir, stdin: () => '', maxInputSize: 1024 });
    // THEN
    expect(objects).toEqual([]);
    expect(problems).toEqual([{ source: 'compose.yaml', message: expect.stringMatching(/^cannot be read: too large: received .*; allowed: at most 1 KiB/) }]);
  });

  test('GIVEN an env_file that is a FIFO WHEN read THEN it is refused as not a regular file, without waiting for a writer', () => {
    // GIVEN
    const dir = folderWith({ 'compose.yaml': COMPOSE });
    execFileSync('mkfifo', [path.join(dir, 'api.env')]);
    // WHEN
    const { objects, problems } = readImportInputs(['compose.yaml'], { cwd: dir, stdin: () => '' });
    // THEN
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('the env file api.env cannot be read (is a FIFO'));
    expect(objects.map((o) => o.object.kind)).toContain('Deployment');
  });

  test('GIVEN an env_file larger than --max-input-size WHEN read THEN it is refused with its size, and the service still imported', () => {
    // GIVEN
    const dir = folderWith({ 'compose.yaml': COMPOSE, 'api.env': `A=${'x'.repeat(4000)}\n` });
    // WHEN
    const { objects, problems } = readImportInputs(['compose.yaml'], { cwd: dir, stdin: () => '', maxInputSize: 1024 });
    // THEN
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/the env file api\.env cannot be read \(too large: received .*; allowed: at most 1 KiB\)/));
    expect(objects.map((o) => o.object.kind)).toContain('Deployment');
  });
});
