import { Command, CommanderError } from 'commander';
import { forTerminal } from '../core/_terminal';
import type { StdinContent } from '../input/standard-input';
import type { CliIo, CommandContext } from './command-context';
import { colouredLines, colourWanted } from './_colour';
import { ownManifest } from './_own-package';

export type { CliIo, CommandContext } from './command-context';

/** The io of the running process. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    // Loaded when read (by check, diff or import): synth starts without the input readers and their YAML parser.
    stdin: (): StdinContent => require('../input/standard-input').processStdin(),
  };
}

/**
 * The subcommands, in help order, each loaded only when needed: `synth` (what `npm run synth` runs) starts without
 * loading what `check` and `diff` need (validation rules, the diff engine).
 */
const SUBCOMMANDS: ReadonlyArray<[string, () => (context: CommandContext) => Command]> = [
  ['init', () => require('./init').initCommand],
  ['synth', () => require('./synth-command').synthCommand],
  ['diff', () => require('./diff').diffCommand],
  ['check', () => require('./check').checkCommand],
  ['import', () => require('./import').importCommand],
];

/**
 * The `cdk8s-platform` command line. Errors and help go to `context.io`; commander never exits the process.
 *
 * @param only the one subcommand to define (the one being run), or every subcommand when undefined
 */
export function createProgram(context: CommandContext, only?: string): Command {
  const program = new Command('cdk8s-platform')
    .description('Typed Kubernetes platform constructs on cdk8s: synthesize, check and compare the output.')
    // Read from package.json when the program is made: the repository's, or the installed package's.
    .version(ownManifest().version, '-V, --version', 'print the version of cdk8s-platform');
  const selected = SUBCOMMANDS.filter(([name]) => name === only);
  for (const [, load] of selected.length > 0 ? selected : SUBCOMMANDS) program.addCommand(load()(context));
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr });
  }
  return program;
}

/**
 * Runs the command line with `argv` (the arguments after the program name) and returns the exit code.
 *
 * Messages on standard error are coloured (errors red, warnings yellow, synth's summary line green) when `colour` says
 * so, the app's included: by default only on a terminal, as `colourWanted()` decides from `FORCE_COLOR`, `NO_COLOR`
 * and `TERM`; never when standard error is piped. Standard output is never coloured.
 *
 * @param given where to read and write; default: the running process's
 * @param colour whether to colour standard error; default: `colourWanted()` for the process's standard error, and no
 *   colour for an io that is given
 * @example
 * main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
 */
export async function main(argv: readonly string[], given?: CliIo, colour?: boolean): Promise<number> {
  const coloured = colour ?? (given === undefined && colourWanted(process.stderr.isTTY === true, process.env));
  const base = given ?? processIo();
  const lines = coloured ? colouredLines(base.stderr) : undefined;
  try {
    return await run(argv, lines ? { ...base, stderr: lines.write } : base);
  } finally {
    lines?.flush();
  }
}

/** Runs the command line with `argv` in `io`, and returns the exit code. */
async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = createProgram({ io, setExitCode: (code) => { exitCode = code; } }, argv[0]);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    io.stderr(`${forTerminal(`cdk8s-platform: ${e instanceof Error ? e.message : String(e)}`, true)}\n`);
    return 1;
  }
  return exitCode;
}
