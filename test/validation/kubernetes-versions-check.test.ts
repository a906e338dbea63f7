import * as path from 'path';
import { main } from '../../lib/cli';

// Real-world manifests that use features of Kubernetes 1.28 to 1.30 (test/fixtures/kubernetes-versions/, one file per
// feature), checked with `cdk8s-platform check --kubernetes-version` as a user would.

const FIXTURES = path.relative(process.cwd(), path.join(__dirname, '..', 'fixtures'));
const CURRENT = path.join(FIXTURES, 'kubernetes-versions');
const REMOVED = path.join(FIXTURES, 'kubernetes-versions-removed', 'flowcontrol-v1beta3.yaml');

interface JsonFinding { rule: string; severity: string; kind: string; name: string; field: string; message: string; location: string }

/** `check --format json --kubernetes-version <version> <paths>`: its exit code and findings. */
async function check(version: string, ...paths: string[]): Promise<{ code: number; findings: JsonFinding[] }> {
  let stdout = '';
  const code = await main(['check', '--format', 'json', '--kubernetes-version', version, ...paths],
    { stdout: (t) => { stdout += t; }, stderr: () => undefined, cwd: process.cwd(), env: process.env, stdin: () => '' });
  return { code, findings: (JSON.parse(stdout) as { findings: JsonFinding[] }).findings };
}

/** The errors among `findings`, as `rule Kind/name field` lines. */
function errors(findings: readonly JsonFinding[]): string[] {
  return findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.kind}/${f.name} ${f.field}`).sort();
}

const POD = 'spec.template.spec';

/** Each fixture, the first version with its feature, and the errors of the version before. */
const FEATURES: Array<[file: string, first: string, before: string[]]> = [
  ['native-sidecar.yaml', '1.28', [`schema-unknown-field Deployment/web ${POD}.initContainers[0].restartPolicy`]],
  ['job-backoff-limit-per-index.yaml', '1.28', [
    'schema-unknown-field Job/render-frames spec.backoffLimitPerIndex',
    'schema-unknown-field Job/render-frames spec.maxFailedIndexes',
    'schema-unknown-field Job/render-frames spec.podReplacementPolicy',
  ]],
  // The sleep field is in the definitions from 1.29, but on by default (served) from 1.30.
  ['prestop-sleep.yaml', '1.30', [`probe-handler Deployment/api ${POD}.containers[0].lifecycle.preStop`]],
  ['flowcontrol-v1.yaml', '1.29', [
    'api-version-served FlowSchema/ci-robot apiVersion',
    'api-version-served PriorityLevelConfiguration/ci-robot apiVersion',
  ]],
  ['service-traffic-distribution.yaml', '1.30', ['schema-unknown-field Service/cache spec.trafficDistribution']],
  ['apparmor-profile.yaml', '1.30', [
    `schema-unknown-field Deployment/worker ${POD}.containers[0].securityContext.appArmorProfile`,
    `schema-unknown-field Deployment/worker ${POD}.securityContext.appArmorProfile`,
  ]],
  ['job-success-policy.yaml', '1.30', ['schema-unknown-field Job/training spec.successPolicy']],
  ['validating-admission-policy.yaml', '1.30', [
    'api-version-served ValidatingAdmissionPolicy/production-replicas apiVersion',
    'api-version-served ValidatingAdmissionPolicyBinding/production-replicas apiVersion',
  ]],
];

const previous = (version: string): string => `1.${Number(version.split('.')[1]) - 1}`;

describe('check --kubernetes-version on manifests that use newer features', () => {
  test.each([['1.33'], ['1.36']])('GIVEN every fixture WHEN checked for %s THEN there is no error', async (version) => {
    // WHEN
    const { code, findings } = await check(version, CURRENT);
    // THEN
    expect(errors(findings)).toEqual([]);
    expect(code).toBe(0);
  });

  test('GIVEN every fixture WHEN checked for 1.27 THEN each feature is an error, and nothing else is', async () => {
    // WHEN
    const { code, findings } = await check('1.27', CURRENT);
    // THEN
    const sleepField = `schema-unknown-field Deployment/api ${POD}.containers[0].lifecycle.preStop.sleep`;
    expect(errors(findings)).toEqual([...FEATURES.flatMap(([, , before]) => before), sleepField].sort());
    expect(code).toBe(1);
  });

  test.each(FEATURES)('GIVEN %s WHEN checked for %s, the first version with its feature THEN there is no error', async (file, first) => {
    expect(errors((await check(first, path.join(CURRENT, file))).findings)).toEqual([]);
  });

  test.each(FEATURES.map(([file, first, before]) => [file, previous(first), before]))('GIVEN %s WHEN checked for %s, the version before THEN the feature is an error', async (file, version, before) => {
    expect(errors((await check(version as string, path.join(CURRENT, file as string))).findings)).toEqual(before);
  });
});

describe('check --kubernetes-version on a preStop sleep action', () => {
  test('GIVEN a preStop hook with only the sleep action WHEN checked for 1.29, which has the field but not the feature on THEN the error says from which version it is on', async () => {
    // WHEN
    const { findings } = await check('1.29', path.join(CURRENT, 'prestop-sleep.yaml'));
    // THEN
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([
      'received "no handler" (the sleep action is on by default from Kubernetes 1.30); allowed: exactly one of exec, httpGet, tcpSocket',
    ]);
  });
});

describe('check --kubernetes-version on manifests that use an API removed in 1.32', () => {
  test('GIVEN flowcontrol v1beta3 objects WHEN checked for 1.33 THEN each is an error naming the removal and the apiVersion to use', async () => {
    // WHEN
    const { code, findings } = await check('1.33', REMOVED);
    // THEN
    expect(code).toBe(1);
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.kind, f.message])).toEqual([
      ['api-version-served', 'PriorityLevelConfiguration', expect.stringContaining('flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration is not served by Kubernetes 1.33 (removed in 1.32); use flowcontrol.apiserver.k8s.io/v1')],
      ['api-version-served', 'FlowSchema', expect.stringContaining('flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is not served by Kubernetes 1.33 (removed in 1.32); use flowcontrol.apiserver.k8s.io/v1')],
    ]);
  });

  test('GIVEN flowcontrol v1beta3 objects WHEN checked for 1.28 THEN there is no error, and a warning that 1.32 removes each', async () => {
    // WHEN
    const { code, findings } = await check('1.28', REMOVED);
    // THEN
    expect(code).toBe(0);
    expect(errors(findings)).toEqual([]);
    expect(findings.filter((f) => f.rule === 'api-version-deprecated').map((f) => [f.severity, f.kind, f.message])).toEqual([
      ['warning', 'PriorityLevelConfiguration', expect.stringContaining('but it is removed in 1.32; use flowcontrol.apiserver.k8s.io/v1 (served from 1.29)')],
      ['warning', 'FlowSchema', expect.stringContaining('but it is removed in 1.32; use flowcontrol.apiserver.k8s.io/v1 (served from 1.29)')],
    ]);
  });
});
