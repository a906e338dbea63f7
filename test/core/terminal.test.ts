import { forTerminal } from '../../lib/core/_terminal';

describe('forTerminal', () => {
  test('GIVEN an escape sequence WHEN made safe THEN ESC is written as \\x1b', () => {
    expect(forTerminal('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
  });

  test('GIVEN a line feed, a carriage return and a tab WHEN made safe THEN they are written as \\n, \\r and \\t', () => {
    expect(forTerminal('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
  });

  test('GIVEN C1 controls, DEL and bidi overrides WHEN made safe THEN each is escaped', () => {
    expect(forTerminal('\u009b\u007f\u202e\u2066\u2028')).toBe('\\x9b\\x7f\\u202e\\u2066\\u2028');
  });

  test('GIVEN keepNewlines WHEN made safe THEN line feeds stay and other controls are escaped', () => {
    expect(forTerminal('line 1\nline\u0007 2', true)).toBe('line 1\nline\\x07 2');
  });

  test('GIVEN printable Unicode WHEN made safe THEN it is unchanged', () => {
    expect(forTerminal('Größe ✓ 日本')).toBe('Größe ✓ 日本');
  });
});
