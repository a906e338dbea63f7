import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { AppStack, PlatformAnnotations, PlatformApp, Secret, Suppression } from '../../lib';
import { main } from '../../lib/cli';
import { tmpdir } from '../_helpers';

/*
 * Planted markers: every value below is secret. Nothing printed by check, diff or synth (human or JSON output,
 * warnings, errors) may contain any of them, raw or base64-encoded.
 */
const STRING = 'SECRETMARK-7f3a9c21-string';
const NUMBER = 4242424242;
const LIST = 'SECRETMARK-7f3a9c22-list';
const DATA = 'SECRETMARK-7f3a9c23-data';
const NOT_BASE64 = 'SECRETMARK-7f3a9c24-not-base64!';
const APPLIED = 'SECRETMARK-7f3a9c25-applied';
const SEALED = 'SECRETMARK7f3a9c26sealed';
const SEALED_TEMPLATE = 'SECRETMARK-7f3a9c27-sealed-template';
const EXTERNAL_TEMPLATE = 'SECRETMARK-7f3a9c28-external-template';
const EXTERNAL_LITERAL = 'SECRETMARK-7f3a9c29-external-literal';
const AFTER = 'SECRETMARK-7f3a9c30-after';
const MALFORMED = 'SECRETMARK-7f3a9c31-malformed';

const MARKERS = [STRING, String(NUMBER), LIST, DATA, NOT_BASE64, APPLIED, SEALED, SEALED_TEMPLATE, EXTERNAL_TEMPLATE, EXTERNAL_LITERAL, AFTER, MALFORMED];
const b64 = (s: string): string => Buffer.from(s).toString('base64');
/** Each marker raw and base64-encoded (the base64 without padding, as it may be cut). */
const FORMS = MARKERS.flatMap((m) => [m, b64(m).replace(/=+$/, '')]);

/** The markers (raw or base64) found in `text`. */
function leaked(text: string): string[] {
  return FORMS.filter((f) => text.includes(f));
}

/** A Secret with valid and invalid values of every kind, and its last-applied-configuration annotation. */
function secret(name: string, value: string = DATA): Record<string, unknown> {
  const applied = { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'shop' }, data: { password: b64(APPLIED) }, stringData: { token: APPLIED } };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: 'shop',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied), [PlatformAnnotations.ALLOW_PLAINTEXT]: 'true' },
    },
    data: { password: b64(value), bad: NOT_BASE64, list: [LIST] },
    stringData: { token: STRING, pin: NUMBER },
  };
}

function sealedSecret(name: string, value: string = SEALED): Record<string, unknown> {
  return {
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: { name, namespace: 'shop' },
    spec: { encryptedData: { password: value }, template: { metadata: { name }, data: { 'config.yaml': `password: ${SEALED_TEMPLATE}` } } },
  };
}

function externalSecret(name: string, literal: string = EXTERNAL_LITERAL): Record<string, unknown> {
  return {
    apiVersion: 'external-secrets.io/v1beta1',
    kind: 'ExternalSecret',
    metadata: { name, namespace: 'shop' },
    spec: {
      secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
      target: { name, template: { data: { url: `postgres://app:${EXTERNAL_TEMPLATE}@db` }, templateFrom: [{ literal }] } },
      data: [{ secretKey: 'password', remoteRef: { key: 'db/password' } }],
    },
  };
}

function write(dir: string, file: string, objects: unknown[]): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), objects.map((o) => JSON.stringify(o)).join('\n---\n'));
}

/** Runs the CLI in-process; returns everything it printed. */
async function run(cwd: string, ...argv: string[]): Promise<string> {
  let printed = '';
  await main(argv, { stdout: (t) => { printed += t; }, stderr: (t) => { printed += t; }, cwd, env: { PATH: process.env.PATH }, stdin: () => '' });
  return printed;
}

/** Runs `fn`, returning everything written to standard error and console.error, and the message of what it threw. */
function printedBy(fn: () => void): string {
  let printed = '';
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { printed += String(chunk); return true; });
  const error = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { printed += args.map(String).join(' '); });
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed += args.map(String).join(' '); });
  try {
    fn();
  } catch (e) {
    printed += e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
  } finally {
    write.mockRestore();
    error.mockRestore();
    log.mockRestore();
  }
  return printed;
}

