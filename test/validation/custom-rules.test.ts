import * as path from 'path';
import {
  AppStack, PlatformApp, podRule, PropError, Rule, Suppression, synthFindings, synthObjects, Validation,
  ValidationPreset, WebService,
} from '../../lib';
import { validateObjects } from '../../lib/validation/validator';
import { presets, rules, trustedRegistry } from '../fixtures/rules/acme-rules';
import { RESOURCES, tmpdir } from '../_helpers';
import { configMap, deployment, set } from './_fixtures';

/** The README's example app: the team's rules and preset, and a suppression of its rule (verbatim, but `outdir`). */
function readmeExampleApp(outdir: string): PlatformApp {
  // README example: begin
  const app = new PlatformApp({ outdir, validation: {
    rules,
    preset: presets[0],
    suppressions: [Suppression.downgrade('acme-trusted-registry', 'the mirror job copies public images first')],
  } });
  // README example: end
  return app;
}

/** A stack in `app` with a WebService whose image is not from the company registry (`image`, by default nginx:1.25). */
function stackWithPublicImage(app: PlatformApp, image = 'nginx:1.25'): AppStack {
  const stack = new AppStack(app, 'shop', { namespace: 'shop' });
  new WebService(stack, 'web', { image, resources: RESOURCES, replicas: 1 });
  return stack;
}

/** A rule with every member, to vary in tests. */
function rule(props: Partial<Rule> = {}): Rule {
  return {
    id: 'acme-rule', description: 'Checks something.', layer: 'policy', severity: 'warning', remediation: 'Change something.',
    check: () => undefined, ...props,
  };
}

/** A rule that reports every ConfigMap's `metadata.name`. */
const everyConfigMap = rule({ id: 'acme-config-map', kinds: ['ConfigMap'], check: (_o, ctx) => ctx.report('metadata.name', 'received a ConfigMap; allowed: none') });

