import * as path from 'path';
import {
  entryViolations, importCycles, importsOf, instanceofViolations, layeringViolations, privateFileExports, readSourceTree,
} from './_layering';

const LIB = path.resolve(__dirname, '../../lib');

/** A file map from `[path, text]` pairs (paths relative to lib/). */
function tree(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries));
}

describe('the layering checker', () => {
  test('reads static imports, type imports, re-exports, require() and import()', () => {
    // GIVEN a file importing another in each way
    const files = tree({
      'core/a.ts': [
        "import { x } from './b';",
        "import type { T } from './c';",
        "export { y } from './d';",
        "const e = require('./e');",
        "void import('./f');",
        "import g = require('./g');",
        "let h: import('./h').H;",
      ].join('\n'),
      'core/b.ts': '', 'core/c.ts': '', 'core/d.ts': '', 'core/e.ts': '', 'core/f.ts': '', 'core/g.ts': '', 'core/h.ts': '',
    });

    // WHEN its imports are read
    const imports = importsOf(files).filter((i) => i.from === 'core/a.ts');

    // THEN each is found, resolved to its file
    expect(imports.map((i) => [i.how, i.to])).toEqual([
      ['import', 'core/b.ts'], ['import type', 'core/c.ts'], ['export from', 'core/d.ts'], ['require()', 'core/e.ts'],
      ['import()', 'core/f.ts'], ['import = require()', 'core/g.ts'], ['import("...") type', 'core/h.ts'],
    ]);
  });

  test('fails on an import from a higher layer, naming the file, the import and the rule', () => {
    // GIVEN core/ importing app/
    const files = tree({ 'core/a.ts': "import type { PlatformApp } from '../app/platform-app';", 'app/platform-app.ts': '' });

    // WHEN the layering is checked
    const violations = layeringViolations(files);

    // THEN it names the file, the line, the import and the rule
    expect(violations.map((v) => v.message)).toEqual([
      "lib/core/a.ts:1: import type '../app/platform-app': core/ (layer 0) imports app/, a higher layer (3): lower layers never import higher ones",
    ]);
  });

  test('fails on a construct folder importing a later construct folder', () => {
    // GIVEN scheduling/ importing workloads/ (later) and providers/ (earlier)
    const files = tree({
      'scheduling/pdb.ts': "import { Workload } from '../workloads/workload';\nimport { Provider } from '../providers/provider';",
      'workloads/workload.ts': '',
      'providers/provider.ts': '',
    });

    // WHEN the layering is checked
    const violations = layeringViolations(files);

    // THEN only the later folder is refused
    expect(violations.map((v) => v.message)).toEqual([
      "lib/scheduling/pdb.ts:1: import '../workloads/workload': the construct folder scheduling/ imports workloads/, which comes after it " +
      '(order: providers < config < storage < scheduling < networking < scaling < workloads < tenancy < helm)',
    ]);
  });

  test('fails on validation/ importing a construct or output/, and allows diff/ to import input/', () => {
    // GIVEN layer-2 folders importing each other and a construct
    const files = tree({
      'validation/rule.ts': "import { parseImage } from '../workloads/_image';\nimport { toYaml } from '../output/yaml';",
      'diff/manifest-set.ts': "import { readManifests } from '../input/manifest-files';",
      'workloads/_image.ts': '', 'output/yaml.ts': '', 'input/manifest-files.ts': '',
    });

    // WHEN the layering is checked
    const violations = layeringViolations(files);

    // THEN validation/'s two imports are refused, diff/'s is not
    expect(violations.map((v) => v.file)).toEqual(['validation/rule.ts', 'validation/rule.ts']);
    expect(violations[0].message).toContain('never on our constructs');
    expect(violations[1].message).toContain('validation/, output/, input/ and diff/ import only core/');
  });

  test('fails on validation/ importing a package of constructs', () => {
    // GIVEN validation/ importing constructs and yaml
    const files = tree({ 'validation/a.ts': "import { IConstruct } from 'constructs';\nimport { parse } from 'yaml';" });

    // WHEN the layering is checked
    const violations = layeringViolations(files);

    // THEN constructs is refused, yaml is not
    expect(violations.map((v) => v.message)).toEqual([
      "lib/validation/a.ts:1: import 'constructs': validation/, output/, input/ and diff/ work on objects and files, never on constructs",
    ]);
  });

  test('fails on a require() of a computed name below the entries, which cannot be checked', () => {
    // GIVEN a require() of a variable in core/ and in cli/ (which may load any lower layer, and the user's modules)
    const files = tree({ 'core/a.ts': "const name = './b';\nrequire(name);", 'cli/index.ts': 'require(process.argv[2]);' });

    // WHEN the layering is checked
    const violations = layeringViolations(files);

    // THEN it is refused
    expect(violations.map((v) => v.message)).toEqual([
      'lib/core/a.ts:2: require() of a computed name name: every import names its module, so the layering can be checked',
    ]);
  });

  test('a dynamic require() of a higher layer is caught like a static import', () => {
    // GIVEN core/ requiring app/ at run time
    const files = tree({ 'core/a.ts': "export function f() { return require('../app/x'); }", 'app/x.ts': '' });

    // WHEN the layering is checked
    const violations = layeringViolations(files);

    // THEN it is refused
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain("require() '../app/x': core/ (layer 0) imports app/");
  });

  test('reports an import cycle as its path, type-only imports included', () => {
    // GIVEN a -> b -> c -> a (one of them type-only) and d -> d
    const files = tree({
      'validation/a.ts': "import { b } from './b';",
      'validation/b.ts': "import type { C } from './c';",
      'validation/c.ts': "export { a } from './a';",
      'validation/d.ts': "import { d } from './d';",
      'validation/e.ts': "import { a } from './a';",
    });

    // WHEN cycles are looked for
    const cycles = importCycles(files);

    // THEN each cycle is reported once, as a path back to its start
    expect(cycles.map((c) => c.join(' -> ')).sort()).toEqual([
      'validation/a.ts -> validation/b.ts -> validation/c.ts -> validation/a.ts',
      'validation/d.ts -> validation/d.ts',
    ]);
  });

  test('fails on instanceof with a class the package exports, not with others', () => {
    // GIVEN instanceof with exported classes (imported, through a namespace, of the same file), an internal class,
    // Error and a cdk8s class
    const files = tree({
      'index.ts': "export * from './core/quantity';\nexport { WebService } from './workloads/web-service';\nexport { Local } from './app/a';",
      'app/a.ts': [
        "import { Quantity } from '../core/quantity';",
        "import * as ws from '../workloads/web-service';",
        "import { Internal } from '../core/_internal';",
        "import { ApiObject } from 'cdk8s';",
        'export class Local {}',
        'export function f(x: unknown) {',
        '  return x instanceof Quantity || x instanceof ws.WebService || x instanceof Local || x instanceof Internal || x instanceof Error || x instanceof ApiObject;',
        '}',
      ].join('\n'),
      'core/quantity.ts': 'export class Quantity {}', 'workloads/web-service.ts': 'export class WebService {}', 'core/_internal.ts': 'export class Internal {}',
    });

    // WHEN instanceof checks are looked for
    const violations = instanceofViolations(files);

    // THEN the three exported ones are refused
    expect(violations.map((v) => v.message.split(':')[2].trim())).toEqual(['x instanceof Quantity', 'x instanceof ws.WebService', 'x instanceof Local']);
  });

  test('fails on an entry exporting from a _-prefixed file, and on an entry that does more than re-export', () => {
    // GIVEN an entry re-exporting from a _ file and declaring a constant
    const files = tree({ 'index.ts': "export { x } from './core/_x';\nexport * from './core/y';\nexport const z = 1;", 'core/_x.ts': '', 'core/y.ts': '' });

    // WHEN the entries are checked
    const exported = privateFileExports(files);
    const statements = entryViolations(files);

    // THEN both are refused
    expect(exported.map((v) => v.message)).toEqual([
      "lib/index.ts:1: export from './core/_x': a _-prefixed file is private to the library; the entries export only from files without _",
    ]);
    expect(statements.map((v) => v.message)).toEqual(['lib/index.ts:3: export const z = 1;: the entry only re-exports (export ... from)']);
  });
});

describe('lib/', () => {
  const files = readSourceTree(LIB);
  const imports = importsOf(files);

  test('imports only from its own layer or lower ones', () => {
    expect(layeringViolations(files, imports).map((v) => v.message)).toEqual([]);
  });

  test('has no import cycle', () => {
    expect(importCycles(files, imports).map((c) => c.join(' -> '))).toEqual([]);
  });

  test('uses no instanceof with a class of its own', () => {
    expect(instanceofViolations(files).map((v) => v.message)).toEqual([]);
  });

  test('exports nothing from a _-prefixed file in its entries, which only re-export', () => {
    expect([...privateFileExports(files, imports), ...entryViolations(files)].map((v) => v.message)).toEqual([]);
  });
});
