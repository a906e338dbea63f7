/**
 * The default limit on the size of one input (a file, a Git blob, or standard input): 32 MiB. The API server takes
 * requests of at most 3 MiB, so a real manifest file, even a chart's whole output, is far below it; the limit is
 * there so that a wrong path (a disk image, a log, `/dev/zero` behind a pipe) fails at once instead of filling the
 * memory.
 *
 * @internal
 */
export const DEFAULT_MAX_INPUT_SIZE = 32 * 1024 * 1024;

/** The command-line option that raises the limit, named in every message about it. @internal */
export const MAX_INPUT_SIZE_FLAG = '--max-input-size';

/** What `--max-input-size` accepts, in words. @internal */
export const INPUT_SIZE_ALLOWED = 'a number of bytes (e.g. 1048576), or of KiB, MiB or GiB (e.g. 64MiB, 1.5GiB), from 1 byte to 1 TiB';

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kib: 1024, ki: 1024, mib: 1024 ** 2, mi: 1024 ** 2, gib: 1024 ** 3, gi: 1024 ** 3 };

/** The largest limit accepted: far more than any manifest, small enough to count in a JavaScript number. */
const MAX_LIMIT = 1024 ** 4;

/**
 * The size `text` gives, in bytes: a whole number of bytes, or a number followed by `KiB`, `MiB` or `GiB` (`Ki`,
 * `Mi`, `Gi` too, as in Kubernetes quantities; any case, spaces allowed before the unit).
 *
 * @returns the size, rounded down to whole bytes; undefined when `text` is not a size from 1 byte to 1 TiB
 * @internal
 */
export function parseInputSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = UNITS[m[2].toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(m[1]) * unit);
  return bytes >= 1 && bytes <= MAX_LIMIT ? bytes : undefined;
}

/** A size for people: `812 bytes`, `32 MiB`, `40.5 MiB`. @internal */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const [unit, size] = bytes < 1024 ** 2 ? ['KiB', 1024] : bytes < 1024 ** 3 ? ['MiB', 1024 ** 2] : ['GiB', 1024 ** 3];
  const n = bytes / (size as number);
  return `${Number(n.toFixed(1))} ${unit}`;
}
