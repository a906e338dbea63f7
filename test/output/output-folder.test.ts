import * as fs from 'fs';
import * as path from 'path';
import { checkOutputFolder, OUTPUT_MARKER_FILE, writeFolderAtomically } from '../../lib';
import { protectedFolders } from '../../lib/output/output-folder';
import { tmpdir } from '../_helpers';

/** A project folder (with a package.json) and an app folder inside it. */
function project(): { root: string; app: string } {
  const root = tmpdir();
  fs.writeFileSync(path.join(root, 'package.json'), '{}');
  const app = path.join(root, 'apps');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'main.ts'), '');
  return { root, app };
}

describe('checkOutputFolder', () => {
  test('GIVEN a folder that does not exist WHEN checked THEN its absolute path is returned', () => {
    const { root } = project();
    expect(checkOutputFolder(path.join(root, 'dist'), { protect: [root] })).toBe(path.join(root, 'dist'));
  });

  test('GIVEN an empty folder WHEN checked THEN it is accepted', () => {
    const { root } = project();
    fs.mkdirSync(path.join(root, 'dist'));
    expect(checkOutputFolder(path.join(root, 'dist'), { protect: [root] })).toBe(path.join(root, 'dist'));
  });

  test('GIVEN a folder synth wrote WHEN checked THEN it is accepted', () => {
    const { root } = project();
    writeFolderAtomically(path.join(root, 'dist'), new Map([['a.yaml', 'a']]));
    expect(checkOutputFolder(path.join(root, 'dist'), { protect: [root] })).toBe(path.join(root, 'dist'));
  });

  test('GIVEN an empty path WHEN checked THEN it is refused', () => {
    expect(() => checkOutputFolder('', { protect: ['/nowhere'] })).toThrow('The output folder received ""; allowed: a folder inside the project');
  });

  test('GIVEN the root of the file system WHEN checked THEN it is refused', () => {
    expect(() => checkOutputFolder('/', { protect: ['/nowhere'] })).toThrow('The output folder "/" is the root of the file system');
  });

  test.each([
    ['the project folder', (p: { root: string }) => p.root, 'is'],
    ['a path that normalizes to the project folder', (p: { root: string }) => `${p.root}/dist/../.`, 'is'],
    ['the folder above the project', (p: { root: string }) => path.dirname(p.root), 'holds'],
  ])('GIVEN %s WHEN checked THEN it is refused before anything is touched', (_, outdir, verb) => {
    // GIVEN
    const p = project();
    // WHEN
    const check = (): unknown => checkOutputFolder(outdir(p), { protect: [p.root, p.app] });
    // THEN
    expect(check).toThrow(`${verb} the project or the app (`);
    expect(fs.readdirSync(p.root).sort()).toEqual(['apps', 'package.json']);
  });

  test('GIVEN the app\'s folder WHEN checked THEN it is refused', () => {
    const p = project();
    expect(() => checkOutputFolder(p.app, { protect: protectedFolders(p.root).concat(p.app) })).toThrow(`is the project or the app (${fs.realpathSync(p.app)})`);
  });

  test('GIVEN the working folder WHEN the protected folders are found THEN they are the working folder and its project', () => {
    // GIVEN
    const p = project();
    const cwd = path.join(p.root, 'sub');
    fs.mkdirSync(cwd);
    // WHEN
    const folders = protectedFolders(cwd);
    // THEN
    expect(folders).toEqual(expect.arrayContaining([fs.realpathSync(cwd), fs.realpathSync(p.root)]));
  });

  test('GIVEN a file WHEN checked THEN it is refused and left as it is', () => {
    // GIVEN
    const { root } = project();
    const file = path.join(root, 'out.txt');
    fs.writeFileSync(file, 'mine');
    // WHEN
    const check = (): unknown => checkOutputFolder(file, { protect: [root] });
    // THEN
    expect(check).toThrow('is a file, not a folder');
    expect(fs.readFileSync(file, 'utf8')).toBe('mine');
  });

  test('GIVEN a symbolic link WHEN checked THEN it is refused, naming where it points', () => {
    const { root } = project();
    fs.mkdirSync(path.join(root, 'real'));
    fs.symlinkSync('real', path.join(root, 'dist'));
    expect(() => checkOutputFolder(path.join(root, 'dist'), { protect: [root] })).toThrow('is a symbolic link; allowed: a real folder (give the path it points to, "real")');
  });

  test('GIVEN a folder with files and no marker WHEN checked THEN it is refused, saying why', () => {
    // GIVEN
    const { root } = project();
    fs.mkdirSync(path.join(root, 'docs'));
    fs.writeFileSync(path.join(root, 'docs', 'notes.md'), 'mine');
    // WHEN
    const check = (): unknown => checkOutputFolder(path.join(root, 'docs'), { protect: [root] });
    // THEN
    expect(check).toThrow(`exists and was not written by cdk8s-platform synth (it has no ${OUTPUT_MARKER_FILE} file), so synth will not replace it`);
  });

  test('GIVEN a refused folder WHEN written THEN the writer refuses it too and leaves it as it is', () => {
    // GIVEN
    const { root } = project();
    fs.mkdirSync(path.join(root, 'docs'));
    fs.writeFileSync(path.join(root, 'docs', 'notes.md'), 'mine');
    // WHEN
    const write = (): unknown => writeFolderAtomically(path.join(root, 'docs'), new Map([['a.yaml', 'a']]));
    // THEN
    expect(write).toThrow('was not written by cdk8s-platform synth');
    expect(fs.readdirSync(path.join(root, 'docs'))).toEqual(['notes.md']);
  });
});
