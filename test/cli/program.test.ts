import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CommandContext, createProgram, main } from '../../lib/cli';

function context(): CommandContext & { out: string[] } {
  const out: string[] = [];
  return { out, io: { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: process.cwd(), env: {} }, setExitCode: () => undefined };
}

describe('cdk8s-platform command line', () => {
  test('GIVEN no subcommand WHEN the program is made THEN it defines every subcommand, in help order', () => {
    // GIVEN / WHEN
    const program = createProgram(context());
    // THEN
    expect(program.commands.map((c) => c.name())).toEqual(['init', 'synth', 'diff', 'check', 'import']);
  });

  test('GIVEN the subcommand being run WHEN the program is made THEN only that subcommand is defined (and loaded)', () => {
    // GIVEN / WHEN
    const program = createProgram(context(), 'synth');
    // THEN
    expect(program.commands.map((c) => c.name())).toEqual(['synth']);
  });

  test('GIVEN synth, the subcommand `npm run synth` runs WHEN its program is made THEN neither the library\'s constructs, cdk8s nor the yaml parser is loaded', () => {
    // GIVEN a fresh Node process (jest has its own module registry), TypeScript loaded by cdk8s-platform/register
    const root = path.join(__dirname, '..', '..');
    const script = [
      "const { createProgram } = require('./lib/cli');",
      "createProgram({ io: { stdout: () => true, stderr: () => true, cwd: process.cwd(), env: {} }, setExitCode: () => undefined }, 'synth');",
      'console.log(JSON.stringify(Object.keys(require.cache)));',
    ].join('\n');
    // WHEN
    const loaded: string[] = JSON.parse(execFileSync(process.execPath, ['-r', './bin/register.js', '-e', script], { cwd: root, encoding: 'utf8' }));
    // THEN the command line and synth's own modules are loaded
    const relative = loaded.map((f) => path.relative(root, f).split(path.sep).join('/'));
    expect(relative).toContain('lib/cli/synth-command.ts');
    // THEN nothing of the constructs, the app or the input readers, nor cdk8s, constructs or yaml
    expect(relative.filter((f) => /^lib\/(app\/(?!_synth-summary)|input\/|workloads\/|validation\/)|node_modules\/(cdk8s|cdk8s-plus-27|constructs|yaml)\//.test(f))).toEqual([]);
  });

  test('GIVEN an unknown subcommand WHEN run THEN the error is commander\'s, with every subcommand known, and the exit code is 1', async () => {
    // GIVEN
    const ctx = context();
    // WHEN
    const code = await main(['sinth'], ctx.io);
    // THEN
    expect(code).toBe(1);
    expect(ctx.out.join('')).toContain("unknown command 'sinth'");
    expect(ctx.out.join('')).toContain('(Did you mean synth?)');
  });
});

describe('cdk8s-platform --version', () => {
  const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;

  test.each(['--version', '-V'])('GIVEN %s WHEN run THEN it prints the version of package.json and exits 0', async (flag) => {
    // GIVEN
    const ctx = context();
    // WHEN
    const code = await main([flag], ctx.io);
    // THEN
    expect(code).toBe(0);
    expect(ctx.out.join('')).toBe(`${version}\n`);
  });
});
