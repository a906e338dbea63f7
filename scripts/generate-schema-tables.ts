/**
 * Generates the Kubernetes API tables of the schema check, for every supported Kubernetes version
 * (`SUPPORTED_KUBERNETES_VERSIONS`), from Kubernetes' official OpenAPI definitions of each minor.
 *
 * Source: `../shared/k8s-schemas/v1.X.0/_definitions.json` (or the folder given as the first argument): JSON Schema,
 * one file per minor, with `x-kubernetes-group-version-kind` on each kind. The library never reads them: this script
 * writes compact tables into `lib/validation/schema/`, each recording where it came from (the path and the sha256 of
 * its source file) and the sha256 of this script, so that `test/validation/schema-tables.test.ts` can say when they
 * are stale without the source.
 *
 * Output (each a JSON string in a TypeScript module: cheap to type-check, parsed on first use):
 * - `k8s-definitions.ts`: the pool of distinct definitions of every version, `[name, {field: type code}, required?]`;
 *   a definition unchanged between versions is there once.
 * - `k8s-1.X.ts`, one per version: the pool entries of that version's definitions (and its source and digest). Only
 *   the versions validated for are loaded.
 * - `k8s-kinds.ts`: every built-in kind (`group/version/Kind`, Lists, Reviews, Options and Status left out) with its
 *   definition and, per supported version, whether that version serves it (`S`), has it but does not serve it by
 *   default (`P`: an alpha or beta API), or does not have it (`-`).
 *
 * Type codes: `string`, `boolean`, `number`, `int32`, `int64` (from `format`), `int-or-string`, `quantity`, `any`
 * (free-form: JSON, RawExtension, FieldsV1, ...), `[]T` (a list), `{}T` (a map), `enum:a|b` and definition names
 * (`core.v1.Container`: the official name without `io.k8s.api.` or `io.k8s.`). Time and MicroTime are strings.
 *
 * Served group/versions: a GA group/version (`v1`, `apps/v1`, ...) in a version's definitions is served by it. Alpha
 * and beta group/versions are off by default since Kubernetes 1.24 (KEP-3136), except the beta APIs that were on by
 * default before that policy, until their removal (`BETA_ON_BY_DEFAULT`). Group/versions removed before 1.27 are
 * not in the definitions: `lib/validation/schema/_removed-apis.ts` lists them by hand.
 *
 * Enums: the official definitions have none (but the `kind` of each kind, which the table does not need). The enums
 * come from kubernetes-models (a devDependency), read from its TypeScript declarations: the Kubernetes version it was
 * generated from is the supported version whose fields are exactly kubernetes-models' fields (found, not assumed:
 * 1.33 for kubernetes-models@4.5.1, although its README says 1.27.1). An enum of kubernetes-models applies to the
 * field of the same definition, when the field has the same shape (a string, a list or a map of strings):
 * - in that version and earlier ones, wherever the field exists: Kubernetes only adds values to an enum, so the
 *   values of a later version are a superset of the earlier ones (a value added later is not refused at an earlier
 *   version: a missed error, never a false one);
 * - in later versions, only where the field's official definition (type and description, which lists the allowed
 *   values) is unchanged since that version; where it changed, the enum is dropped, so a value added later is never
 *   refused (`Toleration.operator` allows `Lt` and `Gt` from 1.35: an enum at 1.33 and 1.34, none from 1.35).
 *
 * Run with `npm run generate:schema` after changing the supported versions, this script or kubernetes-models.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../lib/core/kubernetes-version';

const ROOT = path.join(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'lib', 'validation', 'schema');
const SOURCE_DIR = path.resolve(process.argv[2] ?? path.join(ROOT, '..', 'shared', 'k8s-schemas'));
const MODELS = path.dirname(require.resolve('kubernetes-models/package.json'));

/**
 * The beta group/versions served by default although newer than the 1.24 policy's start, and the last version that
 * serves them: they were on by default before the policy (v1beta3 as the successor of an API on by default).
 *
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-guide/ (flowcontrol.apiserver.k8s.io/v1beta2 no
 * longer served as of v1.29, v1beta3 as of v1.32)
 * @see https://kubernetes.io/docs/reference/using-api/#api-versioning (beta APIs are off by default since 1.24)
 */
