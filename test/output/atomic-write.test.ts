import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { finishOutputCleanup, replaceSubfoldersAtomically, startOutputCleanup, writeFolderAtomically } from '../../lib';
import { tmpdir } from '../_helpers';

describe('writeFolderAtomically', () => {
  test('GIVEN a folder written twice WHEN written a third time THEN one previous output is kept aside: the one just replaced', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, new Map([['a.yaml', '1']]));
    writeFolderAtomically(out, new Map([['a.yaml', '2']]));
    const aside = fs.readdirSync(parent).filter((n) => n !== 'out');
    expect(aside).toEqual([expect.stringMatching(/^\.out\.staging-.*\.previous$/)]);
    expect(fs.readFileSync(path.join(parent, aside[0], 'a.yaml'), 'utf8')).toBe('1');
    // WHEN
    writeFolderAtomically(out, new Map([['a.yaml', '3']]));
    // THEN
    const now = fs.readdirSync(parent).filter((n) => n !== 'out');
    expect(now).toEqual([expect.stringMatching(/^\.out\.staging-.*\.previous$/)]);
    expect(fs.readFileSync(path.join(parent, now[0], 'a.yaml'), 'utf8')).toBe('2');
    expect(fs.readFileSync(path.join(out, 'a.yaml'), 'utf8')).toBe('3');
  });

  test('GIVEN a previous output kept aside WHEN written again THEN a file that already holds its content is not rewritten', () => {
    // GIVEN: the previous output kept aside holds same.yaml with an old modification time
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, new Map([['ns/same.yaml', 'same'], ['ns/changed.yaml', 'old']]));
    const old = new Date('2020-01-01T00:00:00Z');
    for (const f of ['same.yaml', 'changed.yaml']) fs.utimesSync(path.join(out, 'ns', f), old, old);
    writeFolderAtomically(out, new Map([['ns/same.yaml', 'same'], ['ns/changed.yaml', 'old']]));
    // WHEN: the third write reuses the first output as its staging folder
    writeFolderAtomically(out, new Map([['ns/same.yaml', 'same'], ['ns/changed.yaml', 'new']]));
    // THEN
    expect(fs.statSync(path.join(out, 'ns', 'same.yaml')).mtime).toEqual(old);
    expect(fs.statSync(path.join(out, 'ns', 'changed.yaml')).mtime).not.toEqual(old);
    expect(fs.readFileSync(path.join(out, 'ns', 'changed.yaml'), 'utf8')).toBe('new');
  });

  test('GIVEN a reused previous output with files and folders the new output lacks WHEN written THEN the folder holds exactly the new files', () => {
    // GIVEN
    const out = path.join(tmpdir(), 'out');
    writeFolderAtomically(out, new Map([['gone/a.yaml', 'a'], ['ns/gone.yaml', 'g'], ['ns/kept.yaml', 'k'], ['top.yaml', 't']]));
    writeFolderAtomically(out, new Map([['x.yaml', 'x']]));
    // WHEN
    writeFolderAtomically(out, new Map([['ns/kept.yaml', 'k'], ['new/b.yaml', 'b']]));
    // THEN
    expect(fs.readdirSync(out).sort()).toEqual(['new', 'ns']);
    expect(fs.readdirSync(path.join(out, 'ns'))).toEqual(['kept.yaml']);
    expect(fs.readFileSync(path.join(out, 'new', 'b.yaml'), 'utf8')).toBe('b');
  });

  test('GIVEN a reused previous output where files and folders trade places WHEN written THEN each path holds what the new output has', () => {
    // GIVEN: "a" was a folder and "b" a file
    const out = path.join(tmpdir(), 'out');
    writeFolderAtomically(out, new Map([['a/one.yaml', '1'], ['b', 'file b']]));
    writeFolderAtomically(out, new Map([['x.yaml', 'x']]));
    // WHEN: "a" is a file and "b" a folder
    writeFolderAtomically(out, new Map([['a', 'file a'], ['b/two.yaml', '2']]));
    // THEN
    expect(fs.readFileSync(path.join(out, 'a'), 'utf8')).toBe('file a');
    expect(fs.readdirSync(path.join(out, 'b'))).toEqual(['two.yaml']);
  });

  test('GIVEN a symbolic link in a reused previous output WHEN a file is written at its path THEN the link is replaced, not followed', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    const outside = path.join(parent, 'outside.yaml');
    fs.writeFileSync(outside, 'outside');
    writeFolderAtomically(out, new Map([['x.yaml', 'x']]));
    writeFolderAtomically(out, new Map([['x.yaml', 'x']]));
    const aside = fs.readdirSync(parent).find((n) => n.endsWith('.previous')) as string;
    fs.symlinkSync(outside, path.join(parent, aside, 'link.yaml'));
    // WHEN
    writeFolderAtomically(out, new Map([['link.yaml', 'inside']]));
    // THEN
    expect(fs.lstatSync(path.join(out, 'link.yaml')).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(out, 'link.yaml'), 'utf8')).toBe('inside');
    expect(fs.readFileSync(outside, 'utf8')).toBe('outside');
  });

  test('GIVEN a file and a folder of the new output at the same path WHEN written over a reused previous output THEN it fails and the output is untouched', () => {
    // GIVEN
    const out = path.join(tmpdir(), 'out');
    writeFolderAtomically(out, new Map([['a/b.yaml', 'b']]));
    writeFolderAtomically(out, new Map([['a/b.yaml', 'b']]));
    // WHEN / THEN
    expect(() => writeFolderAtomically(out, new Map([['a/b.yaml', 'b'], ['a', 'file a']]))).toThrow('output file "a" goes where a folder of other output files goes');
    expect(fs.readFileSync(path.join(out, 'a', 'b.yaml'), 'utf8')).toBe('b');
  });

  test('GIVEN a write that fails over a reused previous output WHEN written THEN the output is untouched and one previous output is still kept aside', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, new Map([['keep.yaml', '1']]));
    writeFolderAtomically(out, new Map([['keep.yaml', '2']]));
    // WHEN
    expect(() => writeFolderAtomically(out, new Map([['ok.yaml', 'x'], ['../escape.yaml', 'y']]))).toThrow(/outside/);
    // THEN
    expect(fs.readFileSync(path.join(out, 'keep.yaml'), 'utf8')).toBe('2');
    expect(fs.readdirSync(parent).filter((n) => n !== 'out')).toEqual([expect.stringMatching(/^\.out\.staging-.*\.previous$/)]);
  });

  test('GIVEN several previous outputs kept aside WHEN the cleanup is started and finished THEN the newest is kept for reuse and the others are deleted', () => {
    // GIVEN: two more previous outputs, as left by interrupted writes, older than the one kept aside
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    const files = new Map(Array.from({ length: 40 }, (_, i) => [`ns-${i % 4}/f-${i}.yaml`, `${i}`] as [string, string]));
    writeFolderAtomically(out, files);
    writeFolderAtomically(out, files);
    const kept = fs.readdirSync(parent).find((n) => n.endsWith('.previous')) as string;
    const old = new Date('2020-01-01T00:00:00Z');
    for (const name of ['.out.staging-old1.previous', '.out.staging-old2.previous']) {
      fs.mkdirSync(path.join(parent, name, 'ns'), { recursive: true });
      fs.writeFileSync(path.join(parent, name, 'ns', 'f.yaml'), 'x');
      fs.utimesSync(path.join(parent, name), old, old);
    }
    // WHEN
    startOutputCleanup(out);
    finishOutputCleanup(out);
    // THEN
    expect(fs.readdirSync(parent).sort()).toEqual([kept, 'out'].sort());
    expect(fs.readdirSync(path.join(out, 'ns-0'))).toHaveLength(10);
  });

  test('GIVEN files WHEN written THEN the folder holds exactly them, in sub-folders as named', () => {
    const out = path.join(tmpdir(), 'out');
    writeFolderAtomically(out, new Map([['a.yaml', 'a'], ['sub/b.yaml', 'b']]));
    expect(fs.readFileSync(path.join(out, 'a.yaml'), 'utf8')).toBe('a');
    expect(fs.readFileSync(path.join(out, 'sub', 'b.yaml'), 'utf8')).toBe('b');
  });

  test('GIVEN an existing folder WHEN written THEN files that are no longer produced are gone', () => {
    const out = path.join(tmpdir(), 'out');
    writeFolderAtomically(out, new Map([['old.yaml', 'x']]));
    writeFolderAtomically(out, new Map([['new.yaml', 'y']]));
    expect(fs.readdirSync(out)).toEqual(['new.yaml']);
  });

  test('GIVEN a file that cannot be written WHEN written THEN the previous folder is untouched and no staging folder is left', () => {
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, new Map([['keep.yaml', 'keep']]));
    expect(() => writeFolderAtomically(out, new Map([['ok.yaml', 'x'], ['../escape.yaml', 'y']]))).toThrow(/outside/);
    expect(fs.readdirSync(out)).toEqual(['keep.yaml']);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });
});

