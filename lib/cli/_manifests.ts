import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { ManifestObject } from '../core/manifest-object';

/** Objects read from YAML files, with where each came from, and the files that could not be read. */
export interface LoadedManifests {
  readonly objects: ManifestObject[];
  /** `file:line` of each object, index for index. */
  readonly locations: string[];
  /** Unreadable files and YAML syntax errors, each as `file:line: message`. */
  readonly problems: Array<{ readonly location: string; readonly message: string }>;
  /** The files read. */
  readonly files: string[];
}

const YAML_FILE = /\.ya?ml$/i;

/** kustomize's own files (`kustomization.yaml`: Kustomization, Component) are build instructions, not objects. */
const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';

/**
 * Reads every Kubernetes object in `paths`: YAML files (multi-document), and folders searched recursively for
 * `.yaml`/`.yml` files, in name order. Documents that are not objects (empty, comments only, scalars) are skipped;
 * a `kind: List` contributes its items; kustomize's `kustomization.yaml` files are skipped. YAML is read as YAML 1.1,
 * as kubectl reads it (`yes` is a boolean).
 */
export function loadManifests(paths: readonly string[], cwd: string = process.cwd()): LoadedManifests {
  const result: LoadedManifests = { objects: [], locations: [], problems: [], files: [] };
  const shown = (p: string): string => (path.isAbsolute(p) && p.startsWith(`${cwd}${path.sep}`) ? path.relative(cwd, p) : p);
  for (const p of paths) {
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
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    result.problems.push({ location: shownAs, message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})` });
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
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const o = value as ManifestObject;
    if (typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${KUSTOMIZE_GROUP}/`)) continue;
    if (o.kind === 'List' && Array.isArray(o.items)) {
      for (const item of o.items) {
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          result.objects.push(item);
          result.locations.push(location);
        }
      }
      continue;
    }
    result.objects.push(o);
    result.locations.push(location);
  }
}
