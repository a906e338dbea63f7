import * as path from 'path';
import { fieldPathSegments } from '../core/_field-path';
import { ManifestObject } from '../core/manifest-object';
import { ByteSource } from '../input/document-stream';
import { DEFAULT_MAX_INPUT_SIZE } from '../input/input-size';
import { fileSource, findManifestFiles } from '../input/manifest-files';
import { readObjects } from '../input/manifest-objects';
import { processStdin, StdinContent, stdinSource } from '../input/standard-input';

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
  /** The files read through a symbolic link (the file is one, or a folder on the way below the path given is). */
  readonly linkedFiles: string[];
}

/** The path that stands for standard input, and how findings locate it. */
export const STDIN = '-';
const STDIN_SHOWN_AS = '<stdin>';

/** How `loadManifests()` reads. */
export interface LoadOptions {
  /**
   * The largest file or stream read, in bytes.
   *
   * @default 32 MiB
   */
  readonly maxInputSize?: number;
}

/**
 * Reads every Kubernetes object in `paths`: files (multi-document YAML, or JSON), and folders searched recursively
 * for `.yaml`, `.yml` and `.json` files, in name order, following symbolic links (see `findManifestFiles()`). The
 * path `-` is standard input, read with `stdin` (its objects are located as `<stdin>:line`). The documents are read
 * as `readObjects()` reads them, bounded by `options.maxInputSize` per file or stream: as YAML 1.1, as kubectl reads
 * it, into JSON data. An input that is refused as a whole (too large, not text, unreadable) gives none of its
 * objects.
 */
export function loadManifests(paths: readonly string[], cwd: string = process.cwd(), stdin: () => StdinContent = processStdin,
  options: LoadOptions = {}): LoadedManifests {
  const result: LoadedManifests = { objects: [], locations: [], locators: [], problems: [], files: [], linkedFiles: [] };
  const maxInputSize = options.maxInputSize ?? DEFAULT_MAX_INPUT_SIZE;
  const shown = (p: string): string => (path.isAbsolute(p) && p.startsWith(`${cwd}${path.sep}`) ? path.relative(cwd, p) : p);
  const read = (source: ByteSource, shownAs: string): void => {
    const objects: LoadedManifests['objects'] = [];
    const locations: string[] = [];
    const locators: LoadedManifests['locators'] = [];
    const problems: LoadedManifests['problems'] = [];
    for (const item of readObjects(source, { maxInputSize, locateFields: true })) {
      if (item.type === 'problem') {
        if (item.line === undefined) {
          // the whole input is refused: none of its objects are used
          for (const problem of problems) result.problems.push(problem);
          result.problems.push({ location: shownAs, message: item.message });
          return;
        }
        problems.push({ location: `${shownAs}:${item.line}`, message: item.message });
        continue;
      }
      const locate = item.locate!;
      objects.push(item.object);
      locations.push(`${shownAs}:${item.line}`);
      locators.push((field) => `${shownAs}:${locate(fieldPathSegments(field))}`);
    }
    result.files.push(shownAs);
    // one by one: a spread of a large stream's objects would overflow the stack
    for (let i = 0; i < objects.length; i++) {
      result.objects.push(objects[i]);
      result.locations.push(locations[i]);
      result.locators.push(locators[i]);
    }
    for (const problem of problems) result.problems.push(problem);
  };
  let stdinRead = false;
  for (const p of paths) {
    if (p === STDIN) {
      if (stdinRead) {
        result.problems.push({ location: STDIN_SHOWN_AS, message: 'standard input (`-`) given more than once' });
      } else {
        stdinRead = true;
        read(stdinSource(stdin), STDIN_SHOWN_AS);
      }
      continue;
    }
    for (const found of findManifestFiles(p)) {
      if (found.type === 'problem') {
        result.problems.push({ location: shown(found.path), message: found.message });
        continue;
      }
      read(fileSource(found.path), shown(found.path));
      if (found.throughLink) result.linkedFiles.push(shown(found.path));
    }
  }
  return result;
}

