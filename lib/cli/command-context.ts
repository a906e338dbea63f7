import type { StdinContent } from '../input/standard-input';

/** Where the command line reads and writes: the real process, or a test's buffers. */
export interface CliIo {
  /** Writes text to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error. */
  readonly stderr: (text: string) => void;
  /** The working directory commands resolve relative paths against. */
  readonly cwd: string;
  /** The environment variables passed on to child processes. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Gives standard input (what `check -` validates): its text or bytes, or chunks of either (an iterable, read as the
   * documents are, so that a stream is bounded by `--max-input-size` without being read to its end). Called at most
   * once.
   *
   * @default the process's standard input, read chunk by chunk
   */
  readonly stdin?: () => StdinContent;
}

/** What a subcommand gets: the io, and a way to set the process exit code. */
export interface CommandContext {
  readonly io: CliIo;
  /** Sets the exit code `main()` returns. */
  readonly setExitCode: (code: number) => void;
}
