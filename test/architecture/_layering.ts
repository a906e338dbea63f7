import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * The layering of lib/, read with the TypeScript compiler (not regexes): which file imports which, and the rules
 * ARCHITECTURE.md states about it.
 *
 * Layers, lowest first (a file may import its own folder and any lower layer, never a higher one):
 *   0  core/
 *   1  the construct folders, in this order (a folder may import the ones before it, not the ones after it)
 *   2  validation/, output/, input/, diff/, import/ (diff/ and import/ may import input/; none imports another, nor a
 *      construct: import/ writes TypeScript source that names constructs, as text)
 *   3  app/
 *   4  cli/, testing/
 * `index.ts` (the package entry) only re-exports.
 */
export const CONSTRUCT_FOLDERS = ['providers', 'config', 'storage', 'scheduling', 'networking', 'scaling', 'workloads', 'tenancy', 'helm'] as const;

/** The folders of each layer, lowest first. */
export const LAYERS: ReadonlyArray<readonly string[]> = [
  ['core'],
  CONSTRUCT_FOLDERS,
  ['validation', 'output', 'input', 'diff', 'import'],
  ['app'],
  ['cli', 'testing'],
];

/** Within layer 2, the other folders each one may import (besides core/ and itself). */
const LAYER_2_ALLOWED: Readonly<Record<string, readonly string[]>> = { diff: ['input'], import: ['input'] };

/** The packages of constructs, which layer 2 (objects and files) does not import. */
const CONSTRUCT_PACKAGES = ['cdk8s', 'cdk8s-plus-27', 'constructs'];

/** The files that are package entries: they may re-export anything, and nothing else. */
export const ENTRIES = ['index.ts', 'testing/index.ts'];

/** One import of a lib/ file. */
export interface Import {
  /** The importing file, relative to lib/ (e.g. `app/platform-app.ts`). */
  readonly from: string;
  /** The module specifier as written. */
  readonly specifier: string;
  /** The imported lib/ file, relative to lib/; undefined for a package (or a file outside lib/). */
  readonly to?: string;
  /** The line of the import, 1-based. */
  readonly line: number;
  /** How it is imported: `import`, `import type`, `export from`, `require()`, `import()`. */
  readonly how: string;
}

/** A broken rule: the file, the import and the rule, in words. */
export interface Violation {
  readonly file: string;
  readonly message: string;
}

/** The `.ts` files of `dir` (recursively), by path relative to it, with their text. */
export function readSourceTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.set(rel, fs.readFileSync(path.join(dir, rel), 'utf8'));
    }
  };
  walk('');
  return files;
}

/** The lib/ file a relative specifier of `from` names, as Node.js resolves it (`x.ts`, then `x/index.ts`). */
function resolve(files: ReadonlyMap<string, string>, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) if (files.has(candidate)) return candidate;
  return undefined;
}

/** The parsed source of each file (parsed once per file map). */
const parsedCache = new WeakMap<ReadonlyMap<string, string>, Map<string, ts.SourceFile>>();

/** The syntax tree of `file`. */
export function sourceOf(files: ReadonlyMap<string, string>, file: string): ts.SourceFile {
  let cache = parsedCache.get(files);
  if (!cache) parsedCache.set(files, cache = new Map());
  let source = cache.get(file);
  if (!source) cache.set(file, source = ts.createSourceFile(file, files.get(file) ?? '', ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS));
  return source;
}

