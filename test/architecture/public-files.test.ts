import * as path from 'path';
import * as ts from 'typescript';
import { loadPublicApi, PublicApi } from '../docs/_api-docs';

const ROOT = path.resolve(__dirname, '../..');

let api: PublicApi;

beforeAll(() => {
  api = loadPublicApi(['lib/index.ts', 'lib/testing/index.ts']);
});

/** The file of `node`, relative to the repository root. */
function fileOf(node: ts.Node): string {
  return path.relative(ROOT, node.getSourceFile().fileName);
}

/** Whether `file` is a `_`-prefixed (file-private) file of lib/. */
function isPrivateFile(file: string): boolean {
  return file.startsWith('lib/') && path.basename(file).startsWith('_');
}

function isInternal(node: ts.Node): boolean {
  const tagged = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  return ts.getJSDocTags(tagged).some((t) => t.tagName.text === 'internal');
}

function isPrivateMember(node: ts.Node): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : [];
  return modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword) ||
    ((ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node)) && ts.isPrivateIdentifier(node.name));
}

/**
 * The types the public signature of `declaration` names (its members' types, parameters, heritage), each with the
 * file that declares it; private and `@internal` members, bodies and initializers are not part of the signature.
 */
function typesNamedBy(declaration: ts.Node, checker: ts.TypeChecker): Array<{ name: string; file: string; where: string }> {
  const out: Array<{ name: string; file: string; where: string }> = [];
  const visit = (node: ts.Node): void => {
    if (node !== declaration && (isPrivateMember(node) || isInternal(node))) return;
    if (ts.isBlock(node)) return;
    if ((ts.isPropertyDeclaration(node) || ts.isVariableDeclaration(node) || ts.isParameter(node)) && node.initializer) {
      if (node.type) visit(node.type);
      if (ts.isParameter(node)) visit(node.name);
      return;
    }
    const name = ts.isTypeReferenceNode(node) ? node.typeName : ts.isExpressionWithTypeArguments(node) ? node.expression : undefined;
    if (name) {
      let symbol = checker.getSymbolAtLocation(ts.isQualifiedName(name) ? name.right : name);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const d of symbol?.declarations ?? []) {
        if (ts.isTypeParameterDeclaration(d)) continue;
        out.push({ name: symbol!.getName(), file: fileOf(d), where: `${fileOf(node)}:${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration);
  return out;
}

describe('one rule for _: a _-prefixed file is private to the library', () => {
  test('GIVEN the package entries WHEN their exports are read THEN none is declared in a _-prefixed file', () => {
    const fromPrivate = api.exports.flatMap((e) => (e.symbol.declarations ?? [])
      .filter((d) => isPrivateFile(fileOf(d))).map((d) => `${e.entry}: ${e.name} is declared in ${fileOf(d)}`));
    expect(fromPrivate).toEqual([]);
  });

  test('GIVEN PlatformAppProps WHEN the types its signature names are read THEN they include Provider and GitOps, from their files', () => {
    const props = api.exports.find((e) => e.name === 'PlatformAppProps')!;
    const named = props.symbol.declarations!.flatMap((d) => typesNamedBy(d, api.checker)).map((t) => `${t.name} ${t.file}`);
    expect(named).toEqual(expect.arrayContaining(['Provider lib/providers/provider.ts', 'GitOps lib/output/gitops.ts']));
  });

  test('GIVEN the public API WHEN the types its signatures name are read THEN each is declared in a file without _', () => {
    const problems = new Set<string>();
    for (const e of api.exports) {
      for (const d of e.symbol.declarations ?? []) {
        if (!fileOf(d).startsWith('lib/') || isInternal(d)) continue;
        for (const t of typesNamedBy(d, api.checker)) {
          if (isPrivateFile(t.file)) problems.add(`${t.where}: ${e.name} names ${t.name}, declared in ${t.file}`);
        }
      }
    }
    expect([...problems]).toEqual([]);
  });

  test('GIVEN the package entries WHEN their exports are read THEN the removed helpers (startOutputCleanup, errorsOf) are not among them', () => {
    const names = api.exports.map((e) => e.name);
    expect(names.filter((n) => ['startOutputCleanup', 'errorsOf'].includes(n))).toEqual([]);
  });
});
