import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { OUTPUT_MARKER_FILE, replaceSubfoldersAtomically, writeFolderAtomically } from '../../lib';
import { tmpdir } from '../_helpers';

/** The entries of a folder, but the marker file synth writes in every output folder. */
function entries(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n !== OUTPUT_MARKER_FILE).sort();
}

describe('writeFolderAtomically', () => {
  test('GIVEN files WHEN written THEN the folder holds exactly them, in sub-folders as named, and the marker file', () => {
    // GIVEN
    const out = path.join(tmpdir(), 'out');
    // WHEN
    writeFolderAtomically(out, new Map([['a.yaml', 'a'], ['sub/b.yaml', 'b']]));
    // THEN
    expect(fs.readdirSync(out).sort()).toEqual([OUTPUT_MARKER_FILE, 'a.yaml', 'sub']);
    expect(fs.readFileSync(path.join(out, 'a.yaml'), 'utf8')).toBe('a');
    expect(fs.readFileSync(path.join(out, 'sub', 'b.yaml'), 'utf8')).toBe('b');
  });

  test('GIVEN an existing output WHEN written THEN files that are no longer produced are gone', () => {
    // GIVEN
    const out = path.join(tmpdir(), 'out');
    writeFolderAtomically(out, new Map([['old.yaml', 'x'], ['gone/a.yaml', 'a']]));
    // WHEN
    writeFolderAtomically(out, new Map([['new.yaml', 'y']]));
    // THEN
    expect(entries(out)).toEqual(['new.yaml']);
  });

  test('GIVEN two writes WHEN done THEN nothing is left next to the output folder', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    // WHEN
    writeFolderAtomically(out, new Map([['a.yaml', '1']]));
    writeFolderAtomically(out, new Map([['a.yaml', '2']]));
    // THEN
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  test('GIVEN a file the writer refuses WHEN written THEN the previous output is untouched and nothing is left next to it', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, new Map([['keep.yaml', 'keep']]));
    // WHEN
    const write = (): unknown => writeFolderAtomically(out, new Map([['ok.yaml', 'x'], ['../escape.yaml', 'y']]));
    // THEN
    expect(write).toThrow(/would be written outside the output folder/);
    expect(entries(out)).toEqual(['keep.yaml']);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  test('GIVEN a file and a folder of the new output at the same path WHEN written THEN it is refused and the output is untouched', () => {
    // GIVEN
    const out = path.join(tmpdir(), 'out');
    writeFolderAtomically(out, new Map([['a/b.yaml', 'b']]));
    // WHEN
    const write = (): unknown => writeFolderAtomically(out, new Map([['a/b.yaml', 'b'], ['a', 'file a']]));
    // THEN
    expect(write).toThrow('The output file "a" is written twice, or where a folder of other output files goes.');
    expect(entries(out)).toEqual(['a']);
  });

  test('GIVEN the same file twice WHEN written THEN it is refused', () => {
    const out = path.join(tmpdir(), 'out');
    expect(() => writeFolderAtomically(out, [['a.yaml', '1'], ['a.yaml', '2']])).toThrow('"a.yaml" is written twice');
  });

  test('GIVEN a process umask of 022 WHEN written THEN the output folder and its files have the modes the umask gives', () => {
    // GIVEN
    const out = path.join(tmpdir(), 'out');
    const umask = process.umask(0o022);
    try {
      // WHEN
      writeFolderAtomically(out, new Map([['ns/a.yaml', 'a']]));
    } finally {
      process.umask(umask);
    }
    // THEN
    expect(fs.statSync(out).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(out, 'ns')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(out, 'ns', 'a.yaml')).mode & 0o777).toBe(0o644);
  });

  test('GIVEN a lock file of a live process WHEN written THEN it is refused, naming the process, and the output is untouched', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, new Map([['a.yaml', '1']]));
    fs.writeFileSync(path.join(parent, '.out.cdk8s-platform-lock'), `${process.ppid}\n`);
    // WHEN
    const write = (): unknown => writeFolderAtomically(out, new Map([['a.yaml', '2']]));
    // THEN
    expect(write).toThrow(`Another synth (process ${process.ppid}) is writing the output folder`);
    expect(fs.readFileSync(path.join(out, 'a.yaml'), 'utf8')).toBe('1');
  });

  test('GIVEN a lock file of a process that is gone WHEN written THEN the lock is taken over and removed', () => {
    // GIVEN: a pid above the kernel's maximum is never alive
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    fs.writeFileSync(path.join(parent, '.out.cdk8s-platform-lock'), '4194305\n');
    // WHEN
    writeFolderAtomically(out, new Map([['a.yaml', '1']]));
    // THEN
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  test('GIVEN staging folders and previous outputs of interrupted writes, new and from earlier versions, WHEN written THEN they are all gone', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, new Map([['a.yaml', '1']]));
    for (const name of ['.out.cdk8s-platform-staging-0123456789ab', '.out.cdk8s-platform-previous-0123456789ab', '.out.staging-AbC123', '.out.staging-XyZ789.previous']) {
      fs.mkdirSync(path.join(parent, name, 'ns'), { recursive: true });
      fs.writeFileSync(path.join(parent, name, 'ns', 'x.yaml'), 'x');
    }
    // WHEN
    writeFolderAtomically(out, new Map([['a.yaml', '2']]));
    // THEN
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  test('GIVEN a folder next to the output that only looks like a leftover WHEN written THEN it is kept', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    fs.mkdirSync(path.join(parent, '.out.cdk8s-platform-staging-mine'));
    fs.mkdirSync(path.join(parent, '.other.cdk8s-platform-staging-0123456789ab'));
    // WHEN
    writeFolderAtomically(out, new Map([['a.yaml', '1']]));
    // THEN
    expect(fs.readdirSync(parent).sort()).toEqual(['.other.cdk8s-platform-staging-0123456789ab', '.out.cdk8s-platform-staging-mine', 'out']);
  });

  test('GIVEN an output folder missing and its previous output moved aside by an interrupted swap WHEN a write fails THEN the previous output is back in place', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, new Map([['a.yaml', 'old']]));
    fs.renameSync(out, path.join(parent, '.out.cdk8s-platform-previous-0123456789ab'));
    // WHEN
    const write = (): unknown => writeFolderAtomically(out, new Map([['../escape.yaml', 'y']]));
    // THEN
    expect(write).toThrow(/outside/);
    expect(fs.readFileSync(path.join(out, 'a.yaml'), 'utf8')).toBe('old');
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
      const write = (): unknown => writeFolderAtomically(out, new Map([[rel, 'x']]));
      // THEN
      if (!expected.startsWith(out + path.sep) || expected === path.join(out, OUTPUT_MARKER_FILE)) {
        expect(write).toThrow(/would be written outside|written twice/);
      } else {
        write();
        expect(fs.readFileSync(expected, 'utf8')).toBe('x');
      }
    }), { numRuns: 200 });
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
    expect(entries(out)).toEqual(['dev', 'notes.md', 'prod', 'qa']);
    expect(fs.readdirSync(path.join(out, 'dev'))).toEqual(['new.yaml']);
    expect(fs.readFileSync(path.join(out, 'prod', 'keep.yaml'), 'utf8')).toBe('keep');
    expect(fs.readFileSync(path.join(out, 'qa', 'a', 'b.yaml'), 'utf8')).toBe('b');
  });

  test('GIVEN some sub-folders WHEN replaced THEN no staging folder is left inside or next to the output', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, new Map([['dev/a.yaml', 'a'], ['prod/b.yaml', 'b']]));
    // WHEN
    replaceSubfoldersAtomically(out, new Map([['dev', new Map([['a.yaml', 'A']])]]));
    // THEN
    expect(fs.readdirSync(parent)).toEqual(['out']);
    expect(entries(out)).toEqual(['dev', 'prod']);
  });

  test('GIVEN a staging folder an earlier version left inside the output WHEN sub-folders are replaced THEN it is gone', () => {
    // GIVEN
    const out = path.join(tmpdir(), 'out');
    writeFolderAtomically(out, new Map([['dev/a.yaml', 'a']]));
    fs.mkdirSync(path.join(out, '.staging-Ab12Cd', 'new', 'dev'), { recursive: true });
    // WHEN
    replaceSubfoldersAtomically(out, new Map([['dev', new Map([['a.yaml', 'A']])]]));
    // THEN
    expect(entries(out)).toEqual(['dev']);
  });

  test('GIVEN a file outside its sub-folder WHEN replaced THEN it is refused, no sub-folder changes and nothing is left next to the output', () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, new Map([['dev/keep.yaml', 'keep']]));
    // WHEN
    const replace = (): unknown => replaceSubfoldersAtomically(out, new Map([
      ['dev', new Map([['ok.yaml', 'x']])],
      ['prod', new Map([['../escape.yaml', 'y']])],
    ]));
    // THEN
    expect(replace).toThrow(/would be written outside its folder/);
    expect(entries(out)).toEqual(['dev']);
    expect(fs.readdirSync(path.join(out, 'dev'))).toEqual(['keep.yaml']);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });

  test('GIVEN a sub-folder name with a separator WHEN replaced THEN it is refused', () => {
    expect(() => replaceSubfoldersAtomically(path.join(tmpdir(), 'out'), new Map([['a/b', new Map()]]))).toThrow('"a/b" is not a sub-folder name');
  });
});

