import { parseAllDocuments } from 'yaml';
import { yamlErrorMessage } from '../../lib/core/_yaml-error';

/** The messages of the errors (and of toJS()) for a Secret whose password is written as `value`. */
function errorsFor(value: string, prettyErrors = false): string[] {
  const messages: string[] = [];
  for (const doc of parseAllDocuments(`kind: Secret\nstringData:\n  password: ${value}\n`, { version: '1.1', prettyErrors })) {
    for (const e of [...doc.errors, ...doc.warnings]) messages.push(e.message);
    try {
      doc.toJS();
    } catch (e) {
      messages.push((e as Error).message);
    }
  }
  return messages;
}

describe('yamlErrorMessage', () => {
  test.each(['*hunter2pass', '|hunter2pass', '>hunter2pass', '!hunter2pass x', '!<tag:hunter2pass> x'])(
    'GIVEN a value YAML reads as syntax (%s) WHEN its error is described THEN the value is not in it', (value) => {
      // GIVEN
      const messages = [...errorsFor(value), ...errorsFor(value, true)];
      expect(messages.join('\n')).toContain('hunter2pass');
      // WHEN / THEN
      for (const m of messages) expect(yamlErrorMessage(m)).not.toContain('hunter2pass');
    });

  test('GIVEN an unresolved alias WHEN described THEN the reason stays', () => {
    expect(errorsFor('*hunter2pass').map(yamlErrorMessage)).toEqual(['Unresolved alias (the anchor must be set before the alias)']);
  });

  test('GIVEN a missing closing quote, with the source snippet of pretty errors WHEN described THEN only the reason is left', () => {
    expect(errorsFor('"hunter2pass', true).map(yamlErrorMessage)).toEqual(['Missing closing "quote']);
  });

  test('GIVEN a quoted string in a message WHEN described THEN it is left out', () => {
    expect(yamlErrorMessage('Unresolved plain scalar "hunter2pass"')).toBe('Unresolved plain scalar');
  });
});
