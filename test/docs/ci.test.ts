import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/** The command lines of a shell script: neither comments, blank lines, `set` nor `cd`. */
function commands(script: string): string[] {
  return fs
    .readFileSync(path.join(ROOT, script), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !/^(set|cd) /.test(l));
}

describe('CI (.ci/run)', () => {
  test('GIVEN the README test command WHEN .ci/run is read THEN its first command is that command, verbatim', () => {
    // GIVEN the README's line that runs the tests, without its comment
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const line = readme.split('\n').find((l) => l.includes('# type-checks, then runs the test suite'));
    expect(line).toBeDefined();
    const command = line!.slice(0, line!.indexOf('#')).trim();
    // WHEN .ci/run's commands are listed
    // THEN the first one is the README's
    expect(commands('.ci/run')[0]).toBe(command);
  });

  test('GIVEN .ci/run WHEN its commands are read THEN it runs the tests at both ends of the peer ranges after the README command', () => {
    // GIVEN .ci/run's commands
    const lines = commands('.ci/run');
    // WHEN the peer range script is looked for
    // THEN it runs after the README command, with no argument (both ends)
    expect(lines.slice(1)).toEqual(['scripts/peer-range-test.sh']);
  });

  test('GIVEN an unknown end WHEN the peer range script runs THEN it refuses it, naming the allowed ends, before any install', () => {
    // GIVEN the script and an end it does not know
    // WHEN it runs with it
    const result = spawnSync('bash', [path.join(ROOT, 'scripts/peer-range-test.sh'), 'middle'], { encoding: 'utf8' });
    // THEN it exits 2 with a message naming the value and the allowed ends
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("peer-range-test: unknown end 'middle' (allowed: lowest, highest)\n");
  });

  test('GIVEN package.json WHEN its peer dependencies are read THEN the peer range script covers each peer but jest', () => {
    // GIVEN the peers of package.json, jest (optional, only for the testing entry) left out
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    const peers = Object.keys(pkg.peerDependencies).filter((p) => p !== 'jest').sort();
    // WHEN the script's list of peers is read
    const script = fs.readFileSync(path.join(ROOT, 'scripts/peer-range-test.sh'), 'utf8');
    const listed = /^peers=\(([^)]*)\)$/m.exec(script)?.[1].split(' ').sort();
    // THEN they are the same
    expect(listed).toEqual(peers);
  });

  test('GIVEN package.json WHEN its scripts are read THEN npm run test:peers runs the peer range script', () => {
    // GIVEN package.json's scripts
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // WHEN test:peers is looked up
    // THEN it is the script
    expect(pkg.scripts['test:peers']).toBe('scripts/peer-range-test.sh');
  });
});
