import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a folder of files so that it appears all at once: the files are written to a new folder next to
 * `outdir`, which then replaces `outdir` by renames. If anything fails, `outdir` is left as it was and the new
 * folder is removed.
 *
 * @param outdir the folder to write
 * @param files file contents by path relative to `outdir` (with `/` separators)
 */
export function writeFolderAtomically(outdir: string, files: ReadonlyMap<string, string>): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.staging-`));
  try {
    for (const [rel, content] of files) {
      const file = path.join(staging, ...rel.split('/'));
      if (!file.startsWith(staging + path.sep)) throw new Error(`output file "${rel}" would be written outside ${outdir}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content, 'utf8');
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  let previous: string | undefined;
  if (fs.existsSync(target)) {
    previous = `${staging}.previous`;
    fs.renameSync(target, previous);
  }
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    if (previous) fs.renameSync(previous, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (previous) fs.rmSync(previous, { recursive: true, force: true });
}
