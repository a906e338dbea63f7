import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tmpdir } from '../_helpers';
import { lockedVersion, npm, packLibrary, ROOT, writeOfflineLock } from './_offline-install';

// Slow tests: the library is packed once (which compiles it) and installed, with no network, into fresh projects
// that use it as app repos do: one with only its peers (plain `node`), and one made by `cdk8s-platform init`; and it
// is installed from a Git repository (a bare clone of this one), whose `prepare` script builds it.
const SLOW = 120_000;

/** Every file below `dir`, relative to it, sorted. */
function filesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const CONSUMER = `
const { AppStack, PlatformApp, WebService } = require('cdk8s-platform');
const { findObject, synthObjects } = require('cdk8s-platform/testing');

const app = new PlatformApp({ outdir: 'dist' });
const stack = new AppStack(app, 'shop', { namespace: 'shop' });
new WebService(stack, 'web', { image: 'nginx:1.25', resources: { requests: { cpu: '100m', memory: '128Mi' } } });
const objects = synthObjects(stack);
app.synth();
console.log(JSON.stringify({
  kinds: objects.map((o) => o.kind),
  replicas: findObject(objects, 'Deployment', 'web').spec.replicas,
  jestLoaded: Object.keys(require.cache).some((f) => /[\\\\/]node_modules[\\\\/](jest|expect|@jest)[\\\\/]/.test(f)),
}));
`;

/** The environment for commands run in the test projects: not this jest run's, and not a CI's (which stops jest writing new snapshots). */
function projectEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name === 'CI' || name.startsWith('JEST_') || name === 'NODE_ENV' || name.startsWith('npm_')) delete env[name];
  }
  return env;
}

