import { PlatformError } from '../../lib';
import { ALL_RULES } from '../../lib/validation/rules';
import { ValidationPreset } from '../../lib/validation/presets';
import { Suppression } from '../../lib/validation/suppression';
import { validateObjects } from '../../lib/validation/validator';
import { formatReport, toJsonReport } from '../../lib/validation/report';
import { configMap, deployment, findingsOf, pdb, service, set, validApp } from './_fixtures';

const CRD_OBJECT = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'shop' }, spec: { anything: 1 } };
const unpinned = () => [set(deployment(), 'spec.template.spec.containers[0].image', 'nginx'), pdb(), service()];

describe('validateObjects', () => {
  test('GIVEN no preset WHEN validating THEN the recommended preset makes policy findings warnings', () => {
    // GIVEN / WHEN
    const { findings } = validateObjects(unpinned());
    // THEN
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['image-pinned', 'warning']]);
  });

  test('GIVEN the strict preset WHEN validating THEN policy findings are errors', () => {
    const { findings } = validateObjects(unpinned(), { preset: ValidationPreset.STRICT });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['image-pinned', 'error']]);
  });

  test('GIVEN the API-only preset WHEN validating THEN policy rules do not run', () => {
    const { findings } = validateObjects(unpinned(), { preset: ValidationPreset.API_ONLY });
    expect(findings).toEqual([]);
  });

  test('GIVEN presets WHEN looked up by name THEN each is found, and an unknown name is not', () => {
    expect(ValidationPreset.ALL.map((p) => ValidationPreset.named(p.name))).toEqual(ValidationPreset.ALL);
    expect(ValidationPreset.named('lenient')).toBeUndefined();
    expect(ValidationPreset.isValidationPreset(ValidationPreset.STRICT)).toBe(true);
  });

  test('GIVEN errors and warnings WHEN validating THEN errors come first', () => {
    const objects = [...unpinned(), set(configMap(), 'metadata.name', 'Bad_Name')];
    const { findings } = validateObjects(objects);
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning']);
  });

  test('GIVEN a custom resource without a known CRD WHEN validating THEN it is listed as not schema-checked, with one warning', () => {
    const result = validateObjects([CRD_OBJECT]);
    expect(result.findings.map((f) => [f.rule, f.severity])).toEqual([['schema-unknown-kind', 'warning']]);
    expect(result.unchecked).toEqual([{ apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', namespace: 'shop', name: 'db' }]);
  });

  test('GIVEN an app-wide suppression WHEN validating THEN the finding is not reported but kept with its justification', () => {
    const { findings, suppressed } = validateObjects(unpinned(), { suppressions: [Suppression.off('image-pinned', 'nginx is pinned by the mirror')] });
    expect(findings).toEqual([]);
    expect(suppressed.map((s) => [s.finding.rule, s.action, s.justification])).toEqual([['image-pinned', 'off', 'nginx is pinned by the mirror']]);
  });

  test('GIVEN an app-wide downgrade WHEN an error is found THEN it is a warning', () => {
    const objects = [set(configMap(), 'metadata.name', 'Bad_Name')];
    const { findings } = validateObjects(objects, { suppressions: [Suppression.downgrade('object-name', 'legacy name, renamed in Q3')] });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['object-name', 'warning']]);
  });

  test('GIVEN a suppression annotation on an object WHEN validating THEN that object only is suppressed', () => {
    const objects = unpinned();
    set(objects[0], 'metadata.annotations', { 'cdk8s-platform.io/validation-suppressed': 'image-pinned: the vendor only publishes latest' });
    const other = set(set(deployment(), 'metadata.name', 'other'), 'spec.template.spec.containers[0].image', 'nginx');
    set(other, 'spec.replicas', 1);
    const { findings, suppressed } = validateObjects([...objects, other]);
    expect(findings.map((f) => `${f.rule} ${f.name}`)).toEqual(['image-pinned other']);
    expect(suppressed[0].justification).toBe('the vendor only publishes latest');
  });

  test('GIVEN a suppression without a justification THEN it is refused', () => {
    expect(() => Suppression.off('image-pinned', '  ')).toThrow(/justification: received "  "; allowed: a written justification/);
    expect(() => Suppression.off('image-pinned', '  ')).toThrow(PlatformError);
  });

  test('GIVEN an app-wide suppression of an unknown rule WHEN validating THEN it is refused, naming the suppression', () => {
    // GIVEN
    const suppressions = [Suppression.downgrade('no-such-rule', 'because')];
    // WHEN / THEN
    expect(() => validateObjects([], { suppressions })).toThrow(/suppressions\[0\]\.rule: received "no-such-rule"; allowed: the id of a built-in rule/);
  });

  test('GIVEN a construct suppression of an unknown rule WHEN validating THEN it is refused, naming the construct', () => {
    // GIVEN
    const sources = [{ constructPath: 'app/shop/api', suppressions: [Suppression.off('no-such-rule', 'because')] }];
    // WHEN / THEN
    expect(() => validateObjects([deployment()], {}, sources)).toThrow(/construct at "app\/shop\/api" or of a construct above it: received the rule id "no-such-rule"/);
  });

  test('GIVEN a missing Secret declared external WHEN validating THEN it is not reported', () => {
    const d = set(deployment(), 'spec.template.spec.containers[0].env[1]', { name: 'DB', valueFrom: { secretKeyRef: { name: 'db-secret', key: 'url' } } });
    expect(findingsOf([d, pdb(), service()], { externals: [{ kind: 'Secret', name: 'db-secret' }] })).toEqual([]);
    expect(findingsOf([d, pdb(), service()], { externals: [{ kind: 'Secret', name: 'db-secret', namespace: 'other' }] }).map((f) => f.rule)).toEqual(['reference-missing']);
  });

  test('GIVEN a missing Secret declared in the external-references annotation WHEN validating THEN it is not reported', () => {
    const d = set(deployment(), 'spec.template.spec.containers[0].env[1]', { name: 'DB', valueFrom: { secretKeyRef: { name: 'db-secret', key: 'url' } } });
    set(d, 'metadata.annotations', { 'cdk8s-platform.io/external-references': 'Secret/db-secret, ConfigMap/shared/ca' });
    expect(findingsOf([d, pdb(), service()])).toEqual([]);
  });

  test('GIVEN an optional reference to a missing ConfigMap WHEN validating THEN it is not reported', () => {
    const d = set(deployment(), 'spec.template.spec.containers[0].envFrom', [{ configMapRef: { name: 'extra', optional: true } }]);
    expect(findingsOf([d, pdb(), service()])).toEqual([]);
  });

  test('GIVEN an object that is not an object shape WHEN a rule meets a bad value THEN it reports, never throws', () => {
    const weird: any = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: 'nope', selector: 3, strategy: [] } };
    expect(() => validateObjects([weird], { preset: ValidationPreset.STRICT })).not.toThrow();
    expect(findingsOf([weird]).map((f) => f.rule)).toContain('schema-type');
  });

  test('GIVEN every rule WHEN listed THEN ids are unique kebab-case and Pod Security rules are named after their level', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(ids.filter((id) => id.startsWith('pss-baseline-')).length).toBe(12);
    expect(ids.filter((id) => id.startsWith('pss-restricted-')).length).toBe(7);
    expect(ids).toContain('pss-restricted-seccomp-profile');
  });
});

