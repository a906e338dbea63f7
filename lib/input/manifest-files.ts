import * as fs from 'fs';
import * as path from 'path';
import { fsErrorReason } from '../core/_fs-error';
import { ByteSource, UnreadableInput } from './document-stream';
import { formatSize } from './input-size';

/** A manifest file found at or below a path given. @internal */
export interface ManifestFile {
  readonly type: 'file';
  /** The path to open (the path given, joined with `relative`). */
  readonly path: string;
  /** Its path below the folder given, with `/` separators; `''` when the path given is the file. */
  readonly relative: string;
  /** Whether a symbolic link was followed to reach it: the file is one, or a folder on the way (below the root) is. */
  readonly throughLink: boolean;
}

/** A path that cannot be read, or a folder entry that cannot be a manifest file. @internal */
export interface FileProblem {
  readonly type: 'problem';
  /** The path (the path given, joined with `relative`). */
  readonly path: string;
  /** Its path below the folder given, with `/` separators; `''` for the path given itself. */
  readonly relative: string;
  /** What is wrong, in one line. */
  readonly message: string;
}

/** kustomize's own files, which are build instructions, not objects: `kustomization.yaml` (`.yml`), `Kustomization`. */
const KUSTOMIZATION = /^(kustomization\.(ya?ml|json)|Kustomization)$/;

/**
 * Whether a file found in a folder is read as manifests: `.yaml`, `.yml` and `.json` files (any case), except
 * kustomize's own `kustomization.yaml`.
 *
 * @internal
 */
export function isManifestFileName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name) && !KUSTOMIZATION.test(name);
}

/** What a file system entry is, for a message saying why it is not read. */
function kindOf(stat: fs.Stats | fs.Dirent): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** The identity of a folder on its file system, to find a folder again below itself (a symbolic link cycle). */
function identity(folder: string): string {
  const s = fs.statSync(folder, { bigint: true });
  return `${s.dev}:${s.ino}`;
}

/** The target of a symbolic link, for messages; `?` when it cannot be read. */
function linkTarget(link: string): string {
  try {
    return fs.readlinkSync(link);
  } catch {
    return '?';
  }
}

/**
 * The manifest files at `root`: the file itself, whatever its name, or the manifest files of the folder
 * (`isManifestFileName`), recursively, in name order (by UTF-16 code units, whatever the locale).
 *
 * Symbolic links are followed, to files and to folders; a file reached through one says so (`throughLink`). A link
 * back to a folder that is being read (a cycle), a dangling link, a path that cannot be read (with what its error
 * means: `too many levels of symbolic links (ELOOP)`, `permission denied (EACCES)`, ...), and a manifest-named entry
 * that is a FIFO, socket or device (or a link to one) are problems, in order with the files; so is a path given that
 * is neither a file nor a folder (`/dev/zero`). Other entries that are not manifests (README.md, a socket) are left
 * alone.
 *
 * @internal
 */
export function* findManifestFiles(root: string): Generator<ManifestFile | FileProblem, void> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch (e) {
    yield { type: 'problem', path: root, relative: '', message: fsErrorReason(e) };
    return;
  }
  if (stat.isFile()) {
    yield { type: 'file', path: root, relative: '', throughLink: false };
  } else if (stat.isDirectory()) {
    let rootId: string;
    try {
      rootId = identity(root);
    } catch (e) {
      yield { type: 'problem', path: root, relative: '', message: `cannot read the folder: ${fsErrorReason(e)}` };
      return;
    }
    yield* walk(root, '', [...foldersAbove(root), { id: rootId, shown: 'the folder given' }], false);
  } else {
    yield { type: 'problem', path: root, relative: '', message: `is ${kindOf(stat)}, not a file or folder; allowed: regular files, folders, and - for standard input` };
  }
}

/**
 * The folders above `root` (its real path), outermost first: a link to one of them (`..`) leads back to the root.
 * Those that cannot be read are left out.
 */
function foldersAbove(root: string): Array<{ id: string; shown: string }> {
  const above: Array<{ id: string; shown: string }> = [];
  try {
    for (let real = fs.realpathSync(root), up = path.dirname(real); up !== real; real = up, up = path.dirname(up)) {
      above.unshift({ id: identity(up), shown: `the folder ${JSON.stringify(up)}` });
    }
  } catch {
    // an unreadable folder above: the cycles through it are found one folder later, as the root again
  }
  return above;
}

