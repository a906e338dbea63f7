import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CliIo, main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

// Real apps run through `cdk8s-platform synth` with the loaders app repos use: this package's own swc loader
// (`cdk8s-platform/register`, `init`'s), @swc-node/register (this repository's) and ts-node in transpile-only mode.
// Each starts a Node process that loads its loader.
const SLOW = 30_000;

/** An io that records output, in `cwd`, with RUST_BACKTRACE=1 (which makes swc print a Rust backtrace). */
function recordingIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, env: { PATH: process.env.PATH, RUST_BACKTRACE: '1' }, stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); } };
}

/** This package's TypeScript loader, `cdk8s-platform/register`. */
const REGISTER = path.join(__dirname, '..', '..', 'bin', 'register.js');

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

test.each([
  ['@swc-node/register', '@swc-node/register'],
  ['cdk8s-platform/register', REGISTER],
])('GIVEN an app with a syntax error, loaded by swc through %s WHEN synth runs THEN it prints the file, line, column and message, with no backtrace; exit 1', async (_name, loader) => {
  // GIVEN
  const dir = project(loader, SYNTAX_ERROR);
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

/** A TypeScript app that uses what swc strips or transforms: types, an interface, an enum, a type-only import, class fields. */
const TYPED_APP = [
  "import type { Stats } from 'fs';",
  "import * as path from 'path';",
  '',
  'interface Greeting { readonly text: string }',
  'enum Level { Low = 1, High }',
  '',
  'class Greeter {',
  '  public readonly level: Level = Level.High;',
  '  constructor(private readonly greeting: Greeting) {}',
  '  public line(stats?: Stats): string { return `${this.greeting.text} ${this.level} ${path.basename(__filename)} ${stats === undefined}`; }',
  '}',
  '',
  "console.log(new Greeter({ text: 'hello' }).line());",
  '',
].join('\n');

test('GIVEN a TypeScript app WHEN synth runs it with cdk8s-platform/register THEN it runs as transpiled CommonJS, without the TypeScript compiler', async () => {
  // GIVEN an app that also reports whether the TypeScript compiler was loaded
  const dir = project(REGISTER, `${TYPED_APP}console.log(Object.keys(require.cache).some((f) => /[\\\\/]typescript[\\\\/]/.test(f)));\n`);
  const io = recordingIo(dir);

  // WHEN
  const code = await main(['synth'], io);

  // THEN
  expect(io.err.join('')).not.toContain('Error');
  expect(code).toBe(0);
  expect(io.out.join('')).toBe('hello 2 main.ts true\nfalse\n');
}, SLOW);

test('GIVEN an app that throws, loaded by cdk8s-platform/register WHEN synth runs THEN its stack names the line of the TypeScript source', async () => {
  // GIVEN a throw on line 7, after lines that swc removes (an interface, a type-only import)
  const source = [
    "import type { Stats } from 'fs';",
    'interface Options {',
    '  readonly cluster?: string;',
    '}',
    'const options: Options = {};',
    'export const stats: Stats | undefined = undefined;',
    "if (options.cluster === undefined) throw new Error('no cluster configured');",
    '',
  ].join('\n');
  const io = recordingIo(project(REGISTER, source));

  // WHEN
  const code = await main(['synth'], io);

  // THEN
  expect(code).toBe(1);
  expect(io.err.join('')).toContain('Error: no cluster configured');
  expect(io.err.join('')).toMatch(/^\s+at .*apps\/main\.ts:7:\d+/m);
}, SLOW);

test('GIVEN cdk8s-platform/register where @swc/core is not installed WHEN an app is run with it THEN the error says to install @swc/core', () => {
  // GIVEN a copy of the loader in a folder from which no @swc/core can be found
  const dir = tmpdir();
  fs.copyFileSync(REGISTER, path.join(dir, 'register.js'));
  fs.writeFileSync(path.join(dir, 'main.ts'), 'export {};\n');

  // WHEN
  const result = spawnSync(process.execPath, ['-r', './register.js', 'main.ts'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, NODE_PATH: '' } });

  // THEN
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('cdk8s-platform/register transpiles TypeScript with @swc/core, which is not installed: npm install --save-dev @swc/core');
});
