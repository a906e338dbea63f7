import * as fs from 'fs';
import * as path from 'path';
import { PlatformError } from '../../lib';
import { scaffold } from '../../lib/cli/init';
import { mergePackageJson } from '../../lib/cli/_init-templates';
import { isLocalOrGitSpec } from '../../lib/cli/_install-source';
import { tmpdir } from '../_helpers';

// How init's package.json takes cdk8s-platform (--from, or how the running copy was installed) and how --force
// merges it into a package.json that exists. Installing from a tarball and from Git for real: test/package/.

const ours = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

/** An empty folder named `name`, in a temporary folder. */
function folder(name: string): string {
  const dir = path.join(tmpdir(), name);
  fs.mkdirSync(dir);
  return dir;
}

/** The package.json init wrote in `dir`. */
function manifestIn(dir: string): any {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

describe('the cdk8s-platform dependency of init', () => {
  test('GIVEN init run from this repository (not installed) and no --from WHEN it runs THEN the project takes ^<version> from the registry', () => {
    // GIVEN
    const dir = folder('shop');
    // WHEN
    scaffold(dir);
    // THEN
    expect(manifestIn(dir).dependencies['cdk8s-platform']).toBe(`^${ours.version}`);
  });

  test('GIVEN --from a tarball path WHEN init runs THEN the project depends on it by a file: path relative to the project', () => {
    // GIVEN
    const dir = folder('shop');
    const tarball = path.join(path.dirname(dir), 'cdk8s-platform-0.1.0.tgz');
    fs.writeFileSync(tarball, '');
    // WHEN
    scaffold(dir, { from: tarball });
    // THEN
    expect(manifestIn(dir).dependencies['cdk8s-platform']).toBe('file:../cdk8s-platform-0.1.0.tgz');
  });

  test('GIVEN --from a Git URL WHEN init runs THEN the project depends on the URL as given', () => {
    const dir = folder('shop');
    scaffold(dir, { from: 'git+https://github.com/example/cdk8s-platform.git#v0.1.0' });
    expect(manifestIn(dir).dependencies['cdk8s-platform']).toBe('git+https://github.com/example/cdk8s-platform.git#v0.1.0');
  });

  test('GIVEN --from a version range WHEN init runs THEN the project takes that range from the registry', () => {
    const dir = folder('shop');
    scaffold(dir, { from: '~0.1.0' });
    expect(manifestIn(dir).dependencies['cdk8s-platform']).toBe('~0.1.0');
  });

  test('GIVEN --from a tarball that does not exist WHEN init runs THEN a PlatformError names it and nothing is written', () => {
    // GIVEN
    const dir = folder('shop');
    // WHEN
    const run = (): unknown => scaffold(dir, { from: '../missing.tgz' });
    // THEN
    expect(run).toThrow(PlatformError);
    expect(run).toThrow(/--from received "\.\.\/missing\.tgz", and .*missing\.tgz does not exist; allowed: a tarball/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('GIVEN --from "" WHEN init runs THEN a PlatformError says what is allowed', () => {
    const dir = folder('shop');
    expect(() => scaffold(dir, { from: ' ' })).toThrow('init: --from received ""; allowed: a tarball made by `npm pack`, a Git URL or a version range of cdk8s-platform');
  });
});

describe('init --force and a package.json that exists', () => {
  const EXISTING = {
    name: 'platform',
    version: '3.1.0',
    description: 'our platform',
    scripts: { lint: 'eslint .', test: 'jest' },
    dependencies: { 'cdk8s-platform': 'file:../cdk8s-platform-0.1.0.tgz', lodash: '^4.17.21', cdk8s: '^2.60.0' },
    devDependencies: { typescript: 'github:microsoft/TypeScript#v5.9.3', prettier: '^3.0.0', constructs: '^10.0.0' },
  };

  /** init --force in a folder holding EXISTING as its package.json; returns the package.json written. */
  function forced(): any {
    const dir = folder('shop');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(EXISTING, null, 2));
    scaffold(dir, { force: true });
    return manifestIn(dir);
  }

  test('GIVEN a package.json WHEN init --force runs THEN its own fields, scripts and dependencies stay', () => {
    const merged = forced();
    expect(merged).toMatchObject({ name: 'platform', version: '3.1.0', description: 'our platform' });
    expect(merged.scripts.lint).toBe('eslint .');
    expect(merged.dependencies.lodash).toBe('^4.17.21');
    expect(merged.devDependencies.prettier).toBe('^3.0.0');
  });

  test('GIVEN a dependency on a tarball or a Git URL WHEN init --force runs THEN it is kept as it is', () => {
    const merged = forced();
    expect(merged.dependencies['cdk8s-platform']).toBe('file:../cdk8s-platform-0.1.0.tgz');
    expect(merged.devDependencies.typescript).toBe('github:microsoft/TypeScript#v5.9.3');
  });

  test('GIVEN a registry range of a dependency init needs WHEN init --force runs THEN the range is updated where it is, in its section', () => {
    const merged = forced();
    expect(merged.dependencies.cdk8s).toBe(`^${ours.devDependencies.cdk8s}`);
    expect(merged.devDependencies.constructs).toBe(`^${ours.devDependencies.constructs}`);
    expect(merged.dependencies.constructs).toBeUndefined();
  });

  test('GIVEN a package.json without what init needs WHEN init --force runs THEN its scripts synth and test and the missing dependencies are added', () => {
    const merged = forced();
    expect(merged.scripts).toMatchObject({ synth: 'cdk8s-platform synth', test: 'tsc --noEmit && jest' });
    expect(merged.dependencies['cdk8s-plus-27']).toBe(`^${ours.devDependencies['cdk8s-plus-27']}`);
    expect(merged.devDependencies.jest).toBe(ours.devDependencies.jest.replace(/^(?=\d)/, '^'));
  });

  test('GIVEN a package.json that is not JSON WHEN init --force runs THEN a PlatformError says so and nothing is written', () => {
    // GIVEN
    const dir = folder('shop');
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": ');
    // WHEN
    const run = (): unknown => scaffold(dir, { force: true });
    // THEN
    expect(run).toThrow(/init --force: package\.json is not JSON \(.+\); nothing was written/);
    expect(fs.readdirSync(dir)).toEqual(['package.json']);
  });

  test('GIVEN dependencies that are not an object of strings WHEN the package.json is merged THEN a PlatformError names the field and the value', () => {
    expect(() => mergePackageJson('{"dependencies": ["cdk8s"]}', '{}', isLocalOrGitSpec))
      .toThrow('init --force: package.json "dependencies" received ["cdk8s"]; nothing was written; allowed: an object of strings');
  });

  test('GIVEN a package.json that is a JSON array WHEN it is merged THEN a PlatformError says a JSON object is allowed', () => {
    expect(() => mergePackageJson('[]', '{}', isLocalOrGitSpec)).toThrow(/package\.json received \[\]; nothing was written; allowed: a JSON object/);
  });
});

describe('which dependencies init never changes', () => {
  test.each([
    'file:../x.tgz', './x.tgz', '../lib', 'link:../lib', 'x-1.0.0.tgz', 'git+https://example.com/x.git', 'git+file:///tmp/x.git',
    'github:example/x', 'example/x#main', 'https://example.com/x.tgz',
  ])('GIVEN %s THEN it is kept', (spec) => {
    expect(isLocalOrGitSpec(spec)).toBe(true);
  });

  test.each(['^1.2.3', '~1.2', '1.2.3', 'latest', '>=1 <2', 'npm:other@^1'])('GIVEN the registry range %s THEN it may be updated', (spec) => {
    expect(isLocalOrGitSpec(spec)).toBe(false);
  });
});
