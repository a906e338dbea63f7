import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The README's fenced blocks of `lang`, as written (without the fences). */
function blocks(lang: string): string[] {
  return [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

/** `text` with the indentation its lines share removed. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

describe('the README example of custom rules is the code the tests run', () => {
  test('GIVEN the rules module of the README WHEN compared with the fixture the tests load THEN they are the same but the import path', () => {
    // GIVEN the fixture (test/fixtures/rules/acme-rules.ts) and the README's block of rules/acme.ts
    const fixture = fs.readFileSync(path.join(ROOT, 'test/fixtures/rules/acme-rules.ts'), 'utf8');
    const fixtureBody = fixture.slice(fixture.indexOf('\n', fixture.indexOf("from '../../../lib';")) + 1);
    const block = blocks('ts').find((b) => b.startsWith('// rules/acme.ts'));
    // WHEN the README block's code after its import is taken
    expect(block).toBeDefined();
    const readmeBody = block!.slice(block!.indexOf('\n', block!.indexOf("from 'cdk8s-platform';")) + 1);
    // THEN it is the fixture's code
    expect(readmeBody).toBe(fixtureBody);
  });

  test('GIVEN the README app using the rules WHEN compared with the test that synthesizes it THEN it is the same code', () => {
    // GIVEN the test's marked example and the README block that makes the app
    const testFile = fs.readFileSync(path.join(ROOT, 'test/validation/custom-rules.test.ts'), 'utf8');
    const marked = testFile.slice(testFile.indexOf('// README example: begin\n') + '// README example: begin\n'.length, testFile.indexOf('  // README example: end'));
    const block = blocks('ts').find((b) => b.includes("from './rules/acme'"));
    expect(block).toBeDefined();
    // WHEN both are compared without the import line and with `outdir` (the test's temporary folder) left out
    const readmeApp = block!.slice(block!.indexOf('\n\n') + 2);
    // THEN they match
    expect(dedent(marked).replace('{ outdir, validation', '{ validation')).toBe(readmeApp);
  });
});
