import * as fs from 'fs';
import * as path from 'path';
import { writeFolderAtomically } from '../../lib';
import { CliIo, main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

/** An io that records output, in `cwd`, with `env`. */
function recordingIo(cwd: string, env: Record<string, string | undefined> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, env: { PATH: process.env.PATH, ...env }, stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); } };
}

/** A folder with a cdk8s.yaml whose app records CDK8S_OUTDIR and CDK8S_PLATFORM_ENV, and fails when FAIL is set. */
function project(output?: string): string {
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'app.js'), [
    "const fs = require('fs');",
    "if (process.env.FAIL) { console.error('cdk8s-platform: invalid'); process.exit(1); }",
    "fs.mkdirSync(process.env.CDK8S_OUTDIR, { recursive: true });",
    "fs.writeFileSync(process.env.CDK8S_OUTDIR + '/seen.json', JSON.stringify({ env: process.env.CDK8S_PLATFORM_ENV ?? null }));",
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `app: node app.js\n${output ? `output: ${output}\n` : ''}`);
  return dir;
}

describe('cdk8s-platform synth', () => {
  test('GIVEN a project WHEN synth runs THEN the app runs with CDK8S_OUTDIR from cdk8s.yaml and no selection; exit 0', async () => {
    // GIVEN
    const dir = project('out');
    const io = recordingIo(dir, { CDK8S_PLATFORM_ENV: 'stale' });
    // WHEN
    const code = await main(['synth'], io);
    // THEN
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'seen.json'), 'utf8'))).toEqual({ env: null });
    expect(io.err.join('')).toMatch(/^Synthesized into out\/ in \d+\.\d s\n$/);
  });

  test('GIVEN an app that prints the summary line of PlatformApp.run() WHEN synth runs THEN synth prints no line of its own', async () => {
    // GIVEN an app whose summary line arrives in two pieces
    const dir = project();
    fs.writeFileSync(path.join(dir, 'app.js'), [
      "process.stderr.write('Synthesized 2 environments, 9 obj');",
      "setTimeout(() => process.stderr.write('ects in 13 files into dist/ in 0.4 s\\n'), 50);",
    ].join('\n'));
    const io = recordingIo(dir);
    // WHEN
    const code = await main(['synth'], io);
    // THEN
    expect(code).toBe(0);
    expect(io.err.join('')).toBe('Synthesized 2 environments, 9 objects in 13 files into dist/ in 0.4 s\n');
  });

  test('GIVEN --env and an app without a summary line WHEN synth runs THEN synth\'s line names the environments', async () => {
    const io = recordingIo(project());
    expect(await main(['synth', '--env', 'dev'], io)).toBe(0);
    expect(io.err.join('')).toMatch(/^Synthesized into dist\/ \(environments: dev\) in \d+\.\d s\n$/);
  });

  test('GIVEN --env and --output WHEN synth runs THEN CDK8S_PLATFORM_ENV and CDK8S_OUTDIR are set from them', async () => {
    const dir = project();
    const code = await main(['synth', '--env', 'dev, prod', '--output', 'build'], recordingIo(dir));
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'build', 'seen.json'), 'utf8'))).toEqual({ env: 'dev,prod' });
  });

  test('GIVEN an app that fails WHEN synth runs THEN its error is passed on and the exit code is 1', async () => {
    const dir = project();
    const io = recordingIo(dir, { FAIL: '1' });
    expect(await main(['synth'], io)).toBe(1);
    expect(io.err.join('')).toContain('cdk8s-platform: invalid');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  test('GIVEN a previous output and an app that fails WHEN synth runs THEN the output is left as it was (cdk8s synth would delete it)', async () => {
    const dir = project();
    writeFolderAtomically(path.join(dir, 'dist'), new Map([['prod/keep.yaml', 'kept\n']]));
    expect(await main(['synth'], recordingIo(dir, { FAIL: '1' }))).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'dist', 'prod', 'keep.yaml'), 'utf8')).toBe('kept\n');
  });

  test('GIVEN no cdk8s.yaml WHEN synth runs THEN the error says so and the exit code is 1', async () => {
    const io = recordingIo(tmpdir());
    expect(await main(['synth'], io)).toBe(1);
    expect(io.err.join('')).toMatch(/no cdk8s.yaml in .*: pass the app command with --app/);
  });

  test('GIVEN a cdk8s.yaml that is not YAML WHEN synth runs THEN the error names the file, line and column, the reason and what is allowed; exit 1', async () => {
    // GIVEN
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'output: dist\napp: [node app.js\n');
    const io = recordingIo(dir);
    // WHEN
    const code = await main(['synth'], io);
    // THEN
    expect(code).toBe(1);
    expect(io.err.join('')).toMatch(new RegExp(`^cdk8s-platform: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/cdk8s\\.yaml:\\d+:\\d+: not valid YAML \\(.+\\); allowed: a YAML mapping with "app"`));
  });

  test('GIVEN a cdk8s.yaml without app WHEN synth runs THEN the error names the field, the value received and an example; exit 1', async () => {
    // GIVEN
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'output: dist\n');
    const io = recordingIo(dir);
    // WHEN
    const code = await main(['synth'], io);
    // THEN
    expect(code).toBe(1);
    expect(io.err.join('')).toContain('cdk8s.yaml: "app" received undefined; allowed: the command that runs the app, e.g. "node -r cdk8s-platform/register apps/main.ts"');
  });

  test('GIVEN an empty --env WHEN synth runs THEN it is refused with exit code 1', async () => {
    const io = recordingIo(project());
    expect(await main(['synth', '--env', ','], io)).toBe(1);
    expect(io.err.join('')).toContain('--env received ","');
  });

  test('GIVEN an unknown option WHEN run THEN commander reports it and the exit code is 1', async () => {
    const io = recordingIo(tmpdir());
    expect(await main(['synth', '--bogus'], io)).toBe(1);
    expect(io.err.join('')).toContain("unknown option '--bogus'");
  });
});
