import * as fs from 'fs';
import * as path from 'path';
import { PlatformApp } from '../../lib';
import { main } from '../../lib/cli';
import { defineExamples } from '../../apps/examples';
import { tmpdir } from '../_helpers';

/** Fixture paths as `check` shows them: relative to the working directory (the repository). */
const FIXTURES = path.relative(process.cwd(), path.join(__dirname, '..', 'fixtures'));
const SEED = path.join(FIXTURES, 'seed-minimal-deployment.yaml');
const CHECK = path.join(FIXTURES, 'check');

/** Runs the CLI in-process, with `stdin` as its standard input. */
async function runWithStdin(stdin: () => string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: process.cwd(), env: process.env, stdin });
  return { code, stdout, stderr };
}

/** Runs the CLI in-process, with an empty standard input. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWithStdin(() => '', ...argv);
}

describe('cdk8s-platform check', () => {
  test('GIVEN the seed YAML with db-secret external WHEN checked as JSON THEN its only error is the Service outside production', async () => {
    // WHEN
    const { code, stdout } = await run('check', SEED, '--external', 'Secret/db-secret', '--format', 'json');
    // THEN
    const report = JSON.parse(stdout);
    expect(code).toBe(1);
    const errors = report.findings.filter((f: any) => f.severity === 'error');
    expect(errors).toEqual([{
      rule: 'service-selector', severity: 'error', kind: 'Service', namespace: null, name: 'api-server-svc', field: 'spec.selector',
      message: expect.stringContaining('in another namespace: Deployment production/api-server'), location: `${SEED}:42`,
      remediation: "Make the Service's `spec.selector` match the labels of a workload's pods in the same namespace.",
    }]);
    expect(report.findings.map((f: any) => f.rule)).not.toContain('reference-missing');
    expect(report.findings.filter((f: any) => f.severity === 'warning').map((f: any) => f.rule)).toEqual(expect.arrayContaining([
      'probes-set', 'pss-restricted-seccomp-profile', 'pss-restricted-running-as-non-root', 'read-only-root-filesystem', 'pdb-for-replicas',
    ]));
  });

  test('GIVEN the seed YAML without externals WHEN checked THEN the db-secret reference is a warning', async () => {
    const { stdout } = await run('check', SEED);
    expect(stdout).toContain('warning [reference-missing] Deployment production/api-server spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef: received a reference to Secret "db-secret"');
  });

  test('GIVEN objects the API server would refuse WHEN checked THEN each is an error with its file and line, and the exit code is 1', async () => {
    const { code, stdout } = await run('check', path.join(CHECK, 'bad-names.yaml'));
    expect(code).toBe(1);
    expect(stdout).toContain(`error [object-name] Deployment shop/api_server metadata.name: received "api_server"`);
    expect(stdout).toContain(`(${path.join(CHECK, 'bad-names.yaml')}:6)`);
    expect(stdout).toContain('error [object-name] Service shop/1api metadata.name');
    expect(stdout).toContain('error [container-ports] Deployment shop/api_server spec.template.spec.containers[0].ports[0].containerPort: received 70000');
    expect(stdout).toContain('error [service-ports] Service shop/1api spec.ports[1].name');
    expect(stdout).toMatch(/4 error\(s\), \d+ warning\(s\) in 2 object\(s\)/);
  });

  test('GIVEN an object the API server would refuse WHEN checked THEN the rule\'s remediation is printed under the finding', async () => {
    // WHEN
    const { stdout } = await run('check', path.join(CHECK, 'bad-names.yaml'));
    // THEN
    expect(stdout).toMatch(/^error \[container-ports\] Deployment shop\/api_server .*\n {4}remediation: Use container port numbers from 1 to 65535 and unique IANA port names/m);
  });

  test('GIVEN YAML on standard input WHEN checked with the path - THEN its objects are checked, located as <stdin>:line', async () => {
    // GIVEN the objects of bad-names.yaml, piped in
    const yaml = fs.readFileSync(path.join(CHECK, 'bad-names.yaml'), 'utf8');
    // WHEN
    const { code, stdout } = await runWithStdin(() => yaml, 'check', '-', '--format', 'json');
    // THEN the same findings as for the file, at the same lines of <stdin>
    const fromFile = JSON.parse((await run('check', path.join(CHECK, 'bad-names.yaml'), '--format', 'json')).stdout);
    const findings = JSON.parse(stdout).findings;
    expect(code).toBe(1);
    expect(findings).toEqual(fromFile.findings.map((f: any) => ({ ...f, location: f.location.replace(path.join(CHECK, 'bad-names.yaml'), '<stdin>') })));
    expect(findings.find((f: any) => f.rule === 'container-ports').location).toBe('<stdin>:22');
  });

  test('GIVEN standard input and a file WHEN checked together THEN the objects of both are checked', async () => {
    // WHEN
    const { stdout } = await runWithStdin(() => fs.readFileSync(path.join(CHECK, 'bad-names.yaml'), 'utf8'), 'check', SEED, '-');
    // THEN
    expect(stdout).toContain('(<stdin>:6)');
    expect(stdout).toContain(`(${SEED}:42)`);
  });

  test('GIVEN the path - twice WHEN checked THEN it is an error, and standard input is read once', async () => {
    // GIVEN
    let reads = 0;
    // WHEN
    const { code, stdout } = await runWithStdin(() => { reads += 1; return ''; }, 'check', '-', '-');
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain('standard input (`-`) given more than once');
    expect(reads).toBe(1);
  });

  test('GIVEN standard input that cannot be read WHEN checked with the path - THEN it is an error naming standard input', async () => {
    // GIVEN
    const unreadable = () => { throw Object.assign(new Error('resource temporarily unavailable'), { code: 'EAGAIN' }); };
    // WHEN
    const { code, stdout } = await runWithStdin(unreadable, 'check', '-');
    // THEN
    expect(code).toBe(1);
    expect(stdout).toContain('cannot read standard input: resource temporarily unavailable (EAGAIN)');
  });

  test('GIVEN a bad field WHEN checked THEN the finding points at the line of that field', async () => {
    const { stdout } = await run('check', path.join(CHECK, 'bad-names.yaml'), '--format', 'json');
    const byRule = (rule: string) => JSON.parse(stdout).findings.filter((f: any) => f.rule === rule).map((f: any) => f.location);
    expect(byRule('container-ports')).toEqual([`${path.join(CHECK, 'bad-names.yaml')}:22`]);
    expect(byRule('service-ports')).toEqual([`${path.join(CHECK, 'bad-names.yaml')}:35`]);
  });

  test('GIVEN unreadable YAML WHEN checked THEN it is an error naming the file and line, never a stack trace', async () => {
    const { code, stdout, stderr } = await run('check', path.join(CHECK, 'broken.yaml'));
    expect(code).toBe(1);
    expect(stdout).toContain(`error [yaml-syntax] ${path.join(CHECK, 'broken.yaml')}:8: invalid YAML: Missing closing "quote`);
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
  });

  test('GIVEN a folder of Helm output WHEN checked THEN .yaml and .yml files are read recursively and custom resources are not errors', async () => {
    const { code, stdout } = await run('check', path.join(CHECK, 'helm'));
    expect(code).toBe(0);
    expect(stdout).toContain('not schema-checked (custom resources): ExternalSecret web-env');
    expect(stdout).toContain('0 error(s), 1 warning(s) in 5 object(s)');
  });

  test('GIVEN typical chart output that the API server accepts WHEN checked with the API-only preset THEN there is no finding', async () => {
    const { code, stdout } = await run('check', path.join(CHECK, 'charts'), '--preset', 'api-only', '--external', 'Secret/ingress-nginx-admission', '--format', 'json');
    expect(JSON.parse(stdout).findings).toEqual([]);
    expect(code).toBe(0);
  });

  test('GIVEN typical chart output WHEN checked with the recommended preset THEN policy findings are warnings only', async () => {
    const { code, stdout } = await run('check', path.join(CHECK, 'charts'), '--external', 'Secret/ingress-nginx-admission', '--format', 'json');
    const findings = JSON.parse(stdout).findings;
    expect(findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(findings.map((f: any) => f.rule)).toEqual(expect.arrayContaining(['pss-baseline-host-namespaces', 'pss-baseline-host-path-volumes', 'pss-baseline-host-ports']));
    expect(code).toBe(0);
  });

  test('GIVEN warnings and --fail-on-warnings WHEN checked THEN the exit code is 1', async () => {
    expect((await run('check', SEED, '--preset', 'api-only', '--external', 'Secret/db-secret', '--fail-on-warnings')).code).toBe(1);
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n');
    expect((await run('check', dir, '--fail-on-warnings')).code).toBe(0);
  });

  test('GIVEN the strict preset WHEN checked THEN policy findings are errors and custom resources warnings', async () => {
    const { stdout } = await run('check', path.join(CHECK, 'helm'), '--preset', 'strict', '--format', 'json');
    expect(JSON.parse(stdout).findings.map((f: any) => [f.rule, f.severity])).toEqual([['schema-unknown-kind', 'warning']]);
  });

  test('GIVEN the synthesized example apps WHEN each environment folder of dist is checked THEN there is no finding', async () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    const app = new PlatformApp({ outdir });
    defineExamples(app);
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    app.synth();
    jest.restoreAllMocks();
    // the environment folders (synth also writes files at the top: its marker file)
    const folders = fs.readdirSync(outdir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(folders).toEqual(expect.arrayContaining(['dev', 'prod', 'staging']));
    for (const folder of folders) {
      // WHEN
      const { code, stdout } = await run('check', path.join(outdir, folder), '--external', 'Secret/db-secret', '--external', 'Secret/shop/shop-secrets',
        '--external', 'Secret/analytics/analytics-tls', '--external', 'Secret/analytics/events-db-credentials',
        '--external', 'ServiceAccount/analytics/analytics-dashboard', '--external', 'Secret/analytics/warehouse-credentials',
        '--crd', path.join(FIXTURES, 'crds', 'gateway.networking.k8s.io_httproutes.yaml'), '--format', 'json');
      // THEN (but the warning that the HTTPRoute CRD's CEL rules are not evaluated: HttpRoute checks its paths by them)
      const findings = JSON.parse(stdout).findings.filter((f: { rule: string }) => f.rule !== 'crd-validation-rules');
      expect([folder, findings]).toEqual([folder, []]);
      expect(code).toBe(0);
    }
  });

  test('GIVEN a path that does not exist WHEN checked THEN it is an error naming the path', async () => {
    const { code, stdout } = await run('check', '/no/such/file.yaml');
    expect(code).toBe(1);
    expect(stdout).toContain('error [yaml-syntax] /no/such/file.yaml: no such file or folder');
  });

  test('GIVEN a malformed --external WHEN checked THEN it is a usage error', async () => {
    const { code, stderr } = await run('check', SEED, '--external', 'db-secret');
    expect(code).toBe(1);
    expect(stderr).toContain('--external: received "db-secret"; allowed: Kind/name or Kind/namespace/name');
  });

  test('GIVEN bad usage WHEN run THEN commander explains it and the exit code is 1', async () => {
    expect((await run('check')).stderr).toContain("missing required argument 'paths'");
    expect((await run('check', SEED, '--format', 'xml')).code).toBe(1);
    expect((await run('nope')).code).toBe(1);
  });

  test('GIVEN --help WHEN run THEN the usage is printed and the exit code is 0', async () => {
    const { code, stdout } = await run('check', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: cdk8s-platform check [options] <paths...>');
  });
});
