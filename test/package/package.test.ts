import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tmpdir } from '../_helpers';
import { lockedVersion, npm, packLibrary, ROOT, writeOfflineLock } from './_offline-install';

// One slow test: it packs the library once (which compiles it), installs the tarball into a fresh project with no
// network, and uses it there with plain `node`, as an app repo would.
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

test('GIVEN the packed library installed offline into a project with only its peers WHEN plain node uses its main and testing entries THEN a stack synthesizes, and both entries have types', () => {
  // GIVEN
  const work = tmpdir();
  try {
    const tarball = packLibrary(fs.mkdirSync(path.join(work, 'pack'), { recursive: true })!);
    const project = path.join(work, 'consumer');
    fs.mkdirSync(project);
    const ours = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({
      name: 'consumer',
      version: '1.0.0',
      private: true,
      dependencies: {
        'cdk8s-platform': `file:${path.relative(project, tarball)}`,
        ...Object.fromEntries(Object.keys(ours.peerDependencies)
          .filter((p) => ours.peerDependenciesMeta?.[p]?.optional !== true)
          .map((p) => [p, lockedVersion(p)])),
      },
    }, null, 2));
    writeOfflineLock(project);
    npm(project, ['ci', '--offline', '--omit=optional', '--loglevel=error']);
    fs.writeFileSync(path.join(project, 'main.js'), CONSUMER);

    // WHEN
    const result = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: project, encoding: 'utf8' }));

    // THEN the stack synthesized with both entries, without loading jest
    expect(result).toEqual({ kinds: ['Namespace', 'Deployment', 'Service', 'PodDisruptionBudget'], replicas: 2, jestLoaded: false });
    expect(fs.readFileSync(path.join(project, 'dist', 'shop', 'deployment-web.yaml'), 'utf8')).toContain('kind: Deployment');

    // THEN the command line runs from the compiled build, without ts-node
    const help = execFileSync(path.join(project, 'node_modules', '.bin', 'cdk8s-platform'), ['--help'], { cwd: project, encoding: 'utf8' });
    expect(help).toContain('synth');

    // THEN the package holds compiled JavaScript with a .d.ts for each module, and no TypeScript sources or tests
    const installed = path.join(project, 'node_modules', 'cdk8s-platform');
    const files = filesBelow(installed);
    const js = files.filter((f) => f.startsWith('build/') && f.endsWith('.js'));
    expect(js).toContain('build/lib/index.js');
    expect(js.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('apps/'))).toEqual([]);

    // THEN both entries declare their types, and the files are there
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    for (const entry of ['.', './testing']) {
      expect(fs.existsSync(path.join(installed, manifest.exports[entry].types))).toBe(true);
    }

    // THEN no development tool came with it
    const modules = fs.readdirSync(path.join(project, 'node_modules'));
    expect(modules.filter((m) => ['typescript', 'ts-node', 'jest', 'ts-jest'].includes(m))).toEqual([]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}, SLOW);
