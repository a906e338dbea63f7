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
    expect(program.commands.map((c) => c.name())).toEqual(['init', 'synth', 'diff', 'check']);
  });

  test('GIVEN the subcommand being run WHEN the program is made THEN only that subcommand is defined (and loaded)', () => {
    // GIVEN / WHEN
    const program = createProgram(context(), 'synth');
    // THEN
    expect(program.commands.map((c) => c.name())).toEqual(['synth']);
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
