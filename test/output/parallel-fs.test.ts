import * as fs from 'fs';
import * as path from 'path';
import { ParallelFs, removeFolder } from '../../lib/output/_parallel-fs';
import { tmpdir } from '../_helpers';

describe('ParallelFs', () => {
  test('GIVEN more files than the calling thread writes alone WHEN written and finished THEN every file has its content', () => {
    // GIVEN
    const root = tmpdir();
    const writer = new ParallelFs(10);
    // WHEN
    for (let i = 0; i < 300; i++) writer.write(path.join(root, `ns-${i % 7}`, `f-${i}.yaml`), `content ${i}\n`);
    writer.finish();
    // THEN
    for (let i = 0; i < 300; i++) expect(fs.readFileSync(path.join(root, `ns-${i % 7}`, `f-${i}.yaml`), 'utf8')).toBe(`content ${i}\n`);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('GIVEN existing files WHEN written unless unchanged, by both threads THEN only the files whose content differs are rewritten', () => {
    // GIVEN: 300 files with an old modification time
    const root = tmpdir();
    const old = new Date('2020-01-01T00:00:00Z');
    const file = (i: number): string => path.join(root, `f-${i}.yaml`);
    for (let i = 0; i < 300; i++) {
      fs.writeFileSync(file(i), `content ${i}\n`);
      fs.utimesSync(file(i), old, old);
    }
    const writer = new ParallelFs(10);
    // WHEN: every third file changes
    for (let i = 0; i < 300; i++) writer.write(file(i), i % 3 === 0 ? `changed ${i}\n` : `content ${i}\n`, true);
    writer.finish();
    // THEN
    for (let i = 0; i < 300; i++) {
      expect(fs.readFileSync(file(i), 'utf8')).toBe(i % 3 === 0 ? `changed ${i}\n` : `content ${i}\n`);
      expect(fs.statSync(file(i)).mtime.getTime() === old.getTime()).toBe(i % 3 !== 0);
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('GIVEN a file the worker cannot write WHEN finished THEN its error is thrown', () => {
    // GIVEN: a file where the worker's files need a folder
    const root = tmpdir();
    fs.writeFileSync(path.join(root, 'blocked'), 'a file, not a folder');
    const writer = new ParallelFs(0);
    // WHEN: every other file (the worker's share) goes below the file
    for (let i = 0; i < 200; i++) writer.write(path.join(root, i % 2 === 1 ? 'blocked' : 'ok', `f-${i}.yaml`), 'x');
    // THEN
    expect(() => writer.finish()).toThrow(/ENOTDIR|EEXIST/);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('GIVEN a few files more than the calling thread writes alone WHEN finished THEN every file is written', () => {
    // GIVEN: fewer files for the worker than one batch
    const root = tmpdir();
    const writer = new ParallelFs(256);
    // WHEN
    for (let i = 0; i < 300; i++) writer.write(path.join(root, `f-${i}.yaml`), `${i}`);
    writer.finish();
    // THEN
    expect(fs.readdirSync(root)).toHaveLength(300);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('GIVEN background work WHEN finished THEN the worker did all of it', () => {
    // GIVEN
    const root = tmpdir();
    for (let i = 0; i < 5; i++) fs.mkdirSync(path.join(root, `d-${i}`, 'x'), { recursive: true });
    const sweeper = new ParallelFs(0, true);
    // WHEN
    for (let i = 0; i < 5; i++) sweeper.remove(path.join(root, `d-${i}`));
    sweeper.finish();
    // THEN
    expect(fs.readdirSync(root)).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('GIVEN few files WHEN written THEN no worker is needed and they are written', () => {
    // GIVEN
    const root = tmpdir();
    const writer = new ParallelFs();
    // WHEN
    writer.write(path.join(root, 'a.yaml'), 'a');
    writer.finish();
    // THEN
    expect(fs.readFileSync(path.join(root, 'a.yaml'), 'utf8')).toBe('a');
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('removeFolder', () => {
  test.each([[20, 1], [2, 30]])('GIVEN a folder of %i sub-folders of %i sub-folders with files WHEN removed THEN nothing is left', (outer, inner) => {
    // GIVEN
    const root = tmpdir();
    const dir = path.join(root, 'out');
    for (let i = 0; i < outer; i++) {
      for (let j = 0; j < inner; j++) {
        fs.mkdirSync(path.join(dir, `a-${i}`, `b-${j}`), { recursive: true });
        fs.writeFileSync(path.join(dir, `a-${i}`, `b-${j}`, 'f.yaml'), 'x');
      }
      fs.writeFileSync(path.join(dir, `a-${i}`, 'g.yaml'), 'y');
    }
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'z');
    // WHEN
    removeFolder(dir);
    // THEN
    expect(fs.readdirSync(root)).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