describe('reports', () => {
  test('GIVEN findings WHEN reported as JSON THEN each has rule, severity, kind, namespace, name, field and message', () => {
    const result = validateObjects([set(configMap(), 'metadata.name', 'Bad_Name'), CRD_OBJECT]);
    const json = toJsonReport(result);
    expect(json.findings).toEqual([expect.objectContaining({
      rule: 'object-name', severity: 'error', kind: 'ConfigMap', namespace: 'shop', name: 'Bad_Name', field: 'metadata.name',
      message: expect.stringContaining('received "Bad_Name"'),
    }), expect.objectContaining({ rule: 'schema-unknown-kind', severity: 'warning', kind: 'ExternalSecret' })]);
    expect(json.notSchemaChecked).toEqual([{ apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', namespace: 'shop', name: 'db' }]);
  });

  test('GIVEN findings WHEN reported for humans THEN there is one line per finding and a summary', () => {
    const result = validateObjects(validApp().concat([set(configMap(), 'metadata.name', 'Bad_Name')]));
    const text = formatReport(result, 13);
    expect(text).toContain('error [object-name] ConfigMap shop/Bad_Name metadata.name: received "Bad_Name"');
    expect(text).toMatch(/1 error\(s\), 0 warning\(s\) in 13 object\(s\)\n$/);
  });
});
