import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ValidationPreset } from '../../lib';
import { main } from '../../lib/cli';
import { loadRulesModules } from '../../lib/cli/_rules-modules';
import { tmpdir } from '../_helpers';

/** The fixtures as `check` is given them: relative to the working directory (the repository). */
const RULES = path.relative(process.cwd(), path.join(__dirname, '..', 'fixtures', 'rules'));
const YAML = path.join(RULES, 'deployment.yaml');
const ACME = path.join(RULES, 'acme-rules.ts');

/** Runs the CLI in-process, with an empty standard input. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: process.cwd(), env: process.env, stdin: () => '' });
  return { code, stdout, stderr };
}

/** The [rule, severity] pairs of a JSON report, for the rules named. */
function severities(stdout: string, ...rules: string[]): string[][] {
  return JSON.parse(stdout).findings.filter((f: any) => rules.includes(f.rule)).map((f: any) => [f.rule, f.severity]);
}

describe('cdk8s-platform check --rules', () => {
  test('GIVEN a TypeScript rules module WHEN checked with it THEN its rule is an error, printed with its remediation, and the exit code is 1', async () => {
    // WHEN
    const { code, stdout } = await run('check', YAML, '--rules', ACME);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain(`error [acme-trusted-registry] Deployment shop/api spec.template.spec.containers[0].image: received "nginx"; allowed: an image of ghcr.io/acme/ (${YAML}:22)\n` +
      '    remediation: Pull the image from ghcr.io/acme/ (the container\'s `image` prop), mirroring it there first.\n');
  });

  test('GIVEN no --rules WHEN checked THEN the custom rule does not run', async () => {
    const { stdout } = await run('check', YAML);
    expect(stdout).not.toContain('acme-trusted-registry');
  });

  test('GIVEN a rules module WHEN checked as JSON THEN each finding has its remediation', async () => {
    // WHEN
    const { stdout } = await run('check', YAML, '--rules', ACME, '--format', 'json');
    // THEN
    const finding = JSON.parse(stdout).findings.find((f: any) => f.rule === 'acme-trusted-registry');
    expect(finding.remediation).toBe('Pull the image from ghcr.io/acme/ (the container\'s `image` prop), mirroring it there first.');
  });

  test('GIVEN the preset of a rules module WHEN checked with --preset THEN its severities apply', async () => {
    // WHEN
    const { stdout } = await run('check', YAML, '--rules', ACME, '--preset', 'acme', '--format', 'json');
    // THEN image-pinned is an error and ssh-port is off
    expect(severities(stdout, 'image-pinned', 'ssh-port')).toEqual([['image-pinned', 'error']]);
  });

  test('GIVEN a preset name no module defines WHEN checked THEN the error lists the presets and the exit code is 1', async () => {
    // WHEN
    const { code, stderr } = await run('check', YAML, '--rules', ACME, '--preset', 'acme-typo');
    // THEN
    expect(code).toBe(1);
    expect(stderr).toBe('cdk8s-platform check: --preset: received "acme-typo"; allowed: "recommended", "strict", "api-only", "acme"\n');
  });

  test('GIVEN two rules modules, one of plain JavaScript WHEN checked with both THEN the rules of both run', async () => {
    // WHEN
    const { stdout } = await run('check', YAML, '--rules', ACME, '--rules', path.join(RULES, 'plain-rules.js'), '--format', 'json');
    // THEN
    expect(severities(stdout, 'acme-trusted-registry', 'acme-team-label')).toEqual([['acme-trusted-registry', 'error'], ['acme-team-label', 'warning']]);
  });

  test('GIVEN a suppression annotation naming a custom rule WHEN checked with its module THEN the finding is suppressed', async () => {
    // GIVEN
    const file = path.join(tmpdir(), 'suppressed.yaml');
    fs.writeFileSync(file, fs.readFileSync(YAML, 'utf8').replace('  namespace: shop\n',
      '  namespace: shop\n  annotations:\n    cdk8s-platform.io/validation-suppressed: "acme-trusted-registry: mirrored by the admission webhook"\n'));
    // WHEN
    const { stdout } = await run('check', file, '--rules', ACME);
    // THEN
    expect(stdout).not.toContain('error [acme-trusted-registry]');
    expect(stdout).toContain('suppressed [acme-trusted-registry] 1 finding(s): mirrored by the admission webhook');
  });

  test('GIVEN a suppression annotation naming a custom rule WHEN checked without its module THEN the annotation is an error', async () => {
    // GIVEN
    const file = path.join(tmpdir(), 'suppressed.yaml');
    fs.writeFileSync(file, fs.readFileSync(YAML, 'utf8').replace('  namespace: shop\n',
      '  namespace: shop\n  annotations:\n    cdk8s-platform.io/validation-suppressed: "acme-trusted-registry: mirrored"\n'));
    // WHEN
    const { code, stdout } = await run('check', file);
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain('error [validation-annotations] Deployment shop/api metadata.annotations["cdk8s-platform.io/validation-suppressed"]: received the line "acme-trusted-registry: mirrored"');
  });

  test('GIVEN a module whose rule takes a built-in rule\'s id WHEN checked THEN it is refused, naming the module and both rules', async () => {
    // WHEN
    const { code, stderr } = await run('check', YAML, '--rules', path.join(RULES, 'colliding-rules.js'));
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain(`cdk8s-platform: --rules "${path.join(RULES, 'colliding-rules.js')}": invalid rules:\n` +
      '  - exports.rules[0].id: received "image-pinned"; allowed: an id of its own: the built-in rule "image-pinned"');
  });

  test('GIVEN the same module twice WHEN checked THEN the second\'s rules are refused, naming the first', async () => {
    // WHEN
    const { code, stderr } = await run('check', YAML, '--rules', ACME, '--rules', ACME);
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain(`exports.rules[0].id received "acme-trusted-registry"; allowed: an id of its own: rules[0] of "${ACME}" has it`);
  });

  test('GIVEN a module that throws while loading WHEN checked THEN the error names it and the exit code is 1', async () => {
    // WHEN
    const { code, stderr } = await run('check', YAML, '--rules', path.join(RULES, 'throwing-rules.js'));
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain(`--rules "${path.join(RULES, 'throwing-rules.js')}": the module could not be loaded (the rules module is broken); allowed: a JavaScript or TypeScript module`);
  });

  test('GIVEN a module that fails to load with a message of several lines WHEN checked THEN the message is printed on one line', () => {
    // GIVEN a loader error as TypeScript loaders give it: the diagnostics on the lines after the first
    const load = (): never => {
      throw new Error('Unable to compile TypeScript:\nrules.ts(3,7): error TS2322: Type "x" is not assignable.\n');
    };
    // WHEN / THEN
    expect(() => loadRulesModules([ACME], process.cwd(), { load }))
      .toThrow('the module could not be loaded (Unable to compile TypeScript: rules.ts(3,7): error TS2322: Type "x" is not assignable.)');
  });

  test('GIVEN a module path that does not exist WHEN checked THEN the error names the file looked for', async () => {
    // WHEN
    const { code, stderr } = await run('check', YAML, '--rules', 'no-such-rules.ts');
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain(`--rules "no-such-rules.ts": the module could not be loaded (no file ${path.resolve('no-such-rules.ts')})`);
  });

  test('GIVEN a module that exports neither rules nor presets WHEN checked THEN the error says so', async () => {
    // WHEN
    const { code, stderr } = await run('check', YAML, '--rules', path.join(RULES, 'no-exports.js'));
    // THEN
    expect(code).toBe(1);
    expect(stderr).toContain('the module exports neither `rules` nor `presets`; it received ["somethingElse"]');
  });
});