const BETA_ON_BY_DEFAULT: Record<string, string> = {
  'flowcontrol.apiserver.k8s.io/v1beta2': '1.28',
  'flowcontrol.apiserver.k8s.io/v1beta3': '1.31',
};

/** A property or definition of the official JSON Schema. */
interface JsonSchema {
  readonly type?: string;
  readonly format?: string;
  readonly $ref?: string;
  readonly items?: JsonSchema;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: string[];
  readonly enum?: string[];
  readonly oneOf?: JsonSchema[];
  readonly 'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

type Definitions = Record<string, JsonSchema>;
/** One definition of the table: its fields' type codes and its required fields. */
interface TableDefinition { readonly props: Record<string, string>; readonly required: string[] }

const minor = (version: string): number => Number(version.split('.')[1]);
const sha256 = (data: string | Buffer): string => crypto.createHash('sha256').update(data).digest('hex');

/** `io.k8s.api.core.v1.Container` → `core.v1.Container`; `io.k8s.apimachinery.pkg...` → `apimachinery.pkg...`. */
function tableName(name: string): string {
  return name.replace(/^io\.k8s\.api\./, '').replace(/^io\.k8s\./, '');
}

/** `io.k8s.api.core.v1.Container` → `IoK8sApiCoreV1Container`, kubernetes-models' name of the same definition. */
function modelsName(name: string): string {
  return name.split(/[.-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

/** JSON with sorted keys: two schemas are the same definition when these are equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------------------------
// kubernetes-models: its fields and enums, per definition, from its declarations (syntax only: no type checker).

interface ModelsTables {
  /** Fields per kubernetes-models definition name. */
  readonly fields: Map<string, Set<string>>;
  /** Enum type codes (`enum:...`, `[]enum:...`, `{}enum:...`) per definition name, then field. */
  readonly enums: Map<string, Map<string, string>>;
}

function enumCode(node: ts.TypeNode): string | undefined {
  if (ts.isParenthesizedTypeNode(node)) return enumCode(node.type);
  const literal = (n: ts.TypeNode): string | undefined => (ts.isLiteralTypeNode(n) && ts.isStringLiteral(n.literal) ? n.literal.text : undefined);
  if (ts.isUnionTypeNode(node) || ts.isLiteralTypeNode(node)) {
    const values = (ts.isUnionTypeNode(node) ? [...node.types] : [node]).map(literal);
    if (values.every((v): v is string => v !== undefined)) return `enum:${[...new Set(values)].sort().join('|')}`;
    return undefined;
  }
  if (ts.isArrayTypeNode(node)) {
    const item = enumCode(node.elementType);
    return item && `[]${item}`;
  }
  if (ts.isTypeReferenceNode(node) && node.typeName.getText() === 'Array' && node.typeArguments?.length === 1) {
    const item = enumCode(node.typeArguments[0]);
    return item && `[]${item}`;
  }
  if (ts.isTypeLiteralNode(node) && node.members.length === 1 && ts.isIndexSignatureDeclaration(node.members[0])) {
    const item = enumCode(node.members[0].type);
    return item && `{}${item}`;
  }
  return undefined;
}

function readModels(): ModelsTables {
  const fields = new Map<string, Set<string>>();
  const enums = new Map<string, Map<string, string>>();
  const visit = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('_') && e.name !== 'node_modules') visit(p);
        continue;
      }
      if (!e.name.endsWith('.d.ts') || e.name === 'index.d.ts') continue;
      const sf = ts.createSourceFile(p, fs.readFileSync(p, 'utf8'), ts.ScriptTarget.ES2022, true);
      const interfaces = new Map<string, ts.InterfaceDeclaration>();
      const aliases = new Map<string, string>();
      sf.forEachChild((node) => {
        if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
        if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) {
          for (const spec of node.exportClause.elements) {
            if (spec.propertyName && spec.name.text.startsWith('IIoK8s')) aliases.set(spec.propertyName.text, spec.name.text.slice(1));
          }
        }
      });
      for (const [local, id] of aliases) {
        const decl = interfaces.get(local);
        if (!decl) continue;
        const names = new Set<string>();
        const byField = new Map<string, string>();
        for (const member of decl.members) {
          if (!ts.isPropertySignature(member) || !member.type) continue;
          const name = ts.isStringLiteral(member.name) || ts.isIdentifier(member.name) ? member.name.text : member.name.getText();
          names.add(name);
          const code = name === 'apiVersion' || name === 'kind' ? undefined : enumCode(member.type);
          if (code) byField.set(name, code);
        }
        fields.set(id, names);
        if (byField.size > 0) enums.set(id, byField);
      }
    }
  };
  visit(MODELS);
  return { fields, enums };
}

