/**
 * The inputs of `cdk8s-platform import`: Kubernetes manifests (files, folders, standard input) read with the
 * library's bounded readers (`input/`), and Compose files handed to the Compose reader.
 */
import * as path from 'path';
import { DEFAULT_MAX_INPUT_SIZE } from '../input/input-size';
import { ByteSource } from '../input/document-stream';
import { fileSource, findManifestFiles, readTextFile } from '../input/manifest-files';
import { readObjects } from '../input/manifest-objects';
import { StdinContent, stdinSource } from '../input/standard-input';
import { translateCompose } from './compose';
import { ImportConnection, ImportProblem, SourcedObject } from './import-model';

/** What the inputs held. */
export interface ImportInputs {
  /** The objects read, in input order (paths as given; folders in name order). */
  readonly objects: SourcedObject[];
  /** The calls between workloads the Compose files declare (`depends_on`). */
  readonly connections: ImportConnection[];
  /** What could not be read or imported, in input order. */
  readonly problems: ImportProblem[];
}

/** How `readImportInputs()` reads. */
export interface ImportInputOptions {
  /** The folder relative paths are read from, and shown relative to. */
  readonly cwd: string;
  /** Reads standard input (the path `-`). */
  readonly stdin: () => StdinContent;
  /**
   * The namespace of the objects of Compose files (which have none).
   *
   * @default "default"
   */
  readonly namespace?: string;
  /**
   * The largest file or stream read, in bytes.
   *
   * @default 32 MiB
   */
  readonly maxInputSize?: number;
}

/** The path that stands for standard input. */
export const STDIN_PATH = '-';

/** Whether `file` is named as a Compose file: `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`, ... */
export function isComposeFileName(file: string): boolean {
  return /^(compose|docker-compose)(\.[A-Za-z0-9_-]+)?\.ya?ml$/.test(path.basename(file));
}

/**
 * Reads every input: a Compose file (by its name, see `isComposeFileName()`) is translated by the Compose reader;
 * any other file, each `.yaml`, `.yml` or `.json` file of a folder (recursively, in name order), and standard input
 * (`-`) are read as Kubernetes manifests. A YAML document that cannot be parsed, or is not an object, is a problem of
 * its own and the others are still read; a file that cannot be read at all (missing, too large, not text) is one
 * problem.
 */
export function readImportInputs(paths: readonly string[], options: ImportInputOptions): ImportInputs {
  const result: ImportInputs = { objects: [], connections: [], problems: [] };
  const maxInputSize = options.maxInputSize ?? DEFAULT_MAX_INPUT_SIZE;
  const shown = (p: string): string => {
    const rel = path.relative(options.cwd, p);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
  };
  let stdinRead = false;
  for (const given of paths) {
    if (given === STDIN_PATH) {
      if (stdinRead) result.problems.push({ source: STDIN_PATH, message: 'standard input (`-`) given more than once: read once' });
      else readManifests(stdinSource(options.stdin), STDIN_PATH, maxInputSize, result);
      stdinRead = true;
      continue;
    }
    const absolute = path.resolve(options.cwd, given);
    for (const found of findManifestFiles(absolute)) {
      if (found.type === 'problem') {
        result.problems.push({ source: shown(found.path), message: found.message });
      } else if (isComposeFileName(found.path)) {
        readCompose(found.path, shown(found.path), options.namespace ?? 'default', maxInputSize, result);
      } else {
        readManifests(fileSource(found.path), shown(found.path), maxInputSize, result);
      }
    }
  }
  return result;
}

/** Reads the manifests of `source`, shown as `shownAs` (sources `shownAs#N`, the Nth document). */
function readManifests(source: ByteSource, shownAs: string, maxInputSize: number, result: ImportInputs): void {
  const objects: SourcedObject[] = [];
  const problems: ImportProblem[] = [];
  const documents = new Map<number, number>();
  const documentOf = (line: number): string => {
    if (!documents.has(line)) documents.set(line, documents.size + 1);
    return `${shownAs}#${documents.get(line)}`;
  };
  for (const item of readObjects(source, { maxInputSize })) {
    if (item.type === 'problem') {
      if (item.line === undefined) {
        // the whole input is refused: none of its objects are imported
        result.problems.push(...problems, { source: shownAs, message: item.message });
        return;
      }
      problems.push({ source: documentOf(item.line), message: `not imported: ${item.message} (line ${item.line})` });
      continue;
    }
    objects.push({ object: item.object as unknown as Record<string, unknown>, source: documentOf(item.line) });
  }
  result.objects.push(...objects);
  result.problems.push(...problems);
}

/** Translates the Compose file `file`, shown as `shownAs`. */
function readCompose(file: string, shownAs: string, namespace: string, maxInputSize: number, result: ImportInputs): void {
  let text: string;
  try {
    text = readTextFile(file, maxInputSize);
  } catch (e) {
    result.problems.push({ source: shownAs, message: `cannot be read: ${(e as Error).message}` });
    return;
  }
  const folder = path.dirname(file);
  const translated = translateCompose(text, shownAs, {
    namespace,
    // The files it names (env files, .env) are read the same way: regular files only, as large as the limit.
    readFile: (relative) => readTextFile(path.resolve(folder, relative), maxInputSize),
  });
  result.objects.push(...translated.objects);
  result.connections.push(...translated.connections);
  result.problems.push(...translated.problems);
}
