/**
 * The round trip of `cdk8s-platform import`: import inputs, type-check the generated module against this
 * repository's sources, synthesize it, and compare what it wrote with the input, object by object and field by
 * field, after the API server's defaults (`_kubernetes-defaults.ts`). The only differences allowed are the
 * additions the generator lists (`ImportResult.additions`) and the Secrets it references by name instead of
 * copying their values.
 */
import * as fs from 'fs';
import * as path from 'path';
import { transformSync } from '@swc/core';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { PlatformApp } from '../../lib';
import { generateModule } from '../../lib/import/generate-module';
import { isComposeFileName, readImportInputs } from '../../lib/import/import-inputs';
import { ImportResult } from '../../lib/import/import-model';
import { tmpdir } from '../_helpers';
import { KubeObject, withKubernetesDefaults } from './_kubernetes-defaults';

// ---------------------------------------------------------------------------------------------------------------
// Field paths, in the notation of `ImportAddition.fields`.

/** One step of a path through an object: a key, or a list item with its index and, if it has one, its name. */
export type PathStep = string | { readonly index: number; readonly name?: string };

/** One step of an addition's path: a key, an index, or the item whose `name` is given. */
type AdditionStep = string | number | { readonly name: string };

/** An object's key for matching: `Kind/namespace/name` (cluster-scoped objects have an empty namespace). */
export function objectKey(o: KubeObject): string {
  return `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

/**
 * `path` written as `ImportAddition.fields` writes one: keys joined with dots, a key holding a dot, bracket, quote or
 * `=` as `['key']`, a list item as `[name=x]` when it has a name, else `[i]`.
 */
export function formatPath(path: readonly PathStep[]): string {
  let text = '';
  for (const step of path) {
    if (typeof step !== 'string') text += step.name !== undefined ? `[name=${step.name}]` : `[${step.index}]`;
    else if (/[.[\]'"=]/.test(step)) text += `['${step}']`;
    else text += text === '' ? step : `.${step}`;
  }
  return text;
}

/** The steps of an addition's path (`spec.template.spec.containers[name=web].securityContext`). */
export function parseAdditionPath(text: string): AdditionStep[] {
  const steps: AdditionStep[] = [];
  let rest = text;
  while (rest !== '') {
    let m: RegExpExecArray | null;
    if ((m = /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest))) steps.push(m[1]);
    else if ((m = /^\[(\d+)\]/.exec(rest))) steps.push(Number(m[1]));
    else if ((m = /^\[name=([^\]]*)\]/.exec(rest))) steps.push({ name: m[1] });
    else if ((m = /^\.?([^.[\]]+)/.exec(rest)) && (steps.length > 0 || !rest.startsWith('.'))) steps.push(m[1]);
    else throw new Error(`the addition path "${text}" cannot be read at "${rest}"`);
    rest = rest.slice(m[0].length);
  }
  return steps;
}

/** The additions of an import, read: whole objects, and the field paths added to each object. */
export class Additions {
  private readonly objects = new Set<string>();
  private readonly fields = new Map<string, AdditionStep[][]>();

  /** Reads `ImportAddition.fields` entries: `Kind/namespace/name` or `Kind/namespace/name:path`. */
  constructor(fields: Iterable<string>) {
    for (const field of fields) {
      const colon = field.indexOf(':');
      if (colon < 0) {
        if (field.split('/').length !== 3) throw new Error(`the addition "${field}" is not Kind/namespace/name`);
        this.objects.add(field);
        continue;
      }
      const key = field.slice(0, colon);
      if (key.split('/').length !== 3) throw new Error(`the addition "${field}" does not start with Kind/namespace/name`);
      const list = this.fields.get(key) ?? [];
      list.push(parseAdditionPath(field.slice(colon + 1)));
      this.fields.set(key, list);
    }
  }

  /** Whether the object with key `key` is added whole. */
  public hasObject(key: string): boolean {
    return this.objects.has(key);
  }

  /** The paths of the fields of object `key` that are listed. */
  public pathsOf(key: string): readonly AdditionStep[][] {
    return this.fields.get(key) ?? [];
  }

  /** Whether the field at `path` of object `key` is added (or lies under a field that is). */
  public covers(key: string, path: readonly PathStep[]): boolean {
    return (this.fields.get(key) ?? []).some((added) => added.length <= path.length && added.every((step, i) => stepMatches(step, path[i])));
  }
}

function stepMatches(added: AdditionStep, step: PathStep): boolean {
  if (typeof added === 'string') return step === added;
  if (typeof step === 'string') return false;
  return typeof added === 'number' ? step.index === added : step.name === added.name;
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison.

/** What to compare and what to allow. */
export interface CompareOptions {
  /** `ImportAddition.fields` of every addition of the import. */
  readonly additions: Iterable<string>;
  /**
   * `ImportAddition.leftOut` of every addition of the import: fields the input sets that the output leaves out on
   * purpose. The input is compared without them.
   *
   * @default none
   */
  readonly leftOut?: Iterable<string>;
  /**
   * Keys (`Secret/namespace/name`) of the input's Secrets that the generated code references by name instead of
   * defining: their absence from the output is expected.
   *
   * @default none
   */
  readonly referencedSecrets?: ReadonlySet<string>;
  /**
   * The namespace of input objects that name none.
   *
   * @default 'default'
   */
  readonly namespace?: string;
}

/**
 * The differences between the input objects and the output objects, as readable lines, after the API server's
 * defaults on both sides: objects matched by kind, namespace and name; list items by `name` when every item on
 * both sides has a distinct one, else by position; fields and whole objects listed in `additions` ignored.
 *
 * A line reads `Kind/namespace/name: path: input VALUE, output VALUE` (`(none)` for an absent value), or says that
 * an object is missing from the output or is in the output only.
 */
export function compareObjects(input: readonly KubeObject[], output: readonly KubeObject[], options: CompareOptions): string[] {
  const additions = new Additions(options.additions);
  const leftOut = new Additions(options.leftOut ?? []);
  const referenced = options.referencedSecrets ?? new Set<string>();
  const before = new Map(input.map((given) => {
    const o = withoutFields(given, leftOut.pathsOf(objectKey(withKubernetesDefaults(given, { namespace: options.namespace }))));
    const defaulted = withKubernetesDefaults(o, { namespace: options.namespace });
    return [objectKey(defaulted), { defaulted, given: o }] as const;
  }));
  const after = new Map(output.map((o) => withKubernetesDefaults(o)).map((o) => [objectKey(o), o]));
  const lines: string[] = [];
  for (const [key, { defaulted, given }] of before) {
    const synthesized = after.get(key);
    if (synthesized === undefined) {
      if (!referenced.has(key)) lines.push(`${key}: in the input, missing from the output`);
      continue;
    }
    for (const d of differences(defaulted, synthesized, [])) {
      // An addition allows what the input leaves out (or leaves to the API server's defaults), never a value it sets.
      const allowed = (leaf: Difference): boolean => additions.covers(key, leaf.path) && valueAt(given, leaf.path) === undefined;
      const leaves = d.leaves ?? [d];
      const kept = leaves.filter((leaf) => !allowed(leaf));
      // A value on one side only is one line, unless some of the fields under it are allowed.
      for (const shown of kept.length === leaves.length ? [d] : kept) {
        const listed = additions.covers(key, shown.path) ? ' (listed as an addition, but the input sets it)' : '';
        lines.push(`${key}: ${formatPath(shown.path)}: input ${show(shown.input)}, output ${show(shown.output)}${listed}`);
      }
    }
  }
  for (const key of after.keys()) {
    if (!before.has(key) && !additions.hasObject(key)) lines.push(`${key}: in the output only (not in the input, not listed as an addition)`);
  }
  return lines;
}

/**
 * The fields of `fields` (`ImportAddition.fields`) that name nothing in `output`: an object that is not there, or a
 * field it does not have. An addition the header lists must be something the output has.
 */
export function additionsNotInOutput(fields: Iterable<string>, output: readonly KubeObject[]): string[] {
  const byKey = new Map(output.map((o) => [objectKey(o), o]));
  return [...fields].filter((field) => {
    const colon = field.indexOf(':');
    const o = byKey.get(colon < 0 ? field : field.slice(0, colon));
    if (o === undefined) return true;
    if (colon < 0) return false;
    return valueAt(o, parseAdditionPath(field.slice(colon + 1)).map(toPathStep)) === undefined;
  });
}

/**
 * The fields of `fields` (`ImportAddition.leftOut`) that `output` has after all: an output object that has the field
 * the addition says it leaves out. An object that is not there is reported too.
 */
export function leftOutInOutput(fields: Iterable<string>, output: readonly KubeObject[]): string[] {
  const byKey = new Map(output.map((o) => [objectKey(o), o]));
  return [...fields].filter((field) => {
    const colon = field.indexOf(':');
    const o = byKey.get(field.slice(0, colon));
    return o === undefined || valueAt(o, parseAdditionPath(field.slice(colon + 1)).map(toPathStep)) !== undefined;
  });
}

/** An addition's step as a step of a path through an object (a named item matched by name, whatever its index). */
function toPathStep(step: AdditionStep): PathStep {
  return typeof step === 'number' ? { index: step } : typeof step === 'object' ? { index: -1, name: step.name } : step;
}

/** A copy of `o` without the fields at `paths` (those it has). */
function withoutFields(o: KubeObject, paths: readonly AdditionStep[][]): KubeObject {
  if (paths.length === 0) return o;
  const copy = structuredClone(o);
  for (const path of paths) {
    let at: unknown = copy;
    for (const step of path.slice(0, -1)) {
      const next = toPathStep(step);
      at = valueAt(at, [next]);
    }
    const last = path[path.length - 1];
    if (typeof last === 'string' && isRecord(at)) delete at[last];
    else if (Array.isArray(at)) at.splice(typeof last === 'number' ? last : at.findIndex((item) => isRecord(item) && item.name === (last as { name: string }).name), 1);
  }
  return copy;
}

/** The value at `path` in `o` as given (a list item by its name when it has one, else by index), if any. */
function valueAt(o: unknown, path: readonly PathStep[]): unknown {
  let at: unknown = o;
  for (const step of path) {
    if (typeof step === 'string') {
      at = isRecord(at) ? at[step] : undefined;
    } else if (Array.isArray(at)) {
      const byName = step.name !== undefined ? at.find((item) => isRecord(item) && item.name === step.name) : undefined;
      at = byName ?? (step.name === undefined ? at[step.index] : undefined);
    } else {
      at = undefined;
    }
    if (at === undefined || at === null) return undefined;
  }
  return at;
}

/** One differing value: where, and its value on each side (undefined when absent). */
interface Difference {
  readonly path: PathStep[];
  readonly input: unknown;
  readonly output: unknown;
  /** For a value present on one side only: each leaf under it, as a difference of its own. */
  readonly leaves?: Difference[];
}

function differences(a: unknown, b: unknown, path: PathStep[]): Difference[] {
  if (a === undefined || b === undefined) return a === b ? [] : oneSided(a, b, path);
  if (Array.isArray(a) && Array.isArray(b)) return listDifferences(a, b, path);
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences(a[k], b[k], [...path, k]));
  }
  return a === b ? [] : [{ path, input: a, output: b }];
}

/**
 * A value present on one side only, with a difference per leaf under it: an addition of a field inside the value
 * allows that field only.
 */
function oneSided(a: unknown, b: unknown, path: PathStep[]): Difference[] {
  const inInput = a !== undefined;
  const leaves = leavesOf(inInput ? a : b, path)
    .map((leaf) => ({ path: leaf.path, input: inInput ? leaf.value : undefined, output: inInput ? undefined : leaf.value }));
  return [{ path, input: a, output: b, leaves }];
}

function leavesOf(value: unknown, path: PathStep[]): { path: PathStep[]; value: unknown }[] {
  if (Array.isArray(value) && value.length > 0) {
    const named = distinctNames(value);
    return value.flatMap((v, i) => leavesOf(v, [...path, { index: i, name: named?.[i] }]));
  }
  if (isRecord(value) && Object.keys(value).length > 0) return Object.entries(value).flatMap(([k, v]) => leavesOf(v, [...path, k]));
  return [{ path, value }];
}

function listDifferences(a: unknown[], b: unknown[], path: PathStep[]): Difference[] {
  const namesA = distinctNames(a);
  const namesB = distinctNames(b);
  if (namesA && namesB) {
    const out: Difference[] = [];
    for (const [i, name] of namesA.entries()) {
      const j = namesB.indexOf(name);
      out.push(...differences(a[i], j >= 0 ? b[j] : undefined, [...path, { index: j >= 0 ? j : i, name }]));
    }
    for (const [j, name] of namesB.entries()) {
      if (!namesA.includes(name)) out.push(...differences(undefined, b[j], [...path, { index: j, name }]));
    }
    return out;
  }
  const out: Difference[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...differences(a[i], b[i], [...path, { index: i }]));
  return out;
}

/** The `name` of each item, when every item is an object with a string name and no two share one. */
function distinctNames(list: unknown[]): string[] | undefined {
  const names = list.map((item) => (isRecord(item) && typeof item.name === 'string' ? item.name : undefined));
  if (names.some((n) => n === undefined) || new Set(names).size !== names.length) return undefined;
  return names as string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value for a difference line: JSON, at most 200 characters; `(none)` when absent. */
function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

// ---------------------------------------------------------------------------------------------------------------
// The round trip: import, type-check, synthesize, compare.

/** One set of inputs to import together. */
export interface RoundTripSet {
  /** A short name (a file name): the generated module is `<name>.ts`. */
  readonly name: string;
  /** The files and folders imported, as the command line would be given them (relative to the repository). */
  readonly paths: readonly string[];
  /**
   * The namespace of objects that name none (`--namespace`).
   *
   * @default 'default'
   */
  readonly namespace?: string;
}

/** What a set's round trip found. */
export interface RoundTrip {
  /** What the importer returned: the module, its additions and its problems (the readers' problems included). */
  readonly result: ImportResult;
  /**
   * The comparison's input side: the objects of the manifests (read by the test, not the importer) and those the
   * Compose reader made of the Compose files.
   */
  readonly input: KubeObject[];
  /** The objects the generated module synthesized, read back from the YAML it wrote. */
  readonly output: KubeObject[];
  /** The type checker's errors in the generated module (`file:line: message`). */
  readonly typeErrors: string[];
  /**
   * The differences between input and output that no addition explains (see `compareObjects`); when the module did
   * not synthesize, one line saying so.
   */
  readonly differences: string[];
  /** The Secrets of the input that the module references by name (`Secret/namespace/name`). */
  readonly referencedSecrets: ReadonlySet<string>;
  /** Why the module could not be synthesized, if it could not. */
  readonly synthError?: string;
  /** What the generator threw, if it threw (its stack). */
  readonly importError?: string;
}

const ROOT = path.join(__dirname, '..', '..');

/** The files under `p` (itself, or its YAML files in name order, recursively). */
function filesOf(p: string): string[] {
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs.readdirSync(p).sort().flatMap((name) => {
    const child = path.join(p, name);
    return fs.statSync(child).isDirectory() ? filesOf(child) : /\.ya?ml$/.test(name) ? [child] : [];
  });
}

/**
 * The objects of the manifests among `paths`, read here with `yaml` rather than by the importer, so that an object or
 * field the importer's reader loses is a difference: each document that parses and has a kind.
 */
function manifestObjects(paths: readonly string[]): KubeObject[] {
  return paths.flatMap(filesOf).filter((f) => !isComposeFileName(f)).flatMap((file) => parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .filter((doc) => doc.errors.length === 0)
    .map((doc) => doc.toJS() as KubeObject)
    .filter((o) => o !== null && typeof o === 'object' && typeof o.kind === 'string' && typeof o.apiVersion === 'string'));
}

/**
 * The errors TypeScript finds in `files`, compiled with the compiler options of the project `init` writes (strict),
 * `cdk8s-platform` resolved to this repository's sources and every other package to its node_modules (as an app's
 * repository would resolve an installed package).
 */
export function typeErrors(files: readonly string[]): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    forceConsistentCasingInFileNames: true,
    isolatedModules: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    baseUrl: ROOT,
    paths: {
      'cdk8s-platform': [path.join(ROOT, 'lib', 'index.ts')],
      '*': [path.join(ROOT, 'node_modules', '*'), path.join(ROOT, 'node_modules', '@types', '*')],
    },
  };
  const program = ts.createProgram([...files], options);
  return files.flatMap((f) => {
    const source = program.getSourceFile(f)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  }).map((d) => {
    const at = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** The modules `cdk8s-platform` and its peers resolve to when a generated module runs in this repository. */
const MODULES: Record<string, string> = {
  'cdk8s-platform': path.join(ROOT, 'lib', 'index.ts'),
  cdk8s: require.resolve('cdk8s'),
  constructs: require.resolve('constructs'),
};

/**
 * Runs the generated module `file` as the app would: transpiled by swc to CommonJS (its imports resolved as in
 * {@link MODULES}), loaded, its `defineImportedApp()` called on an app that writes to `outdir`, synthesized; then
 * the objects of the YAML files written are read back.
 */
export function synthesizeModule(file: string, outdir: string): KubeObject[] {
  const { code } = transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  const resolved = code.replace(/require\("([^"]+)"\)/g, (whole, name: string) => (name in MODULES ? `require(${JSON.stringify(MODULES[name])})` : whole));
  const js = file.replace(/\.ts$/, '.js');
  fs.writeFileSync(js, resolved);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module_ = require(js) as { defineImportedApp?: (app: PlatformApp) => void };
  if (typeof module_.defineImportedApp !== 'function') throw new Error(`${path.basename(file)} exports no defineImportedApp()`);
  const app = new PlatformApp({ outdir, capacitySummary: false });
  module_.defineImportedApp(app);
  app.synth();
  return yamlFilesOf(outdir).flatMap((f) => parseAllDocuments(fs.readFileSync(f, 'utf8')).map((d) => d.toJS() as KubeObject))
    .filter((o) => o && typeof o.kind === 'string' && !(o.kind === 'Kustomization' && String(o.apiVersion).startsWith('kustomize.config.k8s.io/')));
}

function yamlFilesOf(dir: string): string[] {
  return fs.readdirSync(dir).sort().flatMap((name) => {
    const p = path.join(dir, name);
    return fs.statSync(p).isDirectory() ? yamlFilesOf(p) : name.endsWith('.yaml') ? [p] : [];
  });
}

/** The keys of the input's Secrets that `source` references by name (`Secret.fromSecretName(..., 'name')`). */
function secretsReferenced(input: readonly KubeObject[], source: string, namespace: string): Set<string> {
  const keys = new Set<string>();
  for (const o of input) {
    if (o.kind !== 'Secret' || o.apiVersion !== 'v1') continue;
    const name = String(o.metadata?.name);
    if (new RegExp(`Secret\\.fromSecretName\\([^)]*'${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'\\)`).test(source)) {
      keys.add(`Secret/${o.metadata?.namespace ?? namespace}/${name}`);
    }
  }
  return keys;
}

/**
 * The round trips of `sets`, in `dir` (a temporary folder): each set imported and its module written to
 * `<dir>/<name>.ts`; all modules type-checked in one program; each synthesized to `<dir>/<name>-out/` and compared
 * with its input.
 */
export function roundTrips(sets: readonly RoundTripSet[], dir: string): Map<string, RoundTrip> {
  const imported = sets.map((set) => {
    const read = readImportInputs(set.paths, { cwd: ROOT, stdin: () => '', namespace: set.namespace });
    let generated: ImportResult;
    let importError: string | undefined;
    try {
      generated = generateModule(read.objects, { namespace: set.namespace, connections: read.connections });
    } catch (e) {
      importError = (e as Error).stack ?? String(e);
      generated = { source: '', additions: [], problems: [], constructs: 0, rawObjects: 0 };
    }
    const result: ImportResult = { ...generated, problems: [...read.problems, ...generated.problems] };
    // The input side: the manifests as written, and what the Compose reader made of the Compose files.
    const composed = read.objects.filter((o) => isComposeFileName(o.source.split(': ')[0])).map((o) => o.object as KubeObject);
    const input = [...manifestObjects(set.paths), ...composed];
    const file = path.join(dir, `${set.name}.ts`);
    fs.writeFileSync(file, result.source);
    return { set, input, result, file, importError };
  });
  const errors = typeErrors(imported.map((i) => i.file));
  const trips = new Map<string, RoundTrip>();
  for (const { set, input, result, file, importError } of imported) {
    const namespace = set.namespace ?? 'default';
    const referencedSecrets = secretsReferenced(input, result.source, namespace);
    const typeErrorsOfSet = errors.filter((e) => e.startsWith(`${set.name}.ts:`));
    let output: KubeObject[] = [];
    let synthError: string | undefined;
    try {
      if (importError !== undefined) throw new Error('the import failed');
      output = synthesizeModule(file, path.join(dir, `${set.name}-out`));
    } catch (e) {
      synthError = (e as Error).message;
    }
    const differences = synthError !== undefined
      ? [`nothing to compare: the module did not synthesize: ${synthError}`]
      : compareObjects(input, output, { additions: result.additions.flatMap((a) => a.fields), leftOut: result.additions.flatMap((a) => a.leftOut ?? []), referencedSecrets, namespace });
    trips.set(set.name, { result, input, output, typeErrors: typeErrorsOfSet, differences, referencedSecrets, synthError, importError });
  }
  return trips;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a generated module, and the checks every set's round trip makes.

/** The kinds a generated module writes as raw `ApiObject`s, in order. */
export function rawKinds(source: string): string[] {
  return [...source.matchAll(/new ApiObject\([^{]*\{\s*apiVersion: '[^']*',\s*kind: '([^']+)'/g)].map((m) => m[1]);
}

/** The objects a generated module writes as raw `ApiObject`s, as `Kind/name`, in order. */
export function rawObjects(source: string): string[] {
  return [...source.matchAll(/new ApiObject\([^{]*\{\s*apiVersion: '[^']*',\s*kind: '([^']+)',\s*metadata: \{ name: '([^']+)'/g)].map((m) => `${m[1]}/${m[2]}`);
}

/** How many times `text` occurs in `source`. */
export function occurrences(source: string, text: string): number {
  return source.split(text).length - 1;
}

/** The header comment of a generated module, as one line of text. */
export function moduleHeader(source: string): string {
  const lines = source.split('\n');
  const end = lines.findIndex((l) => !l.startsWith('//'));
  return lines.slice(0, end).map((l) => l.replace(/^\/\/ ?/, '')).join(' ').replace(/\s+/g, ' ');
}

/** The comment lines right above the first line of `source` that contains `text`, as one line. */
export function commentBefore(source: string, text: string): string {
  const lines = source.split('\n');
  const at = lines.findIndex((l) => l.includes(text));
  let start = at;
  while (start > 0 && lines[start - 1].trim().startsWith('//')) start--;
  return lines.slice(start, at).map((l) => l.trim().replace(/^\/\/ ?/, '')).join(' ');
}

/** The object of `kind` and `name` among `objects`; throws, listing them, when there is none. */
export function findObject(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} "${name}" among ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found;
}

/** The names a generated module imports that it does not use (its comments left out). */
export function unusedImports(source: string): string[] {
  const code = source.split('\n').filter((l) => !l.trim().startsWith('//')).join('\n');
  const imported = [...code.matchAll(/^import \{([^}]*)\} from '[^']+';/gm)].flatMap((m) => m[1].split(',').map((n) => n.trim())).filter((n) => n !== '');
  return imported.filter((n) => (code.match(new RegExp(`\\b${n}\\b`, 'g')) ?? []).length < 2);
}

/** The kinds the library has a construct for: a generated module writes none of them raw unless a field forbids it. */
export const KINDS_WITH_CONSTRUCTS: readonly string[] = [
  'Deployment', 'Service', 'StatefulSet', 'DaemonSet', 'Pod', 'Job', 'CronJob', 'ConfigMap', 'Secret', 'PersistentVolumeClaim',
  'Ingress', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'ServiceAccount', 'Role', 'RoleBinding',
  'ClusterRole', 'ClusterRoleBinding', 'ResourceQuota', 'LimitRange', 'PriorityClass', 'Namespace', 'HTTPRoute',
];

/**
 * Defines the checks every set's round trip makes, one test each: the import, the type check and the synth succeed;
 * the output equals the input after Kubernetes defaults but for the listed additions; every listed addition is in the
 * output and in the module's header with its opt-out; every name the module imports is used.
 *
 * @param sets the sets
 * @param trip the round trip of a set, by name (computed in the calling file's `beforeAll`)
 */
export function describeRoundTripChecks(sets: readonly RoundTripSet[], trip: (name: string) => RoundTrip): void {
  describe.each(sets.map((s) => [s.name]))('the %s set: import, type-check, synthesize, compare', (name) => {
    test('GIVEN the inputs WHEN imported THEN the generator returns a module', () => {
      expect(trip(name).importError).toBeUndefined();
    });

    test('GIVEN the generated module WHEN type-checked against the library THEN there is no error', () => {
      expect(trip(name).typeErrors).toEqual([]);
    });

    test('GIVEN the generated module WHEN run THEN it synthesizes', () => {
      expect(trip(name).synthError).toBeUndefined();
    });

    test('GIVEN the synthesized objects WHEN compared with the input after Kubernetes defaults THEN only the listed additions differ', () => {
      expect(trip(name).differences).toEqual([]);
    });

    test('GIVEN the module\'s imports WHEN read THEN each name imported is used', () => {
      expect(unusedImports(trip(name).result.source)).toEqual([]);
    });

    test('GIVEN the additions WHEN looked up in the output THEN each field they list is there', () => {
      // GIVEN
      const { result, output } = trip(name);
      // WHEN / THEN
      expect(additionsNotInOutput(result.additions.flatMap((a) => a.fields), output)).toEqual([]);
    });

    test('GIVEN the fields the additions leave out WHEN looked up in the output THEN none is there', () => {
      // GIVEN
      const { result, output } = trip(name);
      // WHEN / THEN
      expect(leftOutInOutput(result.additions.flatMap((a) => a.leftOut ?? []), output)).toEqual([]);
    });

    test('GIVEN the module\'s header WHEN read THEN it lists every addition with how to opt out', () => {
      // GIVEN
      const { source, additions } = trip(name).result;
      // WHEN
      const text = moduleHeader(source);
      // THEN
      expect(additions.filter((a) => !text.includes(a.what) || !text.includes(a.optOut))).toEqual([]);
    });
  });
}

/**
 * Runs the round trips of `sets` once, before the calling file's tests (`beforeAll`), defines the checks every set
 * makes ({@link describeRoundTripChecks}), and returns the round trip of a set by name, for the file's own tests.
 */
export function useRoundTrips(sets: readonly RoundTripSet[]): (name: string) => RoundTrip {
  let trips: Map<string, RoundTrip> | undefined;
  beforeAll(() => {
    trips = roundTrips(sets, tmpdir());
  }, 120_000);
  const trip = (name: string): RoundTrip => {
    const found = trips?.get(name);
    if (found === undefined) throw new Error(`no round trip of the set "${name}"`);
    return found;
  };
  describeRoundTripChecks(sets, trip);
  return trip;
}
