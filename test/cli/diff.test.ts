import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AppStack, Environment, PlatformApp, WebService } from '../../lib';
import { CliIo, main } from '../../lib/cli';
import { RESOURCES, tmpdir } from '../_helpers';

function recordingIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, env: { PATH: process.env.PATH }, stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); } };
}

/** Synthesizes an app with one environment and one web service to `outdir`. */
function synthTo(outdir: string, options: { replicas?: number; selectorLabels?: Record<string, string> } = {}): string {
  const app = new PlatformApp({ outdir, environments: ['prod'] });
  const stack = new AppStack(new Environment(app, 'prod'), 'shop', { namespace: 'shop' });
  new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES, replicas: options.replicas, selectorLabels: options.selectorLabels });
  app.synth();
  return outdir;
}

describe('cdk8s-platform diff', () => {
  test('GIVEN two identical trees WHEN diffed THEN it reports no change and exits 0', async () => {
    const root = tmpdir();
    synthTo(path.join(root, 'a'));
    synthTo(path.join(root, 'b'));
    const io = recordingIo(root);
    expect(await main(['diff', 'a', 'b'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/^No changes\. [1-9][0-9]* object\(s\) identical\.\n$/);
  });

  test('GIVEN a changed selector WHEN diffed THEN it flags the immutable change and exits 2', async () => {
    const root = tmpdir();
    synthTo(path.join(root, 'a'));
    synthTo(path.join(root, 'b'), { selectorLabels: { app: 'web' } });
    const io = recordingIo(root);
    expect(await main(['diff', 'a', 'b'], io)).toBe(2);
    const out = io.out.join('');
    expect(out).toContain('~ Deployment shop/web [prod]');
    expect(out).toMatch(/! immutable field \/spec\/selector\/matchLabels/);
  });

  test('GIVEN --json WHEN diffed THEN it prints the diff as JSON', async () => {
    const root = tmpdir();
    synthTo(path.join(root, 'a'));
    synthTo(path.join(root, 'b'), { replicas: 4 });
    const io = recordingIo(root);
    expect(await main(['diff', '--json', 'a', 'b'], io)).toBe(2);
    const json = JSON.parse(io.out.join(''));
    expect(json.changed[0].changes).toEqual([{ path: '/spec/replicas', before: 2, after: 4 }]);
    expect(json.immutableChanges).toBe(0);
  });

  test('GIVEN --git WHEN diffed THEN the previous manifests come from the revision', async () => {
    // GIVEN a repository with dist/ committed, then re-synthesized with more replicas
    const repo = tmpdir();
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    synthTo(path.join(repo, 'dist'));
    git('add', '.');
    git('commit', '-qm', 'release');
    synthTo(path.join(repo, 'dist'), { replicas: 3 });
    // WHEN
    const io = recordingIo(repo);
    const code = await main(['diff', '--git', 'HEAD'], io);
    // THEN
    expect(code).toBe(2);
    expect(io.out.join('')).toContain('/spec/replicas: 2 -> 3');
    expect(await main(['diff', '--git', 'HEAD', 'dist'], recordingIo(repo))).toBe(2);
  });

  test('GIVEN a folder that does not exist WHEN diffed THEN it exits 1 with the reason', async () => {
    const io = recordingIo(tmpdir());
    expect(await main(['diff', 'a', 'b'], io)).toBe(1);
    expect(io.err.join('')).toMatch(/cdk8s-platform: ".*\/a" is not a folder/);
  });

  test('GIVEN one folder and no --git WHEN diffed THEN it exits 1 and says what to give', async () => {
    const io = recordingIo(tmpdir());
    expect(await main(['diff', 'a'], io)).toBe(1);
    expect(io.err.join('')).toContain('give two folders');
  });

  test('GIVEN --git outside a Git repository WHEN diffed THEN it exits 1 with git\'s reason', async () => {
    const root = tmpdir(); // under the system's temporary folder, outside any Git repository
    synthTo(path.join(root, 'dist'));
    const io = recordingIo(root);
    expect(await main(['diff', '--git', 'HEAD', 'dist'], io)).toBe(1);
    expect(io.err.join('')).toContain('git rev-parse');
  });
});

describe('cdk8s-platform diff --git without the output in Git', () => {
  test('GIVEN a repository whose commit has no dist/ WHEN diff --git HEAD runs THEN it says to commit the output and exits 1', async () => {
    // GIVEN a commit without dist/, and a fresh dist/ (ignored, as init's .gitignore used to)
    const repo = tmpdir();
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'start');
    synthTo(path.join(repo, 'dist'));
    // WHEN
    const io = recordingIo(repo);
    const code = await main(['diff', '--git', 'HEAD'], io);
    // THEN
    expect(code).toBe(1);
    expect(io.out.join('')).toBe('');
    expect(io.err.join('')).toBe('cdk8s-platform: dist/ does not exist at HEAD: commit the output (git add dist) so diff --git can compare against it; nothing was compared (exit code 1)\n');
  });

  test('GIVEN dist/ committed without manifests WHEN diff --git runs THEN the folder existed, so every object is reported as added, exit 2', async () => {
    // GIVEN dist/ committed with a file that is not a manifest, then synthesized
    const repo = tmpdir();
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    fs.mkdirSync(path.join(repo, 'dist'));
    fs.writeFileSync(path.join(repo, 'dist', 'NOTES.txt'), 'the output goes here\n');
    git('add', '.');
    git('commit', '-qm', 'start');
    fs.rmSync(path.join(repo, 'dist'), { recursive: true });
    synthTo(path.join(repo, 'dist'));
    // WHEN
    const io = recordingIo(repo);
    const code = await main(['diff', '--git', 'HEAD'], io);
    // THEN
    expect(code).toBe(2);
    expect(io.out.join('')).toContain('+ Deployment shop/web [prod]');
  });
});
