import * as fs from 'fs';
import * as path from 'path';
import { CliIo, main } from '../../lib/cli';
import { scaffold } from '../../lib/cli/init';
import { stackClassName } from '../../lib/cli/_init-templates';
import { tmpdir } from '../_helpers';

/** An io that records output, in `cwd`. */
function recordingIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, env: {}, stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); } };
}

/** An empty folder named `name`. */
function folder(name: string): string {
  const dir = path.join(tmpdir(), name);
  fs.mkdirSync(dir);
  return dir;
}

const FILES = ['package.json', 'tsconfig.json', 'cdk8s.yaml', 'apps/main.ts', 'jest.config.js', 'test/setup.ts', 'test/main.test.ts', '.gitignore'];
const ours = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

describe('cdk8s-platform init', () => {
  test('GIVEN an empty folder WHEN init runs THEN it writes the app repo files, lists them and exits 0', async () => {
    // GIVEN
    const dir = folder('shop');
    const io = recordingIo(dir);
    // WHEN
    const code = await main(['init'], io);
    // THEN
    expect(code).toBe(0);
    expect(FILES.filter((f) => !fs.existsSync(path.join(dir, f)))).toEqual([]);
    expect(io.out.join('')).toContain(`Created ${FILES.join(', ')}.`);
    expect(io.out.join('')).toContain('npm install');
  });

  test('GIVEN no --name WHEN init runs THEN the folder name names the package, the stack and its namespace', async () => {
    const dir = folder('Shop_API');
    await main(['init'], recordingIo(dir));
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name).toBe('shop-api');
    const main_ = fs.readFileSync(path.join(dir, 'apps', 'main.ts'), 'utf8');
    expect(main_).toContain("export class ShopApiStack extends AppStack");
    expect(main_).toContain("super(scope, id, { namespace: 'shop-api' });");
    expect(main_).toContain("new ShopApiStack(app, 'shop-api');");
  });

  test('GIVEN --name WHEN init runs THEN it names the project', async () => {
    const dir = folder('x');
    await main(['init', '--name', 'payments'], recordingIo(dir));
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name).toBe('payments');
  });

  test('GIVEN a --name that cannot be made a DNS-1123 label WHEN init runs THEN it is refused with what is allowed, nothing written, exit 1', async () => {
    const dir = folder('x');
    const io = recordingIo(dir);
    expect(await main(['init', '--name', '日本'], io)).toBe(1);
    expect(io.err.join('')).toContain('init: --name gives the project name "" (it has no latin letter or digit)');
    expect(io.err.join('')).toContain('allowed: a name with latin letters or digits, made a DNS-1123 label');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('GIVEN a folder whose name has no letter or digit WHEN init runs without --name THEN it asks for --name', async () => {
    const dir = folder('___');
    const io = recordingIo(dir);
    expect(await main(['init'], io)).toBe(1);
    expect(io.err.join('')).toMatch(/init: the folder name "___" gives the project name "".*pass --name/);
  });

  test('GIVEN files that exist WHEN init runs without --force THEN it names them, writes nothing and exits 1', async () => {
    const dir = folder('shop');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'x\n');
    const io = recordingIo(dir);
    expect(await main(['init'], io)).toBe(1);
    expect(io.err.join('')).toBe(`cdk8s-platform: init: nothing was written in ${dir}:\n` +
      '  - package.json: found a file; allowed: nothing, or --force to overwrite it\n' +
      '  - .gitignore: found a file; allowed: nothing, or --force to overwrite it\n');
    expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{}');
    expect(fs.existsSync(path.join(dir, 'apps'))).toBe(false);
  });

  test('GIVEN files that exist WHEN init runs with --force THEN it overwrites them', async () => {
    const dir = folder('shop');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    expect(await main(['init', '--force'], recordingIo(dir))).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name).toBe('shop');
  });

  test('GIVEN this package WHEN init writes package.json THEN it has synth and test scripts, this version, the peers and dev tools as tested here', async () => {
    const dir = folder('shop');
    await main(['init'], recordingIo(dir));
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(manifest.scripts).toEqual({ synth: 'cdk8s-platform synth', test: 'tsc --noEmit && jest' });
    expect(manifest.dependencies).toEqual({
      'cdk8s': `^${ours.devDependencies.cdk8s}`,
      'cdk8s-platform': `^${ours.version}`,
      'cdk8s-plus-27': `^${ours.devDependencies['cdk8s-plus-27']}`,
      'constructs': `^${ours.devDependencies.constructs}`,
    });
    expect(Object.keys(manifest.devDependencies)).toEqual(['@swc/core', '@swc/jest', '@types/jest', '@types/node', 'jest', 'typescript']);
    expect(manifest.devDependencies.typescript).toBe(ours.devDependencies.typescript);
    expect(manifest.devDependencies['@swc/core']).toBe(`^${ours.devDependencies['@swc/core']}`);
  });

  test('GIVEN init WHEN it writes cdk8s.yaml THEN the app runs apps/main.ts with cdk8s-platform/register (swc) into dist', async () => {
    // GIVEN
    const dir = folder('shop');
    // WHEN
    await main(['init'], recordingIo(dir));
    // THEN
    const yaml = fs.readFileSync(path.join(dir, 'cdk8s.yaml'), 'utf8');
    expect(yaml).toContain('app: node -r cdk8s-platform/register apps/main.ts\n');
    expect(yaml).toContain('output: dist\n');
  });

  test('GIVEN init WHEN it writes jest.config.js THEN jest transpiles with @swc/jest, and npm test type-checks with tsc first', async () => {
    // GIVEN
    const dir = folder('shop');
    // WHEN
    await main(['init'], recordingIo(dir));
    // THEN
    const config = require(path.join(dir, 'jest.config.js'));
    expect(config.transform).toEqual({ '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts.test).toBe('tsc --noEmit && jest');
  });

  test('GIVEN project names WHEN turned into stack class names THEN they are PascalCase identifiers', () => {
    expect(stackClassName('shop')).toBe('ShopStack');
    expect(stackClassName('shop-api-v2')).toBe('ShopApiV2Stack');
    expect(stackClassName('3d-render')).toBe('App3dRenderStack');
  });
});

describe('init .gitignore', () => {
  test('GIVEN an empty folder WHEN init runs THEN .gitignore ignores what a running synth puts beside dist/', () => {
    const dir = tmpdir();
    scaffold(dir, { name: 'shop' });
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8').split('\n')).toContain('.dist.cdk8s-platform-*');
  });

  test('GIVEN an empty folder WHEN init runs THEN .gitignore keeps dist/ in Git, for GitOps and diff --git', () => {
    // GIVEN
    const dir = tmpdir();
    // WHEN
    scaffold(dir, { name: 'shop' });
    // THEN
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8').split('\n').filter((l) => /dist/.test(l) && !l.startsWith('#'))).toEqual(['.dist.cdk8s-platform-*']);
  });

  test('GIVEN an empty folder WHEN init runs THEN its next steps say to commit dist/', async () => {
    // GIVEN
    const dir = folder('shop');
    const io = recordingIo(dir);
    // WHEN
    await main(['init'], io);
    // THEN
    expect(io.out.join('')).toContain('npm run synth   # writes dist/: commit it (Argo CD, Flux and diff --git read it from Git)');
  });
});
