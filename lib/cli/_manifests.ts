import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';
import { ManifestObject } from '../core/manifest-object';

/** Objects read from YAML files, with where each came from, and the files that could not be read. */
export interface LoadedManifests {
  readonly objects: ManifestObject[];
  /** `file:line` of each object, index for index. */
  readonly locations: string[];
  /** For each object, the `file:line` of one of its fields (given as a finding's field path), index for index. */
  readonly locators: Array<(field: string) => string>;
  /** Unreadable files and YAML syntax errors, each as `file:line: message`. */
  readonly problems: Array<{ readonly location: string; readonly message: string }>;
  /** The files read. */
  readonly files: string[];
}

const YAML_FILE = /\.ya?ml$/i;

/** The path that stands for standard input, and how findings locate it. */
export const STDIN = '-';
const STDIN_SHOWN_AS = '<stdin>';

/** Reads all of the process's standard input. */
function readStdin(): string {
  return fs.readFileSync(0, 'utf8');
}

/** kustomize's own files (`kustomization.yaml`: Kustomization, Component) are build instructions, not objects. */
const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';

/**
 * Reads every Kubernetes object in `paths`: YAML files (multi-document), and folders searched recursively for
 * `.yaml`/`.yml` files, in name order. Documents that are not objects (empty, comments only, scalars) are skipped;
 * a `kind: List` contributes its items; kustomize's `kustomization.yaml` files are skipped. YAML is read as YAML 1.1,
 * as kubectl reads it (`yes` is a boolean). The path `-` is standard input, read with `stdin` (its objects are located
 * as `<stdin>:line`).
 */
export function loadManifests(paths: readonly string[], cwd: string = process.cwd(), stdin: () => string = readStdin): LoadedManifests {
  const result: LoadedManifests = { objects: [], locations: [], locators: [], problems: [], files: [] };
  const shown = (p: string): string => (path.isAbsolute(p) && p.startsWith(`${cwd}${path.sep}`) ? path.relative(cwd, p) : p);
  let stdinRead = false;
  for (const p of paths) {
    if (p === STDIN) {
      if (stdinRead) {
        result.problems.push({ location: STDIN_SHOWN_AS, message: 'standard input (`-`) given more than once' });
      } else {
        stdinRead = true;
        readText(stdin, STDIN_SHOWN_AS, 'cannot read standard input', result);
      }
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      result.problems.push({ location: shown(p), message: 'no such file or folder' });
      continue;
    }
    for (const file of stat.isDirectory() ? yamlFilesIn(p) : [p]) readFile(file, shown(file), result);
  }
  return result;
}

function yamlFilesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesIn(p));
    else if (entry.isFile() && YAML_FILE.test(entry.name)) out.push(p);
  }
  return out;
}

function readFile(file: string, shownAs: string, result: LoadedManifests): void {
  readText(() => fs.readFileSync(file, 'utf8'), shownAs, 'cannot read the file', result);
}

/** Reads the text `read` returns (a problem `unreadable (code)` if it throws), and the objects in it. */
function readText(read: () => string, shownAs: string, unreadable: string, result: LoadedManifests): void {
  let text: string;
  try {
    text = read();
  } catch (e) {
    result.problems.push({ location: shownAs, message: `${unreadable} (${(e as NodeJS.ErrnoException).code ?? String(e)})` });
    return;
  }
  result.files.push(shownAs);
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', lineCounter: lines, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const line = lines.linePos(error.pos[0]).line;
        result.problems.push({ location: `${shownAs}:${line}`, message: `invalid YAML: ${error.message.split('\n')[0]}` });
      }
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      result.problems.push({ location: `${shownAs}:${lines.linePos(doc.range[0]).line}`, message: `invalid YAML: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const location = `${shownAs}:${lines.linePos(doc.contents?.range[0] ?? doc.range[0]).line}`;
    const locator = (base: Array<string | number>) => (field: string): string => {
      const offset = offsetOf(doc.contents, [...base, ...parseFieldPath(field)]);
      return offset === undefined ? location : `${shownAs}:${lines.linePos(offset).line}`;
    };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const o = value as ManifestObject;
    if (typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${KUSTOMIZE_GROUP}/`)) continue;
    if (o.kind === 'List' && Array.isArray(o.items)) {
      o.items.forEach((item: unknown, i: number) => {
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          result.objects.push(item as ManifestObject);
          result.locations.push(location);
          result.locators.push(locator(['items', i]));
        }
      });
      continue;
    }
    result.objects.push(o);
    result.locations.push(location);
    result.locators.push(locator([]));
  }
}

/** `spec.containers[0].env[1]` or `metadata.labels["app.kubernetes.io/name"]` → its keys and indexes. */
export function parseFieldPath(field: string): Array<string | number> {
  const parts: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (let m = re.exec(field); m; m = re.exec(field)) {
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) parts.push(Number(m[2]));
    else parts.push(JSON.parse(m[3]) as string);
  }
  return parts;
}

/** The offset of the deepest node along `path` in a parsed document (a map key's own position), if any. */
function offsetOf(root: unknown, path: ReadonlyArray<string | number>): number | undefined {
  let node = root as Node | null | undefined;
  let offset = node?.range?.[0];
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
