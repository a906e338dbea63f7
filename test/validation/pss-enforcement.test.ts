import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AppArmorProfile, Finding, ManifestObject, PodSecurityLevel, SeccompProfile, Suppression, synthObjects, validateObjects,
  ValidationError, ValidationPreset, WebService,
} from '../../lib';
import { synthFindings } from '../../lib/testing';
import { main } from '../../lib/cli';
import { makeStack, RESOURCES, tmpdir } from '../_helpers';
import { cronJob, deployment, job, namespace, set } from './_fixtures';

// A pod template that violates the Pod Security level its Namespace in the same output enforces is an error (the API
// server rejects the pods); elsewhere it stays a warning under the recommended preset.

const POD = 'spec.template.spec';
const C0 = `${POD}.containers[0]`;
const ENFORCE = 'pod-security.kubernetes.io/enforce';

/** The Namespace `shop` with `labels` (the enforce label of `namespace()` replaced). */
function shop(labels: Record<string, string>): ManifestObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels } };
}

/** The valid Deployment `api` in namespace `shop`, escalating privileges (a restricted-only violation). */
function escalating(): ManifestObject {
  return set(deployment(), `${C0}.securityContext.allowPrivilegeEscalation`, true);
}

/** The findings of `rule`, as `severity field`. */
function ofRule(findings: readonly Finding[], rule: string): string[] {
  return findings.filter((f) => f.rule === rule).map((f) => `${f.severity} ${f.field}`);
}

/** The Pod Security findings of a synth, as `severity rule`. */
function pssFindings(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.rule.startsWith('pss-')).map((f) => `${f.severity} ${f.rule}`);
}