function* walk(folder: string, relative: string, above: ReadonlyArray<{ id: string; shown: string }>, throughLink: boolean): Generator<ManifestFile | FileProblem, void> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (e) {
    yield { type: 'problem', path: folder, relative, message: `cannot read the folder: ${fsErrorReason(e)}` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
    const problem = (message: string): FileProblem => ({ type: 'problem', path: full, relative: rel, message });
    const link = entry.isSymbolicLink();
    let stat: fs.Stats | undefined;
    if (link) {
      try {
        stat = fs.statSync(full);
      } catch (e) {
        yield problem(`symbolic link to ${JSON.stringify(linkTarget(full))}: ${fsErrorReason(e)}`);
        continue;
      }
    }
    if (stat ? stat.isDirectory() : entry.isDirectory()) {
      let id: string;
      try {
        id = identity(full);
      } catch (e) {
        yield problem(`cannot read the folder: ${fsErrorReason(e)}`);
        continue;
      }
      const cycle = above.find((a) => a.id === id);
      if (cycle) {
        yield problem(link
          ? `symbolic link cycle: ${JSON.stringify(linkTarget(full))} leads back to ${cycle.shown}, which contains it (not followed)`
          : `folder cycle: it is ${cycle.shown} again, which contains it (not read twice)`);
        continue;
      }
      yield* walk(full, rel, [...above, { id, shown: `the folder ${JSON.stringify(rel)}` }], throughLink || link);
    } else if (isManifestFileName(entry.name)) {
      if (stat ? stat.isFile() : entry.isFile()) yield { type: 'file', path: full, relative: rel, throughLink: throughLink || link };
      else yield problem(`${link ? `symbolic link to ${JSON.stringify(linkTarget(full))}, which ` : ''}is ${kindOf(stat ?? entry)}, not a regular file`);
    }
  }
}

/** How many bytes are read at a time. */
const CHUNK = 256 * 1024;

/**
 * A file to read documents from. It is opened without blocking (a FIFO put where a file was cannot hang the read)
 * and read only if it is a regular file; its size is known before it is read.
 *
 * @internal
 */
export function fileSource(file: string): ByteSource {
  return {
    open: () => {
      const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      let stat: fs.Stats;
      try {
        stat = fs.fstatSync(fd);
        if (!stat.isFile()) throw new UnreadableInput(`is ${kindOf(stat)}, not a regular file`);
      } catch (e) {
        fs.closeSync(fd);
        throw e;
      }
      let closed = false;
      let remaining = stat.size;
      return {
        size: stat.size,
        read: () => {
          // as much as the file should still hold (a small file takes a small buffer), then a little, to see its end
          const chunk = Buffer.allocUnsafe(remaining > 0 ? Math.min(CHUNK, remaining) : 4096);
          const n = fs.readSync(fd, chunk, 0, chunk.length, null);
          remaining -= n;
          return n === 0 ? undefined : chunk.subarray(0, n);
        },
        close: () => {
          if (!closed) fs.closeSync(fd);
          closed = true;
        },
      };
    },
  };
}

/**
 * The whole text (UTF-8) of the regular file `file`, read as `fileSource()` reads (without blocking on a FIFO, only
 * a regular file) and refused past `maxSize` bytes, whatever the file's size said: for small files read whole (a
 * Compose file, the env files it names).
 *
 * @throws UnreadableInput when it is not a regular file or is larger than `maxSize`; the file system's error
 *   (with its `code`, `ENOENT` for a missing file) when it cannot be opened
 * @internal
 */
export function readTextFile(file: string, maxSize: number): string {
  const input = fileSource(file).open();
  try {
    const tooLarge = (size: number) => new UnreadableInput(`too large: received ${formatSize(size)}; allowed: at most ${formatSize(maxSize)}`);
    if (input.size !== undefined && input.size > maxSize) throw tooLarge(input.size);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (let chunk = input.read(); chunk !== undefined; chunk = input.read()) {
      total += chunk.length;
      if (total > maxSize) throw tooLarge(total);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    input.close();
  }
}