/** Every import of every file: static imports and re-exports (type-only ones included), `require()` and `import()`. */
export function importsOf(files: ReadonlyMap<string, string>): Import[] {
  const out: Import[] = [];
  for (const file of files.keys()) {
    const source = sourceOf(files, file);
    const add = (node: ts.Node, specifier: string, how: string): void => {
      out.push({ from: file, specifier, to: resolve(files, file, specifier), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, how });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node, node.moduleSpecifier.text, node.importClause?.isTypeOnly ? 'import type' : 'import');
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node, node.moduleSpecifier.text, node.isTypeOnly ? 'export type from' : 'export from');
      } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
        add(node, node.moduleReference.expression.text, 'import = require()');
      } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
        const arg = node.arguments[0];
        const literal = ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) ? arg.text : undefined;
        // `./name-${x}`: a computed name in the file's own folder (per-version tables), which the layering allows.
        const ownFolder = ts.isTemplateExpression(arg) && /^\.\/[^/]*$/.test(arg.head.text) && arg.templateSpans.every((s) => !s.literal.text.includes('/'));
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          if (literal !== undefined) add(node, literal, 'import()');
          else out.push({ from: file, specifier: arg.getText(source), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, how: 'import() of a computed name' });
        } else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') {
          if (literal !== undefined) add(node, literal, 'require()');
          else if (ownFolder) out.push({ from: file, specifier: arg.getText(source), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, how: 'require() in its own folder' });
          else out.push({ from: file, specifier: arg.getText(source), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, how: 'require() of a computed name' });
        }
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        add(node, node.argument.literal.text, 'import("...") type');
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** The layer of a lib/ file (see `LAYERS`), or undefined for a file at the top of lib/ (the entry). */
export function layerOf(file: string): { layer: number; folder: string } | undefined {
  const folder = file.includes('/') ? file.slice(0, file.indexOf('/')) : '';
  const layer = LAYERS.findIndex((folders) => folders.includes(folder));
  return layer < 0 ? undefined : { layer, folder };
}

/** Why importing `to` from `from` breaks the layering, or undefined when it does not. */
function layeringProblem(from: string, to: string): string | undefined {
  const a = layerOf(from);
  const b = layerOf(to);
  if (!a) return ENTRIES.includes(from) ? undefined : `${from} is outside every layer: put it in one of the folders ${LAYERS.flat().join(', ')}`;
  if (!b) return `${to} is the package entry: no file of lib/ imports it`;
  if (a.folder === b.folder) return undefined;
  if (b.layer > a.layer) return `${a.folder}/ (layer ${a.layer}) imports ${b.folder}/, a higher layer (${b.layer}): lower layers never import higher ones`;
  if (a.layer === 1 && b.layer === 1) {
    const i = CONSTRUCT_FOLDERS.indexOf(a.folder as typeof CONSTRUCT_FOLDERS[number]);
    const j = CONSTRUCT_FOLDERS.indexOf(b.folder as typeof CONSTRUCT_FOLDERS[number]);
    if (j > i) return `the construct folder ${a.folder}/ imports ${b.folder}/, which comes after it (order: ${CONSTRUCT_FOLDERS.join(' < ')})`;
  }
  if (a.layer === 2 && b.layer === 1) {
    return `${a.folder}/ imports the construct folder ${b.folder}/: validation/, output/, input/ and diff/ work on objects and files, never on our constructs`;
  }
  if (a.layer === 2 && b.layer === 2 && !(LAYER_2_ALLOWED[a.folder] ?? []).includes(b.folder)) {
    return `${a.folder}/ imports ${b.folder}/: validation/, output/, input/ and diff/ import only core/ (diff/ and import/ also input/)`;
  }
  if (a.layer === 4 && b.layer === 4) return `${a.folder}/ imports ${b.folder}/: the two entries (cli/, testing/) do not import each other`;
  return undefined;
}

