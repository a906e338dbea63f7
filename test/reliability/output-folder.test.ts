import * as fs from 'fs';
import * as path from 'path';
import { AppStack, PlatformApp, PlatformError, writeFolderAtomically } from '../../lib';
import { CliIo, main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

/**
 * Data loss: synth must change nothing but an output folder it wrote. Each case here once deleted or replaced the
 * user's files (`synth --output .` run twice deleted the project, .git included).
 */

/** An io that records output, in `cwd`. */
function recordingIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, env: { PATH: process.env.PATH }, stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); } };
}

/** A project with a Git folder, a package.json and an app that records that it ran (it never should, here). */
function project(): string {
  const dir = path.join(tmpdir(), 'project');
  fs.mkdirSync(path.join(dir, '.git', 'objects'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
  fs.writeFileSync(path.join(dir, 'app.js'), "require('fs').writeFileSync('ran', 'yes');\n");
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node app.js\n');
  return dir;
}

/** Every path below `dir` (relative), to compare before and after. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      out.push(child);
      if (e.isDirectory()) walk(child);
    }
  };
  walk('');
  return out.sort();
}

describe('synth never deletes or replaces what it did not write', () => {
  test('GIVEN a project WHEN synth --output . runs twice THEN both are refused before the app runs and the project is intact', async () => {
    // GIVEN
    const dir = project();
    const before = listing(path.dirname(dir));
    // WHEN
    const first = recordingIo(dir);
    const second = recordingIo(dir);
    const codes = [await main(['synth', '--output', '.'], first), await main(['synth', '--output', '.'], second)];
    // THEN
    expect(codes).toEqual([1, 1]);
    expect(second.err.join('')).toContain('The output folder "." is the project or the app');
    expect(listing(path.dirname(dir))).toEqual(before);
  });

  test.each([
    ['an empty path', '', 'The output folder received ""'],
    ['the folder above the project', '..', 'The output folder ".." holds the project or the app'],
    ['the root of the file system', '/', 'The output folder "/" is the root of the file system'],
    ['a path that normalizes to the project', 'dist/../.', 'The output folder "dist/../." is the project or the app'],
  ])('GIVEN --output as %s WHEN synth runs THEN it is refused before the app runs and nothing changes', async (_, output, message) => {
    // GIVEN
    const dir = project();
    const before = listing(path.dirname(dir));
    const io = recordingIo(dir);
    // WHEN
    const code = await main(['synth', '--output', output], io);
    // THEN
    expect(code).toBe(1);
    expect(io.err.join('')).toContain(message);
    expect(listing(path.dirname(dir))).toEqual(before);
  });

  test('GIVEN --output as the project\'s absolute path WHEN synth runs THEN it is refused', async () => {
    const dir = project();
    const io = recordingIo(dir);
    expect(await main(['synth', '--output', dir], io)).toBe(1);
    expect(io.err.join('')).toContain('is the project or the app');
    expect(fs.existsSync(path.join(dir, 'ran'))).toBe(false);
  });

  test('GIVEN --output naming a file WHEN synth runs THEN it is refused and the file is kept, and a later synth to dist is not stuck', async () => {
    // GIVEN
    const dir = project();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    // WHEN
    const io = recordingIo(dir);
    const code = await main(['synth', '--output', 'notes.txt'], io);
    // THEN
    expect(code).toBe(1);
    expect(io.err.join('')).toContain('The output folder "notes.txt" is a file, not a folder');
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await main(['synth'], recordingIo(dir))).toBe(0);
  });

  test('GIVEN an existing folder synth did not write WHEN synth runs into it THEN it is refused and left as it is', async () => {
    // GIVEN
    const dir = project();
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs', 'guide.md'), 'mine');
    // WHEN
    const io = recordingIo(dir);
    const code = await main(['synth', '--output', 'docs'], io);
    // THEN
    expect(code).toBe(1);
    expect(io.err.join('')).toContain('was not written by cdk8s-platform synth');
    expect(listing(path.join(dir, 'docs'))).toEqual(['guide.md']);
  });

  test('GIVEN a PlatformApp whose outdir is the working folder WHEN synthesized THEN it is refused before anything is written', () => {
    // GIVEN: a project as the working folder (not this repository: code that got this wrong would replace it)
    const dir = project();
    const before = listing(path.dirname(dir));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const app = new PlatformApp({ outdir: '.', capacitySummary: false });
      new AppStack(app, 'shop', { namespace: 'shop' });
      // WHEN
      const synth = (): void => app.synth();
      // THEN
      expect(synth).toThrow(PlatformError);
      expect(synth).toThrow('The output folder "." is the project or the app');
    } finally {
      process.chdir(cwd);
    }
    expect(listing(path.dirname(dir))).toEqual(before);
  });

  test('GIVEN a synth WHEN it is done THEN no hidden folder or file is left next to the output folder', () => {
    // GIVEN
    const parent = tmpdir();
    const app = new PlatformApp({ outdir: path.join(parent, 'dist'), capacitySummary: false });
    new AppStack(app, 'shop', { namespace: 'shop' });
    // WHEN
    app.synth();
    app.synth();
    // THEN
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });

  const asRoot = process.getuid?.() === 0 ? test : test.skip;
  asRoot('GIVEN an output written by root WHEN its owner writes it again THEN it is replaced (a warning names what root left), and the next write is not stuck', () => {
    // GIVEN: a project owned by "nobody", whose output root wrote
    const parent = tmpdir();
    fs.chmodSync(parent, 0o755);
    const dir = path.join(parent, 'project');
    fs.mkdirSync(dir);
    writeFolderAtomically(path.join(dir, 'dist'), new Map([['ns/a.yaml', 'by root']]));
    fs.chownSync(dir, 65534, 65534);
    const script = path.join(parent, 'write.js');
    fs.writeFileSync(script, [
      `require(${JSON.stringify(require.resolve('@swc-node/register'))});`,
      `const { writeFolderAtomically } = require(${JSON.stringify(path.resolve(__dirname, '../../lib/output/atomic-write'))});`,
      `const warnings = writeFolderAtomically(${JSON.stringify(path.join(dir, 'dist'))}, new Map([['ns/a.yaml', process.argv[2]]]));`,
      'process.stdout.write(JSON.stringify(warnings));',
    ].join('\n'));
    const run = (content: string): { status: number | null; warnings: string[] } => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const r = require('child_process').spawnSync(process.execPath, [script, content], { cwd: dir, uid: 65534, gid: 65534, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir } });
      return { status: r.status, warnings: r.status === 0 ? JSON.parse(r.stdout) : [r.stderr] };
    };
    // WHEN
    const first = run('by owner 1');
    const second = run('by owner 2');
    // THEN
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist', 'ns', 'a.yaml'), 'utf8')).toBe('by owner 2');
    expect(first.warnings.join('\n')).toMatch(/could not remove .*\.dist\.cdk8s-platform-previous-.*permission denied \(EACCES\)/);
  });
});
