import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OUTPUT_MARKER_FILE, PlatformError, writeFolderAtomically } from '../../lib';

/**
 * A really full disk: a 1 MiB tmpfs, mounted for the test (it needs root and mount; elsewhere
 * `output-crash-points.test.ts` injects ENOSPC at every step instead). A write that does not fit is one clear error,
 * the output is unchanged, and the space is free again afterwards (the staging folder is gone).
 */

/** A 1 MiB tmpfs, or undefined where one cannot be mounted. */
function mountSmallDisk(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  // Not tmpdir(): its clean-up would run before the file system is unmounted.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-platform-disk-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
  if (r.status === 0) return dir;
  fs.rmdirSync(dir);
  return undefined;
}

const disk = mountSmallDisk();
afterAll(() => {
  if (!disk) return;
  spawnSync('umount', [disk]);
  fs.rmdirSync(disk);
});

/** Free bytes of the file system of `dir`. */
function freeBytes(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

/** `count` files of `size` bytes each. */
function files(count: number, size: number, text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) out.set(`ns/file-${i}.yaml`, `${text}\n`.padEnd(size, 'x'));
  return out;
}

const onSmallDisk = disk ? test : test.skip;

describe('the output writer on a full disk', () => {
  onSmallDisk('GIVEN an output on a 1 MiB disk WHEN a write of 2 MiB runs out of space THEN it is one clear error, the output is unchanged and the space is free again', () => {
    // GIVEN
    const out = path.join(disk!, 'dist');
    writeFolderAtomically(out, files(10, 10_000, 'old'));
    const free = freeBytes(disk!);
    // WHEN
    let error: unknown;
    try {
      writeFolderAtomically(out, files(200, 10_000, 'new'));
    } catch (e) {
      error = e;
    }
    // THEN
    expect(PlatformError.isPlatformError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^Cannot write the output folder ".*dist": no space left on the device \(ENOSPC\) \(at .*dist\/ns\/file-\d+\.yaml\)\. The output folder is unchanged\.$/);
    expect(fs.readdirSync(out).filter((n) => n !== OUTPUT_MARKER_FILE)).toEqual(['ns']);
    expect(fs.readFileSync(path.join(out, 'ns', 'file-0.yaml'), 'utf8').startsWith('old\n')).toBe(true);
    expect(fs.readdirSync(disk!)).toEqual(['dist']);
    expect(freeBytes(disk!)).toBe(free);
  });

  onSmallDisk('GIVEN a full disk that was freed WHEN written again THEN the new output is written', () => {
    const out = path.join(disk!, 'dist2');
    expect(() => writeFolderAtomically(out, files(200, 10_000, 'big'))).toThrow(/ENOSPC/);
    writeFolderAtomically(out, files(10, 10_000, 'small'));
    expect(fs.readdirSync(path.join(out, 'ns'))).toHaveLength(10);
  });
});

describe('the output writer on file systems that refuse', () => {
  onSmallDisk('GIVEN a read-only file system WHEN written THEN it is one clear error naming EROFS', () => {
    // GIVEN
    const out = path.join(disk!, 'ro');
    writeFolderAtomically(out, files(1, 10, 'old'));
    spawnSync('mount', ['-o', 'remount,ro', disk!]);
    try {
      // WHEN
      const write = (): unknown => writeFolderAtomically(out, files(1, 10, 'new'));
      // THEN
      expect(write).toThrow(PlatformError);
      expect(write).toThrow(/the file system is read-only \(EROFS\)/);
    } finally {
      spawnSync('mount', ['-o', 'remount,rw', disk!]);
    }
  });

  onSmallDisk('GIVEN an output folder that is a mount point WHEN written THEN it is one clear error saying to write inside it', () => {
    // GIVEN: a file system mounted at the output folder itself
    const out = path.join(disk!, 'mounted');
    fs.mkdirSync(out);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', out]).status).toBe(0);
    try {
      // WHEN
      const write = (): unknown => writeFolderAtomically(out, files(1, 10, 'new'));
      // THEN
      expect(write).toThrow(PlatformError);
      expect(write).toThrow(/is a mount point \(EBUSY\): synth replaces the output folder itself, so choose a folder inside it/);
    } finally {
      spawnSync('umount', [out]);
    }
  });
});
