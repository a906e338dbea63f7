// Issue 13, item 4 (bounded `check` and `diff`): `check /dev/zero` grew to 16.9 GB; a 200 MB stream of small
// documents ran 6.5 minutes and died out of memory. Every input is now bounded by --max-input-size (32 MiB by
// default), read as a stream, and a path that is not a regular file or folder is refused before it is opened.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { main } from '../../lib/cli';
import { tmpdir } from '../_helpers';
import { configMapDocument, documentStream } from '../input/_streams';

/** Runs the CLI in-process in `cwd`, with `stdin` as its standard input. */
async function run(argv: string[], options: { stdin?: () => Iterable<Uint8Array> | string; cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    cwd: options.cwd ?? process.cwd(),
    env: process.env,
    stdin: options.stdin ?? (() => ''),
  });
  return { code, stdout, stderr };
}

/** Makes a FIFO (named pipe) at `file`. */
function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

describe('check and diff: bounded input', () => {
  const hasDevZero = fs.existsSync('/dev/zero');

  (hasDevZero ? test : test.skip)('GIVEN /dev/zero as a path WHEN checked THEN it is refused as a character device, without reading it', async () => {
    // WHEN
    const { code, stdout } = await run(['check', '/dev/zero']);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain('error [yaml-syntax] /dev/zero: is a character device, not a file or folder');
    expect(stdout).toContain('in 0 object(s)');
  });

  test('GIVEN a FIFO as a path WHEN checked THEN it is refused, without opening it (no hang)', async () => {
    // GIVEN a FIFO no one writes to: opening it to read would block forever
    const fifo = path.join(tmpdir(), 'pipe.yaml');
    mkfifo(fifo);
    // WHEN
    const { code, stdout } = await run(['check', fifo]);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`${fifo}: is a FIFO (named pipe), not a file or folder`);
  });

  test('GIVEN a FIFO named like a manifest in a folder WHEN checked THEN it is a problem naming it, not a file silently skipped', async () => {
    // GIVEN
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), configMapDocument(1));
    mkfifo(path.join(dir, 'b.yaml'));
    // WHEN
    const { code, stdout } = await run(['check', dir]);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(dir, 'b.yaml')}: is a FIFO (named pipe), not a regular file`);
    expect(stdout).toContain('in 1 object(s)');
  });

  test('GIVEN a FIFO in a folder WHEN diffed THEN it is an error naming it, not a hang', async () => {
    // GIVEN
    const root = tmpdir();
    for (const side of ['a', 'b']) {
      fs.mkdirSync(path.join(root, side));
      fs.writeFileSync(path.join(root, side, 'cm.yaml'), configMapDocument(1));
    }
    mkfifo(path.join(root, 'b', 'pipe.yaml'));
    // WHEN
    const { code, stderr } = await run(['diff', 'a', 'b'], { cwd: root });
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain('b/pipe.yaml: is a FIFO (named pipe), not a regular file');
  });

  test('GIVEN a socket named like a manifest in a folder WHEN checked THEN it is a problem naming it, not a file silently skipped', async () => {
    // GIVEN
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), configMapDocument(1));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'b.yaml'), resolve));
    try {
      // WHEN
      const { code, stdout } = await run(['check', dir]);
      // THEN
      expect(code).toBe(1);
      expect(stdout).toContain(`${path.join(dir, 'b.yaml')}: is a socket, not a regular file`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('GIVEN a 60 MB stream of small documents on standard input WHEN checked THEN it is refused with the flag named, having read no more than the limit', async () => {
    // GIVEN
    const stream = documentStream(60 * 1000 * 1000);
    // WHEN
    const { code, stdout } = await run(['check', '-'], { stdin: stream.chunks });
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain('error [yaml-syntax] <stdin>: too large: received more than 32 MiB; allowed: at most 32 MiB per file or stream (raise the limit with --max-input-size)');
    expect(stdout).toContain('in 0 object(s)');
    expect(stream.taken()).toBeLessThan(32 * 1024 * 1024 + 200 * 1024);
  });

  test('GIVEN a file larger than the limit WHEN checked THEN it is refused with its name, its size and the flag, without a byte read', async () => {
    // GIVEN a sparse 40 MiB file
    const file = path.join(tmpdir(), 'huge.yaml');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 40 * 1024 * 1024);
    const reads = jest.spyOn(fs, 'readSync');
    // WHEN
    const { code, stdout } = await run(['check', file]);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}: too large: received 40 MiB (41943040 bytes); allowed: at most 32 MiB per file or stream (raise the limit with --max-input-size)`);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
  });

  test('GIVEN --max-input-size 1KiB and a larger file WHEN diffed THEN it is an error naming the file, its size and the flag', async () => {
    // GIVEN
    const root = tmpdir();
    for (const side of ['a', 'b']) fs.mkdirSync(path.join(root, side));
    fs.writeFileSync(path.join(root, 'a', 'cm.yaml'), configMapDocument(1) + `  padding: "${'x'.repeat(2000)}"\n`);
    // WHEN
    const { code, stderr } = await run(['diff', 'a', 'b', '--max-input-size', '1KiB'], { cwd: root });
    // THEN
    expect(code).toBe(1);
    expect(stderr).toMatch(/a\/cm\.yaml: too large: received 2\.1 KiB \(2109 bytes\); allowed: at most 1 KiB per file or stream \(raise the limit with --max-input-size\)/);
  });

  test('GIVEN a raised limit WHEN a stream of small documents is checked from standard input THEN every object is checked', async () => {
    // GIVEN 1,000 distinct ConfigMaps, in chunks
    const docs = Array.from({ length: 1000 }, (_, i) => configMapDocument(i)).join('');
    const bytes = Buffer.from(docs);
    function* chunks(): Generator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += 4096) yield bytes.subarray(at, at + 4096);
    }
    // WHEN
    const { code, stdout } = await run(['check', '-', '--max-input-size', '64MiB'], { stdin: chunks });
    // THEN
    expect(stdout).toBe('0 error(s), 0 warning(s) in 1000 object(s)\n');
    expect(code).toBe(0);
  });

  test('GIVEN a --max-input-size that is not a size WHEN run THEN it is a usage error quoting the value and what is allowed', async () => {
    // WHEN
    const { code, stderr } = await run(['check', '-', '--max-input-size', '12XB']);
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain('received "12XB"; allowed: a number of bytes (e.g. 1048576), or of KiB, MiB or GiB');
  });
});
