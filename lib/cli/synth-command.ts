import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { load, YAMLException } from 'js-yaml';
import { formatValue, PlatformError } from '../core/errors';
import { forTerminal } from '../core/_terminal';
import { CLI_PID_VARIABLE, ENVIRONMENT_SELECTION_VARIABLE, STDOUT_VARIABLE } from '../core/synth-variables';
import { SUMMARY_LINE } from '../app/_synth-summary';
import { checkOutputFolder } from '../output/output-folder';
import { ownPackageRoot } from './_own-package';
import type { CommandContext } from './command-context';

/** What `cdk8s.yaml` says about the app. */
interface Cdk8sConfig {
  readonly app: string;
  readonly output?: string;
}

function readConfig(cwd: string): Cdk8sConfig {
  const file = path.join(cwd, 'cdk8s.yaml');
  if (!fs.existsSync(file)) throw new PlatformError(`no cdk8s.yaml in ${cwd}: pass the app command with --app`);
  let config: Partial<Cdk8sConfig> | null;
  try {
    // js-yaml, not yaml: the command line then starts without loading the larger YAML parser.
    config = load(fs.readFileSync(file, 'utf8')) as Partial<Cdk8sConfig> | null;
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    throw new PlatformError(`${file}:${e.mark.line + 1}:${e.mark.column + 1}: not valid YAML (${e.reason}); allowed: a YAML mapping with "app", e.g. "app: node -r cdk8s-platform/register apps/main.ts"`);
  }
  if (!config || typeof config.app !== 'string' || config.app.trim() === '') {
    throw new PlatformError(`${file}: "app" received ${formatValue(config?.app)}; allowed: the command that runs the app, e.g. "node -r cdk8s-platform/register apps/main.ts"`);
  }
  if (config.output !== undefined && typeof config.output !== 'string') {
    throw new PlatformError(`${file}: "output" received ${formatValue(config.output)}; allowed: a folder path`);
  }
  return { app: config.app, output: config.output };
}

/**
 * `NODE_OPTIONS` for the app: what it was, with `bin/compile-errors.js` preloaded into every Node process of the app
 * command, so that an app file its loader cannot compile is reported as its file, line and message (no loader stack
 * trace, no Rust backtrace of swc).
 */
function withCompileErrors(nodeOptions: string | undefined): string {
  const preload = path.join(ownPackageRoot(), 'bin', 'compile-errors.js');
  return `${nodeOptions ? `${nodeOptions} ` : ''}--require ${JSON.stringify(preload)}`;
}

/** The file descriptor the app prints the YAML stream of `--stdout` to (its fourth: after stdin, stdout, stderr). */
const STREAM_FD = 3;

/** How the app's process ended. */
interface AppExit {
  readonly code: number;
  readonly signal?: NodeJS.Signals;
  /** Whether a line of its standard error was the summary line of `PlatformApp.run()` (`Synthesized 3 environments, ...`). */
  readonly printedSummary: boolean;
}

/** Watches text that arrives in chunks for a line that matches `pattern` at its start, across chunk boundaries. */
function lineWatcher(pattern: RegExp): { readonly add: (text: string) => void; readonly seen: () => boolean } {
  let pending = '';
  let seen = false;
  return {
    add: (text) => {
      if (seen) return;
      const lines = (pending + text).split('\n');
      pending = lines.pop()!;
      seen = lines.some((line) => pattern.test(line));
    },
    seen: () => seen || pattern.test(pending),
  };
}

/** The signals that stop `synth`: each is passed on to the app's whole process group before synth stops. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs the app command in a shell, in a process group of its own, passing its output on. When synth is stopped by a
 * signal, the app's group gets it too, so that no app outlives its command; an app whose command is killed outright
 * (SIGKILL) finds it gone before it replaces the output (`CLI_PID_VARIABLE`), and leaves the output as it was.
 */
function runApp(command: string, io: CommandContext['io'], env: Record<string, string | undefined>, stream?: 'stdout'): Promise<AppExit> {
  return new Promise<AppExit>((resolve, reject) => {
    // With --stdout, the YAML comes on file descriptor 3 (STDOUT_VARIABLE) and the app's standard output, whatever its
    // own code prints, goes to standard error: the stream holds nothing but the objects.
    const stdio: Array<'ignore' | 'pipe'> = stream ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'];
    const child = spawn(command, { cwd: io.cwd, env, shell: true, stdio, detached: process.platform !== 'win32', windowsHide: true });
    const stop = (signal: NodeJS.Signals): void => {
      try {
        if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // already gone
      }
      cleanup();
      process.kill(process.pid, signal);
    };
    const handlers = STOP_SIGNALS.map((signal) => [signal, () => stop(signal)] as const);
    const cleanup = (): void => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    };
    for (const [signal, handler] of handlers) process.once(signal, handler);
    // Decoded as UTF-8 text across chunks: a character cut by a chunk's end is not garbled.
    child.stdout!.setEncoding('utf8').on('data', (text: string) => (stream ? io.stderr : io.stdout)(text));
    const summary = lineWatcher(SUMMARY_LINE);
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      summary.add(text);
      io.stderr(text);
    });
    if (stream) (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (text: string) => io.stdout(text));
    child.on('error', (e) => {
      cleanup();
      reject(e);
    });
    child.on('close', (status, signal) => {
      cleanup();
      resolve({ code: status ?? 1, signal: signal ?? undefined, printedSummary: summary.seen() });
    });
  });
}

