import * as path from 'path';
import * as ts from 'typescript';

/** The repository root. */
const ROOT = path.resolve(__dirname, '../..');

/** One gap in the API documentation: where, and what is missing. */
export interface DocGap {
  /** `lib/<file>.ts:<line>`. */
  readonly where: string;
  /** The symbol, e.g. `WebServiceProps.replicas`. */
  readonly symbol: string;
  /** What is missing. */
  readonly missing: 'doc comment' | '@default';
}

function hasTag(node: ts.Node, tag: string): boolean {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === tag);
}

/** Whether `node` has an `@default` tag that says what happens (not an empty tag). */
function hasDefault(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === 'default' && ts.getTextOfJSDocComment(t.comment)?.trim());
}

/** Whether `node` has a JSDoc comment with text (a summary), not only tags. */
function hasDocComment(node: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(node).some((d) => ts.isJSDoc(d) && ts.getTextOfJSDocComment(d.comment)?.trim());
}

function isPrivate(member: ts.ClassElement | ts.TypeElement): boolean {
  const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [];
  return modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) ||
    (member.name !== undefined && ts.isPrivateIdentifier(member.name));
}

/** The public API: the symbols exported by the package's entries, with the compiler that read them. */
export interface PublicApi {
  /** The program over the entries (compiled as tsconfig.build.json says). */
  readonly program: ts.Program;
  /** Its type checker. */
  readonly checker: ts.TypeChecker;
  /** Every exported symbol, by entry (path relative to the repository root), aliases resolved. */
  readonly exports: ReadonlyArray<{ readonly entry: string; readonly name: string; readonly symbol: ts.Symbol }>;
}

/** Reads the public API exported by `entries` (paths relative to the repository root). */
export function loadPublicApi(entries: readonly string[]): PublicApi {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.build.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  if (!config) throw new Error('cannot read tsconfig.build.json');
  const program = ts.createProgram(entries.map((e) => path.join(ROOT, e)), { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const exports = entries.flatMap((entry) => {
    const source = program.getSourceFile(path.join(ROOT, entry));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read the exports of ${entry}`);
    return checker.getExportsOfModule(moduleSymbol).map((exported) => ({
      entry,
      name: exported.getName(),
      symbol: exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported,
    }));
  });
  return { program, checker, exports };
}

/**
 * The gaps in the documentation of the public API: every exported symbol and every public member of the classes
 * and interfaces among them must have a doc comment, and every optional property of an interface an `@default`
 * tag. Symbols tagged `@internal` are not public.
 */
export function apiDocGaps(api: PublicApi): DocGap[] {
  const { checker } = api;
  const gaps: DocGap[] = [];
  const seen = new Set<ts.Node>();

  const where = (node: ts.Node): string => {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    return `${path.relative(ROOT, file.fileName)}:${line + 1}`;
  };
  const need = (node: ts.Node, symbol: string): void => {
    if (!hasDocComment(node)) gaps.push({ where: where(node), symbol, missing: 'doc comment' });
  };

  // The members of object types written inline (`{ min: number; max: number }`), in arrays, unions and type
  // arguments too: each is part of the API, as a property of the interface is.
  const checkTypeLiterals = (owner: string, type: ts.TypeNode | undefined): void => {
    if (!type) return;
    if (ts.isTypeLiteralNode(type)) {
      for (const member of type.members) {
        if (!ts.isPropertySignature(member) && !ts.isMethodSignature(member)) continue;
        if (seen.has(member)) continue;
        seen.add(member);
        const name = `${owner}.${member.name.getText()}`;
        if (!hasDocComment(member)) gaps.push({ where: where(member), symbol: name, missing: 'doc comment' });
        if (ts.isPropertySignature(member) && member.questionToken && !hasDefault(member)) {
          gaps.push({ where: where(member), symbol: name, missing: '@default' });
        }
        checkTypeLiterals(name, member.type);
      }
    } else if (ts.isArrayTypeNode(type)) {
      checkTypeLiterals(`${owner}[]`, type.elementType);
    } else if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
      type.types.forEach((t) => checkTypeLiterals(owner, t));
    } else if (ts.isParenthesizedTypeNode(type) || ts.isTypeOperatorNode(type)) {
      checkTypeLiterals(owner, type.type);
    } else if (ts.isTypeReferenceNode(type)) {
      type.typeArguments?.forEach((t) => checkTypeLiterals(`${owner}[]`, t));
    }
  };

  // Every member of a class or interface, including those it inherits from declarations in lib/ that are not
  // exported themselves (a props interface extending an internal one).
  const checkMembers = (owner: string, properties: readonly ts.Symbol[], isInterface: boolean): void => {
    for (const property of properties) {
      const declarations = (property.declarations ?? []).filter((d) =>
        path.relative(ROOT, d.getSourceFile().fileName).startsWith('lib/') && (ts.isClassElement(d) || ts.isTypeElement(d)));
      if (declarations.length === 0) continue;
      const members = declarations as Array<ts.ClassElement | ts.TypeElement>;
      if (members.some((m) => ts.isConstructorDeclaration(m) || isPrivate(m) || hasTag(m, 'internal'))) continue;
      if (members.some((d) => seen.has(d))) continue;
      members.forEach((d) => seen.add(d));
      const name = `${owner}.${property.getName()}`;
      // Overloads and get/set pairs: one documented declaration covers the others.
      if (!members.some(hasDocComment)) gaps.push({ where: where(members[0]), symbol: name, missing: 'doc comment' });
      for (const m of members) {
        if (ts.isPropertySignature(m) || ts.isPropertyDeclaration(m) || ts.isGetAccessorDeclaration(m)) checkTypeLiterals(name, m.type);
      }
      const optional = members.some((m) => ts.isPropertySignature(m) && m.questionToken !== undefined);
      if (isInterface && optional && !members.some((d) => hasDefault(d))) {
        gaps.push({ where: where(members[0]), symbol: name, missing: '@default' });
      }
    }
  };

  for (const { name, symbol } of api.exports) {
    for (const declaration of symbol.declarations ?? []) {
      if (seen.has(declaration)) continue;
      seen.add(declaration);
      if (!path.relative(ROOT, declaration.getSourceFile().fileName).startsWith('lib/')) continue;
      const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
      if (hasTag(node, 'internal')) continue;
      if (ts.isFunctionDeclaration(declaration) && !declaration.body) continue; // an overload signature
      need(node, name);
      if (ts.isClassDeclaration(declaration)) {
        checkMembers(name, checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)), false);
        checkMembers(name, checker.getPropertiesOfType(checker.getTypeOfSymbolAtLocation(symbol, declaration)), false);
      }
      if (ts.isInterfaceDeclaration(declaration)) {
        checkMembers(name, checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)), true);
      }
      if (ts.isTypeAliasDeclaration(declaration)) checkTypeLiterals(name, declaration.type);
      if (ts.isVariableDeclaration(declaration)) {
        checkTypeLiterals(name, declaration.type);
        // An object literal's properties, when the type is inferred from it.
        const init = declaration.type ? undefined : declaration.initializer;
        const literal = init && ts.isAsExpression(init) ? init.expression : init;
        if (literal && ts.isObjectLiteralExpression(literal)) {
          for (const property of literal.properties) {
            if (!hasDocComment(property)) gaps.push({ where: where(property), symbol: `${name}.${property.name?.getText()}`, missing: 'doc comment' });
          }
        }
      }
      if (ts.isEnumDeclaration(declaration)) {
        for (const member of declaration.members) need(member, `${name}.${member.name.getText()}`);
      }
    }
  }
  return gaps;
}
