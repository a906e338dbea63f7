import * as fs from 'fs';
import * as path from 'path';
import { CliIo, main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

// Real apps run through `cdk8s-platform synth` with the loaders app repos use: swc (@swc-node/register, this
// repository's) and ts-node in transpile-only mode (`init`'s). Each starts a Node process that loads its loader.
const SLOW = 30_000;

/** An io that records output, in `cwd`, with RUST_BACKTRACE=1 (which makes swc print a Rust backtrace). */
function recordingIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, env: { PATH: process.env.PATH, RUST_BACKTRACE: '1' }, stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); } };
}

/** A project whose apps/main.ts holds `source`, run with `loader` (a module preloaded with `node -r`). */
function project(loader: string, source: string): string {
  const dir = tmpdir();
  fs.mkdirSync(path.join(dir, 'apps'));
  fs.writeFileSync(path.join(dir, 'apps', 'main.ts'), source);
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `app: node -r ${JSON.stringify(require.resolve(loader))} apps/main.ts\n`);
  return dir;
}

const SYNTAX_ERROR = [
  "import * as fs from 'fs';",
  '',
  "const replicas: number = 3;",
  'const props = { replicas,, image: "nginx" };',
  'console.log(fs, props);',
  '',
].join('\n');

test('GIVEN an app with a syntax error, loaded by swc WHEN synth runs THEN it prints the file, line, column and message, with no backtrace; exit 1', async () => {
  // GIVEN
  const dir = project('@swc-node/register', SYNTAX_ERROR);
  const io = recordingIo(dir);

  // WHEN
  const code = await main(['synth'], io);

  // THEN
  expect(code).toBe(1);
  const err = io.err.join('');
  expect(err).toMatch(/^apps\/main\.ts:4:\d+: error: .+$/m);
  expect(err).not.toContain('backtrace');
  expect(err).not.toMatch(/^\s+at /m);
  // THEN the error's line and synth's own line are all that is printed
  expect(err.split('\n').filter((l) => l !== '')).toHaveLength(2);
  expect(err).toContain('cdk8s-platform synth: the app');
}, SLOW);

test('GIVEN an app with a syntax error, loaded by ts-node (transpile-only) WHEN synth runs THEN it prints the file, line, column and message, with no stack; exit 1', async () => {
  // GIVEN
  const dir = project('ts-node/register/transpile-only', SYNTAX_ERROR);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }));
  const io = recordingIo(dir);

  // WHEN
  const code = await main(['synth'], io);

  // THEN
  expect(code).toBe(1);
  const err = io.err.join('');
  expect(err).toMatch(/^apps\/main\.ts:4:\d+: error TS\d+: .+$/m);
  expect(err).not.toMatch(/^\s+at /m);
  expect(err.split('\n').filter((l) => l !== '')).toHaveLength(2);
}, SLOW);

test('GIVEN an app that throws an error of its own WHEN synth runs THEN the error is printed with its stack, as Node prints it; exit 1', async () => {
  // GIVEN
  const dir = project('@swc-node/register', "throw new Error('no cluster configured');\n");
  const io = recordingIo(dir);

  // WHEN
  const code = await main(['synth'], io);

  // THEN
  expect(code).toBe(1);
  const err = io.err.join('');
  expect(err).toContain('Error: no cluster configured');
  expect(err).toMatch(/^\s+at .*apps\/main\.ts:1:/m);
}, SLOW);

test('GIVEN NODE_OPTIONS of the user WHEN synth runs the app THEN they are kept, with the compile-error preload after them', async () => {
  // GIVEN
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node -e "console.log(process.env.NODE_OPTIONS)"\n');
  const io = recordingIo(dir);
  const withOptions = { ...io, env: { ...io.env, NODE_OPTIONS: '--max-old-space-size=2048' } };

  // WHEN
  const code = await main(['synth'], withOptions);

  // THEN
  expect(code).toBe(0);
  expect(io.out.join('')).toMatch(/^--max-old-space-size=2048 --require ".*[/\\]bin[/\\]compile-errors\.js"$/m);
}, SLOW);
