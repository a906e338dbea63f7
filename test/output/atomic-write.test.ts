import * as fs from 'fs';
import * as path from 'path';
import { writeFolderAtomically } from '../../lib';
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