describe('the exports of a rules module', () => {
  test.each<[string, Record<string, unknown>, RegExp]>([
    ['rules that are not a list', { rules: {} }, /exports\.rules received \{\}; allowed: an array of rules/],
    ['presets that are not a list', { rules: [], presets: 'acme' }, /exports\.presets received "acme"; allowed: an array of ValidationPreset\.custom/],
    ['a preset that is not a ValidationPreset', { presets: [{ name: 'acme' }] }, /exports\.presets\[0\] received \{"name":"acme"\}; allowed: a ValidationPreset, made with ValidationPreset\.custom/],
  ])('GIVEN a module exporting %s WHEN loaded THEN it is refused, naming the module', (_case, exported, expected) => {
    expect(() => loadRulesModules([ACME], process.cwd(), { load: () => exported })).toThrow(expected);
  });

  test('GIVEN two modules exporting presets of the same name WHEN loaded THEN the second is refused, naming the first', () => {
    // GIVEN
    const preset = ValidationPreset.custom({ name: 'acme' });
    // WHEN / THEN
    expect(() => loadRulesModules([ACME, YAML], process.cwd(), { load: () => ({ presets: [preset] }) }))
      .toThrow(`--rules "${YAML}": exports.presets[0].name received "acme"; allowed: a name of its own: presets[0] of "${ACME}" has it`);
  });
});

describe('loading a TypeScript rules module', () => {
  /** A loader of modules that fails as Node.js does on TypeScript syntax it cannot read. */
  const noTypeScript = (): never => {
    throw new SyntaxError('Unexpected token \':\'');
  };

  test('GIVEN Node.js cannot load TypeScript and no loader is installed WHEN a .ts module is loaded THEN the error says what to install', () => {
    // WHEN / THEN
    expect(() => loadRulesModules([ACME], process.cwd(), { load: noTypeScript, loaders: ['no-such-typescript-loader'] }))
      .toThrow(/Node\.js cannot load this TypeScript module by itself \(Unexpected token ':'\) and no TypeScript loader is installed in .*; allowed: a project with @swc\/core \(as `cdk8s-platform init` sets up\), @swc-node\/register or ts-node installed, or the module compiled to JavaScript/);
  });

  test('GIVEN Node.js cannot load TypeScript and a loader is installed WHEN a .ts module is loaded THEN it is loaded again after the loader registers', () => {
    // GIVEN a first load that fails as without a loader, then loads (a built-in module stands for the loader)
    let calls = 0;
    const load = (file: string): unknown => (calls++ === 0 ? noTypeScript() : require(file));
    // WHEN
    const loaded = loadRulesModules([ACME], process.cwd(), { load, loaders: ['no-such-typescript-loader', 'path'] });
    // THEN
    expect([calls, loaded.rules.map((r) => r.id), loaded.presets.map((p) => p.name)]).toEqual([2, ['acme-trusted-registry'], ['acme']]);
  });

  test('GIVEN a syntax error in a JavaScript module WHEN it is loaded THEN it is reported as a load failure, without trying a TypeScript loader', () => {
    // WHEN / THEN
    expect(() => loadRulesModules([path.join(RULES, 'plain-rules.js')], process.cwd(), { load: noTypeScript, loaders: ['no-such-typescript-loader'] }))
      .toThrow(/the module could not be loaded \(Unexpected token ':'\)/);
  });

  test('GIVEN the command line as installed in this repository WHEN run with a TypeScript module THEN the module is loaded and its rule runs', () => {
    // WHEN
    const result = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'cdk8s-platform.js'), 'check', YAML, '--rules', ACME, '--format', 'json'],
      { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });
    // THEN
    expect(result.status).toBe(1);
    expect(severities(result.stdout, 'acme-trusted-registry')).toEqual([['acme-trusted-registry', 'error']]);
  });
});