/**
 * The supported version kubernetes-models was generated from: the one whose fields are exactly kubernetes-models'
 * fields, on every definition both have.
 */
function modelsVersion(models: ModelsTables, sources: ReadonlyMap<string, Definitions>): string {
  const matches: string[] = [];
  const report: string[] = [];
  for (const [version, defs] of sources) {
    let common = 0;
    let differences = 0;
    for (const [name, def] of Object.entries(defs)) {
      const theirs = models.fields.get(modelsName(name));
      if (!theirs || !def.properties) continue;
      common++;
      const ours = Object.keys(def.properties);
      differences += ours.filter((f) => !theirs.has(f)).length + [...theirs].filter((f) => !(f in def.properties!)).length;
    }
    report.push(`${version}: ${differences} different fields in ${common} definitions`);
    if (common > 200 && differences === 0) matches.push(version);
  }
  if (matches.length !== 1) throw new Error(`cannot tell which Kubernetes version kubernetes-models was generated from:\n${report.join('\n')}`);
  return matches[0];
}

// ---------------------------------------------------------------------------------------------------------------
// The official definitions → table definitions.

/** The type code of a definition referred to by `$ref`: its table name, or a scalar code for scalar definitions. */
function refCode(defs: Definitions, name: string, pending: string[]): string {
  const def = defs[name];
  if (!def) throw new Error(`unknown definition ${name}`);
  if (def.properties && Object.keys(def.properties).length > 0) {
    pending.push(name);
    return tableName(name);
  }
  if (def.oneOf) {
    const types = def.oneOf.map((s) => s.type).sort().join(',');
    if (types === 'integer,string') return 'int-or-string';
    if (types === 'number,string') return 'quantity';
    throw new Error(`${name}: oneOf ${types}`);
  }
  if (def.type === 'string') return 'string';
  if (def.type === undefined || def.type === 'object') return 'any';
  throw new Error(`${name}: a definition the table does not know: ${JSON.stringify(def)}`);
}

function propCode(defs: Definitions, s: JsonSchema, where: string, pending: string[]): string {
  if (s.$ref) return refCode(defs, s.$ref.replace(/^#\/definitions\//, ''), pending);
  switch (s.type) {
    case 'string':
      return s.enum && !where.endsWith('.kind') ? `enum:${[...s.enum].sort().join('|')}` : 'string';
    case 'boolean':
    case 'number':
      return s.type;
    case 'integer':
      if (s.format === 'int32' || s.format === 'int64') return s.format;
      break;
    case 'array':
      if (s.items) return `[]${propCode(defs, s.items, where, pending)}`;
      break;
    case 'object':
      if (typeof s.additionalProperties === 'object') return `{}${propCode(defs, s.additionalProperties, where, pending)}`;
      break;
    default:
  }
  throw new Error(`${where}: a property the table does not know: ${JSON.stringify(s)}`);
}

/** Each built-in kind of one version's definitions (`group/version/Kind` → official definition name). */
function kindsOf(defs: Definitions): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const [name, def] of Object.entries(defs)) {
    const gvks = def['x-kubernetes-group-version-kind'];
    if (!gvks || gvks.length !== 1 || name.startsWith('io.k8s.apimachinery.')) continue;
    const { group, version, kind } = gvks[0];
    if (/(List|Review|Options)$/.test(kind) || kind === 'Status') continue;
    kinds.set(`${group ? `${group}/` : ''}${version}/${kind}`, name);
  }
  return kinds;
}

