import {
  AppStack, CompletionMode, CronTask, findObject, Job, JobRestartPolicy, PlatformApp, PodFailureAction, PodFailureRule,
  PodReplacementPolicy, ruleById, synthObjects, validateObjects, ValidationPreset,
} from '../../lib';
import { expectPropError, RESOURCES, tmpdir } from '../_helpers';

// JobPodFailurePolicy is beta and on by default from 1.26 (GA in 1.31): every supported version has it. The
// FailIndex action needs JobBackoffLimitPerIndex (1.29); rules on exit codes carry an empty onPodConditions before
// 1.29, where the schema requires it.

const IMAGE = 'ghcr.io/acme/shop-api:1.8.0';
const JOB = { image: IMAGE, resources: RESOURCES };
const INDEXED = { ...JOB, completionMode: CompletionMode.INDEXED, completions: 10, parallelism: 5 };

/** A stack `test` (namespace `test`) of an app that targets `kubernetesVersion`. */
function stackAt(kubernetesVersion = '1.33'): AppStack {
  const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, kubernetesVersion });
  return new AppStack(app, 'test', { namespace: 'test' });
}

/** The spec of the Job `name` in the stack's output. */
function jobSpec(stack: AppStack, name = 'migrate'): any {
  return findObject(synthObjects(stack), 'Job', name).spec;
}

describe('Job podFailurePolicy: rendering', () => {
  test('GIVEN a rule on exit codes and one on disruptions WHEN synthesized THEN the Job has both rules in order, the codes ascending', () => {
    // GIVEN
    const stack = stackAt();
    new Job(stack, 'migrate', {
      ...JOB,
      podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [42, 3]), PodFailureRule.onDisruption()],
    });
    // WHEN
    const spec = jobSpec(stack);
    // THEN
    expect(spec.podFailurePolicy).toEqual({
      rules: [
        { action: 'FailJob', onExitCodes: { operator: 'In', values: [3, 42] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      ],
    });
  });

  test('GIVEN a rule on the exit codes of one container WHEN synthesized THEN the rule names the container', () => {
    // GIVEN
    const stack = stackAt();
    new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [1], { containerName: 'migrate' })] });
    // WHEN
    const rule = jobSpec(stack).podFailurePolicy.rules[0];
    // THEN
    expect(rule.onExitCodes).toEqual({ containerName: 'migrate', operator: 'In', values: [1] });
  });

  test('GIVEN a rule on exit codes other than some WHEN synthesized THEN its operator is NotIn', () => {
    const stack = stackAt();
    new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodesOtherThan(PodFailureAction.FAIL_JOB, [0, 137])] });
    expect(jobSpec(stack).podFailurePolicy.rules[0]).toEqual({ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [0, 137] } });
  });

  test('GIVEN a rule on a pod condition WHEN synthesized THEN it matches the condition with status True', () => {
    const stack = stackAt();
    new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onPodCondition(PodFailureAction.COUNT, 'acme.io/OutOfQuota')] });
    expect(jobSpec(stack).podFailurePolicy.rules[0]).toEqual({ action: 'Count', onPodConditions: [{ type: 'acme.io/OutOfQuota', status: 'True' }] });
  });

  test('GIVEN no podFailurePolicy WHEN synthesized THEN the Job has none', () => {
    const stack = stackAt();
    new Job(stack, 'migrate', JOB);
    expect(jobSpec(stack).podFailurePolicy).toBeUndefined();
  });

  test('GIVEN a CronTask with a podFailurePolicy WHEN synthesized THEN its job template has the rules', () => {
    // GIVEN
    const stack = stackAt();
    new CronTask(stack, 'report', { ...JOB, schedule: '@daily', podFailurePolicy: [PodFailureRule.onDisruption()] });
    // WHEN
    const spec = findObject(synthObjects(stack), 'CronJob', 'report').spec.jobTemplate.spec;
    // THEN
    expect(spec.podFailurePolicy.rules).toEqual([{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }]);
  });
});

