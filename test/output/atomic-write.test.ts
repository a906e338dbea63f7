import * as fs from 'fs';
import * as path from 'path';
import { finishOutputCleanup, replaceSubfoldersAtomically, startOutputCleanup, writeFolderAtomically } from '../../lib';
import { tmpdir } from '../_helpers';

describe('writeFolderAtomically', () => {
  test('GIVEN a folder written twice WHEN written a third time THEN only the latest previous output is kept aside, and it is deleted by the next write', () => {
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
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(aside[0]);
    expect(fs.readFileSync(path.join(parent, now[0], 'a.yaml'), 'utf8')).toBe('2');
    expect(fs.readFileSync(path.join(out, 'a.yaml'), 'utf8')).toBe('3');
  });

  test('GIVEN previous outputs with sub-folders WHEN the cleanup is started and finished THEN they are deleted and the output is untouched', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    const files = new Map(Array.from({ length: 40 }, (_, i) => [`ns-${i % 4}/f-${i}.yaml`, `${i}`] as [string, string]));
    writeFolderAtomically(out, files);
    writeFolderAtomically(out, files);
    expect(fs.readdirSync(parent)).toHaveLength(2);
    // WHEN
    startOutputCleanup(out);
    finishOutputCleanup(out);
    // THEN
    expect(fs.readdirSync(parent)).toEqual(['out']);
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
