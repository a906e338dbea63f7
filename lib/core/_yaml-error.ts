/**
 * The message of an error of the `yaml` package (a parse error, or one thrown by `toJS()`), without the source text
 * it may quote: its first line, without its position (readers say `file:line` themselves), cut before `: ` and
 * without quoted strings. Some of its messages end with the offending text (`Unresolved alias (the anchor must be set
 * before the alias): hunter2`, `Block scalar header includes extra characters: |hunter2`): an unquoted Secret value
 * that starts with `*`, `|` or `>` would be printed.
 *
 * @example
 * yamlErrorMessage('Unresolved alias (the anchor must be set before the alias): hunter2');
 * // 'Unresolved alias (the anchor must be set before the alias)'
 * @internal
 */
export function yamlErrorMessage(message: string): string {
  const line = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const colon = line.indexOf(': ');
  return (colon < 0 ? line : line.slice(0, colon)).replace(/\s*"(?:[^"\\]|\\.)*"/g, '');
}