/** Every import from a higher layer or a later construct folder, and every import of a file that is not there. */
export function layeringViolations(files: ReadonlyMap<string, string>, imports: readonly Import[] = importsOf(files)): Violation[] {
  const out: Violation[] = [];
  for (const i of imports) {
    const where = `lib/${i.from}:${i.line}`;
    if (i.how.includes('computed name')) {
      // The entries (cli/, testing/) may import any lower layer, and load the user's modules (check --rules) by path.
      if (layerOf(i.from)?.layer === LAYERS.length - 1) continue;
      out.push({ file: i.from, message: `${where}: ${i.how} ${i.specifier}: every import names its module, so the layering can be checked` });
      continue;
    }
    if (i.specifier.startsWith('.') && i.to === undefined) {
      if (!path.posix.normalize(path.posix.join(path.posix.dirname(i.from), i.specifier)).startsWith('..')) {
        out.push({ file: i.from, message: `${where}: ${i.how} '${i.specifier}' names no file of lib/` });
      } else {
        out.push({ file: i.from, message: `${where}: ${i.how} '${i.specifier}' is outside lib/: the library imports only itself and packages` });
      }
      continue;
    }
    if (i.to === undefined) {
      if (layerOf(i.from)?.layer === 2 && CONSTRUCT_PACKAGES.includes(i.specifier)) {
        out.push({ file: i.from, message: `${where}: ${i.how} '${i.specifier}': validation/, output/, input/ and diff/ work on objects and files, never on constructs` });
      }
      continue;
    }
    const problem = layeringProblem(i.from, i.to);
    if (problem) out.push({ file: i.from, message: `${where}: ${i.how} '${i.specifier}': ${problem}` });
  }
  return out;
}

/** Every statement of the entries that is not a re-export (the entries only re-export). */
export function entryViolations(files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const entry of ENTRIES) {
    if (!files.has(entry)) continue;
    const source = sourceOf(files, entry);
    for (const statement of source.statements) {
      if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) continue;
      const line = source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1;
      out.push({ file: entry, message: `lib/${entry}:${line}: ${statement.getText(source).split('\n')[0]}: the entry only re-exports (export ... from)` });
    }
  }
  return out;
}

/**
 * The import cycles between files (static imports of values and types, `require()` and `import()`), each as a path
 * `a.ts -> b.ts -> a.ts`, once per strongly connected set of files.
 */
