/**
 * Generates `lib/validation/schema/k8s-1.27.ts`: the fields and types of every Kubernetes 1.27 API definition, as one
 * JSON string (cheap to type-check and to parse), compact enough to be committed and read at synth time without
 * loading `kubernetes-models` (a devDependency).
 *
 * The source of truth is `kubernetes-models@4.5.1`: the field names, required fields, enums and the shape of every
 * type come from its TypeScript declarations (read with the TypeScript compiler API); whether a number is an integer,
 * and then an int32 or an int64, comes from its compiled JSON Schema validators (asked with a fractional value, then
 * with 2^31). Group-versions that Kubernetes 1.27
 * no longer (or not yet) serves are kept out of `kinds` and listed in `removed`, with their replacement; fields that
 * kubernetes-models has from later Kubernetes releases are listed in `not-in-1.27.json` and left out.
 *
 * Run with `npx ts-node --transpile-only scripts/generate-schema-tables.ts` after upgrading kubernetes-models.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const MODELS = path.dirname(require.resolve('kubernetes-models/package.json'));
const APIMACHINERY = path.dirname(require.resolve('@kubernetes-models/apimachinery/package.json'));
const OUT = path.join(ROOT, 'lib', 'validation', 'schema', 'k8s-1.27.ts');

/**
 * The group-versions a Kubernetes 1.27 API server serves by default.
 *
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 */
const SERVED = new Set([
  'v1', 'admissionregistration.k8s.io/v1', 'apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1', 'apps/v1',
  'authentication.k8s.io/v1', 'authorization.k8s.io/v1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1',
  'certificates.k8s.io/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1',
  'node.k8s.io/v1', 'policy/v1', 'rbac.authorization.k8s.io/v1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1',
]);

/**
 * What kubernetes-models@4.5.1 (generated from a later Kubernetes release) declares that Kubernetes 1.27 does not
 * have: kinds (`group/version/Kind`) and fields per definition.
 */
const NOT_IN_1_27: { kinds: string[]; fields: Record<string, string[]> } =
  JSON.parse(fs.readFileSync(path.join(__dirname, 'not-in-1.27.json'), 'utf8'));

type TypeCode = string;
interface Definition { p: Record<string, TypeCode>; r?: string[] }

const files: string[] = [];
function collect(dir: string): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('_') && e.name !== 'node_modules') collect(p);
    } else if (e.name.endsWith('.d.ts') && e.name !== 'index.d.ts') {
      files.push(p);
    }
  }
}
collect(MODELS);
collect(path.join(APIMACHINERY, 'apis'));
collect(path.join(APIMACHINERY, 'api'));
collect(path.join(APIMACHINERY, 'util'));
collect(path.join(APIMACHINERY, 'runtime'));

const program = ts.createProgram(files, { target: ts.ScriptTarget.ES2022, skipLibCheck: true, noEmit: true });
const checker = program.getTypeChecker();

/** Interface or type-alias symbol → definition id (e.g. `IoK8sApiCoreV1Container`), from `export { IX as IIoK8s... }`. */
const idOf = new Map<ts.Symbol, string>();
const schemaFileOf = new Map<string, string>();
const declOf = new Map<string, ts.Symbol>();
for (const file of files) {
  const sf = program.getSourceFile(file);
  if (!sf) continue;
  sf.forEachChild((node) => {
    if (!ts.isExportDeclaration(node) || !node.exportClause || !ts.isNamedExports(node.exportClause)) return;
    for (const spec of node.exportClause.elements) {
      const exported = spec.name.text;
      if (!exported.startsWith('IIoK8s')) continue;
      const local = checker.getExportSpecifierLocalTargetSymbol(spec);
      if (!local) continue;
      const id = exported.slice(1);
      idOf.set(local, id);
      declOf.set(id, local);
      const base = file.startsWith(APIMACHINERY) ? APIMACHINERY : MODELS;
      schemaFileOf.set(id, path.join(base, '_schemas', `${id}.js`));
    }
  });
}

const defs: Record<string, Definition> = {};
const kinds: Record<string, string> = {};
const notServed: Record<string, string> = {};
const pending: string[] = [];

function typeCode(type: ts.Type, ctx: string): TypeCode {
  const sym = type.aliasSymbol ?? type.getSymbol();
  if (sym && idOf.has(sym)) {
    const id = idOf.get(sym)!;
    // A quantity is a string or any JSON number ("cpu: 0.5"); an IntOrString only an integer or a string.
    if (id === 'IoK8sApimachineryPkgApiResourceQuantity') return 'quantity';
    const decl = sym.declarations?.[0];
    if (decl && ts.isInterfaceDeclaration(decl)) {
      if (!(id in defs) && !pending.includes(id)) pending.push(id);
      return id;
    }
  }
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'any';
  if (type.flags & ts.TypeFlags.String || type.flags & ts.TypeFlags.StringLiteral) return 'string';
  if (type.flags & ts.TypeFlags.Number) return 'number';
  if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean';
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return 'boolean';
    if (parts.every((t) => t.isStringLiteral())) {
      return `enum:${parts.map((t) => (t as ts.StringLiteralType).value).sort().join('|')}`;
    }
    const codes = new Set(parts.map((t) => typeCode(t, ctx).replace(/^enum:.*/, 'string')));
    if (codes.size === 2 && codes.has('string') && codes.has('number')) return 'int-or-string';
    if (codes.size === 1) return [...codes][0];
    return 'any';
  }
  if (checker.isArrayType(type)) {
    return `[]${typeCode(checker.getTypeArguments(type as ts.TypeReference)[0], ctx)}`;
  }
  if (type.flags & ts.TypeFlags.Object) {
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index && type.getProperties().length === 0) return `{}${typeCode(index.type, ctx)}`;
    if (type.getProperties().length === 0) return 'any';
    // An anonymous object type (e.g. `Omit<IPersistentVolumeClaim, ...>` in volumeClaimTemplates): its own definition.
    if (!(ctx in defs)) defineType(ctx, type, undefined);
    return ctx;
  }
  throw new Error(`unhandled type ${checker.typeToString(type)}`);
}