/** Runs `command` in `cwd` and returns its output (standard output, then standard error); throws if it fails. */
function run(cwd: string, command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: projectEnv() });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (${result.error ?? `exit ${result.status}`}):\n${output}`);
  return output;
}

const ours = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The library's required peers, at the versions this repository locks. */
function peerDependencies(): Record<string, string> {
  return Object.fromEntries(Object.keys(ours.peerDependencies)
    .filter((p) => ours.peerDependenciesMeta?.[p]?.optional !== true)
    .map((p) => [p, lockedVersion(p)]));
}
let work: string;
let tarball: string;
let consumer: string;

beforeAll(() => {
  work = tmpdir();
  tarball = packLibrary(fs.mkdirSync(path.join(work, 'pack'), { recursive: true })!);

  // A project with only the library and its (required) peers, at the versions this repository locks.
  consumer = path.join(work, 'consumer');
  fs.mkdirSync(consumer);
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({
    name: 'consumer',
    version: '1.0.0',
    private: true,
    dependencies: {
      'cdk8s-platform': `file:${path.relative(consumer, tarball)}`,
      ...peerDependencies(),
    },
  }, null, 2));
  writeOfflineLock(consumer);
  npm(consumer, ['ci', '--offline', '--omit=optional', '--loglevel=error']);
}, SLOW);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('GIVEN the packed library installed offline into a project with only its peers WHEN plain node uses its main and testing entries THEN a stack synthesizes, and both entries have types', () => {
  // GIVEN
  fs.writeFileSync(path.join(consumer, 'main.js'), CONSUMER);

  // WHEN
  const result = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: consumer, encoding: 'utf8' }));

  // THEN the stack synthesized with both entries, without loading jest
  expect(result).toEqual({ kinds: ['Namespace', 'Deployment', 'Service', 'PodDisruptionBudget'], replicas: 2, jestLoaded: false });
  expect(fs.readFileSync(path.join(consumer, 'dist', 'shop', 'deployment-web.yaml'), 'utf8')).toContain('kind: Deployment');

  // THEN the command line runs from the compiled build, without ts-node
  const help = execFileSync(path.join(consumer, 'node_modules', '.bin', 'cdk8s-platform'), ['--help'], { cwd: consumer, encoding: 'utf8' });
  expect(help).toContain('synth');
  expect(help).toContain('init');

  // THEN the package holds compiled JavaScript with a .d.ts for each module, and no TypeScript sources or tests
  const installed = path.join(consumer, 'node_modules', 'cdk8s-platform');
  const files = filesBelow(installed);
  const js = files.filter((f) => f.startsWith('build/') && f.endsWith('.js'));
  expect(js).toContain('build/lib/index.js');
  expect(js.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
  expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  expect(files.filter((f) => f.startsWith('test/') || f.startsWith('apps/'))).toEqual([]);

  // THEN the license comes with it, and the changelog that errors about moved props point to
  expect(files).toContain('LICENSE');
  expect(files).toContain('CHANGELOG.md');

  // THEN both entries declare their types, and the files are there
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  for (const entry of ['.', './testing']) {
    expect(fs.existsSync(path.join(installed, manifest.exports[entry].types))).toBe(true);
  }

  // THEN no development tool came with it
  const modules = fs.readdirSync(path.join(consumer, 'node_modules'));
  expect(modules.filter((m) => ['typescript', 'ts-node', 'jest', 'ts-jest', '@swc-node'].includes(m))).toEqual([]);
}, SLOW);

test('GIVEN the installed package WHEN node runs with --disallow-code-generation-from-strings THEN both entries load, and a synth of over 1,000 files writes and replaces its output', () => {
  // GIVEN a script that loads both entries and synthesizes 350 WebServices (1,054 files) twice into one folder
  fs.writeFileSync(path.join(consumer, 'no-code-from-strings.js'), [
    "const { AppStack, PlatformApp, WebService } = require('cdk8s-platform');",
    "require('cdk8s-platform/testing');",
    'for (const image of [\'nginx:1.25\', \'nginx:1.27\']) {',
    "  const app = new PlatformApp({ outdir: 'dist-strict', capacitySummary: false });",
    "  const stack = new AppStack(app, 'shop', { namespace: 'shop' });",
    "  for (let i = 0; i < 350; i++) new WebService(stack, `web-${i}`, { image, resources: { requests: { cpu: '100m', memory: '128Mi' } } });",
    '  app.synth();',
    '}',
  ].join('\n'));

  // WHEN
  run(consumer, process.execPath, ['--disallow-code-generation-from-strings', '-e', "require('cdk8s-platform')"]);
  run(consumer, process.execPath, ['--disallow-code-generation-from-strings', 'no-code-from-strings.js']);

  // THEN the second synth's output replaced the first's
  const shop = path.join(consumer, 'dist-strict', 'shop');
  expect(fs.readdirSync(shop).filter((f) => f.endsWith('.yaml')).length).toBe(1 + 350 * 3);
  expect(fs.readFileSync(path.join(shop, 'deployment-web-349.yaml'), 'utf8')).toContain('image: nginx:1.27');
}, SLOW);

test('GIVEN a project made by `cdk8s-platform init` in an empty folder named app and installed offline WHEN its `npm run synth` and `npm test` run THEN both pass as generated', () => {
  // GIVEN an empty folder named `app` (a name the library also exports, as AppStack), initialized with the installed
  // command line
  const app = path.join(work, 'app');
  fs.mkdirSync(app);
  run(app, path.join(consumer, 'node_modules', '.bin', 'cdk8s-platform'), ['init']);
  // The generated package.json depends on the tarball the running cdk8s-platform was installed from, by a relative path.
  const manifest = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
  expect(manifest.dependencies['cdk8s-platform']).toBe(`file:${path.relative(app, tarball)}`);
  writeOfflineLock(app);
  // Optional dependencies included: @swc/core's binary for this platform is one (npm skips the other platforms').
  npm(app, ['ci', '--offline', '--loglevel=error']);

  // WHEN
  const synth = run(app, 'npm', ['run', 'synth']);
  const tested = run(app, 'npm', ['test']);

  // THEN synth wrote the stack's YAML
  expect(synth).toMatch(/Synthesized \d+ objects in \d+ files into dist\/ in \d+\.\d s\n/);
  // THEN the app ran through cdk8s-platform/register (swc): init's project has no ts-node
  expect(fs.readFileSync(path.join(app, 'cdk8s.yaml'), 'utf8')).toContain('app: node -r cdk8s-platform/register apps/main.ts');
  expect(fs.existsSync(path.join(app, 'node_modules', 'ts-node'))).toBe(false);
  expect(fs.readFileSync(path.join(app, 'dist', 'app', 'deployment-web.yaml'), 'utf8')).toContain('image: nginxinc/nginx-unprivileged:1.27-alpine');
  // THEN dist/ holds the kustomization that `kubectl apply -k dist` (the README's first screen) applies
  expect(fs.readFileSync(path.join(app, 'dist', 'kustomization.yaml'), 'utf8')).toContain('app/deployment-web.yaml');
  // THEN the scaffold keeps dist/ in Git (its .gitignore does not ignore it)
  expect(fs.readFileSync(path.join(app, '.gitignore'), 'utf8').split('\n').map((l) => l.trim())).not.toContain('dist/');
  // THEN the generated tests passed, with the assertion and the first snapshot
  expect(tested).toContain('Tests:       2 passed, 2 total');
  expect(tested).toContain('1 snapshot written');
  expect(fs.readFileSync(path.join(app, 'test', '__snapshots__', 'main.test.ts.snap'), 'utf8')).toContain('kind: Deployment');
}, SLOW);

test('GIVEN the installed package WHEN `cdk8s-platform --version` runs THEN it prints the version of the installed package.json', () => {
  // GIVEN / WHEN
  const printed = run(consumer, path.join(consumer, 'node_modules', '.bin', 'cdk8s-platform'), ['--version']);
  // THEN
  expect(printed).toBe(`${ours.version}\n`);
}, SLOW);

test('GIVEN a project made by `cdk8s-platform init` WHEN its apps/main.ts has a syntax error THEN `npm run synth` prints the file, line and message, without a stack or a Rust backtrace', () => {
  // GIVEN the project of the init test above, with a syntax error on the line after the constructor's
  const app = path.join(work, 'app');
  const main = path.join(app, 'apps', 'main.ts');
  const lines = fs.readFileSync(main, 'utf8').split('\n');
  const broken = lines.findIndex((l) => l.includes('constructor(')) + 1;
  lines.splice(broken, 0, '    const props = { replicas,, };');
  fs.writeFileSync(main, lines.join('\n'));

  // WHEN
  const result = spawnSync('npm', ['run', 'synth', '--silent'], { cwd: app, encoding: 'utf8', env: { ...projectEnv(), RUST_BACKTRACE: '1' } });

  // THEN
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(new RegExp(`^apps/main\\.ts:${broken + 1}:\\d+: error: .+$`, 'm'));
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain('backtrace');
}, SLOW);

test('GIVEN a project made by `cdk8s-platform init` WHEN its stack misspells a prop (replcias) THEN `npm run synth` fails with a did-you-mean naming the construct', () => {
  // GIVEN the project of the init test above (its syntax error undone), with `replicas` misspelt in the WebService props
  const app = path.join(work, 'app');
  const main = path.join(app, 'apps', 'main.ts');
  const text = fs.readFileSync(main, 'utf8').split('\n').filter((l) => !l.includes('replicas,,')).join('\n');
  expect(text).toMatch(/new WebService\(this, 'web', \{/);
  fs.writeFileSync(main, text.replace(/new WebService\(this, 'web', \{/, "new WebService(this, 'web', { replcias: 3,"));

  // WHEN
  const result = spawnSync('npm', ['run', 'synth', '--silent'], { cwd: app, encoding: 'utf8', env: projectEnv() });

  // THEN
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/Invalid WebService props at "[^"]*web":/);
  expect(result.stderr).toContain('unknown prop "replcias" (did you mean "replicas"?)');
}, SLOW);

// Installing from Git runs the package's `prepare` script in a clone, after installing its devDependencies there:
// npm install in the clone, then the TypeScript build. Minutes on a small machine.
const GIT_INSTALL = 600_000;

test('GIVEN a local Git repository of this package WHEN a project installs it offline from its git+file URL THEN prepare builds it, plain node uses it, and its init takes cdk8s-platform from the same URL', () => {
  // GIVEN a bare clone of this repository (its HEAD commit), and a project with it and the peers
  const repository = path.join(work, 'cdk8s-platform.git');
  execFileSync('git', ['clone', '--quiet', '--bare', ROOT, repository]);
  const url = `git+file://${repository}`;
  const fromGit = path.join(work, 'from-git');
  fs.mkdirSync(fromGit);
  fs.writeFileSync(path.join(fromGit, 'package.json'), JSON.stringify({
    name: 'from-git',
    version: '1.0.0',
    private: true,
    dependencies: { 'cdk8s-platform': url, ...peerDependencies() },
  }, null, 2));
  writeOfflineLock(fromGit);

  // WHEN
  npm(fromGit, ['ci', '--offline', '--omit=optional', '--loglevel=error']);

  // THEN the compiled build is there, and plain node synthesizes a stack with it
  const installed = path.join(fromGit, 'node_modules', 'cdk8s-platform');
  expect(fs.existsSync(path.join(installed, 'build', 'lib', 'index.js'))).toBe(true);
  fs.writeFileSync(path.join(fromGit, 'main.js'), CONSUMER);
  const result = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: fromGit, encoding: 'utf8' }));
  expect(result.kinds).toEqual(['Namespace', 'Deployment', 'Service', 'PodDisruptionBudget']);

  // THEN init run from it writes a project that takes cdk8s-platform from the same repository
  const app = path.join(work, 'git-shop');
  fs.mkdirSync(app);
  run(app, path.join(fromGit, 'node_modules', '.bin', 'cdk8s-platform'), ['init']);
  expect(JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8')).dependencies['cdk8s-platform']).toBe(url);
}, GIT_INSTALL);