describe('Pod Security enforced by a Namespace in the output', () => {
  test('GIVEN a cdk8s-plus-27 Deployment in a stack whose Namespace enforces restricted WHEN synthesized THEN synth fails naming Pod Security and the control', () => {
    // GIVEN
    const { stack } = makeStack();
    new kplus.Deployment(stack, 'plus', { containers: [{ image: 'ghcr.io/acme/web:1.2.3' }] });
    // WHEN
    const error = captureError(() => synthObjects(stack));
    // THEN
    expect(ValidationError.isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/error \[pss-restricted-capabilities\] Deployment test\/test-plus spec\.template\.spec\.containers\[0\]\.securityContext\.capabilities\.drop: received nothing; allowed: \["ALL"\]; namespace test enforces restricted \(v1\.33, label pod-security\.kubernetes\.io\/enforce\): the API server rejects these pods \(Pod Security Standards v1\.33; restricted: Capabilities\)/);
    expect((error as Error).message).toContain('remediation: Drop ALL capabilities');
  });

  test('GIVEN the same Deployment in a stack that does not define its Namespace WHEN synthesized THEN its Pod Security findings are warnings', () => {
    // GIVEN
    const { stack } = makeStack({ createNamespace: false });
    new kplus.Deployment(stack, 'plus', { containers: [{ image: 'ghcr.io/acme/web:1.2.3' }] });
    // WHEN
    const findings = synthFindings(stack);
    // THEN
    expect(pssFindings(findings)).toEqual(expect.arrayContaining(['warning pss-restricted-capabilities', 'warning pss-restricted-seccomp-profile']));
    expect(pssFindings(findings).filter((f) => f.startsWith('error'))).toEqual([]);
  });

  test('GIVEN a stack whose Namespace enforces, warns on and audits baseline WHEN a pod violates only restricted THEN nothing is reported (the namespace opted out of restricted)', () => {
    // GIVEN the named opt-out: namespaceOptions.podSecurity BASELINE (its enforce, warn and audit labels say baseline)
    const { stack } = makeStack({ namespaceOptions: { podSecurity: PodSecurityLevel.BASELINE } });
    new kplus.Deployment(stack, 'plus', { containers: [{ image: 'ghcr.io/acme/web:1.2.3' }] });
    // WHEN
    const findings = synthFindings(stack);
    // THEN no restricted control is reported, as the API server would neither reject nor warn
    expect(pssFindings(findings).filter((f) => f.includes('pss-restricted-'))).toEqual([]);
  });

  test('GIVEN a Namespace that enforces baseline and warns on restricted WHEN a pod violates only restricted THEN the finding is a warning, as the API server warns', () => {
    const ns = shop({ [ENFORCE]: 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' });
    const findings = validateObjects([ns, escalating()]).findings;
    expect(ofRule(findings, 'pss-restricted-privilege-escalation')).toEqual([`warning ${C0}.securityContext.allowPrivilegeEscalation`]);
  });

  test('GIVEN a Namespace that enforces baseline WHEN a pod violates baseline THEN the finding is an error', () => {
    const findings = validateObjects([shop({ [ENFORCE]: 'baseline' }), set(deployment(), `${POD}.hostNetwork`, true)]).findings;
    expect(ofRule(findings, 'pss-baseline-host-namespaces')).toEqual([`error ${POD}.hostNetwork`]);
  });

  test('GIVEN a Namespace that enforces privileged and warns on nothing WHEN a pod violates baseline THEN nothing is reported (the namespace opted out)', () => {
    const findings = validateObjects([shop({ [ENFORCE]: 'privileged' }), set(deployment(), `${POD}.hostNetwork`, true)]).findings;
    expect(ofRule(findings, 'pss-baseline-host-namespaces')).toEqual([]);
  });

  test('GIVEN a pod whose Namespace is not among the objects WHEN it violates baseline THEN the finding is a warning', () => {
    const findings = validateObjects([set(deployment(), `${POD}.hostNetwork`, true)]).findings;
    expect(ofRule(findings, 'pss-baseline-host-namespaces')).toEqual([`warning ${POD}.hostNetwork`]);
  });

  test('GIVEN a Namespace that only audits and warns on restricted WHEN a pod violates it THEN the finding stays a warning', () => {
    const ns = shop({ 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' });
    const findings = validateObjects([ns, escalating()]).findings;
    expect(ofRule(findings, 'pss-restricted-privilege-escalation')).toEqual([`warning ${C0}.securityContext.allowPrivilegeEscalation`]);
  });

  test('GIVEN an enforced violation WHEN validated THEN it is one finding, an error, not a warning besides it', () => {
    const findings = validateObjects([namespace(), escalating()]).findings;
    expect(ofRule(findings, 'pss-restricted-privilege-escalation')).toEqual([`error ${C0}.securityContext.allowPrivilegeEscalation`]);
  });

  test('GIVEN a raw ApiObject Deployment in a stack whose Namespace enforces restricted WHEN synthesized THEN its violation is an error', () => {
    // GIVEN
    const { stack } = makeStack();
    const raw = set(set(deployment(), 'metadata.namespace', 'test'), `${C0}.securityContext.allowPrivilegeEscalation`, true);
    new ApiObject(stack, 'raw', raw as any);
    // WHEN
    const findings = synthFindings(stack);
    // THEN
    expect(ofRule(findings, 'pss-restricted-privilege-escalation')).toEqual([`error ${C0}.securityContext.allowPrivilegeEscalation`]);
  });

  test('GIVEN a Deployment of a class cdk8s import generates (cdk8s-plus-27\'s k8s.KubeDeployment) in an enforcing Namespace WHEN synthesized THEN its violation is an error', () => {
    // GIVEN
    const { stack } = makeStack();
    const spec = deployment().spec;
    new kplus.k8s.KubeDeployment(stack, 'imported', {
      metadata: { name: 'imported' },
      spec: { selector: spec.selector, template: { metadata: spec.template.metadata, spec: { containers: [{ name: 'api', image: 'ghcr.io/acme/api:1.2.3' }] } } },
    });
    // WHEN
    const findings = synthFindings(stack);
    // THEN
    expect(ofRule(findings, 'pss-restricted-running-as-non-root')).toEqual([`error ${C0}.securityContext.runAsNonRoot`]);
  });

  test('GIVEN a Job whose template violates restricted in an enforcing Namespace WHEN validated THEN the finding is an error', () => {
    const j = set(job(), `${C0}.securityContext.allowPrivilegeEscalation`, true);
    expect(ofRule(validateObjects([namespace(), j]).findings, 'pss-restricted-privilege-escalation')).toEqual([`error ${C0}.securityContext.allowPrivilegeEscalation`]);
  });

  test('GIVEN a CronJob whose template violates restricted in an enforcing Namespace WHEN validated THEN the finding is an error', () => {
    const field = 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation';
    const c = set(cronJob(), field, true);
    expect(ofRule(validateObjects([namespace(), c]).findings, 'pss-restricted-privilege-escalation')).toEqual([`error ${field}`]);
  });

  test('GIVEN a Pod that violates restricted in an enforcing Namespace WHEN validated THEN the message says the API server rejects this pod', () => {
    const d = escalating();
    const pod: ManifestObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api', namespace: 'shop' }, spec: d.spec.template.spec };
    const [finding] = validateObjects([namespace(), pod]).findings.filter((f) => f.rule === 'pss-restricted-privilege-escalation');
    expect(finding.message).toContain('namespace shop enforces restricted (v1.33, label pod-security.kubernetes.io/enforce): the API server rejects this pod');
  });

  test('GIVEN a Namespace pinned to an older enforce-version WHEN a pod uses a sysctl that version does not allow THEN it is an error naming that version', () => {
    // GIVEN net.ipv4.tcp_rmem, safe from policy v1.32
    const ns = shop({ [ENFORCE]: 'baseline', [`${ENFORCE}-version`]: 'v1.31' });
    const d = set(deployment(), `${POD}.securityContext.sysctls`, [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]);
    // WHEN
    const findings = validateObjects([ns, d], { kubernetesVersion: '1.33' }).findings.filter((f) => f.rule === 'pss-baseline-sysctls');
    // THEN
    expect(findings.map((f) => f.severity)).toEqual(['error']);
    expect(findings[0].message).toContain('namespace shop enforces baseline (v1.31, label pod-security.kubernetes.io/enforce)');
  });

  test('GIVEN the same Namespace enforcing the latest version WHEN the pod uses that sysctl THEN there is no finding', () => {
    const ns = shop({ [ENFORCE]: 'baseline', [`${ENFORCE}-version`]: 'latest' });
    const d = set(deployment(), `${POD}.securityContext.sysctls`, [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]);
    expect(ofRule(validateObjects([ns, d], { kubernetesVersion: '1.33' }).findings, 'pss-baseline-sysctls')).toEqual([]);
  });
});

describe('Pod Security enforcement and presets', () => {
  test('GIVEN the API-only preset WHEN a pod violates the level its Namespace enforces THEN the finding is an error', () => {
    const findings = validateObjects([namespace(), escalating()], { preset: ValidationPreset.API_ONLY }).findings;
    expect(ofRule(findings, 'pss-restricted-privilege-escalation')).toEqual([`error ${C0}.securityContext.allowPrivilegeEscalation`]);
  });

  test('GIVEN the strict preset WHEN a pod violates the level its Namespace enforces THEN the finding is an error that says the pods are rejected', () => {
    const [finding] = validateObjects([namespace(), escalating()], { preset: ValidationPreset.STRICT }).findings.filter((f) => f.rule === 'pss-restricted-privilege-escalation');
    expect([finding.severity, finding.message]).toEqual(['error', expect.stringContaining('the API server rejects these pods')]);
  });

  test('GIVEN the API-only preset WHEN the pod\'s Namespace is not in the output THEN there is no Pod Security finding', () => {
    const findings = validateObjects([escalating()], { preset: ValidationPreset.API_ONLY }).findings;
    expect(findings.filter((f) => f.rule.startsWith('pss-'))).toEqual([]);
  });

  test('GIVEN the strict preset WHEN the pod\'s Namespace is not in the output THEN the finding is an error without the rejection', () => {
    const [finding] = validateObjects([escalating()], { preset: ValidationPreset.STRICT }).findings.filter((f) => f.rule === 'pss-restricted-privilege-escalation');
    expect(finding.severity).toBe('error');
    expect(finding.message).not.toContain('rejects');
  });

  test('GIVEN a custom preset that turns the rule off by its id WHEN a pod violates the enforced level THEN the rule does not report it', () => {
    const preset = ValidationPreset.custom({ name: 'lenient', severities: { 'pss-restricted-privilege-escalation': 'off' } });
    expect(ofRule(validateObjects([namespace(), escalating()], { preset }).findings, 'pss-restricted-privilege-escalation')).toEqual([]);
  });

  test('GIVEN a custom preset that makes the rule a warning by its id WHEN a pod violates the enforced level THEN the finding is a warning', () => {
    const preset = ValidationPreset.custom({ name: 'lenient', severities: { 'pss-restricted-privilege-escalation': 'warning' } });
    expect(ofRule(validateObjects([namespace(), escalating()], { preset }).findings, 'pss-restricted-privilege-escalation'))
      .toEqual([`warning ${C0}.securityContext.allowPrivilegeEscalation`]);
  });
});

describe('Pod Security enforcement and suppressions', () => {
  test('GIVEN a suppression of the rule WHEN a pod violates the enforced level THEN it is not reported, and the suppressed finding says the pods are rejected', () => {
    // GIVEN
    const suppressions = [Suppression.off('pss-restricted-privilege-escalation', 'a PodSecurity exemption covers this namespace')];
    // WHEN
    const result = validateObjects([namespace(), escalating()], { suppressions });
    // THEN
    expect(ofRule(result.findings, 'pss-restricted-privilege-escalation')).toEqual([]);
    expect(result.suppressed.map((s) => [s.finding.severity, s.finding.message])).toEqual([['error', expect.stringContaining('the API server rejects these pods')]]);
  });

  test('GIVEN a downgrade of the rule WHEN a pod violates the enforced level THEN it is a warning that says the pods are rejected', () => {
    const suppressions = [Suppression.downgrade('pss-restricted-privilege-escalation', 'a PodSecurity exemption covers this namespace')];
    const [finding] = validateObjects([namespace(), escalating()], { suppressions }).findings.filter((f) => f.rule === 'pss-restricted-privilege-escalation');
    expect([finding.severity, finding.message]).toEqual(['warning', expect.stringContaining('the API server rejects these pods')]);
  });
});

describe('Workload opt-outs of restricted in a Namespace that enforces it', () => {
  test.each([
    ['runAsNonRoot: false', { runAsNonRoot: false }, 'pss-restricted-running-as-non-root', 'security.runAsNonRoot'],
    ['allowPrivilegeEscalation: true', { allowPrivilegeEscalation: true }, 'pss-restricted-privilege-escalation', 'security.allowPrivilegeEscalation'],
    ['dropAllCapabilities: false', { dropAllCapabilities: false }, 'pss-restricted-capabilities', 'security.dropAllCapabilities'],
    ['addCapabilities: ["SYS_TIME"]', { addCapabilities: ['SYS_TIME'] }, 'pss-baseline-capabilities', 'security.addCapabilities'],
    ['seccompProfile: SeccompProfile.unconfined()', { seccompProfile: SeccompProfile.unconfined() }, 'pss-baseline-seccomp-profile', 'security.seccompProfile'],
    ['appArmorProfile: AppArmorProfile.unconfined()', { appArmorProfile: AppArmorProfile.unconfined() }, 'pss-baseline-apparmor', 'security.appArmorProfile'],
  ])('GIVEN a WebService with security %s in a stack whose Namespace enforces restricted WHEN synthesized THEN synth fails naming the prop and the namespace label', (_, security, rule, prop) => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'ghcr.io/acme/web:1.2.3', resources: RESOURCES, security });
    // WHEN
    const message = (captureError(() => synthObjects(stack)) as Error).message;
    // THEN
    expect(message).toContain(`error [${rule}] Deployment test/web`);
    expect(message).toContain('namespace test enforces restricted (v1.33, label pod-security.kubernetes.io/enforce)');
    expect(message).toContain(prop);
  });

  test('GIVEN allowPrivilegeEscalation: true in a stack whose Namespace enforces baseline WHEN synthesized THEN it synthesizes without a finding (two named opt-outs)', () => {
    const { stack } = makeStack({ namespaceOptions: { podSecurity: PodSecurityLevel.BASELINE } });
    new WebService(stack, 'web', { image: 'ghcr.io/acme/web:1.2.3', resources: RESOURCES, security: { allowPrivilegeEscalation: true } });
    expect(ofRule(synthFindings(stack), 'pss-restricted-privilege-escalation')).toEqual([]);
  });
});

describe('check and Pod Security enforcement', () => {
  const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n';
  const POD_YAML = [
    'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: api', '  namespace: shop', 'spec:', '  containers:',
    '    - name: api', '      image: ghcr.io/acme/api:1.2.3', '',
  ].join('\n');

  /** Runs `check` on `files` (name to content) written to a temporary folder. */
  async function check(files: Record<string, string>): Promise<{ code: number; stdout: string }> {
    const dir = tmpdir();
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    let stdout = '';
    const code = await main(['check', dir], { stdout: (t) => { stdout += t; }, stderr: () => undefined, cwd: process.cwd(), env: process.env, stdin: () => '' });
    return { code, stdout };
  }

  test('GIVEN YAML with a Pod that violates restricted and its Namespace that enforces it WHEN checked THEN check exits 1 with the error', async () => {
    const { code, stdout } = await check({ 'namespace.yaml': NAMESPACE, 'pod.yaml': POD_YAML });
    expect(stdout).toMatch(/error \[pss-restricted-capabilities\] Pod shop\/api spec\.containers\[0\]\.securityContext\.capabilities\.drop: .*namespace shop enforces restricted/);
    expect(code).toBe(1);
  });

  test('GIVEN the same Pod without its Namespace WHEN checked THEN check exits 0 with the finding as a warning', async () => {
    const { code, stdout } = await check({ 'pod.yaml': POD_YAML });
    expect(stdout).toMatch(/warning \[pss-restricted-capabilities\] Pod shop\/api spec\.containers\[0\]\.securityContext\.capabilities\.drop: /);
    expect(stdout).not.toContain('rejects');
    expect(code).toBe(0);
  });
});

/** What `fn` throws. */
function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