export function importCycles(files: ReadonlyMap<string, string>, imports: readonly Import[] = importsOf(files)): string[][] {
  const edges = new Map<string, string[]>();
  for (const i of imports) {
    if (i.to === undefined) continue;
    const list = edges.get(i.from) ?? [];
    if (!list.includes(i.to)) list.push(i.to);
    edges.set(i.from, list);
  }
  // Tarjan's strongly connected components, iterative (no recursion depth limit).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const start of [...files.keys()].sort()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; child: number }> = [{ node: start, child: 0 }];
    index.set(start, next); low.set(start, next); next++; stack.push(start); onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const targets = edges.get(top.node) ?? [];
      if (top.child < targets.length) {
        const t = targets[top.child++];
        if (!index.has(t)) {
          index.set(t, next); low.set(t, next); next++; stack.push(t); onStack.add(t);
          work.push({ node: t, child: 0 });
        } else if (onStack.has(t)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(t)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let n: string;
        do { n = stack.pop()!; onStack.delete(n); component.push(n); } while (n !== top.node);
        const selfLoop = (edges.get(top.node) ?? []).includes(top.node);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  // One cycle through each component: a shortest path back to its first file (breadth first, in the component).
  return components.map((component) => {
    const members = new Set(component);
    const first = [...component].sort()[0];
    const previous = new Map<string, string>();
    const queue = [first];
    let found = false;
    while (queue.length > 0 && !found) {
      const n = queue.shift()!;
      for (const t of edges.get(n) ?? []) {
        if (!members.has(t)) continue;
        if (t === first) { previous.set(first, n); found = true; break; }
        if (!previous.has(t)) { previous.set(t, n); queue.push(t); }
      }
    }
    const cycle = [first];
    for (let n = previous.get(first)!; n !== first; n = previous.get(n)!) cycle.unshift(n);
    cycle.unshift(first);
    return cycle;
  });
}

/**
 * The classes the package entries export, each as `file#name` (the file relative to lib/ that declares it): what
 * `export *` and `export { ... }` of the entries name, following re-exports.
 */
export function publicClasses(files: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  /** Adds the classes `file` exports (all of them, or those named), following its own re-exports. */
  const add = (file: string, names: ReadonlyArray<readonly [exported: string, local: string]> | undefined, seen: Set<string>): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = sourceOf(files, file);
    for (const statement of source.statements) {
      if (ts.isClassDeclaration(statement) && statement.name && hasExportModifier(statement)) {
        const name = statement.name.text;
        if (!names || names.some(([, local]) => local === name)) out.add(`${file}#${name}`);
      } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        const target = resolve(files, file, statement.moduleSpecifier.text);
        if (!target) continue;
        const clause = statement.exportClause;
        if (!clause) add(target, names, new Set(seen));
        else if (ts.isNamedExports(clause)) {
          const own = clause.elements.map((e) => [e.name.text, (e.propertyName ?? e.name).text] as const)
            .filter(([exported]) => !names || names.some(([, local]) => local === exported));
          if (own.length > 0) add(target, own, new Set(seen));
        }
      }
    }
  };
  for (const entry of ENTRIES) if (files.has(entry)) add(entry, undefined, new Set());
  return out;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * Every `instanceof` whose right-hand side is a class the package exports (declared in the same file, or imported
 * from a lib/ file, by name or through a namespace import): our public classes are recognized by their brands
 * (`isXxx()`), which hold across copies of the package, where `instanceof` does not. Classes that never leave the
 * library (an internal error caught where it is thrown) may use `instanceof`.
 */
export function instanceofViolations(files: ReadonlyMap<string, string>, exported: ReadonlySet<string> = publicClasses(files)): Violation[] {
  const out: Violation[] = [];
  for (const file of files.keys()) {
    const source = sourceOf(files, file);
    if (!source.text.includes('instanceof')) continue;
    /** Local name -> the public class it stands for; namespace name -> the file it imports. */
    const classes = new Map<string, string>();
    const namespaces = new Map<string, string>();
    for (const statement of source.statements) {
      if (ts.isClassDeclaration(statement) && statement.name) classes.set(statement.name.text, `${file}#${statement.name.text}`);
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const target = resolve(files, file, statement.moduleSpecifier.text);
      const bindings = statement.importClause?.namedBindings;
      if (!target || !bindings) continue;
      if (ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, target);
      else for (const e of bindings.elements) classes.set(e.name.text, `${target}#${(e.propertyName ?? e.name).text}`);
    }
    /** Whether `key` (`file#Name`) is a public class, declared in that file or re-exported by it. */
    const isPublic = (key: string | undefined): boolean => {
      if (key === undefined) return false;
      const [from, name] = key.split('#');
      return exported.has(key) || [...exported].some((k) => k.endsWith(`#${name}`) && reexports(files, from, k));
    };
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
        const right = node.right;
        const key = ts.isIdentifier(right) ? classes.get(right.text)
          : ts.isPropertyAccessExpression(right) && ts.isIdentifier(right.expression) && namespaces.has(right.expression.text)
            ? `${namespaces.get(right.expression.text)}#${right.name.text}` : undefined;
        if (isPublic(key)) {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          out.push({ file, message: `lib/${file}:${line}: ${node.getText(source)}: a class the package exports is recognized by its brand (isXxx()), which holds across copies of the package; instanceof does not` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** Whether `file` re-exports the class `key` (`file#Name`) from another file. */
function reexports(files: ReadonlyMap<string, string>, file: string, key: string): boolean {
  if (!files.has(file)) return false;
  const [target, name] = key.split('#');
  return sourceOf(files, file).statements.some((s) => ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) &&
    resolve(files, file, s.moduleSpecifier.text) === target &&
    (!s.exportClause || (ts.isNamedExports(s.exportClause) && s.exportClause.elements.some((e) => e.name.text === name))));
}

/** Every re-export of an entry from a `_`-prefixed (file-private) file. */
export function privateFileExports(files: ReadonlyMap<string, string>, imports: readonly Import[] = importsOf(files)): Violation[] {
  return imports
    .filter((i) => ENTRIES.includes(i.from) && i.to !== undefined && path.posix.basename(i.to).startsWith('_'))
    .map((i) => ({ file: i.from, message: `lib/${i.from}:${i.line}: ${i.how} '${i.specifier}': a _-prefixed file is private to the library; the entries export only from files without _` }));
}
