import * as path from 'path';
import { CliIo, main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

/*
 * init writes each file to a temporary file beside it and renames them all once every one is written: a failure
 * while writing (here an injected ENOSPC on the fourth file) leaves nothing behind, neither files nor folders nor
 * temporary files, and is one clear message.
 */

// The real fs, but opening init's fourth temporary file fails with ENOSPC.
let failOpenAfter = Infinity;
jest.mock('fs', () => {
  const real = jest.requireActual('fs');
  return {
    ...real,
    openSync: (file: string, ...rest: unknown[]) => {
      if (typeof file === 'string' && /\.init-\d+-[0-9a-f]{8}\.tmp$/.test(file) && --failOpenAfter < 0) {
        throw Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), { code: 'ENOSPC' });
      }
      return real.openSync(file, ...rest);
    },
  };
});
const fs: typeof import('fs') = jest.requireActual('fs');

function recordingIo(cwd: string): CliIo & { err: string[] } {
  const err: string[] = [];
  return { err, cwd, env: {}, stdout: () => undefined, stderr: (t) => { err.push(t); } };
}

describe('init writes atomically', () => {
  test('GIVEN the disk fills up while init writes its fourth file WHEN init runs THEN nothing is left in the folder and the message names the file', async () => {
    // GIVEN
    const dir = path.join(tmpdir(), 'shop');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'README.md'), '# shop\n');
    failOpenAfter = 3;
    const io = recordingIo(dir);
    // WHEN
    const code = await main(['init'], io);
    // THEN
    expect(code).toBe(1);
    expect(io.err.join('')).toMatch(/^cdk8s-platform: init: cannot write apps\/main\.ts in .*: no space left on the device \(ENOSPC\); nothing was written\.\n$/);
    expect(fs.readdirSync(dir)).toEqual(['README.md']);
  });
});