describe('secret values are never printed', () => {
  test('GIVEN Secrets, SealedSecrets and ExternalSecrets with planted values WHEN checked (human and JSON) THEN no value is printed', async () => {
    // GIVEN
    const root = tmpdir();
    write(path.join(root, 'm'), 'secrets.yaml', [secret('db'), sealedSecret('sealed'), externalSecret('external')]);
    // WHEN
    const human = await run(root, 'check', 'm');
    const json = await run(root, 'check', 'm', '--format', 'json');
    // THEN the values were checked (their findings are there), and not printed
    expect(human).toContain('stringData.pin');
    expect(JSON.parse(json).findings.map((f: any) => f.field)).toContain('stringData.pin');
    expect(leaked(human)).toEqual([]);
    expect(leaked(json)).toEqual([]);
  });

  test('GIVEN a malformed Secret holding a planted value WHEN checked and diffed THEN the YAML error does not print it', async () => {
    // GIVEN an unterminated quote, a nested mapping and a bad indentation around the value
    const root = tmpdir();
    const bodies = [
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\nstringData:\n  password: "${MALFORMED}\n`,
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: b\nstringData:\n  password: ${MALFORMED}: x\n`,
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: c\nstringData:\n  password: ${MALFORMED}\n   other: ${MALFORMED}\n`,
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: d\nstringData: {password: ${MALFORMED}\n`,
    ];
    const printed: string[] = [];
    for (const [i, body] of bodies.entries()) {
      fs.mkdirSync(path.join(root, `b${i}`));
      fs.mkdirSync(path.join(root, `a${i}`));
      fs.writeFileSync(path.join(root, `a${i}`, 'secret.yaml'), body);
      // WHEN
      printed.push(await run(root, 'check', `a${i}`), await run(root, 'check', `a${i}`, '--format', 'json'), await run(root, 'diff', `b${i}`, `a${i}`));
    }
    // THEN
    expect(printed.join('\n')).toMatch(/invalid YAML/);
    expect(leaked(printed.join('\n'))).toEqual([]);
  });

  // Fails until the YAML readers (lib/cli/_manifests.ts, lib/diff/manifest-set.ts, or lib/input/ that replaces them)
  // describe errors with yamlErrorMessage() from lib/core/_yaml-error.ts: then make it a plain test().
  test('GIVEN unquoted Secret values YAML reads as an alias or a block scalar header WHEN checked and diffed THEN the YAML error does not print them', async () => {
    // GIVEN
    const root = tmpdir();
    const printed: string[] = [];
    for (const [i, value] of [`*${MALFORMED}`, `|${MALFORMED}`, `>${MALFORMED}`].entries()) {
      fs.mkdirSync(path.join(root, `b${i}`));
      fs.mkdirSync(path.join(root, `a${i}`));
      fs.writeFileSync(path.join(root, `a${i}`, 'secret.yaml'), `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ${value}\n`);
      // WHEN
      printed.push(await run(root, 'check', `a${i}`), await run(root, 'check', `a${i}`, '--format', 'json'), await run(root, 'diff', `b${i}`, `a${i}`));
    }
    // THEN
    expect(printed.join('\n')).toMatch(/invalid YAML/);
    expect(leaked(printed.join('\n'))).toEqual([]);
  });

  test('GIVEN changed, added and removed secret objects WHEN diffed (human and JSON) THEN changes are reported without their values', async () => {
    // GIVEN
    const root = tmpdir();
    write(path.join(root, 'before'), 'secrets.yaml', [secret('db'), secret('old'), sealedSecret('sealed'), externalSecret('external')]);
    const changed = secret('db', AFTER);
    (changed.metadata as any).annotations['kubectl.kubernetes.io/last-applied-configuration'] = JSON.stringify({ kind: 'Secret', data: { password: b64(AFTER) } });
    write(path.join(root, 'after'), 'secrets.yaml', [changed, secret('new'), sealedSecret('sealed', `${SEALED}x`), externalSecret('external', `${EXTERNAL_LITERAL}x`)]);
    // WHEN
    const human = await run(root, 'diff', 'before', 'after');
    const json = await run(root, 'diff', 'before', 'after', '--json');
    // THEN each change is reported, hidden
    expect(human).toContain('/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration: (hidden) -> (hidden)');
    expect(human).toContain('/spec/encryptedData/password: (hidden) -> (hidden)');
    expect(human).toContain('/spec/target/template/templateFrom/0/literal: (hidden) -> (hidden)');
    expect(human).toMatch(/\+ Secret shop\/new/);
    expect(human).toMatch(/- Secret shop\/old/);
    expect(leaked(human)).toEqual([]);
    expect(leaked(json)).toEqual([]);
  });

  test('GIVEN raw ApiObject Secrets with planted values WHEN synthesized (failing, and passing with warnings) THEN no value is printed or thrown', () => {
    // GIVEN raw objects: invalid value types are errors, then the same downgraded to warnings
    const build = (app: PlatformApp): void => {
      const stack = new AppStack(app, 'shop', { namespace: 'shop' });
      const raw = (id: string, o: Record<string, any>): ApiObject => new ApiObject(stack, id, { apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata, ...o });
      raw('db', secret('db'));
      raw('sealed', sealedSecret('sealed'));
      raw('external', externalSecret('external'));
    };
    const downgraded = [Suppression.downgrade('schema-type', 'testing that warnings hide values'), Suppression.downgrade('secret-data', 'testing that warnings hide values')];
    // WHEN
    const printed = [
      printedBy(() => PlatformApp.run(build, { outdir: tmpdir(), capacitySummary: false })),
      printedBy(() => {
        const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
        build(app);
        app.synth();
      }),
      printedBy(() => PlatformApp.run(build, { outdir: tmpdir(), capacitySummary: false, validation: { suppressions: downgraded } })),
    ];
    process.exitCode = undefined;
    // THEN the findings were printed, without the values
    expect(printed[0]).toContain('stringData.pin');
    expect(printed[1]).toContain('stringData.pin');
    expect(printed[2]).toContain('warning [schema-type]');
    expect(leaked(printed.join('\n'))).toEqual([]);
  });

  test('GIVEN a raw Secret without allowPlaintext and a Secret construct with a wrong value type WHEN synthesized THEN the errors name no value', () => {
    // GIVEN
    const printed = printedBy(() => PlatformApp.run((app) => {
      const stack = new AppStack(app, 'shop', { namespace: 'shop' });
      new ApiObject(stack, 'raw', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'raw' }, data: { password: b64(DATA) } });
    }, { outdir: tmpdir(), capacitySummary: false }));
    const thrown = printedBy(() => {
      const stack = new AppStack(new PlatformApp({ outdir: tmpdir() }), 'shop', { namespace: 'shop' });
      new Secret(stack, 'db', { allowPlaintext: true, values: { pin: NUMBER as any, token: [LIST] as any } });
    });
    process.exitCode = undefined;
    // THEN
    expect(printed).toContain('plaintext');
    expect(thrown).toContain('Invalid Secret props');
    expect(leaked(printed + thrown)).toEqual([]);
  });
});
