import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { CliIo, main } from '../../lib/cli';
import { scaffold } from '../../lib/cli/init';
import { freeIdentifier, projectNameFrom, takenIdentifiers } from '../../lib/cli/_project-name';
import { tmpdir } from '../_helpers';

const ROOT = path.join(__dirname, '..', '..');

/** An empty folder named `name`, in a fresh temporary folder. */
function folder(name: string): string {
  const dir = path.join(tmpdir(), name);
  fs.mkdirSync(dir);
  return dir;
}

/** What init generated in `dir`: the package name, the stack class and the namespace of apps/main.ts. */
function generated(dir: string): { name: string; stackClass: string; namespace: string } {
  const main_ = fs.readFileSync(path.join(dir, 'apps', 'main.ts'), 'utf8');
  return {
    name: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name,
    stackClass: /export class (\S+) extends AppStack/.exec(main_)![1],
    namespace: /super\(scope, id, \{ namespace: '([^']*)' \}\);/.exec(main_)![1],
  };
}

describe('init names from any folder or --name', () => {
  test.each([
    ['app', 'app', 'AppStack2'],
    ['WebService', 'web-service', 'WebServiceStack'],
    ['class', 'class', 'ClassStack'],
    ['2048', '2048', 'App2048Stack'],
    ['my-app', 'my-app', 'MyAppStack'],
    ['café', 'cafe', 'CafeStack'],
  ])('GIVEN a folder named %s WHEN init runs THEN the project is %s and its stack class %s', (folderName, name, stackClass) => {
    // GIVEN
    const dir = folder(folderName);
    // WHEN
    scaffold(dir);
    // THEN
    expect(generated(dir)).toEqual({ name, stackClass, namespace: name });
  });

  test.each([
    ['AppStack', 'app-stack', 'AppStackStack'],
    ['WebService', 'web-service', 'WebServiceStack'],
    ['app', 'app', 'AppStack2'],
    ['My_App', 'my-app', 'MyAppStack'],
  ])('GIVEN --name %s WHEN init runs THEN the project is %s and its stack class %s', (given, name, stackClass) => {
    // GIVEN
    const dir = folder('x');
    // WHEN
    scaffold(dir, { name: given });
    // THEN
    expect(generated(dir)).toEqual({ name, stackClass, namespace: name });
  });

  test('GIVEN a folder named 日本 WHEN init runs THEN it asks for --name, names the folder and writes nothing', async () => {
    // GIVEN
    const dir = folder('日本');
    const err: string[] = [];
    const io: CliIo = { cwd: dir, env: {}, stdout: () => undefined, stderr: (t) => { err.push(t); } };
    // WHEN
    const code = await main(['init'], io);
    // THEN
    expect(code).toBe(1);
    expect(err.join('')).toContain('init: the folder name "日本" gives the project name "" (it has no latin letter or digit)');
    expect(err.join('')).toContain('pass --name, e.g. --name my-app');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('GIVEN a folder name longer than a DNS label WHEN made a project name THEN it is cut to 63 characters, without a trailing "-"', () => {
    // GIVEN
    const long = `${'a'.repeat(62)}-b`;
    // WHEN
    const name = projectNameFrom(long);
    // THEN
    expect(name).toBe('a'.repeat(62));
  });

  test('GIVEN the library WHEN init lists the taken identifiers THEN they are every export of both entries, the reserved words and Construct', () => {
    // GIVEN / WHEN
    const taken = takenIdentifiers();
    // THEN
    expect(Object.keys(require('../../lib')).filter((n) => !taken.has(n))).toEqual([]);
    expect(Object.keys(require('../../lib/testing')).filter((n) => !taken.has(n))).toEqual([]);
    expect(['class', 'await', 'enum', 'Construct'].filter((n) => !taken.has(n))).toEqual([]);
  });

  test('GIVEN a taken identifier and its first suffix WHEN a free one is asked THEN the next number is used', () => {
    expect(freeIdentifier('AppStack', new Set(['AppStack', 'AppStack2']))).toBe('AppStack3');
    expect(freeIdentifier('ShopStack', new Set(['AppStack']))).toBe('ShopStack');
  });
});

/**
 * The generated projects compiled by TypeScript with their own tsconfig.json, `cdk8s-platform` resolved to this
 * repository's sources and every other package to its node_modules: only the generated files' diagnostics are read.
 */
function typeErrors(dirs: readonly string[]): string[] {
  const configFile = path.join(dirs[0], 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, ts.sys.readFile).config, ts.sys, dirs[0]);
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    paths: {
      'cdk8s-platform': [path.join(ROOT, 'lib', 'index.ts')],
      'cdk8s-platform/testing': [path.join(ROOT, 'lib', 'testing', 'index.ts')],
      '*': [path.join(ROOT, 'node_modules', '*'), path.join(ROOT, 'node_modules', '@types', '*')],
    },
  };
  const files = dirs.flatMap((d) => ['apps/main.ts', 'test/setup.ts', 'test/main.test.ts'].map((f) => path.join(d, f)));
  const program = ts.createProgram(files, options);
  const diagnostics = [...program.getGlobalDiagnostics(), ...files.flatMap((f) => {
    const source = program.getSourceFile(f)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  })];
  return diagnostics.map((d) => `${d.file ? path.relative(path.dirname(dirs[0]), d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('init projects compile and synthesize', () => {
  const names = ['app', 'class', '2048'];
  const dirs = new Map<string, string>();
  beforeAll(() => {
    const top = tmpdir();
    for (const name of names) {
      const dir = path.join(top, name);
      fs.mkdirSync(dir);
      scaffold(dir);
      dirs.set(name, dir);
    }
  });

  test('GIVEN projects made in folders app, class and 2048 WHEN type-checked against the library THEN there is no error, while a class named AppStack fails', () => {
    // GIVEN the three projects, and as a control a copy of app's whose class is named AppStack, as init wrote it before
    const control = path.join(path.dirname(dirs.get('app')!), 'control');
    fs.cpSync(dirs.get('app')!, control, { recursive: true });
    for (const file of ['apps/main.ts', 'test/main.test.ts']) {
      const abs = path.join(control, file);
      fs.writeFileSync(abs, fs.readFileSync(abs, 'utf8').replace(/AppStack2/g, 'AppStack'));
    }
    // WHEN
    const errors = typeErrors([...dirs.values(), control]);
    // THEN only the control fails, with the error the old scaffold had
    expect(errors.filter((e) => !e.startsWith(`control${path.sep}`))).toEqual([]);
    expect(errors).toContainEqual(expect.stringContaining("Import declaration conflicts with local declaration of 'AppStack'"));
  }, 60_000);

  test.each(names)('GIVEN the project made in folder %s WHEN synthesized THEN it writes its web service into dist/', async (name) => {
    // GIVEN the package resolved to this repository's sources, as an installed one would be
    const dir = dirs.get(name)!;
    const shims = path.join(path.dirname(dir), `${name}-modules`, 'cdk8s-platform');
    fs.mkdirSync(shims, { recursive: true });
    fs.writeFileSync(path.join(shims, 'index.js'), `module.exports = require(${JSON.stringify(path.join(ROOT, 'lib', 'index.ts'))});\n`);
    const err: string[] = [];
    const io: CliIo = {
      cwd: dir,
      env: { PATH: process.env.PATH, NODE_PATH: [path.dirname(shims), path.join(ROOT, 'node_modules')].join(path.delimiter), SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      stdout: () => undefined,
      stderr: (t) => { err.push(t); },
    };
    // WHEN
    const code = await main(['synth', '--app', `node -r ${JSON.stringify(require.resolve('@swc-node/register'))} apps/main.ts`], io);
    // THEN
    expect([code, err.join('')]).toEqual([0, expect.anything()]);
    expect(parse(fs.readFileSync(path.join(dir, 'dist', name, 'deployment-web.yaml'), 'utf8')).metadata.namespace).toBe(name);
  }, 60_000);
});
