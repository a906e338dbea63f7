import { SUMMARY_LINE } from '../app/_synth-summary';

/** The ANSI colours used: red for errors, yellow for warnings, green for the summary line. */
const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
const GREEN = '\u001b[32m';
const RESET = '\u001b[39m';

/**
 * Whether to colour what goes to a stream, as Node.js decides for its own output: `FORCE_COLOR` first (set: colour,
 * unless it is `0` or `false`), then `NO_COLOR` (set and not empty: no colour), then colour only on a terminal whose
 * `TERM` is not `dumb`. Never when piped, unless `FORCE_COLOR` says so.
 */
export function colourWanted(isTerminal: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTerminal && env.TERM !== 'dumb';
}

/** The colour of one line of the command line's or the app's messages, or undefined for none. */
function colourOf(line: string): string | undefined {
  if (line.startsWith('cdk8s-platform: warning') || line.startsWith('warning [')) return YELLOW;
  if (line.startsWith('cdk8s-platform: capacity')) return undefined;
  if (/^cdk8s-platform( [a-z]+)?: /.test(line) || line.startsWith('error [')) return RED;
  if (SUMMARY_LINE.test(line)) return GREEN;
  return undefined;
}

/**
 * A writer that colours whole lines as they pass to `write`: a message line of cdk8s-platform that is a warning in
 * yellow, one that is an error in red (`cdk8s-platform: Invalid WebService props ...`, `cdk8s-platform synth: the app
 * ... exited with code 1`), the summary line in green; other lines as they are. A line cut across two writes is held
 * until its end arrives; `flush()` writes what is held.
 */
export function colouredLines(write: (text: string) => void): { readonly write: (text: string) => void; readonly flush: () => void } {
  let pending = '';
  const paint = (line: string): string => {
    const colour = colourOf(line);
    return colour && line !== '' ? `${colour}${line}${RESET}` : line;
  };
  return {
    write: (text) => {
      const lines = (pending + text).split('\n');
      pending = lines.pop()!;
      if (lines.length > 0) write(lines.map((l) => `${paint(l)}\n`).join(''));
    },
    flush: () => {
      if (pending !== '') write(paint(pending));
      pending = '';
    },
  };
}