describe('custom rules at synth', () => {
  test('GIVEN a custom rule of severity error WHEN a workload breaks it THEN the synth fails with its finding and remediation', () => {
    // GIVEN
    const stack = stackWithPublicImage(new PlatformApp({ outdir: tmpdir(), validation: { rules: [trustedRegistry] } }));
    // WHEN / THEN
    expect(() => synthObjects(stack)).toThrow(new RegExp('^Validation failed; nothing was written\\. 1 error\\(s\\):\n' +
      '  - error \\[acme-trusted-registry\\] Deployment shop/web spec\\.template\\.spec\\.containers\\[0\\]\\.image: received "nginx:1\\.25"; ' +
      'allowed: an image of ghcr\\.io/acme/ \\(construct shop/web/Deployment\\)\n    remediation: Pull the image from ghcr\\.io/acme/'));
  });

  test('GIVEN the README example WHEN synthesized THEN the downgraded custom rule is printed as a warning with its remediation', () => {
    // GIVEN
    const app = readmeExampleApp(path.join(tmpdir(), 'dist'));
    stackWithPublicImage(app);
    const printed: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((text) => { printed.push(String(text)); return true; });
    // WHEN
    try {
      app.synth();
    } finally {
      spy.mockRestore();
    }
    // THEN
    const output = printed.join('');
    expect(output).toContain('cdk8s-platform: warning [acme-trusted-registry] Deployment shop/web spec.template.spec.containers[0].image: received "nginx:1.25"');
    expect(output).toContain('    remediation: Pull the image from ghcr.io/acme/');
  });

  test('GIVEN the README example WHEN an image is unpinned THEN its preset makes image-pinned an error', () => {
    // GIVEN
    const stack = stackWithPublicImage(readmeExampleApp(tmpdir()), 'nginx');
    // WHEN
    const findings = synthFindings(stack);
    // THEN
    expect(findings.filter((f) => f.rule === 'image-pinned').map((f) => f.severity)).toEqual(['error']);
  });

  test('GIVEN a custom rule and an app-wide suppression of it WHEN synthesized THEN its finding is only listed as suppressed', () => {
    // GIVEN
    const app = new PlatformApp({ outdir: tmpdir(), validation: { rules: [trustedRegistry], suppressions: [Suppression.off('acme-trusted-registry', 'an admission webhook rewrites images')] } });
    const stack = stackWithPublicImage(app);
    // WHEN
    const findings = synthFindings(stack);
    // THEN
    expect(findings.map((f) => f.rule)).not.toContain('acme-trusted-registry');
  });

  test('GIVEN a construct suppression of a custom rule WHEN synthesized THEN it applies to the construct\'s objects', () => {
    // GIVEN
    const app = new PlatformApp({ outdir: tmpdir(), validation: { rules: [trustedRegistry] } });
    const stack = stackWithPublicImage(app);
    Validation.downgrade(stack, 'acme-trusted-registry', 'a public image, reviewed in OPS-7');
    // WHEN
    const findings = synthFindings(stack);
    // THEN
    expect(findings.filter((f) => f.rule === 'acme-trusted-registry').map((f) => f.severity)).toEqual(['warning']);
  });

  test('GIVEN a construct suppression of a rule id no rule has WHEN synthesized THEN it is refused, naming the construct', () => {
    // GIVEN
    const stack = stackWithPublicImage(new PlatformApp({ outdir: tmpdir(), validation: { rules: [trustedRegistry] } }));
    Validation.suppress(stack, 'acme-trusted-registri', 'a typo');
    // WHEN / THEN
    expect(() => synthObjects(stack)).toThrow(/Invalid suppression \(Validation\.suppress\(\) or downgrade\(\)\) of the construct at "shop\/[^"]*" or of a construct above it: received the rule id "acme-trusted-registri"; allowed: the id of a built-in rule/);
  });

  test('GIVEN an app-wide suppression of a rule id no rule has WHEN the app is created THEN a PropError names it', () => {
    // WHEN
    let error: unknown;
    try {
      new PlatformApp({ outdir: tmpdir(), validation: { rules: [trustedRegistry], suppressions: [Suppression.off('acme-other', 'a typo')] } });
    } catch (e) {
      error = e;
    }
    // THEN
    expect(PropError.isPropError(error)).toBe(true);
    expect((error as PropError).problems.map((p) => [p.prop, p.value])).toEqual([['validation.suppressions[0].rule', 'acme-other']]);
  });

  test('GIVEN a workload with an image of the company registry WHEN synthesized with the custom rule THEN it has no finding of it', () => {
    // GIVEN
    const stack = new AppStack(new PlatformApp({ outdir: tmpdir(), validation: { rules: [trustedRegistry] } }), 'shop', { namespace: 'shop' });
    new WebService(stack, 'web', { image: 'ghcr.io/acme/web:1.4.0', resources: RESOURCES, replicas: 1 });
    // WHEN
    const findings = synthFindings(stack);
    // THEN
    expect(findings.map((f) => f.rule)).not.toContain('acme-trusted-registry');
  });

  test('GIVEN a custom rule whose id is a built-in rule\'s WHEN the app is created THEN a PropError names both', () => {
    // GIVEN
    const colliding = rule({ id: 'image-pinned' });
    // WHEN
    let error: unknown;
    try {
      new PlatformApp({ outdir: tmpdir(), validation: { rules: [colliding] } });
    } catch (e) {
      error = e;
    }
    // THEN
    expect(PropError.isPropError(error)).toBe(true);
    expect((error as PropError).problems).toEqual([expect.objectContaining({
      prop: 'validation.rules[0].id', value: 'image-pinned', allowed: expect.stringMatching(/^an id of its own: the built-in rule "image-pinned" \(Images have/),
    })]);
  });
});

describe('custom rules in validateObjects', () => {
  test('GIVEN a custom rule WHEN validating THEN its findings carry its id, severity and remediation', () => {
    // WHEN
    const { findings } = validateObjects([configMap()], { rules: [everyConfigMap] });
    // THEN
    expect(findings.filter((f) => f.rule === 'acme-config-map')).toEqual([expect.objectContaining({
      severity: 'warning', kind: 'ConfigMap', field: 'metadata.name', message: 'received a ConfigMap; allowed: none', remediation: 'Change something.',
    })]);
  });

  test('GIVEN a custom rule with kinds WHEN validating other kinds THEN it does not run on them', () => {
    // WHEN
    const { findings } = validateObjects([deployment()], { rules: [everyConfigMap] });
    // THEN
    expect(findings.map((f) => f.rule)).not.toContain('acme-config-map');
  });

  test('GIVEN a pod rule without kinds WHEN validating a ConfigMap and a Deployment THEN it checks only the pod template', () => {
    // GIVEN
    const seen: string[] = [];
    const podOnly = podRule({ ...rule({ id: 'acme-pods' }), checkPod: (pod, _ctx, o) => { seen.push(`${o.kind} ${pod.specPath}`); } });
    // WHEN
    validateObjects([configMap(), deployment()], { rules: [podOnly] });
    // THEN
    expect(seen).toEqual(['Deployment spec.template.spec']);
  });

  test('GIVEN two custom rules with the same id WHEN validating THEN it is refused, naming both', () => {
    // GIVEN
    const rules2 = [rule({ id: 'acme-twice', description: 'The first.' }), rule({ id: 'acme-twice' })];
    // WHEN / THEN
    expect(() => validateObjects([], { rules: rules2 })).toThrow(/rules\[1\]\.id: received "acme-twice"; allowed: an id of its own: rules\[0\] \("The first\."\) has it/);
  });

  test('GIVEN a custom rule without a remediation and with an unknown layer WHEN validating THEN each problem is named', () => {
    // GIVEN
    const bad = { ...rule(), remediation: '', layer: 'style' } as unknown as Rule;
    // WHEN / THEN
    expect(() => validateObjects([], { rules: [bad] })).toThrow(/rules\[0\]\.layer: received "style"; allowed: "schema", "api", "integrity", "policy"\n  - rules\[0\]\.remediation: received ""/);
  });

  test.each<[string, unknown, RegExp]>([
    ['an empty description', { ...rule(), description: ' ' }, /rules\[0\]\.description: received " "; allowed: what the rule checks, in one sentence/],
    ['an unknown severity', { ...rule(), severity: 'info' }, /rules\[0\]\.severity: received "info"; allowed: "error" or "warning"/],
    ['kinds that are not a list of kinds', { ...rule(), kinds: 'Deployment' }, /rules\[0\]\.kinds: received "Deployment"; allowed: an array of kinds/],
    ['a check that is not a function', { ...rule(), check: undefined }, /rules\[0\]\.check: received undefined; allowed: a function \(object, ctx\)/],
    ['something that is not a rule', 'acme-rule', /rules\[0\]: received "acme-rule"; allowed: a rule: \{ id, description, layer, severity, remediation, check \}/],
  ])('GIVEN a custom rule with %s WHEN validating THEN it is refused', (_case, bad, expected) => {
    expect(() => validateObjects([], { rules: [bad as Rule] })).toThrow(expected);
  });

  test('GIVEN rules that are not a list WHEN validating THEN they are refused', () => {
    expect(() => validateObjects([], { rules: rule() as unknown as Rule[] })).toThrow(/  - rules: received \{"id":"acme-rule".*; allowed: an array of rules/s);
  });

  test('GIVEN a preset that is not a ValidationPreset WHEN validating THEN it is refused', () => {
    expect(() => validateObjects([], { preset: 'strict' as never })).toThrow(/preset: received "strict"; allowed: a ValidationPreset: RECOMMENDED, STRICT, API_ONLY or ValidationPreset\.custom/);
  });

  test('GIVEN a custom rule that is not kebab-case WHEN validating THEN it is refused', () => {
    expect(() => validateObjects([], { rules: [rule({ id: 'Acme_Rule' })] })).toThrow(/rules\[0\]\.id: received "Acme_Rule"; allowed: a kebab-case id/);
  });

  test('GIVEN a custom rule that throws WHEN validating THEN the object gets a finding of that rule', () => {
    // GIVEN
    const broken = rule({ id: 'acme-broken', check: () => { throw new Error('boom'); } });
    // WHEN
    const { findings } = validateObjects([configMap()], { rules: [broken] });
    // THEN
    expect(findings.find((f) => f.rule === 'acme-broken')?.message).toContain('the rule could not check this object (boom)');
  });

  test('GIVEN a suppression of a custom rule WHEN validating THEN it applies by id', () => {
    // WHEN
    const { findings, suppressed } = validateObjects([configMap()], { rules: [everyConfigMap], suppressions: [Suppression.off('acme-config-map', 'generated names')] });
    // THEN
    expect(findings.map((f) => f.rule)).not.toContain('acme-config-map');
    expect(suppressed.map((s) => [s.finding.rule, s.justification])).toEqual([['acme-config-map', 'generated names']]);
  });

  test('GIVEN a suppression annotation naming a custom rule WHEN validating with it THEN the annotation applies', () => {
    // GIVEN
    const annotated = set(configMap(), 'metadata.annotations', { 'cdk8s-platform.io/validation-suppressed': 'acme-config-map: generated names' });
    // WHEN
    const { findings } = validateObjects([annotated], { rules: [everyConfigMap] });
    // THEN
    expect(findings.map((f) => f.rule)).toEqual([]);
  });

  test('GIVEN a suppression of a rule id no rule has WHEN validating with custom rules THEN it is refused', () => {
    // GIVEN
    const suppressions = [Suppression.off('acme-other', 'because')];
    // WHEN / THEN
    expect(() => validateObjects([], { rules: [everyConfigMap], suppressions })).toThrow(/suppressions\[0\]\.rule: received "acme-other"; allowed: the id of a built-in rule \(ALL_RULES\) or of one of validation\.rules/);
  });
});

describe('custom presets', () => {
  test('GIVEN a custom preset WHEN validating THEN its severities replace the base\'s and "off" turns a rule off', () => {
    // GIVEN
    const preset = ValidationPreset.custom({ name: 'acme', severities: { 'acme-config-map': 'error' } });
    // WHEN
    const on = validateObjects([configMap()], { rules: [everyConfigMap], preset });
    const off = validateObjects([configMap()], { rules: [everyConfigMap], preset: ValidationPreset.custom({ name: 'quiet', severities: { 'acme-config-map': 'off' } }) });
    // THEN
    expect(on.findings.find((f) => f.rule === 'acme-config-map')?.severity).toBe('error');
    expect(off.findings.map((f) => f.rule)).not.toContain('acme-config-map');
  });

  test('GIVEN a custom preset without a base WHEN a rule is not named THEN the recommended severity applies', () => {
    // GIVEN
    const preset = ValidationPreset.custom({ name: 'acme' });
    // WHEN
    const { findings } = validateObjects([set(deployment(), 'spec.template.spec.containers[0].image', 'nginx')], { preset });
    // THEN
    expect(findings.filter((f) => f.rule === 'image-pinned').map((f) => f.severity)).toEqual(['warning']);
  });

  test('GIVEN a custom preset on the strict base WHEN a custom warning rule finds something THEN it is an error', () => {
    // GIVEN
    const preset = ValidationPreset.custom({ name: 'acme-strict', base: ValidationPreset.STRICT });
    // WHEN
    const { findings } = validateObjects([configMap()], { rules: [everyConfigMap], preset });
    // THEN
    expect(findings.find((f) => f.rule === 'acme-config-map')?.severity).toBe('error');
  });

  test('GIVEN the API-only preset WHEN a custom rule is of the policy layer THEN it does not run', () => {
    const { findings } = validateObjects([configMap()], { rules: [everyConfigMap], preset: ValidationPreset.API_ONLY });
    expect(findings.map((f) => f.rule)).not.toContain('acme-config-map');
  });

  test('GIVEN a custom preset naming a rule id no rule has WHEN validating THEN it is refused, naming the preset', () => {
    // GIVEN
    const preset = ValidationPreset.custom({ name: 'acme', severities: { 'acme-missing': 'error' } });
    // WHEN / THEN
    expect(() => validateObjects([], { preset })).toThrow(/preset\.severities\["acme-missing"\]: received "acme-missing"; allowed: the id of a built-in rule .*\(preset "acme"\)/);
  });

  test('GIVEN the name of a built-in preset WHEN a custom preset is made THEN it is refused', () => {
    expect(() => ValidationPreset.custom({ name: 'strict' })).toThrow(/name: received "strict"; allowed: a name no built-in preset has \(recommended, strict, api-only\)/);
  });

  test('GIVEN a name that is not kebab-case WHEN a custom preset is made THEN it is refused', () => {
    expect(() => ValidationPreset.custom({ name: 'Acme Preset' })).toThrow(/name: received "Acme Preset"; allowed: a kebab-case name/);
  });

  test('GIVEN a severity that is not error, warning or off WHEN a custom preset is made THEN it is refused', () => {
    expect(() => ValidationPreset.custom({ name: 'acme', severities: { 'image-pinned': 'fatal' as never } })).toThrow(/severities\["image-pinned"\]: received "fatal"; allowed: "error", "warning" or "off"/);
  });

  test('GIVEN a base that is not a preset WHEN a custom preset is made THEN it is refused', () => {
    expect(() => ValidationPreset.custom({ name: 'acme', base: 'strict' as never })).toThrow(/base: received "strict"; allowed: a ValidationPreset/);
  });

  test('GIVEN a custom preset WHEN read THEN it keeps its name, base and severities, and is a ValidationPreset', () => {
    // WHEN
    const preset = ValidationPreset.custom({ name: 'acme', base: ValidationPreset.STRICT, severities: { 'ssh-port': 'off' } });
    // THEN
    expect([preset.name, preset.base, preset.severities]).toEqual(['acme', ValidationPreset.STRICT, { 'ssh-port': 'off' }]);
    expect(ValidationPreset.isValidationPreset(preset)).toBe(true);
  });
});
