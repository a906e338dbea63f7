import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

/*
 * Hostile text: set the window title, clear the screen, return to the start of the line, and fake whole lines of
 * output. Human output must show it escaped: no control character but the output's own line feeds, no faked line.
 */
const HOSTILE = '\u001b]0;title\u0007\u001b[2J\rFAKED-LINE error\nFAKED-LINE 0 error(s)\u202e\u2028';
const FILE = 'evil\u001b[2J\rFAKED-LINE\nFAKED-LINE.yaml';

/** Control characters other than the line feed, as forTerminal() escapes them. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** What the output must not contain: a raw control character, or a line that starts with the faked text. */
function injected(text: string): string[] {
  const found: string[] = [];
  if (CONTROL.test(text)) found.push(`control character ${JSON.stringify(CONTROL.exec(text)![0])}`);
  for (const line of text.split('\n')) if (line.startsWith('FAKED-LINE')) found.push(`faked line ${JSON.stringify(line)}`);
  return found;
}

/** Objects whose kind, namespace, name, keys and values are hostile, with findings on each. */
function hostileObjects(value: string): unknown[] {
  return [
    { apiVersion: 'v1', kind: `ConfigMap${HOSTILE}`, metadata: { name: `kind${HOSTILE}`, namespace: 'shop' } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `name${HOSTILE}`,
        namespace: `ns${HOSTILE}`,
        labels: { [`key${HOSTILE}`]: `value${HOSTILE}`, [PLATFORM_ENV]: `env${HOSTILE}` },
        annotations: { 'cdk8s-platform.io/validation-downgraded': `object-name: because${HOSTILE}` },
      },
      data: { [`key${HOSTILE}`]: `${value}${HOSTILE}`, password: 'x' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: `nginx${HOSTILE}`, env: [{ name: `API_TOKEN${HOSTILE}`, value: 'x' }] }] },
        },
      },
    },
  ];
}
const PLATFORM_ENV = 'cdk8s-platform.io/environment';

function write(dir: string, file: string, objects: unknown[]): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), objects.map((o) => JSON.stringify(o)).join('\n---\n'));
}

/** Runs the CLI in-process; returns what it wrote to standard output and standard error. */
async function run(cwd: string, ...argv: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd, env: { PATH: process.env.PATH }, stdin: () => '' });
  return { stdout, stderr };
}

describe('nothing hostile reaches the terminal', () => {
  test('GIVEN hostile kinds, namespaces, names, keys, values and file names WHEN checked THEN the report shows them escaped', async () => {
    // GIVEN
    const root = tmpdir();
    write(path.join(root, 'm'), FILE, hostileObjects('v'));
    fs.writeFileSync(path.join(root, 'm', `broken${HOSTILE}.yaml`), 'a: "unterminated\n');
    // WHEN
    const { stdout, stderr } = await run(root, 'check', 'm');
    // THEN the findings are there, escaped
    expect(stdout).toContain('\\x1b]0;title\\x07\\x1b[2J\\rFAKED-LINE error\\nFAKED-LINE');
    expect(stdout).toContain('evil\\x1b[2J\\rFAKED-LINE\\nFAKED-LINE.yaml');
    expect(injected(stdout + stderr)).toEqual([]);
  });

  test('GIVEN hostile kinds, namespaces, names, keys, values and file names WHEN diffed THEN the diff shows them escaped', async () => {
    // GIVEN
    const root = tmpdir();
    write(path.join(root, 'before'), FILE, [...hostileObjects('before'), { apiVersion: 'v1', kind: `Gone${HOSTILE}`, metadata: { name: `gone${HOSTILE}` } }]);
    write(path.join(root, 'after'), FILE, [...hostileObjects('after'), { apiVersion: 'v1', kind: `New${HOSTILE}`, metadata: { name: `new${HOSTILE}` } }]);
    // WHEN
    const { stdout, stderr } = await run(root, 'diff', 'before', 'after');
    // THEN
    expect(stdout).toMatch(/to add, .* to change/);
    expect(stdout).toContain('name\\x1b]0;title\\x07');
    expect(injected(stdout + stderr)).toEqual([]);
  });

  test('GIVEN a hostile file name in an error WHEN the CLI fails THEN the error shows it escaped', async () => {
    // GIVEN a diff of a folder whose hostile file does not parse
    const root = tmpdir();
    fs.mkdirSync(path.join(root, 'before'));
    fs.mkdirSync(path.join(root, 'after'));
    fs.writeFileSync(path.join(root, 'after', FILE), 'a: "unterminated\n');
    // WHEN
    const { stdout, stderr } = await run(root, 'diff', 'before', 'after');
    // THEN
    expect(stderr).toContain('evil\\x1b[2J\\rFAKED-LINE');
    expect(injected(stdout + stderr)).toEqual([]);
  });

  test('GIVEN the same hostile object in two hostile files WHEN diffed THEN the error names both, escaped', async () => {
    // GIVEN
    const root = tmpdir();
    fs.mkdirSync(path.join(root, 'before'));
    const object = [{ apiVersion: 'v1', kind: `ConfigMap${HOSTILE}`, metadata: { name: `dup${HOSTILE}` } }];
    write(path.join(root, 'after'), FILE, object);
    write(path.join(root, 'after'), `z${FILE}`, object);
    // WHEN
    const { stderr } = await run(root, 'diff', 'before', 'after');
    // THEN
    expect(stderr).toContain('is also defined at');
    expect(injected(stderr)).toEqual([]);
  });
});