/** Whether Kubernetes `version` serves `groupVersion` by default (given it is in its definitions). */
function isServed(groupVersion: string, version: string): boolean {
  if (/^v\d+$/.test(groupVersion.slice(groupVersion.lastIndexOf('/') + 1))) return true;
  const until = BETA_ON_BY_DEFAULT[groupVersion];
  return until !== undefined && minor(version) <= minor(until);
}

function main(): void {
  const versions = [...SUPPORTED_KUBERNETES_VERSIONS];
  const generator = sha256(fs.readFileSync(__filename));
  const sources = new Map<string, Definitions>();
  const digests = new Map<string, { path: string; sha256: string }>();
  for (const version of versions) {
    const file = path.join(SOURCE_DIR, `v${version}.0`, '_definitions.json');
    const bytes = fs.readFileSync(file);
    sources.set(version, (JSON.parse(bytes.toString('utf8')) as { definitions: Definitions }).definitions);
    digests.set(version, { path: path.relative(ROOT, file).split(path.sep).join('/'), sha256: sha256(bytes) });
  }
  const models = readModels();
  const modelsPackage = JSON.parse(fs.readFileSync(path.join(MODELS, 'package.json'), 'utf8')) as { version: string };
  const enumVersion = modelsVersion(models, sources);
  const enumDefs = sources.get(enumVersion)!;

  // Kinds, their definitions and availability per version.
  const kindDefs = new Map<string, string>();
  const kindsByVersion = new Map<string, Map<string, string>>();
  for (const version of versions) {
    const kinds = kindsOf(sources.get(version)!);
    kindsByVersion.set(version, kinds);
    for (const [key, name] of kinds) {
      if (kindDefs.has(key) && kindDefs.get(key) !== name) throw new Error(`${key}: ${kindDefs.get(key)} and ${name}`);
      kindDefs.set(key, name);
    }
  }
  for (const [gv, until] of Object.entries(BETA_ON_BY_DEFAULT)) {
    for (const version of versions.filter((v) => minor(v) > minor(until))) {
      if ([...kindsByVersion.get(version)!.keys()].some((k) => k.startsWith(`${gv}/`))) {
        throw new Error(`${gv} is in the definitions of ${version}, after ${until}: check BETA_ON_BY_DEFAULT`);
      }
    }
  }
  const kinds: Record<string, [string, string]> = {};
  for (const key of [...kindDefs.keys()].sort()) {
    const gv = key.slice(0, key.lastIndexOf('/'));
    const availability = versions.map((v) => (!kindsByVersion.get(v)!.has(key) ? '-' : isServed(gv, v) ? 'S' : 'P')).join('');
    kinds[key] = [tableName(kindDefs.get(key)!), availability];
  }

  // Each version's definitions (those its kinds reach), with kubernetes-models' enums where they apply.
  const perVersion = new Map<string, Map<string, TableDefinition>>();
  let enumFields = 0;
  for (const version of versions) {
    const defs = sources.get(version)!;
    const table = new Map<string, TableDefinition>();
    const pending = [...kindsByVersion.get(version)!.values()];
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (table.has(tableName(name))) continue;
      const def = defs[name];
      const props: Record<string, string> = {};
      for (const [field, schema] of Object.entries(def.properties ?? {})) {
        let code = propCode(defs, schema, `${name}.${field}`, pending);
        const enumeration = models.enums.get(modelsName(name))?.get(field);
        if (enumeration && code === enumeration.replace(/enum:.*$/, 'string')) {
          const unchanged = canonical(schema) === canonical(enumDefs[name]?.properties?.[field]);
          if (minor(version) <= minor(enumVersion) || unchanged) {
            code = enumeration;
            enumFields++;
          }
        }
        props[field] = code;
      }
      const required = (def.required ?? []).filter((f) => f in props);
      table.set(tableName(name), { props, required });
    }
    perVersion.set(version, table);
  }

  // The pool of distinct definitions, and each version's entries in it.
  const entries = new Map<string, { name: string; json: string; first: number }>();
  const entryOf = (name: string, def: TableDefinition): string => JSON.stringify(def.required.length > 0 ? [name, def.props, def.required] : [name, def.props]);
  versions.forEach((version, i) => {
    for (const [name, def] of perVersion.get(version)!) {
      const json = entryOf(name, def);
      if (!entries.has(json)) entries.set(json, { name, json, first: i });
    }
  });
  const pool = [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.first - b.first));
  const indexOf = new Map(pool.map((e, i) => [e.json, i]));

  const header = (from: string): string =>
    `// Generated by scripts/generate-schema-tables.ts (npm run generate:schema) from ${from}. Do not edit.\n`;
  const sizes: string[] = [];
  const write = (file: string, text: string): void => {
    fs.writeFileSync(path.join(OUT_DIR, file), text);
    sizes.push(`${file}: ${Buffer.byteLength(text)} bytes`);
  };
  const enumsFrom = `kubernetes-models@${modelsPackage.version} (Kubernetes ${enumVersion})`;
  const poolJson = `[${pool.map((e) => e.json).join(',')}]`;
  write('k8s-definitions.ts', `${header(`the official Kubernetes ${versions[0]} to ${versions[versions.length - 1]} definitions, with enums from ${enumsFrom}`)}
/**
 * The distinct API definitions of every supported Kubernetes version, as JSON: \`[name, {field: type code},
 * required fields?]\` each (\`k8s-1.X.ts\` lists the entries of each version), and where their enums come from.
 *
 * @internal
 */
export const K8S_DEFINITIONS = ${jsString(JSON.stringify({ generator, enums: { from: `kubernetes-models@${modelsPackage.version}`, kubernetes: enumVersion }, definitions: JSON.parse(poolJson) }))};
`);
  for (const version of versions) {
    const indexes = [...perVersion.get(version)!].map(([name, def]) => indexOf.get(entryOf(name, def))!).sort((a, b) => a - b);
    const digest = digests.get(version)!;
    const id = `K8S_${version.replace('.', '_')}`;
    write(`k8s-${version}.ts`, `${header(`${digest.path} (sha256 ${digest.sha256})`)}
/**
 * The API definitions of Kubernetes ${version}, as JSON: the entries of \`K8S_DEFINITIONS\` that are its definitions, and
 * the official definitions they were generated from.
 *
 * @internal
 */
export const ${id} = ${jsString(JSON.stringify({ version, source: digest, generator, definitions: indexes }))};
`);
  }
  write('k8s-kinds.ts', `${header(`the official Kubernetes ${versions[0]} to ${versions[versions.length - 1]} definitions`)}
/**
 * Every built-in kind of the supported Kubernetes versions, as JSON: \`group/version/Kind\` → [its definition, one
 * character per version of \`versions\`: "S" served, "P" present but not served by default (alpha or beta), "-" absent].
 *
 * @internal
 */
export const K8S_KINDS = ${jsString(JSON.stringify({ versions, generator, kinds }))};
`);
  // Tables of versions no longer supported.
  for (const file of fs.readdirSync(OUT_DIR)) {
    const m = /^k8s-(1\.\d+)\.ts$/.exec(file);
    if (m && !versions.includes(m[1])) fs.rmSync(path.join(OUT_DIR, file));
  }
  console.log(`kubernetes-models@${modelsPackage.version} matches Kubernetes ${enumVersion}: ${enumFields} enum fields over ${versions.length} versions`);
  console.log(`${Object.keys(kinds).length} kinds, ${pool.length} distinct definitions`);
  console.log(sizes.join('\n'));
}

/** `text` as a single-quoted JavaScript string literal. */
function jsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

main();
