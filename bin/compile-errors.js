// Preloaded into the app by `cdk8s-platform synth` (NODE_OPTIONS=--require): an app file that its loader cannot
// compile (a syntax error under @swc-node/register, a TSError of ts-node) is reported as "file:line:column: message",
// without the loader's stack trace or swc's Rust backtrace. Any other uncaught error is printed
// with its stack, as Node prints it, and ends the app with exit code 1, as Node does.
'use strict';
const path = require('path');
const util = require('util');

/** "file:line:column" of a swc diagnostic: the file of its snippet header, the line and column of its caret. */
function swcLocation(lines) {
  let file;
  let line;
  let column;
  for (const text of lines) {
    const header = /^\s*,-\[(.*):(\d+):(\d+)\]\s*$/.exec(text);
    if (header && file === undefined) file = header[1];
    const source = /^\s*(\d+) \|/.exec(text);
    if (source) line = Number(source[1]);
    const caret = /^(\s*): (\s*)\^/.exec(text);
    if (caret && line !== undefined && column === undefined) {
      column = caret[2].length + 1;
      break;
    }
  }
  if (file === undefined) return undefined;
  return `${path.relative(process.cwd(), file) || file}${line !== undefined ? `:${line}` : ''}${column !== undefined ? `:${column}` : ''}`;
}

/** The lines to print for `error` when it is a loader's compile error, else `undefined`. */
function compileErrorLines(error) {
  if (error === null || typeof error !== 'object' || typeof error.message !== 'string') return undefined;
  // ts-node: "⨯ Unable to compile TypeScript:" then one "file(line,col): error TSnnnn: message" line per diagnostic.
  if (error.name === 'TSError' && typeof error.diagnosticText === 'string') {
    return error.diagnosticText.split('\n').filter((l) => l.trim() !== '')
      .map((l) => l.replace(/^(.+?)\((\d+),(\d+)\): /, '$1:$2:$3: '));
  }
  // swc (@swc-node/register, @swc/register): "  x message" then a snippet whose header names the file.
  const lines = error.message.split('\n');
  const first = lines.findIndex((l) => /^\s*x /.test(l));
  if (first < 0 || !lines.some((l) => /^\s*,-\[.*:\d+:\d+\]\s*$/.test(l))) return undefined;
  const out = [];
  for (let i = first; i < lines.length; i++) {
    const m = /^\s*x (.*)$/.exec(lines[i]);
    if (!m) continue;
    const location = swcLocation(lines.slice(i + 1));
    out.push(`${location ?? '<unknown file>'}: error: ${m[1].trim()}`);
  }
  return out;
}

function onUncaughtException(error) {
  const lines = compileErrorLines(error);
  // Not a compile error: printed with its stack, as Node prints an uncaught error (exit code 1 too).
  process.stderr.write(`${lines === undefined ? util.inspect(error) : lines.join('\n')}\n`);
  process.exit(1);
}

process.on('uncaughtException', onUncaughtException);
