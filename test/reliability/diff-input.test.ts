// Issue 13, item 4 (false "No changes"): `diff` missed changes under `!!omap`/`!!set` (read as a Map or Set, which
// JSON shows as `{}`) and in invalid UTF-8 bytes (decoded to U+FFFD, so different bytes compared equal). YAML is now
// read into JSON data as kubectl reads it, and bytes that are not text are an error.
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

/** Runs `diff before after` in-process on two folders holding `before` and `after` as `cm.yaml` (text or bytes). */
async function diff(before: string | Uint8Array, after: string | Uint8Array, ...options: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = tmpdir();
  for (const [side, content] of [['before', before], ['after', after]] as const) {
    fs.mkdirSync(path.join(root, side));
    fs.writeFileSync(path.join(root, side, 'cm.yaml'), content);
  }
  let stdout = '';
  let stderr = '';
  const code = await main(['diff', 'before', 'after', ...options], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: root, env: process.env });
  return { code, stdout, stderr };
}

/** A ConfigMap whose `spec` field is `value` (YAML, indented under it). */
function withValue(value: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  value: ${value}\n`;
}

describe('diff: YAML read as JSON data, bytes as text', () => {
  test('GIVEN a change under !!omap WHEN diffed THEN it is reported, as a list of one-key maps', async () => {
    // WHEN
    const { code, stdout } = await diff(withValue('!!omap [{a: 1}, {b: 2}]'), withValue('!!omap [{a: 1}, {b: 3}]'), '--json');
    // THEN
    expect(code).toBe(2);
    expect(JSON.parse(stdout).changed[0].changes).toEqual([{ path: '/spec/value/1/b', before: 2, after: 3 }]);
  });

  test('GIVEN a change of the members of a !!set WHEN diffed THEN it is reported, as a map with null values', async () => {
    // WHEN
    const { code, stdout } = await diff(withValue('!!set {a, b}'), withValue('!!set {a, c}'), '--json');
    // THEN
    expect(code).toBe(2);
    expect(JSON.parse(stdout).changed[0].changes).toEqual([{ path: '/spec/value/b', before: null }, { path: '/spec/value/c', after: null }]);
  });

  test('GIVEN timestamps WHEN diffed THEN they stay the strings written, as kubectl reads them', async () => {
    // WHEN
    const { code, stdout } = await diff(withValue('2024-01-01'), withValue('!!timestamp 2024-01-02'), '--json');
    // THEN
    expect(code).toBe(2);
    expect(JSON.parse(stdout).changed[0].changes).toEqual([{ path: '/spec/value', before: '2024-01-01', after: '2024-01-02' }]);
  });

  test('GIVEN two files that differ only in invalid UTF-8 bytes WHEN diffed THEN it is an error naming the file and the offset, not "No changes"', async () => {
    // GIVEN Latin-1 "é" and "è": both would decode to U+FFFD
    const text = (byte: number): Buffer => Buffer.concat([Buffer.from(withValue('caf')).subarray(0, -1), Buffer.from([byte, 0x0a])]);
    // WHEN
    const { code, stdout, stderr } = await diff(text(0xe9), text(0xe8));
    // THEN
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/before\/cm\.yaml: not UTF-8 text: invalid byte 0xe9 at byte offset \d+/);
  });

  test('GIVEN a !!binary value WHEN diffed THEN it is an error naming the file and line', async () => {
    const { code, stderr } = await diff(withValue('!!binary aGVsbG8='), withValue('x'));
    expect(code).toBe(1);
    expect(stderr).toContain('before/cm.yaml:7: invalid YAML: a !!binary value is not JSON data; write its base64 text as a plain string');
  });

  test('GIVEN .nan WHEN diffed THEN it is an error naming the file and line, as JSON cannot hold it', async () => {
    const { code, stderr } = await diff(withValue('.nan'), withValue('.nan'));
    expect(code).toBe(1);
    expect(stderr).toContain('before/cm.yaml:7: invalid YAML: a number JSON cannot hold (NaN or infinite, as .nan, .inf or 1e999)');
  });
});