/**
 * The integer format of a number field, as its compiled validator checks it: `int32` when 2^31 is refused as out of
 * the int32 format, `int64` for any other integer field (Kubernetes gives every integer one of the two formats),
 * `undefined` when the field accepts a fraction (a plain number).
 */
function integerFormat(id: string, field: string, array: boolean): 'int32' | 'int64' | undefined {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { validate } = require(schemaFileOf.get(id)!);
  const at = array ? `/${field}/0` : `/${field}`;
  const errorsFor = (value: number): any[] => {
    validate({ [field]: array ? [value] : value });
    return (validate.errors ?? []).filter((e: any) => e.instancePath === at);
  };
  if (!errorsFor(0.5).some((e) => e.keyword === 'type' && e.params.type === 'integer')) return undefined;
  return errorsFor(2 ** 31).some((e) => e.keyword === 'format' && e.params.format === 'int32') ? 'int32' : 'int64';
}

function define(id: string): void {
  defineType(id, checker.getDeclaredTypeOfSymbol(declOf.get(id)!), id);
}

function defineType(id: string, type: ts.Type, schemaId: string | undefined): void {
  defs[id] = { p: {} };
  const props: Record<string, TypeCode> = {};
  const required: string[] = [];
  const skip = new Set(NOT_IN_1_27.fields[id] ?? []);
  for (const prop of checker.getPropertiesOfType(type)) {
    if (skip.has(prop.name)) continue;
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    const propType = checker.getTypeOfSymbolAtLocation(prop, decl!);
    let code = typeCode(propType, `${id}.${prop.name}`);
    if (code === 'number' && schemaId) code = integerFormat(schemaId, prop.name, false) ?? code;
    if (code === '[]number' && schemaId) code = `[]${integerFormat(schemaId, prop.name, true) ?? 'number'}`;
    props[prop.name] = code;
    if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.name);
  }
  defs[id] = required.length > 0 ? { p: props, r: required } : { p: props };
}

// Top-level kinds: interfaces with literal apiVersion and kind.
for (const [id, sym] of [...declOf.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  const decl = sym.declarations?.[0];
  if (!decl || !ts.isInterfaceDeclaration(decl)) continue;
  const type = checker.getDeclaredTypeOfSymbol(sym);
  const apiVersion = type.getProperty('apiVersion');
  const kind = type.getProperty('kind');
  if (!apiVersion || !kind) continue;
  const av = checker.getTypeOfSymbolAtLocation(apiVersion, apiVersion.valueDeclaration!);
  const k = checker.getTypeOfSymbolAtLocation(kind, kind.valueDeclaration!);
  if (!av.isStringLiteral() || !k.isStringLiteral()) continue;
  if (k.value.endsWith('List') || k.value.endsWith('Review') || k.value.endsWith('Options') || k.value === 'Status') continue;
  const key = `${av.value}/${k.value}`;
  if (!SERVED.has(av.value) || NOT_IN_1_27.kinds.includes(key)) {
    notServed[key] = '';
    continue;
  }
  kinds[key] = id;
  pending.push(id);
}
while (pending.length > 0) {
  const id = pending.shift()!;
  if (!(id in defs)) define(id);
}
// The apiVersion that serves each unserved kind in 1.27, if any: the same group first, then any group.
for (const key of Object.keys(notServed)) {
  const kind = key.slice(key.lastIndexOf('/') + 1);
  const group = key.split('/').length === 3 ? key.split('/')[0] : '';
  const candidates = Object.keys(kinds).filter((k) => k.endsWith(`/${kind}`));
  const replacement = candidates.find((k) => k.startsWith(`${group}/`)) ?? candidates[0];
  notServed[key] = replacement ? replacement.slice(0, replacement.lastIndexOf('/')) : '';
}

// Definitions without properties (JSON, JSONSchemaPropsOrBool, RawExtension, FieldsV1, ...) are free-form in the
// OpenAPI schema: any value is accepted, so they are written as `any`.
const freeForm = new Set(Object.entries(defs).filter(([, d]) => Object.keys(d.p).length === 0).map(([id]) => id));
for (const id of freeForm) delete defs[id];
for (const d of Object.values(defs)) {
  for (const [field, code] of Object.entries(d.p)) {
    const base = code.replace(/^(\[\]|\{\})+/, '');
    if (freeForm.has(base)) d.p[field] = code.slice(0, code.length - base.length) + 'any';
  }
}
const sortedDefs = Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
const table = {
  kubernetes: '1.27',
  source: 'kubernetes-models@4.5.1',
  kinds,
  notServed,
  definitions: sortedDefs,
};
const header = [
  '// Generated by scripts/generate-schema-tables.ts (npm run generate:schema) from kubernetes-models@4.5.1. Do not edit.',
  '',
  '/** The Kubernetes 1.27 API definitions: kinds, unserved kinds and the fields and types of each definition, as JSON. @internal */',
].join('\n');
fs.writeFileSync(OUT, `${header}\nexport const K8S_1_27_SCHEMA = ${JSON.stringify(JSON.stringify(table))};\n`);
console.log(`wrote ${path.relative(ROOT, OUT)}: ${Object.keys(kinds).length} kinds, ${Object.keys(defs).length} definitions, ${fs.statSync(OUT).size} bytes`);
