import * as fs from 'fs';
import * as path from 'path';
import { CliIo, main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

/*
 * init plans every file and checks every path (without following links) before it writes anything: a folder on the
 * way that is a file, a link where a file goes (even a link to nothing), a folder where a file goes are each one clear
 * error, and nothing is written.
 */

/** An io that records output, in `cwd`. */
function recordingIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, env: {}, stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); } };
}

/** A project folder `shop` in a fresh temporary folder, and that folder. */
function project(): { dir: string; outside: string } {
  const outside = tmpdir();
  const dir = path.join(outside, 'shop');
  fs.mkdirSync(dir);
  return { dir, outside };
}

/** Every path below `dir`, with what it is (links not followed), to compare before and after. */
function tree(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) return [`${rel}:dir`, ...tree(dir, rel)];
    return [`${rel}:${e.isSymbolicLink() ? 'link' : 'file'}`];
  }).sort();
}

/** Runs `init` with `args` in `dir`: its exit code and what it printed on stderr. */
async function init(dir: string, ...args: string[]): Promise<{ code: number; err: string }> {
  const io = recordingIo(dir);
  const code = await main(['init', ...args], io);
  return { code, err: io.err.join('') };
}

describe('init checks every path before writing anything', () => {
  test('GIVEN "apps" exists as a file WHEN init runs THEN it names apps, what was found and what is allowed, and writes nothing', async () => {
    // GIVEN
    const { dir } = project();
    fs.writeFileSync(path.join(dir, 'apps'), 'notes\n');
    const before = tree(dir);
    // WHEN
    const { code, err } = await init(dir);
    // THEN
    expect(code).toBe(1);
    expect(err).toBe(`cdk8s-platform: init: nothing was written in ${dir}:\n` +
      '  - apps: found a file; allowed: a folder, or nothing (init writes apps/main.ts into it)\n');
    expect(tree(dir)).toEqual(before);
  });

  test('GIVEN "test" exists as a file WHEN init runs with --force THEN it is refused and nothing is written', async () => {
    const { dir } = project();
    fs.writeFileSync(path.join(dir, 'test'), 'notes\n');
    const before = tree(dir);
    const { code, err } = await init(dir, '--force');
    expect(code).toBe(1);
    expect(err).toContain('  - test: found a file; allowed: a folder, or nothing (init writes test/setup.ts into it)');
    expect(tree(dir)).toEqual(before);
  });

  test('GIVEN a dangling package.json link WHEN init runs THEN it is refused as existing, and the link\'s target is not created', async () => {
    const { dir, outside } = project();
    fs.symlinkSync('../elsewhere.json', path.join(dir, 'package.json'));
    const before = tree(dir);
    const { code, err } = await init(dir);
    expect(code).toBe(1);
    expect(err).toContain('  - package.json: found a symbolic link (to "../elsewhere.json", which does not exist); allowed: nothing, or a regular file with --force (init never writes through a link nor replaces one: remove it first)');
    expect(fs.existsSync(path.join(outside, 'elsewhere.json'))).toBe(false);
    expect(tree(dir)).toEqual(before);
  });

  test('GIVEN a dangling package.json link WHEN init runs with --force THEN it is still refused, and the link\'s target is not created', async () => {
    const { dir, outside } = project();
    fs.symlinkSync('../elsewhere.json', path.join(dir, 'package.json'));
    const { code, err } = await init(dir, '--force');
    expect(code).toBe(1);
    expect(err).toContain('package.json: found a symbolic link');
    expect(fs.existsSync(path.join(outside, 'elsewhere.json'))).toBe(false);
    expect(fs.readlinkSync(path.join(dir, 'package.json'))).toBe('../elsewhere.json');
  });

  test('GIVEN package.json linked to a file outside WHEN init runs with --force THEN the file outside is unchanged', async () => {
    const { dir, outside } = project();
    fs.writeFileSync(path.join(outside, 'shared.json'), '{"shared":true}\n');
    fs.symlinkSync('../shared.json', path.join(dir, 'package.json'));
    expect((await init(dir, '--force')).code).toBe(1);
    expect(fs.readFileSync(path.join(outside, 'shared.json'), 'utf8')).toBe('{"shared":true}\n');
  });

  test('GIVEN "apps" is a link to a folder outside WHEN init runs THEN it is refused and nothing is written outside', async () => {
    const { dir, outside } = project();
    fs.mkdirSync(path.join(outside, 'other-apps'));
    fs.symlinkSync('../other-apps', path.join(dir, 'apps'));
    const { code, err } = await init(dir);
    expect(code).toBe(1);
    expect(err).toContain('  - apps: found a symbolic link (to "../other-apps"); allowed: a folder, or nothing (init writes apps/main.ts into it, and never through a link)');
    expect(fs.readdirSync(path.join(outside, 'other-apps'))).toEqual([]);
  });

  test('GIVEN tsconfig.json is a folder WHEN init runs with --force THEN it is refused, and nothing else is written', async () => {
    const { dir } = project();
    fs.mkdirSync(path.join(dir, 'tsconfig.json'));
    const before = tree(dir);
    const { code, err } = await init(dir, '--force');
    expect(code).toBe(1);
    expect(err).toContain('  - tsconfig.json: found a folder; allowed: nothing, or a regular file');
    expect(tree(dir)).toEqual(before);
  });

  test('GIVEN several paths in the way WHEN init runs THEN one message lists each of them', async () => {
    const { dir } = project();
    fs.writeFileSync(path.join(dir, 'apps'), '');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    const { err } = await init(dir);
    expect(err.split('\n').filter((l) => l.startsWith('  - '))).toEqual([
      '  - package.json: found a file; allowed: nothing, or --force to overwrite it',
      '  - apps: found a file; allowed: a folder, or nothing (init writes apps/main.ts into it)',
    ]);
    expect(err).not.toMatch(/\n\s+at /);
  });

  test('GIVEN a regular file WHEN init runs with --force THEN it is replaced by a new file, keeping its permissions', async () => {
    const { dir } = project();
    const file = path.join(dir, 'package.json');
    fs.writeFileSync(file, '{}');
    fs.chmodSync(file, 0o640);
    expect((await init(dir, '--force')).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).name).toBe('shop');
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });

  test('GIVEN the temporary files of an interrupted init WHEN init runs again THEN they are removed', async () => {
    const { dir } = project();
    fs.mkdirSync(path.join(dir, 'apps'));
    fs.writeFileSync(path.join(dir, '.package.json.init-4242-0123abcd.tmp'), '{"na');
    fs.writeFileSync(path.join(dir, 'apps', '.main.ts.init-4242-0123abcd.tmp'), 'import');
    expect((await init(dir)).code).toBe(0);
    expect(tree(dir).filter((p) => p.includes('.tmp'))).toEqual([]);
  });
});
