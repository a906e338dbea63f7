// Issue 13, item 4 (false "No changes"): `diff --git` skipped file names containing a tab (it split each
// `ls-tree -z` record at every tab), so a pruned object showed as "No changes"; an unknown `--git` ref gave no
// reason. Git trees are now read as folders are: any file name, symbolic links followed, blobs above the limit
// refused before they are read, and a ref that names no commit says so.
import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

/** A Git repository in a temporary folder, with a first commit. */
function repository(): { root: string; git: (...args: string[]) => string } {
  const root = tmpdir();
  const git = (...args: string[]): string => childProcess.execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args],
    { cwd: root, encoding: 'utf8' });
  git('init', '-q');
  fs.mkdirSync(path.join(root, 'dist'));
  fs.writeFileSync(path.join(root, 'dist', 'base.yaml'), configMap('base'));
  git('add', '-A');
  git('commit', '-qm', 'base');
  return { root, git };
}

/** A small ConfigMap named `name`. */
function configMap(name: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  key: value\n`;
}

/** Runs the CLI in-process in `cwd`. */
async function run(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd, env: process.env });
  return { code, stdout, stderr };
}

describe('diff --git: names, links, limits and refs', () => {
  test('GIVEN a committed file whose name has a tab, deleted since WHEN diffed against the commit THEN its object is pruned, not "No changes"', async () => {
    // GIVEN
    const { root, git } = repository();
    fs.writeFileSync(path.join(root, 'dist', 'tab\there.yaml'), configMap('tabbed'));
    git('add', '-A');
    git('commit', '-qm', 'tabbed');
    fs.unlinkSync(path.join(root, 'dist', 'tab\there.yaml'));
    // WHEN
    const { code, stdout } = await run(root, 'diff', '--git', 'HEAD', '--json');
    // THEN
    expect(code).toBe(2);
    expect(JSON.parse(stdout).removed).toEqual([expect.objectContaining({ kind: 'ConfigMap', name: 'tabbed', file: 'tab\there.yaml' })]);
  });

  test('GIVEN any file names (tabs, line breaks, quotes, any character) WHEN their objects are pruned since a commit THEN diff --git reports each', async () => {
    // GIVEN one repository, and a few file names per run (one commit a run: git is the slow part)
    const { root, git } = repository();
    const char = fc.constantFrom('a', 'Z', '0', ' ', '\t', '\n', '\r', '"', '\'', '\\', '*', '?', ':', '-', '#', 'é', '世', '\u00a0', '\u202e');
    const names = fc.uniqueArray(fc.array(char, { minLength: 1, maxLength: 6 }).map((chars) => `${chars.join('')}.yaml`), { minLength: 1, maxLength: 8 });
    let runs = 0;
    await fc.assert(fc.asyncProperty(names, async (files) => {
      const objects = files.map((file, i) => ({ file, name: `cm-${runs}-${i}` }));
      runs++;
      for (const o of objects) fs.writeFileSync(path.join(root, 'dist', o.file), configMap(o.name));
      git('add', '-A');
      git('commit', '-qm', 'files');
      for (const o of objects) fs.unlinkSync(path.join(root, 'dist', o.file));
      try {
        // WHEN
        const { code, stdout } = await run(root, 'diff', '--git', 'HEAD', '--json');
        // THEN
        expect(code).toBe(2);
        const removed = JSON.parse(stdout).removed.map((r: { name: string; file: string }) => ({ name: r.name, file: r.file }));
        expect(removed).toEqual(expect.arrayContaining(objects));
        expect(removed).toHaveLength(objects.length);
      } finally {
        git('add', '-A');
        git('commit', '-qm', 'removed');
      }
    }), { numRuns: 4 });
  });

  test('GIVEN a ref that names nothing WHEN diffed THEN the error says it is not a commit in the repository, and why', async () => {
    // GIVEN
    const { root } = repository();
    // WHEN
    const { code, stderr } = await run(root, 'diff', '--git', 'no-such-branch');
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain(`--git: "no-such-branch" is not a commit in ${root}: no branch, tag or commit has that name`);
  });

  test('GIVEN a ref that names a tree WHEN diffed THEN the error says it is not a commit but a tree', async () => {
    const { root } = repository();
    const { code, stderr } = await run(root, 'diff', '--git', 'HEAD^{tree}');
    expect(code).toBe(1);
    expect(stderr).toContain(`--git: "HEAD^{tree}" is not a commit in ${root}: it names a tree`);
  });

  test('GIVEN a ref that starts with a dash WHEN diffed THEN it is refused before git sees it', async () => {
    const { root } = repository();
    const { code, stderr } = await run(root, 'diff', '--git=--output=/tmp/x');
    expect(code).toBe(1);
    expect(stderr).toContain('--git: received "--output=/tmp/x"; allowed: a Git revision');
  });

  test('GIVEN a committed blob larger than the limit WHEN diffed THEN it is an error with its size and the flag, and the blob is never read', async () => {
    // GIVEN a 2 KiB file at HEAD, small in the working tree
    const { root, git } = repository();
    fs.writeFileSync(path.join(root, 'dist', 'big.yaml'), `${configMap('big')}  padding: "${'x'.repeat(2000)}"\n`);
    git('add', '-A');
    git('commit', '-qm', 'big');
    fs.writeFileSync(path.join(root, 'dist', 'big.yaml'), configMap('big'));
    const blob = git('rev-parse', 'HEAD:dist/big.yaml').trim();
    const spawn = jest.spyOn(childProcess, 'spawnSync');
    // WHEN
    const { code, stderr } = await run(root, 'diff', '--git', 'HEAD', '--max-input-size', '1KiB');
    // THEN
    expect(code).toBe(1);
    expect(stderr).toMatch(/HEAD:dist\/big\.yaml: too large: received 2\.\d KiB \(\d+ bytes\); allowed: at most 1 KiB per file or stream \(raise the limit with --max-input-size\)/);
    const blobsRead = spawn.mock.calls.filter((call) => (call[1] as string[]).includes('--batch')).map((call) => String((call[2] as { input?: unknown }).input));
    spawn.mockRestore();
    expect(blobsRead.filter((input) => input.includes(blob))).toEqual([]);
  });

  test('GIVEN a committed symbolic link to a folder WHEN diffed against the commit THEN its files are read as in the working tree, and reported', async () => {
    // GIVEN dist/prod -> ../shared, committed
    const { root, git } = repository();
    fs.mkdirSync(path.join(root, 'shared'));
    fs.writeFileSync(path.join(root, 'shared', 'cm.yaml'), configMap('shared'));
    fs.symlinkSync('../shared', path.join(root, 'dist', 'prod'));
    git('add', '-A');
    git('commit', '-qm', 'link');
    // WHEN
    const { code, stdout } = await run(root, 'diff', '--git', 'HEAD');
    // THEN
    expect(stdout).toBe('No changes. 2 object(s) identical.\n1 file(s) of HEAD:dist read through symbolic links\n1 file(s) of ' +
      `${path.join(root, 'dist')} read through symbolic links\n`);
    expect(code).toBe(0);
  });

  test('GIVEN a committed symbolic link cycle WHEN diffed against the commit THEN it is an error naming the link', async () => {
    // GIVEN dist/loop -> . at HEAD, gone from the working tree
    const { root, git } = repository();
    fs.symlinkSync('.', path.join(root, 'dist', 'loop'));
    git('add', '-A');
    git('commit', '-qm', 'loop');
    fs.unlinkSync(path.join(root, 'dist', 'loop'));
    // WHEN
    const { code, stderr } = await run(root, 'diff', '--git', 'HEAD');
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain('HEAD:dist/loop: symbolic link cycle');
  });
});