describe('Job podFailurePolicy: versions', () => {
  test('GIVEN a rule on exit codes at 1.29 WHEN synthesized THEN it has no onPodConditions', () => {
    const stack = stackAt('1.29');
    new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [42])] });
    expect(jobSpec(stack).podFailurePolicy.rules[0]).toEqual({ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } });
  });

  test('GIVEN a rule on exit codes at 1.28 WHEN synthesized THEN it has an empty onPodConditions, which the 1.28 schema requires', () => {
    const stack = stackAt('1.28');
    new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [42])] });
    expect(jobSpec(stack).podFailurePolicy.rules[0]).toEqual({ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] }, onPodConditions: [] });
  });

  test.each(['1.27', '1.28', '1.29', '1.33', '1.36'])('GIVEN both kinds of rules at %s WHEN validated strictly for that version THEN the schema accepts the Job', (version) => {
    // GIVEN
    const stack = stackAt(version);
    new Job(stack, 'migrate', {
      ...JOB,
      podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [42], { containerName: 'migrate' }), PodFailureRule.onDisruption()],
    });
    // WHEN
    const { findings } = validateObjects(synthObjects(stack), { preset: ValidationPreset.STRICT, kubernetesVersion: version });
    // THEN
    expect(findings.filter((f) => ['schema', 'api'].includes(ruleById(f.rule)!.layer)).map((f) => `${f.rule} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test('GIVEN FAIL_INDEX in an Indexed job with backoffLimitPerIndex at 1.29 WHEN synthesized THEN the rule has the FailIndex action', () => {
    // GIVEN
    const stack = stackAt('1.29');
    new Job(stack, 'shards', { ...INDEXED, backoffLimitPerIndex: 2, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_INDEX, [42])] });
    // WHEN
    const rule = jobSpec(stack, 'shards').podFailurePolicy.rules[0];
    // THEN
    expect(rule).toEqual({ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } });
  });

  test('GIVEN FAIL_INDEX at 1.28 WHEN created THEN a PropError names the action and Kubernetes 1.29', () => {
    const stack = stackAt('1.28');
    expectPropError(() => new Job(stack, 'shards', { ...INDEXED, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_INDEX, [42])] }),
      { path: 'test/shards', prop: 'podFailurePolicy[0].action', received: '"FailIndex"', allowed: 'JobBackoffLimitPerIndex, beta and on by default from 1.29) needs Kubernetes 1.29 or later' });
  });

  test('GIVEN FAIL_INDEX without backoffLimitPerIndex WHEN created THEN a PropError says it needs backoffLimitPerIndex', () => {
    const stack = stackAt('1.33');
    expectPropError(() => new Job(stack, 'shards', { ...INDEXED, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_INDEX, [42])] }),
      { path: 'test/shards', prop: 'podFailurePolicy[0].action', received: '"FailIndex"', allowed: 'without backoffLimitPerIndex' });
  });
});

describe('Job podFailurePolicy: what it needs of the job', () => {
  test('GIVEN restartPolicy ON_FAILURE WHEN created THEN a PropError says the policy needs NEVER', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', { ...JOB, restartPolicy: JobRestartPolicy.ON_FAILURE, podFailurePolicy: [PodFailureRule.onDisruption()] }),
      { path: 'test/migrate', prop: 'restartPolicy', received: '"OnFailure"', allowed: 'JobRestartPolicy.NEVER with podFailurePolicy' });
  });

  test('GIVEN a CronTask with restartPolicy ON_FAILURE WHEN created THEN the same PropError', () => {
    const stack = stackAt();
    expectPropError(() => new CronTask(stack, 'report', {
      ...JOB, schedule: '@daily', restartPolicy: JobRestartPolicy.ON_FAILURE, podFailurePolicy: [PodFailureRule.onDisruption()],
    }), { path: 'test/report', prop: 'restartPolicy', received: '"OnFailure"', allowed: 'JobRestartPolicy.NEVER with podFailurePolicy' });
  });

  test('GIVEN podReplacementPolicy TERMINATING_OR_FAILED WHEN created THEN a PropError says only FAILED goes with the policy', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', {
      ...JOB, podReplacementPolicy: PodReplacementPolicy.TERMINATING_OR_FAILED, podFailurePolicy: [PodFailureRule.onDisruption()],
    }), { path: 'test/migrate', prop: 'podReplacementPolicy', received: '"TerminatingOrFailed"', allowed: 'PodReplacementPolicy.FAILED (or none) with podFailurePolicy' });
  });

  test('GIVEN podReplacementPolicy FAILED WHEN synthesized THEN the Job has both', () => {
    const stack = stackAt();
    new Job(stack, 'migrate', { ...JOB, podReplacementPolicy: PodReplacementPolicy.FAILED, podFailurePolicy: [PodFailureRule.onDisruption()] });
    expect(jobSpec(stack)).toMatchObject({ podReplacementPolicy: 'Failed', podFailurePolicy: { rules: [{ action: 'Ignore' }] } });
  });

  test('GIVEN a rule on a container the pod does not have WHEN synthesized THEN the synth fails naming it and the containers', () => {
    const stack = stackAt();
    new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [42], { containerName: 'proxy' })] });
    expect(() => synthObjects(stack)).toThrow('podFailurePolicy[0] reads the exit codes of container "proxy", which the pod does not have (it has: migrate)');
  });

  test('GIVEN a rule on a sidecar added after construction WHEN synthesized THEN the rule is accepted', () => {
    // GIVEN
    const stack = stackAt();
    const job = new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [42], { containerName: 'proxy' })] });
    job.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', resources: RESOURCES });
    // WHEN
    const rule = jobSpec(stack).podFailurePolicy.rules[0];
    // THEN
    expect(rule.onExitCodes.containerName).toBe('proxy');
  });
});

describe('Job podFailurePolicy: the rules', () => {
  test('GIVEN an empty policy WHEN created THEN a PropError asks for 1 to 20 rules', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [] }),
      { path: 'test/migrate', prop: 'podFailurePolicy', received: '[]', allowed: 'an array of 1 to 20 rules' });
  });

  test('GIVEN 21 rules WHEN created THEN a PropError asks for 1 to 20 rules', () => {
    const stack = stackAt();
    const rules = Array.from({ length: 21 }, () => PodFailureRule.onDisruption());
    const error = expectPropError(() => new Job(stack, 'migrate', { ...JOB, podFailurePolicy: rules }),
      { path: 'test/migrate', prop: 'podFailurePolicy', received: '[', allowed: 'an array of 1 to 20 rules' });
    expect(error.problems).toHaveLength(1);
  });

  test('GIVEN a rule that is not a PodFailureRule WHEN created THEN a PropError names it', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [{ action: 'FailJob' } as any] }),
      { path: 'test/migrate', prop: 'podFailurePolicy[0]', received: '{"action":"FailJob"}', allowed: 'PodFailureRule.onExitCodes()' });
  });

  test('GIVEN exit code 0 in a rule on exit codes WHEN created THEN a PropError says a container that succeeded never counts', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [0, 1])] }),
      { path: 'test/migrate', prop: 'podFailurePolicy[0] exitCodes[0]', received: '0', allowed: 'not 0 (a container that succeeded never counts)' });
  });

  test('GIVEN an exit code given twice WHEN created THEN a PropError names the second', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [3, 3])] }),
      { path: 'test/migrate', prop: 'podFailurePolicy[0] exitCodes[1]', received: '3', allowed: '3 is given twice' });
  });

  test('GIVEN no exit codes WHEN created THEN a PropError asks for 1 to 255', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodesOtherThan(PodFailureAction.FAIL_JOB, [])] }),
      { path: 'test/migrate', prop: 'podFailurePolicy[0] exitCodes', received: '[]', allowed: '1 to 255 distinct integer exit codes' });
  });

  test('GIVEN an exit code that is not an integer WHEN created THEN a PropError names it', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [1.5])] }),
      { path: 'test/migrate', prop: 'podFailurePolicy[0] exitCodes[0]', received: '1.5', allowed: 'an integer' });
  });

  test('GIVEN a container name that is not a DNS label WHEN created THEN a PropError names it', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onExitCodes(PodFailureAction.FAIL_JOB, [1], { containerName: 'Main_Container' })] }),
      { path: 'test/migrate', prop: 'podFailurePolicy[0].containerName', received: '"Main_Container"' });
  });

  test('GIVEN a pod condition type that is not a qualified name WHEN created THEN a PropError names it', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onPodCondition(PodFailureAction.IGNORE, 'not a type')] }),
      { path: 'test/migrate', prop: 'podFailurePolicy[0] conditionType', received: '"not a type"', allowed: 'a pod condition type' });
  });

  test('GIVEN an action that is not a PodFailureAction WHEN created THEN a PropError names it', () => {
    const stack = stackAt();
    expectPropError(() => new Job(stack, 'migrate', { ...JOB, podFailurePolicy: [PodFailureRule.onDisruption('Ignore' as any)] }),
      { path: 'test/migrate', prop: 'podFailurePolicy[0].action', received: '"Ignore"', allowed: 'PodFailureAction.FAIL_JOB, IGNORE, COUNT or FAIL_INDEX' });
  });
});
