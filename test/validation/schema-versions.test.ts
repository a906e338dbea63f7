import { execFileSync } from 'child_process';
import * as path from 'path';
import { ManifestObject, SUPPORTED_KUBERNETES_VERSIONS } from '../../lib';
import { fieldAddedIn, isKnownKind, schemaProblemsOf } from '../../lib/validation/schema/_schema';
import { deployment, set } from './_fixtures';

const POD = 'spec.template.spec';
const C0 = `${POD}.containers[0]`;

/** The problems of `o` for `version`, as `type field` lines. */
function problems(o: ManifestObject, version: string): string[] {
  return schemaProblemsOf(o, version).map((p) => `${p.type} ${p.field}`);
}

function admissionPolicy(): ManifestObject {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: 'replicas' },
    spec: { validations: [{ expression: 'object.spec.replicas >= 2' }] },
  };
}

describe('the schema of each Kubernetes version', () => {
  test.each(SUPPORTED_KUBERNETES_VERSIONS.map((v) => [v]))('GIVEN a valid Deployment WHEN checked for %s THEN it has no problem', (version) => {
    expect(problems(deployment(), version)).toEqual([]);
  });

  test('GIVEN a container field added in 1.28 WHEN checked for 1.27 THEN the message names the version, the fields of 1.27 and the version that adds it', () => {
    // GIVEN
    const o = set(deployment(), `${C0}.restartPolicy`, 'Always');
    // WHEN
    const [problem] = schemaProblemsOf(o, '1.27');
    // THEN
    expect(problem).toEqual({
      type: 'unknown-field',
      field: `${C0}.restartPolicy`,
      message: expect.stringMatching(/^received the unknown field "restartPolicy" \("restartPolicy" is a field of Container from Kubernetes 1\.28\); allowed: the fields of Container in Kubernetes 1\.27: args, command, /),
    });
  });

  test('GIVEN a misspelt field WHEN checked for 1.33 THEN the message says the fields of the kind in Kubernetes 1.33 and suggests the right one', () => {
    const [problem] = schemaProblemsOf(set(deployment(), `${C0}.imagePullPolicyy`, 'Always'), '1.33');
    expect(problem.message).toContain('(did you mean "imagePullPolicy"?); allowed: the fields of Container in Kubernetes 1.33: ');
  });

  test('GIVEN a missing required field WHEN checked for 1.36 THEN the message names the version', () => {
    const [problem] = schemaProblemsOf(set(deployment(), `${C0}.name`, undefined), '1.36');
    expect(problem).toEqual({ type: 'required', field: `${C0}.name`, message: 'received nothing; allowed: a string: Container requires "name" in Kubernetes 1.36' });
  });

  test('GIVEN a pod field of 1.34 (hostnameOverride) WHEN checked for 1.33 and 1.34 THEN it is unknown only in 1.33, with the version that adds it', () => {
    // GIVEN
    const o = set(deployment(), `${POD}.hostnameOverride`, 'api-0');
    // WHEN / THEN
    expect(schemaProblemsOf(o, '1.33').map((p) => p.message)).toEqual([expect.stringContaining('("hostnameOverride" is a field of PodSpec from Kubernetes 1.34)')]);
    expect(problems(o, '1.34')).toEqual([]);
  });

  test('GIVEN a replica count past the int32 maximum WHEN checked for 1.27 and 1.36 THEN both refuse it as out of the int32 range', () => {
    const o = set(deployment(), 'spec.replicas', 2 ** 31);
    for (const version of ['1.27', '1.36']) {
      expect(schemaProblemsOf(o, version)).toEqual([{ type: 'type', field: 'spec.replicas', message: expect.stringContaining('allowed: an integer from -2147483648 to 2147483647 (int32)') }]);
    }
  });

  test('GIVEN a ValidatingAdmissionPolicy of admissionregistration.k8s.io/v1 WHEN checked for 1.27, which does not have it THEN its fields are not checked (api-version-served reports it)', () => {
    expect(problems(set(admissionPolicy(), 'spec.validationz', []), '1.27')).toEqual([]);
  });

  test('GIVEN a ValidatingAdmissionPolicy with an unknown field WHEN checked for 1.30 THEN the field is reported', () => {
    expect(problems(set(admissionPolicy(), 'spec.validationz', []), '1.30')).toEqual(['unknown-field spec.validationz']);
  });

  test('GIVEN a kind of a beta API that 1.33 has but does not serve by default WHEN checked for 1.33 THEN its fields are checked', () => {
    // GIVEN
    const claim = { apiVersion: 'resource.k8s.io/v1beta1', kind: 'ResourceClaim', metadata: { name: 'gpu' }, spec: { devicez: {} } };
    // THEN
    expect(problems(claim, '1.33')).toEqual(['unknown-field spec.devicez']);
  });
});

