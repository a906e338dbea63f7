import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadManifestFolder, loadManifestsFromGit, PlatformError } from '../../lib';
import { tmpdir } from '../_helpers';

function write(dir: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: n\ndata:\n  k: v\n';

describe('loadManifestFolder', () => {
  test('GIVEN nested YAML files and a kustomization WHEN loaded THEN every object is read, with file and line; the kustomization is skipped', () => {
    const dir = write(tmpdir(), {
      'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
      'n/configmap-a.yaml': CM,
      'n/two.yml': '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: n\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n  namespace: n\n',
      'README.md': '# not yaml: ignored\n',
    });
    const set = loadManifestFolder(dir);
    expect([...set.objects.values()].map((e) => `${e.object.kind}@${e.file}:${e.line}`)).toEqual([
      'ConfigMap@n/configmap-a.yaml:1', 'Service@n/two.yml:2', 'ServiceAccount@n/two.yml:8',
    ]);
  });

  test('GIVEN invalid YAML WHEN loaded THEN the error names file and line', () => {
    const dir = write(tmpdir(), { 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n' });
    expect(() => loadManifestFolder(dir)).toThrow(PlatformError);
    expect(() => loadManifestFolder(dir)).toThrow(/bad\.yaml:\d+: invalid YAML/);
  });

  test('GIVEN a document that is not a Kubernetes object WHEN loaded THEN the error names file and line', () => {
    const dir = write(tmpdir(), { 'x.yaml': `${CM}---\nfoo: bar\n` });
    expect(() => loadManifestFolder(dir)).toThrow(/x\.yaml:9: not a Kubernetes object/);
  });

  test('GIVEN the same object twice WHEN loaded THEN the error names both places', () => {
    const dir = write(tmpdir(), { 'a.yaml': CM, 'b.yaml': CM });
    expect(() => loadManifestFolder(dir)).toThrow(/b\.yaml:1: ConfigMap "a" is also defined at .*a\.yaml:1/);
  });

  test('GIVEN a UTF-8 file with a byte order mark and a JSON file WHEN loaded THEN both are read', () => {
    const dir = write(tmpdir(), { 'bom.yaml': `\ufeff${CM}`, 'j.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j', namespace: 'n' } }) });
    expect([...loadManifestFolder(dir).objects.values()].map((e) => `${e.object.metadata.name}@${e.file}:${e.line}`)).toEqual(['a@bom.yaml:1', 'j@j.json:1']);
  });

  test('GIVEN !!pairs WHEN loaded THEN they are a list of one-key maps, as kubectl reads them', () => {
    const dir = write(tmpdir(), { 'p.yaml': `${CM}  pairs: !!pairs [{a: 1}, {a: 2}]\n` });
    expect([...loadManifestFolder(dir).objects.values()][0].object.data.pairs).toEqual([{ a: 1 }, { a: 2 }]);
  });

  test('GIVEN a kind: List WHEN loaded THEN its items are the objects', () => {
    const dir = write(tmpdir(), { 'list.yaml': `apiVersion: v1\nkind: List\nitems:\n- ${CM.split('\n').join('\n  ').trimEnd()}\n` });
    expect([...loadManifestFolder(dir).objects.values()].map((e) => `${e.object.kind}@${e.file}:${e.line}`)).toEqual(['ConfigMap@list.yaml:1']);
  });

  test('GIVEN a file above the size limit WHEN loaded with a limit THEN the error names it, with its size', () => {
    const dir = write(tmpdir(), { 'a.yaml': CM });
    expect(() => loadManifestFolder(dir, { maxInputSize: 16 })).toThrow(/a\.yaml: too large: received \d+ bytes; allowed: at most 16 bytes per file or stream/);
  });

  test('GIVEN a path that is not a folder WHEN loaded THEN the error says so', () => {
    expect(() => loadManifestFolder('/nonexistent/dist')).toThrow('"/nonexistent/dist" is not a folder');
  });
});

describe('loadManifestsFromGit', () => {
  test('GIVEN a folder committed at a revision and changed since WHEN loaded from the revision THEN the committed objects are read', () => {
    // GIVEN
    const repo = tmpdir();
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    write(repo, { 'dist/prod/n/configmap-a.yaml': CM, 'dist/prod/kustomization.yaml': 'resources: []\n', 'other.yaml': CM.replace('name: a', 'name: other') });
    git('add', '.');
    git('commit', '-qm', 'one');
    fs.writeFileSync(path.join(repo, 'dist', 'prod', 'n', 'configmap-a.yaml'), CM.replace('k: v', 'k: changed'));
    // WHEN
    const set = loadManifestsFromGit('HEAD', path.join(repo, 'dist'));
    // THEN
    expect([...set.objects.values()].map((e) => [e.file, e.object.data])).toEqual([['prod/n/configmap-a.yaml', { k: 'v' }]]);
    expect(set.source).toBe('HEAD:dist');
    expect(loadManifestsFromGit('HEAD', path.join(repo, 'missing')).objects.size).toBe(0);
    expect(() => loadManifestsFromGit('no-such-ref', path.join(repo, 'dist'))).toThrow(PlatformError);
    expect(() => loadManifestsFromGit('no-such-ref', path.join(repo, 'dist'))).toThrow('is not a commit in');
  });
});
