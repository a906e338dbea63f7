import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// The library never compiles code from strings (issue 19): importing it and synthesizing must work under
// `node --disallow-code-generation-from-strings`, which hardened hosts use. `test/package/` runs the installed package
// under that flag; this test reads every source file of lib/ for the ways code is made from a string.

const LIB = path.resolve(__dirname, '../../lib');

/** Every `.ts` file below `dir`, relative to it. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** The vm module's functions that compile source text. */
const VM_COMPILERS = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction', 'Script', 'SourceTextModule']);
/** Node.js options that run a string as code. */
const EVAL_OPTIONS = new Set(['-e', '--eval', '-p', '--print']);

/** Where `text` (the file `file`) makes code from a string: `file:line: what`. */
function codeFromStrings(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string): void => {
    found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  };
  const calleeName = (e: ts.Expression): string | undefined =>
    ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      if (name === 'eval' || name === 'Function') report(node, `${name}()`);
      if (name !== undefined && VM_COMPILERS.has(name)) report(node, `vm ${name}`);
    }
    // new Worker(source, { eval: true })
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'eval' && node.initializer.kind === ts.SyntaxKind.TrueKeyword) report(node, 'eval: true');
    // spawn(process.execPath, ['-e', source]): Node.js itself run on a string (another program's -e is not code)
    if (ts.isCallExpression(node) && node.arguments.length >= 2 && /^(process\.execPath|'node'|"node")$/.test(node.arguments[0].getText(source))) {
      const args = node.arguments[1];
      if (ts.isArrayLiteralExpression(args) && args.elements.some((x) => ts.isStringLiteralLike(x) && EVAL_OPTIONS.has(x.text))) report(node, 'node -e');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no code compiled from strings', () => {
  test('GIVEN each way of compiling a string WHEN a source is read THEN each is found, with its line', () => {
    // GIVEN
    const text = [
      "const f = new Function('return 1');",
      "const g = Function('return 2');",
      "eval('3');",
      "vm.runInThisContext('4');",
      "new vm.Script('5');",
      'new Worker(source, { eval: true });',
      "spawn(process.execPath, ['-e', 'code']);",
      "const fine = 'new Function( eval( in a string';",
      "spawnSync('git', ['cat-file', '-e', 'HEAD:x']);",
    ].join('\n');
    // WHEN
    const found = codeFromStrings('x.ts', text);
    // THEN
    expect(found).toEqual([
      'x.ts:1: Function()', 'x.ts:2: Function()', 'x.ts:3: eval()', 'x.ts:4: vm runInThisContext', 'x.ts:5: vm Script',
      'x.ts:6: eval: true', 'x.ts:7: node -e',
    ]);
  });

  test('GIVEN every source file of lib/ WHEN read THEN none compiles code from a string', () => {
    // GIVEN
    const files = sources(LIB);
    // WHEN
    const found = files.flatMap((f) => codeFromStrings(`lib/${f.split(path.sep).join('/')}`, fs.readFileSync(path.join(LIB, f), 'utf8')));
    // THEN
    expect(files.length).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
