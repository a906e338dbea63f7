import {
  CronTask, DeploymentStrategy, HorizontalPodAutoscaler, Job, PodDisruptionBudget, Probe, ScalingPolicy, TaintEffect,
  Toleration, TopologySpread, WebService,
} from '../../lib';
import { schemaProblemsOf } from '../../lib/validation/schema/_schema';
import { deployment, job, service, set } from '../validation/_fixtures';
import { expectPropError, makeStack, RESOURCES } from '../_helpers';

/*
 * Integer props are bounded by the Kubernetes field's format: an int32 above 2147483647 is refused by the API server
 * when it decodes the object, so it is refused at construct time; an int64 is bounded by the largest integer a
 * JavaScript number holds exactly. The schema check bounds both formats on YAML from anywhere.
 */

const IMAGE = 'ghcr.io/acme/api:1.4.2';
const INT32_MAX = 2147483647;
const INT32_ALLOWED = `to ${INT32_MAX} (the field is an int32)`;

function stack() {
  return makeStack().stack;
}

describe('integer props are bounded by their Kubernetes format', () => {
  test('GIVEN replicas of 1e12 WHEN a WebService is created THEN replicas is refused as above the int32 maximum', () => {
    expectPropError(() => new WebService(stack(), 'web', { image: IMAGE, resources: RESOURCES, replicas: 1e12 }),
      { path: 'test/web', prop: 'replicas', received: '1000000000000', allowed: `an integer from 0 ${INT32_ALLOWED}` });
  });

  test('GIVEN replicas of exactly the int32 maximum WHEN a WebService is created THEN it is accepted', () => {
    expect(() => new WebService(stack(), 'web', { image: IMAGE, resources: RESOURCES, replicas: INT32_MAX })).not.toThrow();
  });

  test.each([
    ['backoffLimit', 0],
    ['completions', 1],
    ['parallelism', 1],
    ['ttlSecondsAfterFinished', 0],
  ])('GIVEN a Job %s one above the int32 maximum WHEN the Job is created THEN it is refused', (prop, min) => {
    expectPropError(() => new Job(stack(), 'migrate', { image: IMAGE, resources: RESOURCES, [prop]: INT32_MAX + 1 }),
      { path: 'test/migrate', prop, received: '2147483648', allowed: `an integer from ${min} ${INT32_ALLOWED}` });
  });

  test('GIVEN activeDeadlineSeconds above the int32 maximum WHEN a Job is created THEN it is accepted (the field is an int64)', () => {
    expect(() => new Job(stack(), 'migrate', { image: IMAGE, resources: RESOURCES, activeDeadlineSeconds: 2 ** 40 })).not.toThrow();
  });

  test('GIVEN activeDeadlineSeconds above 2^53 - 1 WHEN a Job is created THEN it is refused (it would be written as another number)', () => {
    expectPropError(() => new Job(stack(), 'migrate', { image: IMAGE, resources: RESOURCES, activeDeadlineSeconds: 2 ** 60 }),
      { path: 'test/migrate', prop: 'activeDeadlineSeconds', received: '1152921504606847000', allowed: 'an integer from 1 to 9007199254740991' });
  });

  test('GIVEN successfulJobsHistoryLimit above the int32 maximum WHEN a CronTask is created THEN it is refused', () => {
    expectPropError(() => new CronTask(stack(), 'report', { image: IMAGE, resources: RESOURCES, schedule: '@daily', successfulJobsHistoryLimit: INT32_MAX + 1 }),
      { path: 'test/report', prop: 'successfulJobsHistoryLimit', received: '2147483648', allowed: INT32_ALLOWED });
  });

  test('GIVEN revisionHistoryLimit above the int32 maximum WHEN a WebService is created THEN it is refused', () => {
    expectPropError(() => new WebService(stack(), 'web', { image: IMAGE, resources: RESOURCES, revisionHistoryLimit: INT32_MAX + 1 }),
      { path: 'test/web', prop: 'revisionHistoryLimit', received: '2147483648', allowed: INT32_ALLOWED });
  });

  test('GIVEN a probe periodSeconds above the int32 maximum WHEN a WebService is created THEN it is refused', () => {
    expectPropError(() => new WebService(stack(), 'web', { image: IMAGE, resources: RESOURCES, readinessProbe: Probe.http('/', { periodSeconds: INT32_MAX + 1 }) }),
      { path: 'test/web', prop: 'readinessProbe.periodSeconds', received: '2147483648', allowed: INT32_ALLOWED });
  });

  test('GIVEN terminationGracePeriodSeconds above the int32 maximum WHEN a WebService is created THEN it is accepted (the field is an int64)', () => {
    expect(() => new WebService(stack(), 'web', { image: IMAGE, resources: RESOURCES, terminationGracePeriodSeconds: 2 ** 31 })).not.toThrow();
  });

  test('GIVEN a runAsUser above the int32 maximum WHEN a WebService is created THEN it is refused (the API server allows user IDs up to 2147483647)', () => {
    expectPropError(() => new WebService(stack(), 'web', { image: IMAGE, resources: RESOURCES, security: { runAsUser: 2 ** 32 - 1 } }),
      { path: 'test/web', prop: 'security.runAsUser', received: '4294967295', allowed: `an integer from 0 to ${INT32_MAX}` });
  });

  test('GIVEN an HPA maxReplicas above the int32 maximum WHEN the autoscaler is created THEN it is refused', () => {
    const s = stack();
    const web = new WebService(s, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => new HorizontalPodAutoscaler(s, 'hpa', { target: web, maxReplicas: INT32_MAX + 1 }),
      { path: 'test/hpa', prop: 'maxReplicas', received: '2147483648', allowed: INT32_ALLOWED });
  });

  test('GIVEN a scaling policy value above the int32 maximum WHEN autoscale() is called THEN it is refused', () => {
    const web = new WebService(stack(), 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => web.autoscale({ maxReplicas: 3, behavior: { scaleUp: { policies: [ScalingPolicy.pods(INT32_MAX + 1, 60)] } } }),
      { path: 'test/web/Autoscaler', prop: 'behavior.scaleUp.policies[0] value', received: '2147483648', allowed: INT32_ALLOWED });
  });

  test('GIVEN a PodDisruptionBudget maxUnavailable above the int32 maximum WHEN it is created THEN it is refused', () => {
    const s = stack();
    const web = new WebService(s, 'web', { image: IMAGE, resources: RESOURCES });
    expectPropError(() => new PodDisruptionBudget(s, 'pdb', { selector: web, maxUnavailable: INT32_MAX + 1 }),
      { path: 'test/pdb', prop: 'maxUnavailable', received: '2147483648', allowed: `at most ${INT32_MAX}` });
  });

  test('GIVEN a rolling update maxSurge above the int32 maximum WHEN a WebService is created THEN it is refused', () => {
    expectPropError(() => new WebService(stack(), 'web', { image: IMAGE, resources: RESOURCES, strategy: DeploymentStrategy.rollingUpdate({ maxSurge: INT32_MAX + 1 }) }),
      { path: 'test/web', prop: 'strategy.maxSurge', received: '2147483648', allowed: `at most ${INT32_MAX}` });
  });

  test('GIVEN a topology spread maxSkew above the int32 maximum WHEN a WebService is created THEN it is refused', () => {
    expectPropError(() => new WebService(stack(), 'web', { image: IMAGE, resources: RESOURCES, spread: [TopologySpread.acrossNodes({ maxSkew: INT32_MAX + 1 })] }),
      { path: 'test/web', prop: 'spread[0].maxSkew', received: '2147483648', allowed: INT32_ALLOWED });
  });

  test('GIVEN tolerationSeconds above the int32 maximum WHEN a WebService is created THEN it is accepted (the field is an int64)', () => {
    expect(() => new WebService(stack(), 'web', {
      image: IMAGE, resources: RESOURCES, tolerations: [Toleration.exists('spot', { effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 2 ** 31 })],
    })).not.toThrow();
  });
});

