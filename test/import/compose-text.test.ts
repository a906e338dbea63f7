import { interpolate, parseEnvFile, splitShellWords } from '../../lib/import/_compose-text';

/** Interpolates `text` with `vars`, returning the text and the problems. */
function sub(text: string, vars: Record<string, string> = {}): { text: string; problems: string[] } {
  const problems: string[] = [];
  const result = interpolate(text, (name) => (name in vars ? vars[name] : undefined), (m) => problems.push(m));
  return { text: result, problems };
}

describe('interpolate', () => {
  test.each([
    ['$NAME and ${NAME}', { NAME: 'web' }, 'web and web'],
    ['${PORT:-8080}', {}, '8080'],
    ['${PORT:-8080}', { PORT: '' }, '8080'],
    ['${PORT-8080}', { PORT: '' }, ''],
    ['${PORT-8080}', {}, '8080'],
    ['${TAG:+-${TAG}}', { TAG: '1.2' }, '-1.2'],
    ['${TAG:+x}', { TAG: '' }, ''],
    ['${TAG+x}', { TAG: '' }, 'x'],
    ['${A:-${B:-nested}}', {}, 'nested'],
    ['cost: $$5', {}, 'cost: $5'],
    ['$$HOME stays', {}, '$HOME stays'],
    ['no variables', {}, 'no variables'],
  ])('GIVEN %j with %j WHEN interpolated THEN it is %j, with no problem', (text, vars, expected) => {
    // GIVEN a text and the variables set
    // WHEN it is interpolated
    const result = sub(text, vars);
    // THEN the variables are substituted as Compose does
    expect(result).toEqual({ text: expected, problems: [] });
  });

  test('GIVEN an unset variable without a default WHEN interpolated THEN it is empty and a problem names it', () => {
    // GIVEN a text naming an unset variable
    // WHEN it is interpolated
    const result = sub('postgres:${PG_VERSION}');
    // THEN it becomes an empty string, and the problem says so
    expect(result.text).toBe('postgres:');
    expect(result.problems).toEqual([expect.stringContaining('the variable PG_VERSION is not set')]);
    expect(result.problems[0]).toContain('an empty string is used');
  });

  test('GIVEN ${VAR:?message} with VAR unset WHEN interpolated THEN the problem carries the message', () => {
    // GIVEN a required variable, unset
    // WHEN it is interpolated
    const result = sub('${DB_PASSWORD:?set the database password}');
    // THEN the problem says it is required, with the file's message
    expect(result.text).toBe('');
    expect(result.problems).toEqual(['the variable DB_PASSWORD is required and must not be empty: set the database password; an empty string is used']);
  });

  test.each(['price $ 5', '${NAME', '${1abc}'])('GIVEN the invalid template %j WHEN interpolated THEN it is kept as written, with a problem', (text) => {
    // GIVEN a text with a "$" that starts no variable
    // WHEN it is interpolated
    const result = sub(text);
    // THEN the text is kept, and a problem says why
    expect(result.text).toBe(text);
    expect(result.problems).toHaveLength(1);
  });
});

describe('parseEnvFile', () => {
  /** The entries and problems of an env file's text. */
  function read(text: string, vars: Record<string, string> = {}): { entries: Record<string, string>; problems: string[] } {
    const problems: string[] = [];
    const entries = parseEnvFile(text, (n) => vars[n], (m) => problems.push(m));
    return { entries: Object.fromEntries(entries.map((e) => [e.key, e.value])), problems };
  }

  test('GIVEN comments, blank lines, export and spaces WHEN read THEN the entries are the KEY=VALUE lines, trimmed', () => {
    // GIVEN an env file in the usual forms
    const text = '# settings\n\nexport NODE_ENV=production\n  CACHE_TTL = 300  \nEMPTY=\nURL=http://x#frag # a comment\r\n';
    // WHEN it is read
    // THEN each entry has its value, inline comments cut
    expect(read(text)).toEqual({ entries: { NODE_ENV: 'production', CACHE_TTL: '300', EMPTY: '', URL: 'http://x#frag' }, problems: [] });
  });

  test('GIVEN quoted values WHEN read THEN single quotes are literal and double quotes know escapes and span lines', () => {
    // GIVEN single- and double-quoted values
    const text = 'A=\'$NOT ${SUBSTITUTED}\'\nB="line one\\nline \\"two\\""\nC="multi\nline"\nD=after\n';
    // WHEN it is read
    // THEN single quotes keep everything, double quotes unescape, and the line count continues after a multi-line value
    expect(read(text).entries).toEqual({ A: '$NOT ${SUBSTITUTED}', B: 'line one\nline "two"', C: 'multi\nline', D: 'after' });
  });

  test('GIVEN values naming earlier entries and outer variables WHEN read THEN they are substituted', () => {
    // GIVEN an entry using an earlier one and one from the .env file
    const text = 'HOST=db\nURL=postgres://${HOST}:${PORT:-5432}/${NAME}\n';
    // WHEN it is read
    // THEN the file's own entries come first, then the variables given
    expect(read(text, { NAME: 'shop', HOST: 'ignored' }).entries.URL).toBe('postgres://db:5432/shop');
  });

  test('GIVEN a line without "=" WHEN read THEN it is left out with a problem naming its line', () => {
    // GIVEN a name alone, which Compose fills from its environment
    // WHEN it is read
    const result = read('A=1\nSECRET_TOKEN\n');
    // THEN it is not an entry, and the problem says why
    expect(result.entries).toEqual({ A: '1' });
    expect(result.problems).toEqual([expect.stringMatching(/^line 2: "SECRET_TOKEN" has no "=".*import never reads/)]);
  });

  test('GIVEN an unclosed quote WHEN read THEN the entries before it are kept, with a problem', () => {
    // GIVEN a value whose quote never closes
    // WHEN it is read
    const result = read('A=1\nB="open\nC=3\n');
    // THEN the rest of the file is not read
    expect(result.entries).toEqual({ A: '1' });
    expect(result.problems).toEqual(['line 2: the value of B has no closing "; the rest of the file is not read']);
  });
});

describe('splitShellWords', () => {
  test.each([
    ['node server.js --port 3000', ['node', 'server.js', '--port', '3000']],
    ['sh -c "echo \\"hi\\" && sleep 1"', ['sh', '-c', 'echo "hi" && sleep 1']],
    ["echo 'a  b' c\\ d", ['echo', 'a  b', 'c d']],
    ['  spaced   out  ', ['spaced', 'out']],
    ['empty "" word', ['empty', '', 'word']],
  ])('GIVEN %j WHEN split THEN the words are %j', (text, words) => {
    expect(splitShellWords(text)).toEqual(words);
  });

  test('GIVEN an unclosed quote WHEN split THEN there are no words', () => {
    expect(splitShellWords('echo "open')).toBeUndefined();
  });
});
