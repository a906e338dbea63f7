/**
 * The text rules of Docker Compose that the Compose reader (`compose.ts`) needs: variable interpolation
 * (`${VAR:-default}`), `.env` and `env_file` files, and the splitting of a `command:` string into words.
 *
 * @see https://docs.docker.com/reference/compose-file/interpolation/
 * @see https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file-syntax
 * @internal
 */

/** Reports a problem of the text at hand, in words (the caller adds where). */
export type TextProblem = (message: string) => void;

const NAME_START = /[_a-zA-Z]/;
const NAME_PART = /[_a-zA-Z0-9]/;

/**
 * `text` with its variables substituted as Compose does: `$$` is a `$`; `$VAR` and `${VAR}` the variable's value;
 * `${VAR:-default}` the default when VAR is unset or empty, `${VAR-default}` when it is unset; `${VAR:?message}` and
 * `${VAR?message}` a problem (with the message) when it is unset (or empty); `${VAR:+other}` and `${VAR+other}`
 * `other` when it is set (and not empty). Defaults and alternatives may hold variables themselves. An unset variable
 * without a default is a problem and an empty string, as Compose warns and substitutes. A `$` followed by anything
 * else is a problem, and the text is kept as written.
 *
 * @param lookup the value of a variable, or `undefined` when it is unset
 */
export function interpolate(text: string, lookup: (name: string) => string | undefined, problem: TextProblem): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = i + 2;
      while (end < text.length && NAME_PART.test(text[end])) end++;
      out += valueOf(text.slice(i + 1, end), lookup, problem);
      i = end;
    } else if (next === '{') {
      const close = closingBrace(text, i + 2);
      if (close < 0) {
        problem(`"${text}" has a "\${" without its "}"; the text is kept as written`);
        return text;
      }
      const braced = substituteBraced(text.slice(i + 2, close), lookup, problem);
      if (braced === undefined) return text;
      out += braced;
      i = close + 1;
    } else {
      problem(`"${text}" has a "$" that starts no variable (write "$$" for a "$"); the text is kept as written`);
      return text;
    }
  }
  return out;
}

/** The index of the `}` that closes a `${` whose content starts at `from`, or -1. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') i++;
    else if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The value of `${content}`, or `undefined` (after a problem) when the content is not a variable expression. */
function substituteBraced(content: string, lookup: (name: string) => string | undefined, problem: TextProblem): string | undefined {
  const m = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-?+])([\s\S]*))?$/.exec(content);
  if (!m) {
    problem(`"\${${content}}" is not a variable expression (allowed: \${VAR}, \${VAR:-default}, \${VAR-default}, \${VAR:?error}, \${VAR?error}, \${VAR:+other}, \${VAR+other})`);
    return undefined;
  }
  const [, name, operator, argument] = m;
  if (operator === undefined) return valueOf(name, lookup, problem);
  const value = lookup(name);
  const unset = operator.startsWith(':') ? value === undefined || value === '' : value === undefined;
  switch (operator.slice(-1)) {
    case '-':
      return unset ? interpolate(argument, lookup, problem) : value!;
    case '+':
      return unset ? '' : interpolate(argument, lookup, problem);
    default: {
      if (!unset) return value!;
      const reason = interpolate(argument, lookup, problem);
      problem(`the variable ${name} is required${operator === ':?' ? ' and must not be empty' : ''}${reason ? `: ${reason}` : ''}; an empty string is used`);
      return '';
    }
  }
}

function valueOf(name: string, lookup: (name: string) => string | undefined, problem: TextProblem): string {
  const value = lookup(name);
  if (value !== undefined) return value;
  problem(`the variable ${name} is not set (in the .env file beside the Compose file; import never reads its own environment), so an empty string is used`);
  return '';
}

/** One `KEY=value` of an env file, in file order. */
export interface EnvFileEntry {
  readonly key: string;
  readonly value: string;
}

/**
 * The entries of an env file (`.env`, or a service's `env_file`), as Compose reads them: one `KEY=VALUE` a line
 * (`export ` before it allowed), blank lines and `#` comments ignored; a value in single quotes is literal, one in
 * double quotes may span lines and knows `\n`, `\t`, `\\`, `\"` and `\$`; an unquoted value ends at ` #` and is
 * trimmed. Unquoted and double-quoted values are interpolated, from the file's earlier entries and then `lookup`. A
 * line without `=` (which Compose fills from its own environment) is a problem and is left out.
 */
export function parseEnvFile(text: string, lookup: (name: string) => string | undefined, problem: TextProblem): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  const own = new Map<string, string>();
  const resolve = (name: string) => (own.has(name) ? own.get(name) : lookup(name));
  const src = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const lineStart = line;
    const eol = src.indexOf('\n', i);
    const rest = src.slice(i, eol < 0 ? src.length : eol);
    const trimmed = rest.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i = eol < 0 ? src.length : eol + 1;
      line++;
      continue;
    }
    const m = /^\s*(?:export\s+)?([^\s=#:]+)\s*(?:([=:])\s*)?/.exec(rest);
    if (!m || m[2] === undefined) {
      problem(`line ${lineStart}: "${trimmed}" has no "=": Compose would take its value from its own environment, which import never reads; give it a value`);
      i = eol < 0 ? src.length : eol + 1;
      line++;
      continue;
    }
    const key = m[1];
    i += m[0].length;
    const quote = src[i];
    let value: string;
    if (quote === '\'' || quote === '"') {
      const end = closingQuote(src, i + 1, quote);
      if (end < 0) {
        problem(`line ${lineStart}: the value of ${key} has no closing ${quote}; the rest of the file is not read`);
        return entries;
      }
      const raw = src.slice(i + 1, end);
      line += (raw.match(/\n/g) ?? []).length;
      value = quote === '\'' ? raw : interpolate(unescapeDoubleQuoted(raw), resolve, (msg) => problem(`line ${lineStart}: ${msg}`));
      const after = src.indexOf('\n', end);
      i = after < 0 ? src.length : after + 1;
    } else {
      const end = eol < 0 ? src.length : eol;
      const raw = src.slice(i, end).replace(/(^|\s)#.*$/, '').trim();
      value = interpolate(raw, resolve, (msg) => problem(`line ${lineStart}: ${msg}`));
      i = eol < 0 ? src.length : eol + 1;
    }
    line++;
    own.set(key, value);
    entries.push({ key, value });
  }
  return entries;
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** A double-quoted value's escapes; `\$` becomes `$$`, so interpolation then reads it as a literal `$`. */
function unescapeDoubleQuoted(raw: string): string {
  return raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === '$' ? '$$' : c));
}

/**
 * A `command:` or `entrypoint:` string split into words as Compose splits it (shell quoting rules, without a
 * shell): spaces separate words, single quotes keep everything, double quotes keep all but `\"` and `\\`, a
 * backslash outside quotes escapes the next character. Returns `undefined` for an unclosed quote.
 */
export function splitShellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\'' || c === '"') {
      const end = closingQuote(text, i + 1, c);
      if (end < 0) return undefined;
      const raw = text.slice(i + 1, end);
      word += c === '\'' ? raw : raw.replace(/\\(["\\$`])/g, '$1');
      inWord = true;
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
