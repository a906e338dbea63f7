import * as fs from 'fs';
import * as path from 'path';

/**
 * Crash injection for the output writer, in-process: every call that changes the file system is a step; a crash
 * before step k is simulated by throwing at it and turning every later change into a no-op, so that the writer's
 * own error handling cannot tidy up (as after kill -9). The disk then holds exactly what a process killed there
 * leaves.
 *
 * The file system functions are wrapped before the writer is loaded: modules compiled from TypeScript copy the
 * functions of `fs` when they load.
 */
const MUTATING = ['renameSync', 'writeFileSync', 'mkdirSync', 'rmSync', 'unlinkSync', 'rmdirSync', 'linkSync', 'copyFileSync', 'symlinkSync', 'openSync', 'writeSync', 'mkdtempSync'] as const;

class Crash extends Error {}

/** The fault plan of the running write, if any: a crash, or one error (a full disk) at step `at`. */
let plan: { at: number; steps: number; dead: boolean; error?: boolean; code?: string } | undefined;

// The module object itself: `import * as fs` gives a copy of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mutable = require('fs') as Record<string, (...args: unknown[]) => unknown>;
const originals = new Map<string, (...args: unknown[]) => unknown>();
for (const name of MUTATING) {
  const original = mutable[name];
  originals.set(name, original);
  mutable[name] = function patched(this: unknown, ...args: unknown[]): unknown {
    // Opening to read is not a change.
    if (!plan || (name === 'openSync' && (args[1] === undefined || args[1] === 'r'))) return original.apply(this, args);
    if (plan.dead) return name === 'openSync' ? -1 : undefined;
    plan.steps++;
    if (plan.steps === plan.at && plan.error) {
      throw Object.assign(new Error(`${plan.code}: injected, ${name}`), { code: plan.code, path: String(args[0]) });
    }
    if (plan.steps === plan.at) {
      plan.dead = true;
      throw new Crash(`crash before step ${plan.at} (${name})`);
    }
    return original.apply(this, args);
  };
}
afterAll(() => {
  for (const [name, original] of originals) mutable[name] = original;
});

/* eslint-disable @typescript-eslint/no-require-imports */
// Fresh copies of the writer's modules (the test setup has loaded the library already, before the wrapping).
let writer!: typeof import('../../lib/output/atomic-write');
let folder!: typeof import('../../lib/output/output-folder');
jest.isolateModules(() => {
  writer = require('../../lib/output/atomic-write');
  folder = require('../../lib/output/output-folder');
});
const { replaceSubfoldersAtomically, writeFolderAtomically } = writer;
const { OUTPUT_MARKER_FILE } = folder;
const { tmpdir } = require('../_helpers') as typeof import('../_helpers');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs `write` with a crash before the `at`-th change (1-based); returns whether it crashed and how many changes it made. */
function runWithCrash(at: number, write: () => void): { crashed: boolean; steps: number } {
  const current = { at, steps: 0, dead: false };
  plan = current;
  try {
    write();
  } catch (e) {
    if (!(e instanceof Crash) && !current.dead) throw e;
  } finally {
    plan = undefined;
  }
  return { crashed: current.dead, steps: current.steps };
}

/** Runs `write` with one error (ENOSPC unless `code` says) at the `at`-th change; returns what it threw, if anything. */
function runWithError(at: number, write: () => void, code = 'ENOSPC'): unknown {
  plan = { at, steps: 0, dead: false, error: true, code };
  try {
    write();
    return undefined;
  } catch (e) {
    return e;
  } finally {
    plan = undefined;
  }
}

/** Every file below `dir`, with its content, by relative path. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else out[child] = fs.readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return out;
}

const OLD = new Map([['dev/ns/a.yaml', 'old a'], ['dev/ns/b.yaml', 'old b'], ['prod/ns/a.yaml', 'old prod'], ['kustomization.yaml', 'old k']]);
const NEW = new Map([['dev/ns/a.yaml', 'new a'], ['dev/other/c.yaml', 'new c'], ['prod/ns/a.yaml', 'new prod'], ['kustomization.yaml', 'new k']]);
const NEW_DEV = new Map([['ns/a.yaml', 'new a'], ['other/c.yaml', 'new c']]);

/** The output as a tree, the marker file left out. */
function contents(out: string): Record<string, string> {
  const all = tree(out);
  delete all[OUTPUT_MARKER_FILE];
  return all;
}

function asTree(files: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries(files);
}

/** Whether two trees hold the same files with the same contents. */
function same(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a).sort();
  return keys.join('\n') === Object.keys(b).sort().join('\n') && keys.every((k) => a[k] === b[k]);
}

