import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CliIo, main } from '../../lib/cli';
import { colourWanted } from '../../lib/cli/_colour';
import { tmpdir } from '../_helpers';

const YELLOW = '\u001b[33m';
const GREEN = '\u001b[32m';
const RESET = '\u001b[39m';
const BIN = path.join(__dirname, '..', '..', 'bin', 'cdk8s-platform.js');

/** An io that records standard error, in `cwd`. */
function recordingIo(cwd: string): CliIo & { err: string[] } {
  const err: string[] = [];
  return { err, cwd, env: { PATH: process.env.PATH }, stdout: () => undefined, stderr: (t) => { err.push(t); } };
}

describe('when the command line colours', () => {
  test.each([
    ['a terminal', true, true, {}],
    ['a pipe', false, false, {}],
    ['a terminal with NO_COLOR=1', false, true, { NO_COLOR: '1' }],
    ['a terminal with an empty NO_COLOR', true, true, { NO_COLOR: '' }],
    ['a pipe with FORCE_COLOR=1', true, false, { FORCE_COLOR: '1' }],
    ['a pipe with an empty FORCE_COLOR', true, false, { FORCE_COLOR: '' }],
    ['a terminal with FORCE_COLOR=0', false, true, { FORCE_COLOR: '0' }],
    ['a terminal with FORCE_COLOR=1 and NO_COLOR=1', true, true, { FORCE_COLOR: '1', NO_COLOR: '1' }],
    ['a terminal with TERM=dumb', false, true, { TERM: 'dumb' }],
  ])('GIVEN %s WHEN asked THEN colour is %s', (_what, expected, isTerminal, env) => {
    expect(colourWanted(isTerminal, env)).toBe(expected);
  });
});

describe('coloured messages', () => {
  test('GIVEN colour WHEN a command fails THEN its error line is red', async () => {
    // GIVEN
    const io = recordingIo(tmpdir());
    // WHEN
    const code = await main(['synth'], io, true);
    // THEN
    expect(code).toBe(1);
    expect(io.err.join('')).toMatch(new RegExp(`^\\u001b\\[31mcdk8s-platform: no cdk8s.yaml in .*: pass the app command with --app\\u001b\\[39m\\n$`));
  });

  test('GIVEN colour and an app printing a warning, a capacity line and the summary in pieces WHEN synth runs THEN each line gets its colour, other lines none', async () => {
    // GIVEN
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'app.js'), [
      "process.stderr.write('cdk8s-platform: warning [image-pinned] Deploy');",
      "setTimeout(() => process.stderr.write('ment shop/web: not pinned\\n    remediation: pin it\\ncdk8s-platform: capacity per namespace:\\n'), 30);",
      "setTimeout(() => process.stderr.write('Synthesized 1 object in 2 files into dist/ in 0.1 s\\n'), 60);",
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node app.js\n');
    const io = recordingIo(dir);
    // WHEN
    expect(await main(['synth'], io, true)).toBe(0);
    // THEN
    expect(io.err.join('')).toBe(`${YELLOW}cdk8s-platform: warning [image-pinned] Deployment shop/web: not pinned${RESET}\n` +
      '    remediation: pin it\ncdk8s-platform: capacity per namespace:\n' +
      `${GREEN}Synthesized 1 object in 2 files into dist/ in 0.1 s${RESET}\n`);
  });

  test('GIVEN no colour WHEN a command fails THEN its error has no escape sequence', async () => {
    const io = recordingIo(tmpdir());
    expect(await main(['synth'], io, false)).toBe(1);
    expect(io.err.join('')).not.toContain('\u001b');
  });
});

describe('colour of the real process', () => {
  /** Runs the command line in an empty folder with standard error piped, with `env` added. */
  function runPiped(env: Record<string, string>): string {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['FORCE_COLOR', 'NO_COLOR'].includes(k)));
    return spawnSync(process.execPath, [BIN, 'synth'], { cwd: tmpdir(), env: { ...clean, ...env }, encoding: 'utf8' }).stderr;
  }

  test('GIVEN standard error piped WHEN a command fails THEN its message has no colour', () => {
    expect(runPiped({})).toMatch(/^cdk8s-platform: no cdk8s.yaml in /);
  }, 30_000);

  test('GIVEN standard error piped and FORCE_COLOR=1 WHEN a command fails THEN its message is red', () => {
    expect(runPiped({ FORCE_COLOR: '1' })).toMatch(new RegExp(`^\\u001b\\[31mcdk8s-platform: no cdk8s.yaml in .*\\u001b\\[39m\\n$`));
  }, 30_000);
});
