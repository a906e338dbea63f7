import { ApiObject, JsonPatch } from 'cdk8s';
import { Suppression, Validation, ValidationError, validateObjects, WebService } from '../../lib';
import { synthesizeCharts } from '../../lib/app/_synth-walk';
import { validationStep } from '../../lib/app/_validate';
import { parseSuppressionEntries, suppressionAnnotations } from '../../lib/validation/suppression-annotations';
import { expectPropError, makeStack, RESOURCES } from '../_helpers';

const SUPPRESSED = 'cdk8s-platform.io/validation-suppressed';
const DOWNGRADED = 'cdk8s-platform.io/validation-downgraded';

/** A stack with a web service whose image is unpinned, and the rule that reports it downgraded on the service. */
function downgradedStack(): ReturnType<typeof makeStack> & { web: WebService } {
  const made = makeStack();
  const web = new WebService(made.stack, 'web', { image: 'nginx:latest', resources: RESOURCES, replicas: 1 });
  Validation.downgrade(web, 'image-pinned', 'the demo tracks latest');
  return { ...made, web };
}

describe('the synth walk and its injected validation step', () => {
  test('GIVEN a construct suppression WHEN the walk runs without a step THEN nothing is validated and no annotation is added', () => {
    // GIVEN
    const { stack } = downgradedStack();

    // WHEN
    const objects = synthesizeCharts(stack).flatMap((c) => c.objects);

    // THEN
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.metadata.annotations?.[DOWNGRADED]).toBeUndefined();
  });

  test('GIVEN a construct suppression WHEN the walk runs with the validation step THEN the object rendered gets the annotation', () => {
    // GIVEN
    const { stack } = downgradedStack();

    // WHEN
    const objects = synthesizeCharts(stack, validationStep).flatMap((c) => c.objects);

    // THEN
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.metadata.annotations?.[DOWNGRADED]).toBe('image-pinned: the demo tracks latest');
  });

  test('GIVEN the validation step WHEN it finds an error THEN the walk throws it and returns nothing', () => {
    // GIVEN a label the API server refuses, set through the escape hatch
    const { stack } = makeStack();
    const web = new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES, replicas: 1 });
    ApiObject.of(web).addJsonPatch(JsonPatch.add('/metadata/labels/bad key', 'x'));

    // WHEN / THEN
    expect(() => synthesizeCharts(stack, validationStep)).toThrow(ValidationError);
  });

  test('GIVEN an object with construct suppressions WHEN validated THEN validation leaves the object as it was', () => {
    // GIVEN a rendered Deployment and a suppression given as its source's
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:latest', resources: RESOURCES, replicas: 1 });
    const objects = synthesizeCharts(stack).flatMap((c) => c.objects);
    const before = JSON.stringify(objects);

    // WHEN
    validateObjects(objects, {}, objects.map(() => ({ suppressions: [Suppression.off('image-pinned', 'demo')] })));

    // THEN
    expect(JSON.stringify(objects)).toBe(before);
  });

  test('GIVEN a suppression on a stack WHEN synthesized THEN every object below it gets the annotation, keys sorted', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:latest', resources: RESOURCES, replicas: 1 });
    Validation.suppress(stack, 'image-pinned', 'the demo tracks latest');

    // WHEN
    const objects = synthesizeCharts(stack, validationStep).flatMap((c) => c.objects);

    // THEN
    const annotations = objects.find((o) => o.kind === 'Deployment')!.metadata.annotations!;
    expect(annotations[SUPPRESSED]).toBe('image-pinned: the demo tracks latest');
    expect(Object.keys(annotations)).toEqual([...Object.keys(annotations)].sort((a, b) => a.localeCompare(b)));
  });
});

describe('suppressions', () => {
  test('GIVEN a rule id that is not kebab-case WHEN Suppression.off() is called THEN it is refused at once', () => {
    // GIVEN / WHEN / THEN
    expect(() => Suppression.off('Image Pinned', 'because')).toThrow(/ruleId: received "Image Pinned"; allowed: the id of a validation rule/);
  });

  test('GIVEN a kebab-case id no rule has WHEN Suppression.off() is called THEN it is made (validation, which knows custom rules, refuses it)', () => {
    // GIVEN / WHEN
    const s = Suppression.off('acme-memory-limit', 'a custom rule');

    // THEN
    expect(s.rule).toBe('acme-memory-limit');
  });

  test('GIVEN an empty justification WHEN Validation.suppress() is called THEN a PropError names the construct', () => {
    // GIVEN
    const { stack } = makeStack();

    // WHEN / THEN
    expectPropError(() => Validation.suppress(stack, 'image-pinned', ' '), { path: 'test', prop: 'justification', received: '" "' });
  });

  test('GIVEN suppressions of both actions, repeated WHEN recorded as annotations THEN each action has its sorted lines once', () => {
    // GIVEN
    const entries = [
      { rule: 'b-rule', action: 'off' as const, justification: 'two\n  lines' },
      { rule: 'a-rule', action: 'off' as const, justification: 'one' },
      { rule: 'a-rule', action: 'off' as const, justification: 'one' },
      { rule: 'c-rule', action: 'downgrade' as const, justification: 'three' },
    ];

    // WHEN
    const annotations = suppressionAnnotations(entries);

    // THEN
    expect(annotations).toEqual({ [SUPPRESSED]: 'a-rule: one\nb-rule: two lines', [DOWNGRADED]: 'c-rule: three' });
  });

  test('GIVEN annotations naming a rule the validation does not know WHEN parsed with the known rules THEN the line is a problem', () => {
    // GIVEN
    const annotations = { [SUPPRESSED]: 'known-rule: yes\nother-rule: no' };

    // WHEN
    const { entries, problems } = parseSuppressionEntries(annotations, (id) => id === 'known-rule');

    // THEN
    expect(entries).toEqual([{ rule: 'known-rule', action: 'off', justification: 'yes' }]);
    expect(problems).toEqual([{ field: `metadata.annotations["${SUPPRESSED}"]`, message: expect.stringContaining('received the line "other-rule: no"') }]);
  });
});
