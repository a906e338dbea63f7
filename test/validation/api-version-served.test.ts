import { ManifestObject, SUPPORTED_KUBERNETES_VERSIONS } from '../../lib';
import { Finding } from '../../lib/validation/finding';
import { ValidationPreset } from '../../lib/validation/presets';
import { validateObjects } from '../../lib/validation/validator';
import { apiVersionStatus } from '../../lib/validation/schema/_schema';

/** The api-version-served and api-version-deprecated findings on `apiVersion`/`kind` for `version` (recommended preset). */
function findings(apiVersion: string, kind: string, version: string): Finding[] {
  const o: ManifestObject = { apiVersion, kind, metadata: { name: 'x' } };
  return validateObjects([o], { preset: ValidationPreset.RECOMMENDED, kubernetesVersion: version }).findings
    .filter((f) => f.rule === 'api-version-served' || f.rule === 'api-version-deprecated');
}

/** The one finding on `apiVersion`/`kind` for `version`, as `severity rule: message`. */
function only(apiVersion: string, kind: string, version: string): string {
  const found = findings(apiVersion, kind, version);
  expect(found).toHaveLength(1);
  return `${found[0].severity} ${found[0].rule}: ${found[0].message}`;
}

const V1BETA3 = 'flowcontrol.apiserver.k8s.io/v1beta3';

describe('api-version-served and api-version-deprecated', () => {
  test('GIVEN a flowcontrol v1beta3 FlowSchema WHEN validated for 1.33 THEN it is an error naming the version that removed it and the one to use', () => {
    expect(only(V1BETA3, 'FlowSchema', '1.33')).toBe('error api-version-served: received "flowcontrol.apiserver.k8s.io/v1beta3"; '
      + 'allowed: an apiVersion that Kubernetes 1.33 serves for FlowSchema ("flowcontrol.apiserver.k8s.io/v1"): '
      + 'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is not served by Kubernetes 1.33 (removed in 1.32); use flowcontrol.apiserver.k8s.io/v1');
  });

  test('GIVEN a flowcontrol v1beta3 FlowSchema WHEN validated for 1.28 THEN it is only a warning that 1.32 removes it, with the version to use and when it is served', () => {
    expect(only(V1BETA3, 'FlowSchema', '1.28')).toBe('warning api-version-deprecated: received "flowcontrol.apiserver.k8s.io/v1beta3"; '
      + 'allowed: an apiVersion that later Kubernetes versions serve too: Kubernetes 1.28 serves flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema, '
      + 'but it is removed in 1.32; use flowcontrol.apiserver.k8s.io/v1 (served from 1.29)');
  });

  test.each(SUPPORTED_KUBERNETES_VERSIONS.map((v) => [v, Number(v.split('.')[1]) >= 32 ? 'error' : 'warning']))(
    'GIVEN a flowcontrol v1beta3 PriorityLevelConfiguration WHEN validated for %s THEN it is an %s', (version, severity) => {
      expect(findings(V1BETA3, 'PriorityLevelConfiguration', version).map((f) => f.severity)).toEqual([severity]);
    });

  test('GIVEN a flowcontrol v1beta2 FlowSchema WHEN validated for 1.29 THEN it is removed in 1.29, and 1.29 serves v1 and v1beta3', () => {
    expect(only('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.29')).toContain(
      '("flowcontrol.apiserver.k8s.io/v1" or "flowcontrol.apiserver.k8s.io/v1beta3"): flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema is not served by Kubernetes 1.29 (removed in 1.29); use flowcontrol.apiserver.k8s.io/v1');
  });

  test('GIVEN a flowcontrol v1 FlowSchema WHEN validated for 1.28 THEN it is an error naming the version that added it and the one 1.28 serves', () => {
    expect(only('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', '1.28')).toContain(
      'flowcontrol.apiserver.k8s.io/v1 FlowSchema is not served by Kubernetes 1.28 (added in 1.29); use flowcontrol.apiserver.k8s.io/v1beta3');
  });

  test('GIVEN an admissionregistration v1 ValidatingAdmissionPolicy WHEN validated for 1.29 THEN it is an error: added in 1.30, and no apiVersion of 1.29 serves it by default', () => {
    expect(only('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', '1.29')).toBe('error api-version-served: received "admissionregistration.k8s.io/v1"; '
      + 'allowed: no apiVersion (Kubernetes 1.29 serves no ValidatingAdmissionPolicy): '
      + 'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy is not served by Kubernetes 1.29 (added in 1.30)');
  });

  test('GIVEN a beta API that 1.29 has but does not enable by default WHEN validated for 1.29 THEN the error says it is served only when the cluster enables it', () => {
    expect(only('admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy', '1.29')).toContain(
      'admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy is not served by Kubernetes 1.29 by default: it is a beta API, served only when the cluster enables it (--runtime-config=admissionregistration.k8s.io/v1beta1=true)');
  });

  test('GIVEN a beta API that has a GA successor WHEN validated for 1.33 THEN the error also names the GA apiVersion to use', () => {
    expect(only('admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy', '1.33')).toMatch(/served only when the cluster enables it \(--runtime-config=admissionregistration\.k8s\.io\/v1beta1=true\); use admissionregistration\.k8s\.io\/v1$/);
  });

  test('GIVEN an alpha API first added after the target WHEN validated for 1.28 THEN the error says which version adds it and that it is not served by default there', () => {
    expect(only('storage.k8s.io/v1alpha1', 'VolumeAttributesClass', '1.28')).toContain(
      'storage.k8s.io/v1alpha1 VolumeAttributesClass is not served by Kubernetes 1.28 (added in 1.29, as an API served only when the cluster enables it)');
  });

  test('GIVEN an alpha API removed within the supported versions WHEN validated for 1.33 THEN the error names the version that removed it', () => {
    expect(only('resource.k8s.io/v1alpha2', 'ResourceClass', '1.33')).toContain('resource.k8s.io/v1alpha2 ResourceClass is not served by Kubernetes 1.33 (removed in 1.31)');
  });

  test.each([
    ['policy/v1beta1', 'PodDisruptionBudget', 'removed in 1.25); use policy/v1'],
    ['extensions/v1beta1', 'Ingress', 'removed in 1.22); use networking.k8s.io/v1'],
    ['batch/v1beta1', 'CronJob', 'removed in 1.25); use batch/v1'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'removed in 1.26); use autoscaling/v2'],
    ['apps/v1beta2', 'Deployment', 'removed in 1.16); use apps/v1'],
    ['policy/v1beta1', 'PodSecurityPolicy', 'removed in 1.25); Pod Security admission replaces PodSecurityPolicy'],
  ])('GIVEN %s %s, removed before 1.27 WHEN validated for 1.27 THEN the error names its removal and what to use', (apiVersion, kind, expected) => {
    expect(only(apiVersion, kind, '1.27')).toContain(`${apiVersion} ${kind} is not served by Kubernetes 1.27 (${expected}`);
  });

  test.each(SUPPORTED_KUBERNETES_VERSIONS.map((v) => [v]))('GIVEN a GA kind served by every version WHEN validated for %s THEN there is no finding', (version) => {
    expect(findings('apps/v1', 'Deployment', version)).toEqual([]);
  });

  test('GIVEN a custom resource WHEN validated for 1.33 THEN neither rule reports it', () => {
    expect(findings('argoproj.io/v1alpha1', 'Application', '1.33')).toEqual([]);
  });

  test('GIVEN the status of a kind served by every later version WHEN asked THEN it is served with no removal', () => {
    expect(apiVersionStatus('networking.k8s.io/v1', 'Ingress', '1.27')).toEqual({ status: 'served' });
  });
});