describe('writeFolderAtomically, a large output', () => {
  /** `n` files in 10 folders. */
  const many = (n: number, text: string): Map<string, string> =>
    new Map(Array.from({ length: n }, (_, i) => [`ns-${i % 10}/f-${i}.yaml`, text] as [string, string]));

  test('GIVEN an output of 1,200 files WHEN written again THEN the new output is in place at once and the previous one is gone a moment later', async () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, many(1200, 'old'));
    // WHEN
    writeFolderAtomically(out, many(1200, 'new'));
    // THEN
    expect(fs.readFileSync(path.join(out, 'ns-0', 'f-0.yaml'), 'utf8')).toBe('new');
    for (let i = 0; i < 200 && fs.readdirSync(parent).length > 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(parent)).toEqual(['out']);
  }, 20_000);

  test('GIVEN a large previous output still being deleted WHEN written again at once THEN the output is the newest and nothing is left beside it', async () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, many(1200, 'one'));
    writeFolderAtomically(out, many(1200, 'two'));
    // WHEN
    writeFolderAtomically(out, many(1200, 'three'));
    // THEN
    expect(fs.readFileSync(path.join(out, 'ns-3', 'f-3.yaml'), 'utf8')).toBe('three');
    for (let i = 0; i < 200 && fs.readdirSync(parent).length > 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(parent)).toEqual(['out']);
  }, 20_000);

  test('GIVEN no rm on the PATH WHEN a large output is replaced THEN the previous output stays beside it until the next write deletes it', async () => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, many(1200, 'one'));
    const pathVariable = process.env.PATH;
    // WHEN: the background deletion cannot start (PATH names only an empty folder: no rm there)
    process.env.PATH = tmpdir();
    try {
      writeFolderAtomically(out, many(1200, 'two'));
    } finally {
      process.env.PATH = pathVariable;
    }
    await new Promise((r) => setTimeout(r, 200));
    const beside = fs.readdirSync(parent).filter((n) => n !== 'out');
    writeFolderAtomically(out, many(10, 'three'));
    // THEN
    expect(beside).toEqual([expect.stringMatching(/^\.out\.cdk8s-platform-previous-[0-9a-f]{12}$/)]);
    expect(fs.readdirSync(parent)).toEqual(['out']);
    expect(fs.readFileSync(path.join(out, 'ns-3', 'f-3.yaml'), 'utf8')).toBe('three');
  }, 20_000);
});
