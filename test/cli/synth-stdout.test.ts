import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { CliIo, main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

/**
 * `cdk8s-platform synth --stdout`: one environment as one YAML stream on standard output, nothing written. The app
 * runs in a child process, as `synth` runs it, with the library loaded from source.
 */

const REGISTER = require.resolve('@swc-node/register');
const LIB = path.resolve(__dirname, '../../lib');

/** An io that records output, in `cwd`. */
function recordingIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, env: { PATH: process.env.PATH }, stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); } };
}

/** A project whose app defines the environments `dev` and `prod` (or only `prod`), each with a shop stack. */
function project(environments: string[] = ['dev', 'prod']): string {
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
  fs.writeFileSync(path.join(dir, 'app.js'), [
    `require(${JSON.stringify(REGISTER)});`,
    `const { PlatformApp, Environment, AppStack, WebService, Worker, Config } = require(${JSON.stringify(LIB)});`,
    'PlatformApp.run((app) => {',
    `  for (const name of ${JSON.stringify(environments)}) {`,
    '    const stack = new AppStack(new Environment(app, name), "shop", { namespace: "shop" });',
    '    new Config(stack, "settings", { data: { LOG_LEVEL: "info" } });',
    '    new WebService(stack, "api", { image: "nginx:1.27.3", resources: { requests: { cpu: "100m", memory: "128Mi" } } });',
    '    new Worker(stack, "jobs", { image: "busybox:1.36.1", port: 9090, resources: { requests: { cpu: "100m", memory: "64Mi" } } });',
    '  }',
    '});',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node app.js\n');
  return dir;
}

/** Every file and folder under `dir`, relative to it, sorted. */
function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

/** The kind, namespace and name of each object. */
function refs(objects: any[]): string[] {
  return objects.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);
}

describe('cdk8s-platform synth --stdout', () => {
  test('GIVEN --env prod WHEN synth --stdout runs THEN standard output is one YAML stream of the objects, in the order dist/prod/kustomization.yaml lists them', async () => {
    // GIVEN a project with two environments
    const dir = project();

    // WHEN synth --stdout --env prod runs, then a plain synth writes dist/
    const io = recordingIo(dir);
    expect(await main(['synth', '--stdout', '--env', 'prod'], io)).toBe(0);
    expect(await main(['synth'], recordingIo(dir))).toBe(0);

    // THEN the stream parses as YAML and holds the objects of dist/prod, in the kustomization's order
    const documents = parseAllDocuments(io.out.join(''));
    expect(documents.every((d) => d.errors.length === 0)).toBe(true);
    const streamed = documents.map((d) => d.toJS());
    const kustomization = parse(fs.readFileSync(path.join(dir, 'dist', 'prod', 'kustomization.yaml'), 'utf8'));
    const written = (kustomization.resources as string[]).map((file) => parse(fs.readFileSync(path.join(dir, 'dist', 'prod', file), 'utf8')));
    expect(streamed.length).toBeGreaterThan(3);
    expect(refs(streamed)).toEqual(refs(written));
    expect(streamed).toEqual(written);
  }, 120_000);

  test('GIVEN synth --stdout WHEN it runs THEN no file is written: no output folder, no lock', async () => {
    // GIVEN a project
    const dir = project();
    const before = listing(dir);

    // WHEN synth --stdout runs
    expect(await main(['synth', '--stdout', '--env', 'dev'], recordingIo(dir))).toBe(0);

    // THEN the project holds the same files as before
    expect(listing(dir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(dir)).filter((n) => n.startsWith(`.${path.basename(dir)}`))).toEqual([]);
  }, 120_000);

  test('GIVEN synth --stdout WHEN it runs THEN the capacity summary goes to standard error and standard output is only YAML', async () => {
    // GIVEN a project (the capacity summary is on by default)
    const dir = project();

    // WHEN synth --stdout runs
    const io = recordingIo(dir);
    expect(await main(['synth', '--stdout', '--env', 'prod'], io)).toBe(0);

    // THEN the summary is on standard error, and "Synthesized into" is printed nowhere
    expect(io.err.join('')).toContain('cdk8s-platform: capacity per namespace');
    expect(io.out.join('')).not.toContain('capacity per namespace');
    expect(io.out.join('')).not.toContain('Synthesized into');
    expect(io.out.join('')).toMatch(/^apiVersion: /);
  }, 120_000);

  test('GIVEN an app whose own code prints to standard output WHEN synth --stdout runs THEN its prints go to standard error and the stream is only the objects', async () => {
    // GIVEN a project whose app logs (console.log) before and after it defines its stacks, and a value that is not ASCII
    const dir = project();
    const app = fs.readFileSync(path.join(dir, 'app.js'), 'utf8')
      .replace('PlatformApp.run((app) => {', 'console.log("debug: defining the app");\nPlatformApp.run((app) => {\n  console.log("debug: inside run");')
      .replace('LOG_LEVEL: "info"', 'LOG_LEVEL: "info", GREETING: "grüße ✓"');
    fs.writeFileSync(path.join(dir, 'app.js'), app);

    // WHEN synth --stdout runs
    const io = recordingIo(dir);
    expect(await main(['synth', '--stdout', '--env', 'prod'], io)).toBe(0);

    // THEN the prints are on standard error, and standard output parses as the objects alone, the value intact
    expect(io.err.join('')).toContain('debug: defining the app');
    expect(io.err.join('')).toContain('debug: inside run');
    const docs = parseAllDocuments(io.out.join(''));
    expect(docs.every((d) => d.errors.length === 0)).toBe(true);
    const objects = docs.map((d) => d.toJSON());
    expect(objects.every((o) => typeof o.kind === 'string')).toBe(true);
    expect(objects.find((o) => o.kind === 'ConfigMap').data.GREETING).toBe('grüße ✓');
  }, 120_000);

  test('GIVEN an app with one environment WHEN synth --stdout runs without --env THEN that environment is printed', async () => {
    // GIVEN a project with only prod
    const dir = project(['prod']);

    // WHEN synth --stdout runs without --env
    const io = recordingIo(dir);
    expect(await main(['synth', '--stdout'], io)).toBe(0);

    // THEN the stream holds the prod objects
    const streamed = parseAllDocuments(io.out.join('')).map((d) => d.toJS());
    expect(streamed.every((o) => o.metadata.labels?.['cdk8s-platform.io/environment'] === 'prod')).toBe(true);
  }, 120_000);

  test('GIVEN an app with several environments WHEN synth --stdout runs without --env THEN it is refused, naming them, and nothing is printed on standard output', async () => {
    // GIVEN a project with dev and prod
    const dir = project();

    // WHEN synth --stdout runs without --env
    const io = recordingIo(dir);
    const code = await main(['synth', '--stdout'], io);

    // THEN exit code 1, and the error says to choose one with --env
    expect(code).toBe(1);
    expect(io.err.join('')).toContain('synth --stdout prints one environment, and the app defines 2 (dev, prod): choose one with --env, e.g. --env dev.');
    expect(io.out.join('')).toBe('');
  }, 120_000);

  test('GIVEN --stdout and two environments in --env WHEN synth runs THEN it is refused before the app runs', async () => {
    // GIVEN a project
    const dir = project();

    // WHEN synth --stdout --env dev,prod runs
    const io = recordingIo(dir);
    const code = await main(['synth', '--stdout', '--env', 'dev,prod'], io);

    // THEN exit code 1, naming --env
    expect(code).toBe(1);
    expect(io.err.join('')).toContain('--env received "dev,prod" with --stdout; allowed: one environment name');
  });

  test('GIVEN --stdout and --output WHEN synth runs THEN it is refused', async () => {
    // GIVEN a project
    const dir = project();

    // WHEN synth --stdout --output build runs
    const io = recordingIo(dir);
    const code = await main(['synth', '--stdout', '--output', 'build'], io);

    // THEN exit code 1, naming --output
    expect(code).toBe(1);
    expect(io.err.join('')).toContain('--output received "build" with --stdout');
  });
});