/**
 * `cdk8s-platform synth [--env dev,prod] [--output dist] [--app "<command>"]`: runs the app command of
 * `cdk8s.yaml` with `CDK8S_OUTDIR` (and `CDK8S_PLATFORM_ENV` for `--env`) set, and exits with its exit code. Its last
 * line, on standard error, is the app's summary (`Synthesized 3 environments, 156 objects in 162 files into dist/ in
 * 1.2 s`, printed by `PlatformApp.run()`), or, for an app that prints none, synth's own: `Synthesized into dist/ in
 * 1.4 s`, the time the app ran.
 *
 * Unlike `cdk8s synth`, it does not delete the output folder before the app runs: the app writes it atomically, so
 * a failed synth leaves the previous output as it was. The output folder is checked before the app runs (see
 * `checkOutputFolder()`). Stopping synth (Ctrl-C, SIGTERM) stops the app too.
 *
 * `synth --stdout [--env prod]` prints one environment as one YAML stream on standard output instead (for
 * `| kubectl apply -f -`), and touches no file; every message goes to standard error.
 */
export function synthCommand(context: CommandContext): Command {
  return new Command('synth')
    .description('Synthesize the app of cdk8s.yaml into the output folder, one folder per environment; a failed synth leaves the previous output untouched')
    .option('-e, --env <names>', 'only these environments (comma-separated); the other environment folders are left as they are')
    .option('-o, --output <dir>', 'the output folder (default: "output" of cdk8s.yaml, else dist)')
    .option('--app <command>', 'the command that runs the app (default: "app" of cdk8s.yaml)')
    .option('--stdout', 'print one environment (--env, required when the app has several) as one YAML stream on standard output, in apply order, and write no file')
    .action(async (options: { env?: string; output?: string; app?: string; stdout?: boolean }) => {
      const { io } = context;
      if (options.stdout && options.output !== undefined) {
        throw new PlatformError(`--output received ${JSON.stringify(options.output)} with --stdout; allowed: one of them (--stdout writes no folder)`);
      }
      const config = options.app !== undefined ? { app: options.app } : readConfig(io.cwd);
      const outdir = options.output ?? (config as Cdk8sConfig).output ?? 'dist';
      const env: Record<string, string | undefined> = { ...io.env, CDK8S_OUTDIR: outdir, NODE_OPTIONS: withCompileErrors(io.env.NODE_OPTIONS) };
      delete env[STDOUT_VARIABLE];
      if (options.env !== undefined) {
        const names = options.env.split(',').map((n) => n.trim()).filter((n) => n !== '');
        if (names.length === 0) throw new PlatformError(`--env received ${JSON.stringify(options.env)}; allowed: comma-separated environment names, e.g. "dev,staging"`);
        if (options.stdout && names.length > 1) {
          throw new PlatformError(`--env received ${JSON.stringify(options.env)} with --stdout; allowed: one environment name (--stdout prints one environment)`);
        }
        env[ENVIRONMENT_SELECTION_VARIABLE] = names.join(',');
      } else {
        delete env[ENVIRONMENT_SELECTION_VARIABLE];
      }
      if (options.stdout) {
        env[STDOUT_VARIABLE] = String(STREAM_FD);
      } else {
        checkOutputFolder(outdir, { cwd: io.cwd });
        env[CLI_PID_VARIABLE] = String(process.pid);
      }
      const started = process.hrtime.bigint();
      const result = await runApp(config.app, io, env, options.stdout ? 'stdout' : undefined);
      if (result.code === 0 && result.signal === undefined) {
        if (!options.stdout && !result.printedSummary) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const folder = /[\\/]$/.test(outdir) ? outdir : `${outdir}/`;
          const selected = options.env ? ` (environments: ${env[ENVIRONMENT_SELECTION_VARIABLE]})` : '';
          io.stderr(`${forTerminal(`Synthesized into ${folder}${selected} in ${seconds.toFixed(1)} s`)}\n`);
        }
        return;
      }
      const how = result.signal !== undefined ? `was stopped by ${result.signal}` : `exited with code ${result.code}`;
      io.stderr(`cdk8s-platform synth: the app (${forTerminal(config.app)}) ${how}; see its messages above.\n`);
      context.setExitCode(1);
    });
}