describe('writeFolderAtomically output paths', () => {
  test('GIVEN any relative path of plain, ".", ".." and empty segments WHEN written THEN the file is where path.join() puts it, or the write is refused when that is not inside the folder', () => {
    const parent = tmpdir();
    const segment = fc.constantFrom('a', 'b.yaml', '.', '..', '', '..x', '.hidden', 'a-b_c.d');
    let n = 0;
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
      // GIVEN
      const out = path.join(parent, `out-${n++}`);
      const rel = segments.join('/');
      const expected = path.join(out, ...segments);
      // WHEN
      const write = (): void => writeFolderAtomically(out, new Map([[rel, 'x']]));
      // THEN
      if (!expected.startsWith(out + path.sep)) {
        expect(write).toThrow(/would be written outside/);
      } else {
        write();
        expect(fs.readFileSync(expected, 'utf8')).toBe('x');
      }
    }), { numRuns: 200 });
    fs.rmSync(parent, { recursive: true, force: true });
  });
});

describe('replaceSubfoldersAtomically', () => {
  test('GIVEN some sub-folders WHEN replaced THEN they hold exactly the new files and the others are untouched', () => {
    // GIVEN
    const out = path.join(tmpdir(), 'out');
    writeFolderAtomically(out, new Map([['dev/old.yaml', 'old'], ['prod/keep.yaml', 'keep'], ['notes.md', 'notes']]));
    // WHEN
    replaceSubfoldersAtomically(out, new Map([['dev', new Map([['new.yaml', 'new']])], ['qa', new Map([['a/b.yaml', 'b']])]]));
    // THEN
    expect(fs.readdirSync(out)).toEqual(['dev', 'notes.md', 'prod', 'qa']);
    expect(fs.readdirSync(path.join(out, 'dev'))).toEqual(['new.yaml']);
    expect(fs.readFileSync(path.join(out, 'prod', 'keep.yaml'), 'utf8')).toBe('keep');
    expect(fs.readFileSync(path.join(out, 'qa', 'a', 'b.yaml'), 'utf8')).toBe('b');
  });

  test('GIVEN a file that cannot be written WHEN replaced THEN no sub-folder changes and no staging folder is left', () => {
    const out = path.join(tmpdir(), 'out');
    writeFolderAtomically(out, new Map([['dev/keep.yaml', 'keep']]));
    expect(() => replaceSubfoldersAtomically(out, new Map([
      ['dev', new Map([['ok.yaml', 'x']])],
      ['prod', new Map([['../escape.yaml', 'y']])],
    ]))).toThrow(/outside/);
    expect(fs.readdirSync(out)).toEqual(['dev']);
    expect(fs.readdirSync(path.join(out, 'dev'))).toEqual(['keep.yaml']);
  });

  test('GIVEN a sub-folder name with a separator WHEN replaced THEN it is refused', () => {
    expect(() => replaceSubfoldersAtomically(path.join(tmpdir(), 'out'), new Map([['a/b', new Map()]]))).toThrow('"a/b" is not a folder name');
  });
});
