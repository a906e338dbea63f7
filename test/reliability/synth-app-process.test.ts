import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { writeFolderAtomically } from '../../lib';
import { CliIo, main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

/**
 * The app process that `cdk8s-platform synth` starts: it must not outlive its command, nor change the output after
 * the command was killed; and an app that fails is reported, never silently.
 */

const BIN = path.resolve(__dirname, '../../bin/cdk8s-platform.js');
const REGISTER = require.resolve('@swc-node/register');
const WRITER = path.resolve(__dirname, '../../lib/output/atomic-write');

/**
 * A project whose app says it started (file `started`, holding its pid), waits for the file `go`, then writes the output and records
 * what happened (file `result`).
 */
function project(): string {
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
  fs.writeFileSync(path.join(dir, 'app.js'), [
    `require(${JSON.stringify(REGISTER)});`,
    `const { writeFolderAtomically } = require(${JSON.stringify(WRITER)});`,
    "const fs = require('fs');",
    // Each file appears whole (written aside, then renamed): the test never reads one half written.
    "const put = (file, text) => { fs.writeFileSync(file + '.part', text); fs.renameSync(file + '.part', file); };",
    "put('started', String(process.pid));",
    "const wait = () => { if (!fs.existsSync('go')) return setTimeout(wait, 20);",
    "  try { writeFolderAtomically(process.env.CDK8S_OUTDIR, new Map([['a.yaml', 'new']])); put('result', 'written'); }",
    "  catch (e) { put('result', e.message); process.exitCode = 1; } };",
    'wait();',
  ].join('\n'));
  writeFolderAtomically(path.join(dir, 'dist'), new Map([['a.yaml', 'old']]));
  return dir;
}

async function waitFor(file: string): Promise<string> {
  for (let i = 0; i < 1500 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
  return fs.readFileSync(file, 'utf8');
}

/**
 * Whether process `pid` still runs. A process that has ended but whose parent (here: a synth that was stopped too) has
 * not reaped it yet is a zombie, which `kill(pid, 0)` still finds: on Linux its state in /proc says so.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return true;
  }
}

describe('the app process of synth', () => {
  test('GIVEN synth running an app WHEN synth is killed with SIGKILL THEN the app leaves the output as it was and says why', async () => {
    // GIVEN
    const dir = project();
    const cli = spawn(process.execPath, [BIN, 'synth', '--app', 'node app.js'], { cwd: dir, stdio: 'ignore' });
    await waitFor(path.join(dir, 'started'));
    // WHEN
    cli.kill('SIGKILL');
    await new Promise((r) => cli.once('exit', r));
    fs.writeFileSync(path.join(dir, 'go'), '');
    // THEN
    expect(await waitFor(path.join(dir, 'result'))).toMatch(/^The cdk8s-platform command that started this synth \(process \d+\) has exited, so the output folder "dist" is left as it was\.$/);
    expect(fs.readFileSync(path.join(dir, 'dist', 'a.yaml'), 'utf8')).toBe('old');
  }, 30_000);

  test('GIVEN synth running an app WHEN synth gets SIGTERM THEN the app is stopped too and the output is as it was', async () => {
    // GIVEN
    const dir = project();
    const cli = spawn(process.execPath, [BIN, 'synth', '--app', 'node app.js'], { cwd: dir, stdio: 'ignore' });
    const app = Number(await waitFor(path.join(dir, 'started')));
    expect(app).toBeGreaterThan(0);
    // WHEN
    cli.kill('SIGTERM');
    const [, signal] = await new Promise<[number | null, string | null]>((r) => cli.once('exit', (c, s) => r([c, s])));
    // THEN
    expect(signal).toBe('SIGTERM');
    for (let i = 0; i < 250 && isAlive(app); i++) await new Promise((r) => setTimeout(r, 20));
    expect(isAlive(app)).toBe(false);
    fs.writeFileSync(path.join(dir, 'go'), '');
    await new Promise((r) => setTimeout(r, 200));
    expect(fs.existsSync(path.join(dir, 'result'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'dist', 'a.yaml'), 'utf8')).toBe('old');
  }, 30_000);

  test('GIVEN an app command that exits with code 3 WHEN synth runs it THEN synth says so and exits 1', async () => {
    // GIVEN
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { cwd: tmpdir(), env: { PATH: process.env.PATH }, stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); } };
    // WHEN
    const code = await main(['synth', '--app', 'exit 3'], io);
    // THEN
    expect(code).toBe(1);
    expect(err.join('')).toBe('cdk8s-platform synth: the app (exit 3) exited with code 3; see its messages above.\n');
    expect(out.join('')).toBe('');
  });
});