describe('the enums of each Kubernetes version (from kubernetes-models, generated from Kubernetes 1.33)', () => {
  test.each([['1.27'], ['1.33'], ['1.36']])('GIVEN an unknown imagePullPolicy WHEN checked for %s THEN it is refused (the field is unchanged since 1.27)', (version) => {
    const o = set(deployment(), `${C0}.imagePullPolicy`, 'Sometimes');
    expect(schemaProblemsOf(o, version)).toEqual([{
      type: 'enum', field: `${C0}.imagePullPolicy`, message: `received "Sometimes"; allowed: one of "Always", "IfNotPresent", "Never" (Kubernetes ${version})`,
    }]);
  });

  test('GIVEN the toleration operator Lt, valid from 1.35 WHEN checked for 1.34 THEN it is refused as outside the enum', () => {
    const o = set(deployment(), `${POD}.tolerations`, [{ key: 'gpu-memory', operator: 'Lt', value: '32', effect: 'NoSchedule' }]);
    expect(problems(o, '1.34')).toEqual([`enum ${POD}.tolerations[0].operator`]);
  });

  test.each([['1.35'], ['1.36']])('GIVEN the toleration operator Lt WHEN checked for %s, where the operator\'s definition changed after 1.33 THEN it is not refused', (version) => {
    const o = set(deployment(), `${POD}.tolerations`, [{ key: 'gpu-memory', operator: 'Lt', value: '32', effect: 'NoSchedule' }]);
    expect(problems(o, version)).toEqual([]);
  });

  test('GIVEN an AppArmor profile type that is not one of the enum WHEN checked for 1.30 (the field\'s first version) THEN it is refused', () => {
    const o = set(deployment(), `${POD}.securityContext.appArmorProfile`, { type: 'runtime/default' });
    expect(problems(o, '1.30')).toEqual([`enum ${POD}.securityContext.appArmorProfile.type`]);
  });
});

describe('the schema caches', () => {
  test('GIVEN one object WHEN checked for 1.27, then 1.33, then 1.27 again THEN each version gives its own answer', () => {
    // GIVEN
    const o = set(deployment(), `${C0}.restartPolicy`, 'Always');
    // WHEN
    const answers = ['1.27', '1.33', '1.27'].map((v) => problems(o, v));
    // THEN
    expect(answers).toEqual([[`unknown-field ${C0}.restartPolicy`], [], [`unknown-field ${C0}.restartPolicy`]]);
  });

  test('GIVEN one object WHEN checked for 1.33 first, then 1.27 THEN 1.27 still reports what 1.33 accepts', () => {
    const o = set(deployment(), `${POD}.securityContext.appArmorProfile`, { type: 'RuntimeDefault' });
    expect([problems(o, '1.33'), problems(o, '1.27')]).toEqual([[], [`unknown-field ${POD}.securityContext.appArmorProfile`]]);
  });

  test('GIVEN a version that is not supported WHEN an object is checked for it THEN it is an error naming the versions there are', () => {
    expect(() => schemaProblemsOf(deployment(), '1.26')).toThrow('no API definitions for Kubernetes "1.26"; allowed: 1.27, 1.28');
  });

  test('GIVEN a process that validates for 1.33 only WHEN it is done THEN it loaded the table of 1.33 and of no other version', () => {
    // GIVEN
    const script = [
      `const { validateObjects } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'lib'))});`,
      `validateObjects([${JSON.stringify(deployment())}], { kubernetesVersion: '1.33' });`,
      "process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => /k8s-[\\d.]+\\.ts$/.test(f)).map((f) => f.replace(/.*\\//, ''))));",
    ].join('\n');
    // WHEN
    const loaded = JSON.parse(execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { encoding: 'utf8' }));
    // THEN
    expect(loaded).toEqual(['k8s-1.33.ts']);
  });
});

describe('the kinds the tables know', () => {
  test.each([
    ['a kind of every supported version', 'apps/v1', 'Deployment', true],
    ['a GA kind added in 1.30', 'admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', true],
    ['an alpha kind of 1.27 to 1.30 only', 'resource.k8s.io/v1alpha2', 'ResourceClass', true],
    ['a kind removed before 1.27', 'extensions/v1beta1', 'Ingress', true],
    ['a custom resource', 'argoproj.io/v1alpha1', 'Application', false],
    ['a built-in kind with a made-up version', 'apps/v9', 'Deployment', false],
  ])('GIVEN %s WHEN asked whether it is a built-in THEN the answer is %s', (_what, apiVersion, kind, known) => {
    expect(isKnownKind(apiVersion as string, kind as string)).toBe(known);
  });

  test('GIVEN a field that 1.27 does not have WHEN asked which later version adds it THEN the first supported version with it is named', () => {
    expect(fieldAddedIn('batch.v1.JobSpec', 'successPolicy', '1.27')).toBe('1.30');
  });

  test('GIVEN a field that no supported version has WHEN asked which later version adds it THEN there is none', () => {
    expect(fieldAddedIn('batch.v1.JobSpec', 'madeUp', '1.27')).toBeUndefined();
  });
});
