/** What the file system's error codes mean, in words a user acts on. */
const MEANINGS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EBUSY: 'the file or folder is busy (in use, or a mount point)',
  ENAMETOOLONG: 'a file name or path is too long for the file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENOENT: 'no such file or folder',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error',
  EXDEV: 'the paths are on different file systems',
  EMLINK: 'too many links',
  EFBIG: 'the file is too large',
  ETXTBSY: 'the file is busy',
};

/**
 * The reason of a file system error, for a message: `no space left on the device (ENOSPC)`. Other errors give
 * their message.
 *
 * @internal
 */
export function fsErrorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return `${MEANINGS[code] ?? (e as Error).message.replace(/^[A-Z]+: /, '').split(',')[0]} (${code})`;
  return e instanceof Error ? e.message : String(e);
}

/** The error code of a file system error, if it has one. @internal */
export function fsErrorCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
