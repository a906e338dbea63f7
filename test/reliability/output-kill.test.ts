import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OUTPUT_MARKER_FILE, writeFolderAtomically } from '../../lib';
import { tmpdir } from '../_helpers';

/**
 * kill -9 of a real process at moments it does not choose, while it writes a few hundred files: the output is always the old one or the new one whole (or, killed between the two renames of the swap,
 * missing with the old one next to it), and the next write leaves exactly the new output and nothing beside it.
 * `output-crash-points.test.ts` crashes the writer before each of its steps; this one checks that real process death
 * agrees with it.
 */

const REGISTER = require.resolve('@swc-node/register');
const WRITER = path.resolve(__dirname, '../../lib/output/atomic-write');

/** The files of generation `g`: 3 folders of 150 files, every content naming the generation. */
function generation(g: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let f = 0; f < 3; f++) for (let i = 0; i < 150; i++) files.set(`ns-${f}/file-${i}.yaml`, `generation ${g}\n${'x'.repeat(200)}\n`);
  return files;
}

/** A process that writes generation 1, 2, 3... to `out` forever, saying on stdout when it has started writing. */
function writerProcess(out: string): ChildProcess {
  const script = [
    `require(${JSON.stringify(REGISTER)});`,
    `const { writeFolderAtomically } = require(${JSON.stringify(WRITER)});`,
    `const gen = ${generation.toString()};`,
    'process.stdout.write("ready\\n");',
    'for (let g = 2; ; g++) writeFolderAtomically(process.argv[1], gen(g));',
  ].join('\n');
  return spawn(process.execPath, ['-e', script, out], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The generations present in the folder `dir`: one when the output is whole. */
function generationsIn(dir: string): Set<string> {
  const seen = new Set<string>();
  let count = 0;
  for (const ns of fs.readdirSync(dir)) {
    if (ns === OUTPUT_MARKER_FILE) continue;
    for (const f of fs.readdirSync(path.join(dir, ns))) {
      seen.add(fs.readFileSync(path.join(dir, ns, f), 'utf8').split('\n')[0]);
      count++;
    }
  }
  if (count !== 450) seen.add(`(${count} files)`);
  return seen;
}

describe('the output writer, killed with SIGKILL while it writes', () => {
  test.each([[150], [380]])('GIVEN a process writing the output over and over WHEN killed %i ms after it starts writing THEN the output is one generation whole, and the next write cleans up', async (delay) => {
    // GIVEN
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, generation(1));
    const child = writerProcess(out);
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    // WHEN
    await new Promise((resolve) => setTimeout(resolve, delay));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // THEN
    if (fs.existsSync(out)) {
      expect(generationsIn(out).size).toBe(1);
    } else {
      const previous = fs.readdirSync(parent).filter((n) => n.startsWith('.out.cdk8s-platform-previous-'));
      expect(previous).toHaveLength(1);
      expect(generationsIn(path.join(parent, previous[0])).size).toBe(1);
    }
    // AND
    writeFolderAtomically(out, generation(0));
    expect([...generationsIn(out)]).toEqual(['generation 0']);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  }, 30_000);
});
