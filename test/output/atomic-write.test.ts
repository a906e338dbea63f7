import * as fs from 'fs';
import * as path from 'path';
import { replaceSubfoldersAtomically, writeFolderAtomically } from '../../lib';
import { tmpdir } from '../_helpers';

describe('writeFolderAtomically', () => {
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