describe('the output writer, crashed before each of its steps', () => {
  const full = (out: string) => (): void => { writeFolderAtomically(out, NEW); };
  const someEnvironments = (out: string) => (): void => { replaceSubfoldersAtomically(out, new Map([['dev', NEW_DEV]])); };
  const expectedAfter = {
    full: asTree(NEW),
    someEnvironments: { ...Object.fromEntries([...NEW_DEV].map(([k, v]) => [`dev/${k}`, v])), 'prod/ns/a.yaml': 'old prod', 'kustomization.yaml': 'old k' },
  };

  test.each([['full', full], ['someEnvironments', someEnvironments]] as const)(
    'GIVEN a %s write crashed before any step WHEN the output is read THEN it is the old output or the new one, or (between the two renames) missing with the old one next to it; and the next write leaves only the new output',
    (kind, write) => {
      // The number of steps of an uninterrupted write.
      const probe = path.join(tmpdir(), 'out');
      writeFolderAtomically(probe, OLD);
      const { steps } = runWithCrash(Number.MAX_SAFE_INTEGER, write(probe));
      expect(steps).toBeGreaterThan(8);
      const seen = new Set<string>();
      for (let at = 1; at <= steps + 1; at++) {
        // GIVEN
        const parent = tmpdir();
        const out = path.join(parent, 'out');
        writeFolderAtomically(out, OLD);
        // WHEN
        const { crashed } = runWithCrash(at, write(out));
        // THEN: old, new, or (only between the two renames of the swap) missing, the old output next to it
        expect(crashed).toBe(at <= steps);
        if (fs.existsSync(out)) {
          const now = contents(out);
          if (same(now, asTree(OLD))) seen.add('old');
          else {
            expect(now).toEqual(expectedAfter[kind]);
            seen.add('new');
          }
          expect(fs.existsSync(path.join(out, OUTPUT_MARKER_FILE))).toBe(true);
        } else {
          const previous = fs.readdirSync(parent).filter((n) => n.startsWith('.out.cdk8s-platform-previous-'));
          expect(previous).toHaveLength(1);
          expect(contents(path.join(parent, previous[0]))).toEqual(asTree(OLD));
          seen.add('missing');
        }
        // AND the next write recovers: only the new output, nothing left beside it
        write(out)();
        expect(contents(out)).toEqual(expectedAfter[kind]);
        expect(fs.readdirSync(parent)).toEqual(['out']);
      }
      expect([...seen].sort()).toEqual(['missing', 'new', 'old']);
    },
  );

  test('GIVEN a write crashed between the two renames WHEN a later write fails THEN the old output is back in place', () => {
    // GIVEN: find the crash point that leaves the output missing
    for (let at = 1; at < 100; at++) {
      const parent = tmpdir();
      const out = path.join(parent, 'out');
      writeFolderAtomically(out, OLD);
      runWithCrash(at, full(out));
      if (fs.existsSync(out)) continue;
      // WHEN
      expect(() => writeFolderAtomically(out, new Map([['../escape.yaml', 'x']]))).toThrow(/outside/);
      // THEN
      expect(contents(out)).toEqual(asTree(OLD));
      expect(fs.readdirSync(parent)).toEqual(['out']);
      return;
    }
    throw new Error('no crash point leaves the output missing');
  });
});

describe('the output writer, with a full disk at each of its steps', () => {
  test.each([
    ['full', (out: string) => (): void => { writeFolderAtomically(out, NEW); }, asTree(NEW)],
    ['someEnvironments', (out: string) => (): void => { replaceSubfoldersAtomically(out, new Map([['dev', NEW_DEV]])); },
      { 'dev/ns/a.yaml': 'new a', 'dev/other/c.yaml': 'new c', 'prod/ns/a.yaml': 'old prod', 'kustomization.yaml': 'old k' }],
  ] as const)('GIVEN a %s write WHEN a step fails with ENOSPC THEN either it is one clear error and the old output is untouched with nothing beside it, or the new output is in place', (_, write, expected) => {
    const probe = path.join(tmpdir(), 'out');
    writeFolderAtomically(probe, OLD);
    const { steps } = runWithCrash(Number.MAX_SAFE_INTEGER, write(probe));
    const outcomes = new Set<string>();
    for (let at = 1; at <= steps; at++) {
      // GIVEN
      const parent = tmpdir();
      const out = path.join(parent, 'out');
      writeFolderAtomically(out, OLD);
      // WHEN
      const error = runWithError(at, write(out));
      // THEN
      if (error !== undefined) {
        expect((error as Error).name).toBe('PlatformError');
        expect((error as Error).message).toMatch(/no space left on the device \(ENOSPC\)/);
        expect(contents(out)).toEqual(asTree(OLD));
        expect(fs.readdirSync(parent)).toEqual(['out']);
        outcomes.add('refused');
      } else {
        expect(contents(out)).toEqual(expected);
        outcomes.add('written');
      }
      // AND the next write is not stuck
      write(out)();
      expect(contents(out)).toEqual(expected);
      expect(fs.readdirSync(parent)).toEqual(['out']);
    }
    expect([...outcomes].sort()).toEqual(['refused', 'written']);
  });
});

describe('the output writer, with each kind of file system error', () => {
  test.each([
    ['EACCES', 'permission denied (EACCES)'],
    ['EPERM', 'operation not permitted (EPERM)'],
    ['EROFS', 'the file system is read-only (EROFS)'],
    ['EBUSY', 'the file or folder is busy (in use, or a mount point) (EBUSY)'],
    ['ENAMETOOLONG', 'a file name or path is too long for the file system (ENAMETOOLONG)'],
    ['EIO', 'input/output error (EIO)'],
    ['EDQUOT', 'disk quota exceeded (EDQUOT)'],
  ])('GIVEN %s while a file is written WHEN written THEN it is one PlatformError saying what it means, and the output is unchanged', (code, meaning) => {
    // GIVEN: a step of the write fails (the sixth change: after the lock, while the staging folder is made)
    const parent = tmpdir();
    const out = path.join(parent, 'out');
    writeFolderAtomically(out, OLD);
    // WHEN
    const error = runWithError(6, () => { writeFolderAtomically(out, NEW); }, code) as Error;
    // THEN
    expect(error.name).toBe('PlatformError');
    expect(error.message).toMatch(new RegExp(`^Cannot write the output folder ".*out": ${meaning.replace(/[()]/g, '\\$&')} \\(at .*out.*\\)\\. The output folder is unchanged\\.$`));
    expect(contents(out)).toEqual(asTree(OLD));
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });
});
