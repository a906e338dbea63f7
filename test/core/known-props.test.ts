import * as path from 'path';
import fc from 'fast-check';
import * as ts from 'typescript';
import { closestName, editDistance, KNOWN_PROPS } from '../../lib/core/_known-props';

const ROOT = path.resolve(__dirname, '../..');

/** The property names (inherited ones included) of each interface declared in lib/, read with the type checker. */
function interfaceProps(): Map<string, string[]> {
  const program = ts.createProgram([path.join(ROOT, 'lib/index.ts')], { noEmit: true, strict: true, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const found = new Map<string, string[]>();
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(path.join(ROOT, 'lib') + path.sep)) continue;
    ts.forEachChild(source, (node) => {
      if (!ts.isInterfaceDeclaration(node)) return;
      const symbol = checker.getSymbolAtLocation(node.name);
      if (!symbol) return;
      found.set(node.name.text, checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).map((p) => p.getName()).sort());
    });
  }
  return found;
}

describe('the known props of each construct', () => {
  const declared = interfaceProps();

  test.each(Object.keys(KNOWN_PROPS))('%s lists exactly the props its interface declares', (name) => {
    // GIVEN the interface as the TypeScript compiler reads it
    const props = declared.get(name);
    // WHEN it is compared with the list the constructs check against
    // THEN both name the same props
    expect(props).toBeDefined();
    expect([...KNOWN_PROPS[name as keyof typeof KNOWN_PROPS]].sort()).toEqual(props);
  });
});

describe('editDistance', () => {
  const word = fc.string({ maxLength: 12 });

  test('is 0 exactly for equal strings', () => {
    fc.assert(fc.property(word, word, (a, b) => (editDistance(a, b) === 0) === (a === b)));
  });

  test('is symmetric', () => {
    fc.assert(fc.property(word, word, (a, b) => editDistance(a, b) === editDistance(b, a)));
  });

  test('is at most the longer length and at least the difference in length', () => {
    fc.assert(fc.property(word, word, (a, b) => {
      const d = editDistance(a, b);
      return d <= Math.max(a.length, b.length) && d >= Math.abs(a.length - b.length);
    }));
  });

  test('counts one inserted, deleted or replaced character as 1', () => {
    fc.assert(fc.property(word, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (a, at, c) => {
      const i = a.length === 0 ? 0 : at % (a.length + 1);
      const inserted = a.slice(0, i) + c + a.slice(i);
      if (editDistance(a, inserted) !== 1 || editDistance(inserted, a) !== 1) return false;
      if (i === a.length || a[i] === c) return true;
      return editDistance(a, a.slice(0, i) + c + a.slice(i + 1)) === 1;
    }));
  });

  test('counts two swapped neighbours as 1', () => {
    fc.assert(fc.property(word, fc.nat(), (a, at) => {
      fc.pre(a.length >= 2);
      const i = at % (a.length - 1);
      fc.pre(a[i] !== a[i + 1]);
      return editDistance(a, a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2)) === 1;
    }));
  });
});

describe('closestName', () => {
  const known = ['replicas', 'resources', 'runAsNonRoot', 'maxReplicas', 'as'];

  test('suggests the name two edits away', () => {
    // GIVEN a misspelling with swapped letters WHEN the closest name is looked up THEN it is suggested
    expect(closestName('replcias', known)).toBe('replicas');
  });

  test('suggests a name that differs only in case, however far', () => {
    expect(closestName('RUNASNONROOT', known)).toBe('runAsNonRoot');
  });

  test('suggests nothing three edits away', () => {
    expect(closestName('replXXXas', known)).toBeUndefined();
  });

  test('suggests nothing for a name as short as its distance', () => {
    expect(closestName('x', known)).toBeUndefined();
  });
});
