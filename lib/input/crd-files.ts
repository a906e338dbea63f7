import * as path from 'path';
import { PlatformError } from '../core/errors';
import { ManifestObject } from '../core/manifest-object';
import { DEFAULT_MAX_INPUT_SIZE } from './input-size';
import { fileSource, findManifestFiles } from './manifest-files';
import { readObjects } from './manifest-objects';

/** The apiVersion and kind a CustomResourceDefinition file may hold. */
const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
const CRD_KIND = 'CustomResourceDefinition';

/** How `readCrds()` reads. @internal */
export interface CrdReadOptions {
  /**
   * The folder relative paths are resolved from.
   *
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * The largest file read, in bytes.
   *
   * @default 32 MiB
   */
  readonly maxInputSize?: number;
}

/** The CustomResourceDefinitions read from files and folders, and what could not be read. @internal */
export interface CrdRead {
  /** The CRDs, in the order of the paths given (a folder's files in name order). */
  readonly crds: ManifestObject[];
  /** What is wrong, each with the path given it is about (index into the paths) and `file[:line]: message`. */
  readonly problems: Array<{ readonly index: number; readonly message: string }>;
}

/**
 * The CustomResourceDefinitions in `paths`: files, or folders searched recursively for `.yaml`, `.yml` and `.json`
 * files, read with the bounded reader `check` uses. A path that does not exist or cannot be read, a folder without
 * any manifest file, a YAML syntax error, and a document that is not an `apiextensions.k8s.io/v1`
 * CustomResourceDefinition are problems (the CRDs of the other documents are still given).
 *
 * @internal
 */
export function readCrds(paths: readonly string[], options: CrdReadOptions = {}): CrdRead {
  const cwd = options.cwd ?? process.cwd();
  const maxInputSize = options.maxInputSize ?? DEFAULT_MAX_INPUT_SIZE;
  const result: CrdRead = { crds: [], problems: [] };
  paths.forEach((given, index) => {
    const problem = (message: string): void => {
      result.problems.push({ index, message });
    };
    let files = 0;
    for (const found of findManifestFiles(path.resolve(cwd, given))) {
      const shown = found.relative === '' ? given : `${given}/${found.relative}`;
      if (found.type === 'problem') {
        problem(`${shown}: ${found.message}`);
        continue;
      }
      files++;
      for (const item of readObjects(fileSource(found.path), { maxInputSize })) {
        if (item.type === 'problem') {
          problem(`${shown}${item.line === undefined ? '' : `:${item.line}`}: ${item.message}`);
          continue;
        }
        const o = item.object;
        if (o.apiVersion !== CRD_API_VERSION || o.kind !== CRD_KIND) {
          problem(`${shown}:${item.line}: received ${describe(o)}; allowed: a CustomResourceDefinition (${CRD_API_VERSION}) only`);
          continue;
        }
        result.crds.push(o);
      }
    }
    if (files === 0 && !result.problems.some((p) => p.index === index)) problem(`${given}: no .yaml, .yml or .json file in the folder`);
  });
  return result;
}

/**
 * The CustomResourceDefinitions in `paths` (files or folders of CRD YAML), as `readCrds()` reads them.
 *
 * @throws PlatformError naming each file that cannot be read or holds something other than a CRD
 * @internal
 */
export function readCrdFiles(paths: readonly string[], options: CrdReadOptions = {}): ManifestObject[] {
  const read = readCrds(paths, options);
  if (read.problems.length > 0) {
    throw new PlatformError(`Cannot read the CustomResourceDefinitions:\n${read.problems.map((p) => `  - ${p.message}`).join('\n')}`);
  }
  return read.crds;
}

/** `apiVersion kind "name"` of a document, for a message. */
function describe(o: ManifestObject): string {
  const name = typeof o.metadata === 'object' && o.metadata !== null ? (o.metadata as Record<string, unknown>).name : undefined;
  return `${JSON.stringify(o.apiVersion ?? null)} ${JSON.stringify(o.kind ?? null)}${typeof name === 'string' ? ` named ${JSON.stringify(name)}` : ''}`;
}
