/**
 * Generates `lib/core/_l1-conversions.ts`: what each generated `toJson_*()` conversion function of cdk8s-plus-27's
 * L1 classes (`cdk8s-plus-27/lib/imports/k8s.js`) does, as a table that `lib/core/_l1-convert.ts` interprets.
 *
 * Those functions turn the resolved props of an L1 object into its JSON: each field in the declared order, renamed
 * to its Kubernetes name (`clusterIp` to `clusterIP`), unwrapped (`IntOrString`, `Quantity`) or converted
 * recursively, undefined values left out. They leave undefined values out by spreading the result object once per
 * field, which at platform scale costs more than the rest of the rendering; the table lets the library do the same
 * in one pass, and to keep what the generated functions drop (fields their types do not know, values of another
 * shape), as given. Every function has the same few shapes of field (below); a function with any other shape fails
 * the generation, and `test/core/l1-convert.test.ts` checks that the committed table matches the installed package
 * and that the interpreter returns what each generated function returns, field by field, plus what it drops.
 *
 * Run with `npm run generate:l1` after upgrading cdk8s-plus.
 */
import * as fs from 'fs';
import * as path from 'path';

const SOURCE = require.resolve('cdk8s-plus-27/lib/imports/k8s.js');
const OUT = path.join(__dirname, '..', 'lib', 'core', '_l1-conversions.ts');

/** The field shapes of the generated functions: the JavaScript of each (`K`: the prop, `F`: another function). */
const SHAPES: ReadonlyArray<readonly [code: string, pattern: RegExp]> = [
  ['c', /^obj\.(\w+)$/],
  ['o', /^toJson_(\w+)\(obj\.(\w+)\)$/],
  ['ao', /^obj\.(\w+)\?\.map\(y => toJson_(\w+)\(y\)\)$/],
  ['ac', /^obj\.(\w+)\?\.map\(y => y\)$/],
  ['v', /^obj\.(\w+)\?\.value$/],
  ['d', /^obj\.(\w+)\?\.toISOString\(\)$/],
  ['mc', /^\(\(obj\.(\w+)\) === undefined\) \? undefined : \(Object\.entries\(obj\.\1\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\] \}\), \{\}\)\)$/],
  ['mv', /^\(\(obj\.(\w+)\) === undefined\) \? undefined : \(Object\.entries\(obj\.\1\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\]\?\.value \}\), \{\}\)\)$/],
  ['mo', /^\(\(obj\.(\w+)\) === undefined\) \? undefined : \(Object\.entries\(obj\.\1\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: toJson_(\w+)\(i\[1\]\) \}\), \{\}\)\)$/],
  ['mac', /^\(\(obj\.(\w+)\) === undefined\) \? undefined : \(Object\.entries\(obj\.\1\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\]\?\.map\(y => y\) \}\), \{\}\)\)$/],
];

const FUNCTION = /^function toJson_(\w+)\(obj\) \{\n {4}if \(obj === undefined\) \{\n {8}return undefined;\n {4}\}\n {4}const result = \{\n([\s\S]*?)\n {4}\};\n {4}\/\/ filter undefined values\n {4}return Object\.entries\(result\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\] \}\), \{\}\);\n\}$/gm;

/** One field: its Kubernetes name, its prop name, its shape and, for nested conversions, the function's type. */
export type Field = [json: string, prop: string, shape: string, type?: string];

function parseField(fn: string, line: string): Field {
  const m = /^ {8}'([^']+)': (.*),$/.exec(line);
  if (!m) throw new Error(`toJson_${fn}: unexpected line ${JSON.stringify(line)}`);
  const [, json, code] = m;
  for (const [shape, pattern] of SHAPES) {
    const x = pattern.exec(code);
    if (!x) continue;
    // The nested function's type comes first in `F(obj.K)`, second in the other shapes.
    if (shape === 'o') return [json, x[2], shape, x[1]];
    return x[2] === undefined ? [json, x[1], shape] : [json, x[1], shape, x[2]];
  }
  throw new Error(`toJson_${fn}: field "${json}" has a shape the table does not know: ${code}`);
}

/**
 * The table of every `toJson_*()` function in `source` (the text of cdk8s-plus-27's `k8s.js`).
 *
 * @throws if a function, or a field of one, has a shape the table does not know
 */
export function conversionTable(source: string): Record<string, Field[]> {
  const table: Record<string, Field[]> = {};
  for (const m of source.matchAll(FUNCTION)) {
    table[m[1]] = m[2].split('\n').map((line) => parseField(m[1], line));
  }
  const declared = (source.match(/^function toJson_\w+\(/gm) ?? []).length;
  if (Object.keys(table).length !== declared) {
    throw new Error(`parsed ${Object.keys(table).length} of the ${declared} toJson_ functions: the generated code has changed shape`);
  }
  for (const [fn, fields] of Object.entries(table)) {
    for (const [json, , , type] of fields) {
      if (type !== undefined && !(type in table)) throw new Error(`toJson_${fn}: field "${json}" converts with toJson_${type}, which is not in the table`);
    }
  }
  return table;
}

/** The text of `lib/core/_l1-conversions.ts` for the installed cdk8s-plus-27. */
export function conversionModule(): string {
  const table = conversionTable(fs.readFileSync(SOURCE, 'utf8'));
  const version = (JSON.parse(fs.readFileSync(require.resolve('cdk8s-plus-27/package.json'), 'utf8')) as { version: string }).version;
  return [
    `// Generated by scripts/generate-l1-conversions.ts from cdk8s-plus-27@${version}: do not edit.`,
    '// By type: the fields of its generated toJson_<type>() function, in order, each as',
    '// [Kubernetes name, prop name, shape, type of the nested conversion]; see lib/core/_l1-convert.ts.',
    '/** @internal */',
    `export const L1_CONVERSIONS = ${JSON.stringify(JSON.stringify(table))};`,
    '',
  ].join('\n');
}

if (require.main === module) {
  fs.writeFileSync(OUT, conversionModule());
  process.stdout.write(`wrote ${path.relative(process.cwd(), OUT)}\n`);
}