describe('the schema check bounds integers by their format', () => {
  const typeProblems = (o: ReturnType<typeof deployment>) => schemaProblemsOf(o).filter((p) => p.type === 'type');

  test('GIVEN a Deployment with replicas one above the int32 maximum WHEN checked THEN spec.replicas is reported with the int32 range', () => {
    const problems = typeProblems(set(deployment(), 'spec.replicas', INT32_MAX + 1));
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['spec.replicas', 'received 2147483648 (an integer); allowed: an integer from -2147483648 to 2147483647 (int32)'],
    ]);
  });

  test('GIVEN a Deployment with replicas of exactly the int32 maximum WHEN checked THEN nothing is reported', () => {
    expect(typeProblems(set(deployment(), 'spec.replicas', INT32_MAX))).toEqual([]);
  });

  test('GIVEN a Job with activeDeadlineSeconds above the int32 maximum WHEN checked THEN nothing is reported (an int64)', () => {
    expect(typeProblems(set(job(), 'spec.activeDeadlineSeconds', 2 ** 40))).toEqual([]);
  });

  test('GIVEN a Job with activeDeadlineSeconds beyond the int64 range WHEN checked THEN it is reported with the int64 range', () => {
    const problems = typeProblems(set(job(), 'spec.activeDeadlineSeconds', 1e19));
    expect(problems.map((p) => p.field)).toEqual(['spec.activeDeadlineSeconds']);
    expect(problems[0].message).toContain('allowed: an integer from -9223372036854775808 to 9223372036854775807 (int64)');
  });

  test('GIVEN a Service targetPort (an IntOrString) above the int32 maximum WHEN checked THEN it is reported', () => {
    const problems = typeProblems(set(service(), 'spec.ports[0].targetPort', INT32_MAX + 1));
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['spec.ports[0].targetPort', 'received 2147483648 (an integer); allowed: a string or an integer from -2147483648 to 2147483647 (int32)'],
    ]);
  });
});
