import * as fs from 'fs';
import * as path from 'path';
import { AppStack, Environment, PlatformApp, WebService } from '../../lib';
import { synthSummaryLine } from '../../lib/app/_synth-summary';
import { OUTPUT_MARKER_FILE } from '../../lib/output/output-folder';
import { RESOURCES, tmpdir } from '../_helpers';

/** Runs `PlatformApp.run(build, props)` and returns what it printed on standard error. */
function stderrOf(build: (app: PlatformApp) => void, props: ConstructorParameters<typeof PlatformApp>[0]): string {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((t) => { written.push(String(t)); return true; });
  try {
    PlatformApp.run(build, props);
  } finally {
    spy.mockRestore();
  }
  return written.join('');
}

/** Every file below `dir`, but the output folder's marker. */
function filesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== OUTPUT_MARKER_FILE)
    .map((e) => path.join(e.parentPath, e.name));
}

/** Two environments, each with one web service. */
function twoEnvironments(app: PlatformApp): void {
  for (const env of ['dev', 'prod']) {
    new WebService(new AppStack(new Environment(app, env), 'shop', { namespace: 'shop' }), 'web', { image: 'nginx:1.25', resources: RESOURCES });
  }
}

describe('the summary line of PlatformApp.run()', () => {
  test('GIVEN two environments WHEN run THEN its last line counts the environments, the objects and the files written, and the time', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    // WHEN
    const printed = stderrOf(twoEnvironments, { outdir, capacitySummary: false });
    // THEN the counts are what was written: the objects of the same app, the files in the folder
    const rebuilt = new PlatformApp({ outdir: tmpdir() });
    twoEnvironments(rebuilt);
    const objectCount = [...rebuilt.synthManifests().values()].reduce((n, o) => n + o.length, 0);
    const lines = printed.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^Synthesized 2 environments, ${objectCount} objects in ${filesBelow(outdir).length} files into ${outdir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/ in \\d+\\.\\d s$`));
  });

  test('GIVEN selected environments WHEN run THEN the line names them', () => {
    const printed = stderrOf(twoEnvironments, { outdir: path.join(tmpdir(), 'dist'), capacitySummary: false, environments: ['prod'] });
    expect(printed).toMatch(/Synthesized 1 environment \(prod\), \d+ objects in \d+ files into /);
  });

  test('GIVEN an app that fails WHEN run THEN no summary line is printed', () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const printed = stderrOf(() => { throw new TypeError('boom'); }, { outdir: path.join(tmpdir(), 'dist'), capacitySummary: false });
      expect(printed).not.toContain('Synthesized');
    } finally {
      errors.mockRestore();
      process.exitCode = undefined;
    }
  });

  test('GIVEN counts of one WHEN the line is made THEN the nouns are singular, and an app without environments names none', () => {
    expect(synthSummaryLine({ environments: [], selected: false, objects: 1, files: 1, outdir: 'out/' }, 0.04)).toBe('Synthesized 1 object in 1 file into out/ in 0.0 s');
    expect(synthSummaryLine({ environments: ['prod'], selected: false, objects: 2, files: 4, outdir: 'dist' }, 1.25)).toBe('Synthesized 1 environment, 2 objects in 4 files into dist/ in 1.3 s');
  });
});
