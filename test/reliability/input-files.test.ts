// Issue 13, item 4 (consistent files): `check` reported 0 objects and exit 0 for symlinked manifests in folders,
// UTF-16 files and `.json` manifests in folders, and ELOOP was reported as "no such file". `check` and `diff` now
// read files through one reader: symbolic links followed (cycles reported), UTF-8 or UTF-16 with a byte order mark,
// `.json` in folders, other bytes refused with their offset, and every file system error with what it means.
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { loadManifestFolder } from '../../lib/diff/manifest-set';
import { tmpdir } from '../_helpers';

/** Runs the CLI in-process in `cwd`. */
async function run(argv: string[], cwd: string = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd, env: process.env, stdin: () => '' });
  return { code, stdout, stderr };
}

/** A small, valid ConfigMap named `name`. */
function configMap(name: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  key: value\n`;
}

/** Writes `files` (path → text or bytes) below a new temporary folder, and returns it. */
function folder(files: Record<string, string | Uint8Array>): string {
  const dir = tmpdir();
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** The names of the objects `diff`'s reader finds in `dir`. */
function namesIn(dir: string): string[] {
  return [...loadManifestFolder(dir).objects.values()].map((e) => `${e.object.metadata.name}@${e.file}`);
}

describe('check and diff: one reader for files and folders', () => {
  test('GIVEN a symbolic link to a manifest file in a folder WHEN checked THEN its objects are checked and the link is reported', async () => {
    // GIVEN
    const dir = folder({ 'shared/b.yaml': configMap('b'), 'env/a.yaml': configMap('a') });
    fs.symlinkSync('../shared/b.yaml', path.join(dir, 'env', 'b.yaml'));
    // WHEN
    const { code, stdout } = await run(['check', path.join(dir, 'env')]);
    // THEN
    expect(stdout).toBe('0 error(s), 0 warning(s) in 2 object(s)\n1 of 2 file(s) read through symbolic links\n');
    expect(code).toBe(0);
  });

  test('GIVEN a symbolic link to a folder WHEN read by check and by diff THEN both read its files, in name order', async () => {
    // GIVEN
    const dir = folder({ 'shared/x/b.yaml': configMap('b'), 'env/a.yaml': configMap('a'), 'env/c.yaml': configMap('c') });
    fs.symlinkSync('../shared/x', path.join(dir, 'env', 'b'));
    // WHEN
    const checked = await run(['check', path.join(dir, 'env'), '--format', 'json', '--preset', 'strict']);
    // THEN
    expect(checked.code).toBe(0);
    expect(namesIn(path.join(dir, 'env'))).toEqual(['a@a.yaml', 'b@b/b.yaml', 'c@c.yaml']);
    expect(loadManifestFolder(path.join(dir, 'env')).linkedFiles).toEqual(['b/b.yaml']);
  });

  test('GIVEN a symbolic link cycle in a folder WHEN checked THEN it is an error naming the link, and the rest is read', async () => {
    // GIVEN
    const dir = folder({ 'env/a.yaml': configMap('a') });
    fs.symlinkSync('..', path.join(dir, 'env', 'loop'));
    // WHEN
    const { code, stdout } = await run(['check', path.join(dir, 'env')]);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(dir, 'env', 'loop')}: symbolic link cycle: ".." leads back to the folder ${JSON.stringify(fs.realpathSync(dir))}, which contains it (not followed)`);
    expect(stdout).toContain('in 1 object(s)');
  });

  test('GIVEN a symbolic link cycle in a folder WHEN diffed THEN it is an error naming the link', () => {
    // GIVEN
    const dir = folder({ 'a.yaml': configMap('a'), 'sub/b.yaml': configMap('b') });
    fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
    // WHEN / THEN
    expect(() => loadManifestFolder(dir)).toThrow(/sub\/up: symbolic link cycle: "\.\." leads back to the folder given/);
  });

  test('GIVEN a dangling symbolic link in a folder WHEN checked THEN it is an error naming the link and its target', async () => {
    // GIVEN
    const dir = folder({ 'a.yaml': configMap('a') });
    fs.symlinkSync('gone.yaml', path.join(dir, 'b.yaml'));
    // WHEN
    const { code, stdout } = await run(['check', dir]);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(dir, 'b.yaml')}: symbolic link to "gone.yaml": no such file or folder (ENOENT)`);
  });

  test('GIVEN a symbolic link to a device in a folder WHEN checked THEN it is refused, not read', async () => {
    // GIVEN
    const dir = folder({ 'a.yaml': configMap('a') });
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    // WHEN
    const { code, stdout } = await run(['check', dir]);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(dir, 'zero.yaml')}: symbolic link to "/dev/zero", which is a character device, not a regular file`);
  });

  test.each([['UTF-16LE', 'utf16le', [0xff, 0xfe]], ['UTF-16BE', 'utf16be', [0xfe, 0xff]]] as const)(
    'GIVEN a %s file with a byte order mark in a folder WHEN checked THEN its objects are checked',
    async (_name, encoding, bom) => {
      // GIVEN
      const text = Buffer.from(configMap('wide'), 'utf16le');
      if (encoding === 'utf16be') text.swap16();
      const dir = folder({ 'wide.yaml': Buffer.concat([Buffer.from(bom), text]) });
      // WHEN
      const { code, stdout } = await run(['check', dir]);
      // THEN
      expect(stdout).toBe('0 error(s), 0 warning(s) in 1 object(s)\n');
      expect(code).toBe(0);
    });

  test('GIVEN a .json manifest in a folder WHEN checked THEN its object is checked', async () => {
    // GIVEN
    const dir = folder({ 'cm.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j', namespace: 'shop' }, data: { k: 'v' } }) });
    // WHEN
    const { code, stdout } = await run(['check', dir]);
    // THEN
    expect(stdout).toBe('0 error(s), 0 warning(s) in 1 object(s)\n');
    expect(code).toBe(0);
  });

  test('GIVEN kustomization files in a folder WHEN read THEN they are skipped, as build instructions', async () => {
    // GIVEN
    const dir = folder({ 'kustomization.yaml': 'resources:\n- a.yaml\n', 'a.yaml': configMap('a') });
    // WHEN
    const { code, stdout } = await run(['check', dir]);
    // THEN
    expect(stdout).toBe('0 error(s), 0 warning(s) in 1 object(s)\n');
    expect(code).toBe(0);
    expect(namesIn(dir)).toEqual(['a@a.yaml']);
  });

  test('GIVEN a file with invalid UTF-8 WHEN checked THEN it is an error naming the file and the byte offset', async () => {
    // GIVEN "name: caf\xe9" in Latin-1
    const bytes = Buffer.concat([Buffer.from(configMap('x').replace('value', 'caf')), Buffer.from([0xe9, 0x0a])]);
    const dir = folder({ 'latin1.yaml': bytes });
    // WHEN
    const { code, stdout } = await run(['check', dir]);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(dir, 'latin1.yaml')}: not UTF-8 text: invalid byte 0xe9 at byte offset ${bytes.length - 2}`);
    expect(stdout).toContain('in 0 object(s)');
  });

  test('GIVEN binary data WHEN checked THEN it is an error naming the file and the offset of its first NUL byte', async () => {
    // GIVEN
    const dir = folder({ 'image.yaml': Buffer.from([0x61, 0x3a, 0x20, 0x00, 0x01, 0x02]) });
    // WHEN
    const { code, stdout } = await run(['check', dir]);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(dir, 'image.yaml')}: binary data, not text: a NUL byte at byte offset 3`);
  });

  test('GIVEN UTF-32 text WHEN checked THEN it is refused, saying so', async () => {
    // GIVEN
    const dir = folder({ 'wide.yaml': Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]) });
    // WHEN
    const { stdout } = await run(['check', dir]);
    // THEN
    expect(stdout).toContain('wide.yaml: UTF-32 text (a UTF-32 byte order mark): convert it to UTF-8');
  });

  test('GIVEN a symbolic link to itself as a path WHEN checked THEN the error says too many levels of symbolic links, not "no such file"', async () => {
    // GIVEN
    const link = path.join(tmpdir(), 'self.yaml');
    fs.symlinkSync('self.yaml', link);
    // WHEN
    const { code, stdout } = await run(['check', link]);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`${link}: too many levels of symbolic links (ELOOP)`);
  });

  test('GIVEN a path through a file WHEN checked THEN the error says a part of the path is a file', async () => {
    // GIVEN
    const dir = folder({ 'a.yaml': configMap('a') });
    // WHEN
    const { stdout } = await run(['check', path.join(dir, 'a.yaml', 'b.yaml')]);
    // THEN
    expect(stdout).toContain('a part of the path is a file, not a folder (ENOTDIR)');
  });

  test('GIVEN a folder that is a symbolic link loop WHEN diffed THEN the error says too many levels of symbolic links', async () => {
    // GIVEN
    const root = tmpdir();
    fs.symlinkSync('b', path.join(root, 'a'));
    fs.symlinkSync('a', path.join(root, 'b'));
    // WHEN
    const { code, stderr } = await run(['diff', 'a', 'b'], root);
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain('too many levels of symbolic links (ELOOP)');
  });

  test('GIVEN a document that is a plain string WHEN read by check and by diff THEN both say it is not a Kubernetes object', async () => {
    // GIVEN
    const dir = folder({ 'notes.yaml': 'just some text\n' });
    // WHEN
    const { code, stdout } = await run(['check', dir]);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(dir, 'notes.yaml')}:1: not a Kubernetes object: the document is a string, not a map`);
    expect(() => loadManifestFolder(dir)).toThrow('notes.yaml:1: not a Kubernetes object: the document is a string, not a map');
  });
});
