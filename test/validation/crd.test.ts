import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { AppStack, Environment, ExternalSecret, GitOps, ManifestObject, PlatformApp, PropError, SealedSecret, SecretStoreRef, validateObjects, ValidationError, ValidationPreset } from '../../lib';
import { readCrdFiles } from '../../lib/input/crd-files';
import { main } from '../../lib/cli';
import { loadManifests } from '../../lib/cli/_manifests';
import { defineExamples, EXAMPLE_ENVIRONMENTS } from '../../apps/examples';
import { CERT } from '../config/_sealing';
import { tmpdir } from '../_helpers';

const CRDS = path.relative(process.cwd(), path.join(__dirname, '..', 'fixtures', 'crds'));
const SERVICE_MONITOR_CRD = path.join(CRDS, 'monitoring.coreos.com_servicemonitors.yaml');
const ALL_CRDS = readCrdFiles([CRDS]);
const crd = (kind: string): ManifestObject => ALL_CRDS.find((c) => (c.spec as any).names.kind === kind)!;

/** A ServiceMonitor that its CRD accepts, with `spec` changed by `change`. */
function serviceMonitor(change: (spec: any) => void = () => undefined, apiVersion = 'monitoring.coreos.com/v1'): ManifestObject {
  const spec: any = { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'http', interval: '30s', scheme: 'https' }] };
  change(spec);
  return { apiVersion, kind: 'ServiceMonitor', metadata: { name: 'web', namespace: 'shop' }, spec };
}

/** The findings of `objects` validated with the fixture CRDs, as [rule, field] pairs. */
function findings(objects: ManifestObject[], crds: ManifestObject[] = ALL_CRDS): Array<[string, string, string]> {
  return validateObjects(objects, { customResourceDefinitions: crds }).findings.map((f) => [f.rule, f.field, f.severity]);
}

/** A minimal CRD of kind Widget (group example.com), whose v1 `spec` schema is `spec`. */
function widgetCrd(spec: object, version: object = {}): ManifestObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec } } }, ...version }],
    },
  };
}
const widget = (spec: unknown): ManifestObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' }, spec } as ManifestObject);

describe('custom resources checked against their CRD', () => {
  test('GIVEN a ServiceMonitor its CRD accepts WHEN validated THEN there is no finding', () => {
    expect(findings([serviceMonitor()])).toEqual([]);
  });

  test('GIVEN an unknown field WHEN validated THEN crd-schema names the field', () => {
    // GIVEN
    const o = serviceMonitor((s) => { s.endpoints[0].intervall = '30s'; });
    // WHEN
    const result = validateObjects([o], { customResourceDefinitions: ALL_CRDS });
    // THEN
    expect(result.findings.map((f) => [f.rule, f.field, f.severity])).toEqual([['crd-schema', 'spec.endpoints[0].intervall', 'error']]);
    expect(result.findings[0].message).toMatch(/^received the unknown field "intervall"; allowed: the fields .*interval.* \(ServiceMonitor monitoring.coreos.com\/v1: the API server drops unknown fields\)$/);
  });

  test('GIVEN a missing required field WHEN validated THEN crd-schema names it', () => {
    expect(findings([serviceMonitor((s) => { delete s.selector; })])).toEqual([['crd-schema', 'spec.selector', 'error']]);
  });

  test('GIVEN a value outside an enum WHEN validated THEN crd-schema lists the values allowed', () => {
    // WHEN
    const result = validateObjects([serviceMonitor((s) => { s.endpoints[0].scheme = 'htp'; })], { customResourceDefinitions: ALL_CRDS });
    // THEN
    expect(result.findings.map((f) => [f.field, f.message])).toEqual([['spec.endpoints[0].scheme', expect.stringContaining('received "htp"; allowed: one of "http", "https"')]]);
  });

  test('GIVEN a value of the wrong type WHEN validated THEN crd-schema names the type allowed', () => {
    // WHEN
    const result = validateObjects([serviceMonitor((s) => { s.endpoints[0].honorLabels = 'yes'; })], { customResourceDefinitions: ALL_CRDS });
    // THEN
    expect(result.findings.map((f) => [f.rule, f.field, f.message])).toEqual([['crd-schema', 'spec.endpoints[0].honorLabels', expect.stringContaining('received "yes" (a string); allowed: true or false')]]);
  });

  test('GIVEN a version the CRD defines but does not serve WHEN validated THEN crd-version-served is an error naming the served versions', () => {
    // GIVEN: external-secrets.io/v1beta1 is defined, deprecated and not served
    const o = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'shop' }, spec: {} };
    // WHEN
    const result = validateObjects([o], { customResourceDefinitions: ALL_CRDS });
    // THEN
    expect(result.findings.map((f) => [f.rule, f.field, f.severity, f.message])).toEqual([['crd-version-served', 'apiVersion', 'error',
      expect.stringContaining('allowed: a version the CustomResourceDefinition externalsecrets.external-secrets.io serves: external-secrets.io/v1')]]);
  });

  test('GIVEN a version the CRD does not define WHEN validated THEN crd-version-served is an error', () => {
    expect(findings([serviceMonitor(undefined, 'monitoring.coreos.com/v2')])).toEqual([['crd-version-served', 'apiVersion', 'error']]);
  });

  test('GIVEN a served, deprecated version WHEN validated THEN crd-version-deprecated warns with its deprecationWarning', () => {
    // GIVEN
    const definition = widgetCrd({ type: 'object' }, { deprecated: true, deprecationWarning: 'example.com/v1 Widget is deprecated; use v2' });
    // WHEN
    const result = validateObjects([widget({})], { customResourceDefinitions: [definition] });
    // THEN
    expect(result.findings.map((f) => [f.rule, f.severity, f.message])).toEqual([['crd-version-deprecated', 'warning', expect.stringContaining('"example.com/v1 Widget is deprecated; use v2"')]]);
  });

  test('GIVEN x-kubernetes-preserve-unknown-fields WHEN a field is not in the schema THEN it is accepted', () => {
    // GIVEN
    const definition = widgetCrd({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { size: { type: 'integer' } } });
    // WHEN / THEN
    expect(findings([widget({ size: 1, anything: { goes: true } })], [definition])).toEqual([]);
  });

  test('GIVEN an object schema without preserve-unknown-fields WHEN a field is not in it THEN it is unknown', () => {
    // GIVEN
    const definition = widgetCrd({ type: 'object', properties: { size: { type: 'integer' } } });
    // WHEN / THEN
    expect(findings([widget({ size: 1, anything: 1 })], [definition])).toEqual([['crd-schema', 'spec.anything', 'error']]);
  });

  test.each([[8080, true], ['http', true], [1.5, false], [true, false]])('GIVEN x-kubernetes-int-or-string WHEN the value is %j THEN it is accepted: %s', (port, ok) => {
    // GIVEN
    const definition = widgetCrd({ type: 'object', properties: { port: { 'x-kubernetes-int-or-string': true } } });
    // WHEN / THEN
    expect(findings([widget({ port })], [definition])).toEqual(ok ? [] : [['crd-schema', 'spec.port', 'error']]);
  });

  test.each([[true, []], [false, [['crd-schema', 'spec.name', 'error']]]])('GIVEN a required field that is null WHEN nullable is %s THEN the findings are %j', (nullable, expected) => {
    // GIVEN
    const definition = widgetCrd({ type: 'object', required: ['name'], properties: { name: { type: 'string', nullable } } });
    // WHEN / THEN
    expect(findings([widget({ name: null })], [definition])).toEqual(expected);
  });

  test.each([
    ['minimum', { type: 'integer', minimum: 1 }, 0],
    ['exclusive maximum', { type: 'integer', maximum: 10, exclusiveMaximum: true }, 10],
    ['maxLength (in characters)', { type: 'string', maxLength: 3 }, 'déjà'],
    ['pattern', { type: 'string', pattern: '^[a-z]+$' }, 'Web'],
    ['format date-time', { type: 'string', format: 'date-time' }, '2024-02-30T10:00:00Z'],
    ['format int32 on a string is ignored, but ipv4 is checked', { type: 'string', format: 'ipv4' }, '10.0.0.256'],
    ['minItems', { type: 'array', items: { type: 'string' }, minItems: 1 }, []],
    ['uniqueItems', { type: 'array', items: { type: 'string' }, uniqueItems: true }, ['a', 'a']],
    ['x-kubernetes-list-type: set', { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' }, ['a', 'a']],
    ['x-kubernetes-list-type: map', { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, v: { type: 'string' } } },
      'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }, [{ name: 'a', v: '1' }, { name: 'a', v: '2' }]],
    ['maxProperties', { type: 'object', additionalProperties: { type: 'string' }, maxProperties: 1 }, { a: 'x', b: 'y' }],
    ['additionalProperties', { type: 'object', additionalProperties: { type: 'string' } }, { a: 1 }],
  ])('GIVEN a schema with %s WHEN the value breaks it THEN crd-schema reports it', (_, schema, value) => {
    // GIVEN
    const definition = widgetCrd({ type: 'object', properties: { v: schema } });
    // WHEN
    const result = findings([widget({ v: value })], [definition]);
    // THEN
    expect(result).toEqual([['crd-schema', expect.stringMatching(/^spec\.v/), 'error']]);
  });

  test.each([
    ['minimum', { type: 'integer', minimum: 1 }, 1],
    ['maxLength (in characters)', { type: 'string', maxLength: 4 }, 'déjà'],
    ['format date-time', { type: 'string', format: 'date-time' }, '2024-02-29T10:00:00.5+01:00'],
    ['an unchecked format (hostname)', { type: 'string', format: 'hostname' }, 'not a host name!'],
    ['an integer where a number is allowed', { type: 'number' }, 3],
    ['x-kubernetes-list-type: map', { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, v: { type: 'string' } } },
      'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }, [{ name: 'a', v: '1' }, { name: 'b', v: '1' }]],
  ])('GIVEN a schema with %s WHEN the value meets it THEN there is no finding', (_, schema, value) => {
    // GIVEN
    const definition = widgetCrd({ type: 'object', properties: { v: schema } });
    // WHEN / THEN
    expect(findings([widget({ v: value })], [definition])).toEqual([]);
  });

  test('GIVEN a CRD with x-kubernetes-validations WHEN two of its resources are validated THEN one warning says how many rules were not evaluated', () => {
    // GIVEN
    const route = (name: string): ManifestObject => ({
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name, namespace: 'shop' },
      spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
    });
    // WHEN
    const result = validateObjects([route('a'), route('b')], { customResourceDefinitions: ALL_CRDS });
    // THEN
    expect(result.findings.map((f) => [f.rule, f.severity, f.name])).toEqual([['crd-validation-rules', 'warning', 'a']]);
    expect(result.findings[0].message).toMatch(/CustomResourceDefinition httproutes.gateway.networking.k8s.io has \d+ x-kubernetes-validations rule\(s\); allowed: .*these were not evaluated/);
  });

  test('GIVEN custom resources of one kind without a CRD WHEN validated THEN there is one schema-unknown-kind warning', () => {
    // WHEN
    const result = validateObjects([serviceMonitor(), { ...serviceMonitor(), metadata: { name: 'api', namespace: 'shop' } }]);
    // THEN
    expect(result.findings.map((f) => [f.rule, f.severity, f.name])).toEqual([['schema-unknown-kind', 'warning', 'web']]);
    expect(result.unchecked).toHaveLength(2);
  });

  test.each([['strict', ValidationPreset.STRICT], ['api-only', ValidationPreset.API_ONLY]])(
    'GIVEN the %s preset WHEN what was not checked is reported THEN schema-unknown-kind and crd-validation-rules are warnings', (_, preset) => {
      // GIVEN: an HTTPRoute (whose CRD has CEL rules) and a ServiceMonitor without its CRD
      const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'a', namespace: 'shop' }, spec: { parentRefs: [{ name: 'gw' }] } };
      // WHEN
      const result = validateObjects([route, serviceMonitor()], { preset, customResourceDefinitions: [crd('HTTPRoute')] });
      // THEN
      expect(result.findings.map((f) => [f.rule, f.severity])).toEqual([['crd-validation-rules', 'warning'], ['schema-unknown-kind', 'warning']]);
    });

  test('GIVEN a custom resource checked against its CRD WHEN validated THEN it is not listed as not schema-checked', () => {
    expect(validateObjects([serviceMonitor()], { customResourceDefinitions: ALL_CRDS }).unchecked).toEqual([]);
  });

  test('GIVEN the CRD among the objects WHEN validated THEN it is used', () => {
    expect(findings([crd('ServiceMonitor'), serviceMonitor((s) => { delete s.selector; })], [])).toEqual([['crd-schema', 'spec.selector', 'error']]);
  });

  test('GIVEN customResourceDefinitions that are not CRDs WHEN validated THEN the options are refused', () => {
    expect(() => validateObjects([], { customResourceDefinitions: [serviceMonitor()] })).toThrow(/customResourceDefinitions: .*allowed: an array of CustomResourceDefinition objects/);
  });
});

describe('validation.crds of a PlatformApp', () => {
  /** An app with `crds`, a stack and a raw custom resource in it. */
  function appWith(o: ManifestObject, crds: string[] = [SERVICE_MONITOR_CRD]): PlatformApp {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, validation: { crds } });
    const stack = new AppStack(app, 'shop', { namespace: 'shop' });
    new ApiObject(stack, 'monitor', o);
    return app;
  }

  test('GIVEN a good custom resource WHEN synthesized THEN synth passes', () => {
    expect(() => appWith(serviceMonitor()).synth()).not.toThrow();
  });

  test.each([
    ['an unknown field', (s: any) => { s.endpoints[0].intervall = '30s'; }, 'spec.endpoints[0].intervall'],
    ['a missing required field', (s: any) => { delete s.selector; }, 'spec.selector'],
    ['a bad enum', (s: any) => { s.endpoints[0].scheme = 'htp'; }, 'spec.endpoints[0].scheme'],
    ['a wrong type', (s: any) => { s.endpoints[0].honorLabels = 'yes'; }, 'spec.endpoints[0].honorLabels'],
  ])('GIVEN %s WHEN synthesized THEN synth fails naming the field', (_, change, field) => {
    // GIVEN
    const app = appWith(serviceMonitor(change));
    // WHEN / THEN
    expect(() => app.synth()).toThrow(ValidationError);
    expect(() => app.synth()).toThrow(`[crd-schema] ServiceMonitor shop/web ${field}`);
  });

  test('GIVEN an unserved version WHEN synthesized THEN synth fails with crd-version-served', () => {
    expect(() => appWith(serviceMonitor(undefined, 'monitoring.coreos.com/v1alpha1')).synth()).toThrow('[crd-version-served] ServiceMonitor shop/web apiVersion');
  });

  test('GIVEN a path that does not exist WHEN the app is constructed THEN a PropError names the file', () => {
    // WHEN
    const make = (): PlatformApp => new PlatformApp({ outdir: tmpdir(), validation: { crds: ['crds/missing.yaml'] } });
    // THEN
    expect(make).toThrow(PropError);
    expect(make).toThrow(/validation\.crds\[0\].*"crds\/missing.yaml".*crds\/missing\.yaml: no such file or folder \(ENOENT\)/);
  });

  test('GIVEN a file that is not a CRD WHEN the app is constructed THEN a PropError says so', () => {
    const seed = path.relative(process.cwd(), path.join(__dirname, '..', 'fixtures', 'seed-minimal-deployment.yaml'));
    expect(() => new PlatformApp({ outdir: tmpdir(), validation: { crds: [seed] } })).toThrow(/allowed: a CustomResourceDefinition \(apiextensions.k8s.io\/v1\) only/);
  });
});

describe('check --crd', () => {
  async function check(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(['check', ...argv], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: process.cwd(), env: process.env, stdin: () => '' });
    return { code, stdout, stderr };
  }
  const write = (o: ManifestObject): string => {
    const file = path.join(tmpdir(), 'monitor.json');
    fs.writeFileSync(file, JSON.stringify(o));
    return file;
  };

  test('GIVEN a good custom resource and its CRD WHEN checked THEN the exit code is 0 and there is no finding', async () => {
    const { code, stdout } = await check(write(serviceMonitor()), '--crd', SERVICE_MONITOR_CRD);
    expect([code, stdout]).toEqual([0, '0 error(s), 0 warning(s) in 1 object(s)\n']);
  });

  test.each([
    ['an unknown field', serviceMonitor((s) => { s.endpoints[0].intervall = '30s'; }), 'crd-schema'],
    ['a missing required field', serviceMonitor((s) => { delete s.selector; }), 'crd-schema'],
    ['a bad enum', serviceMonitor((s) => { s.endpoints[0].scheme = 'htp'; }), 'crd-schema'],
    ['a wrong type', serviceMonitor((s) => { s.endpoints[0].honorLabels = 'yes'; }), 'crd-schema'],
    ['an unserved version', serviceMonitor(undefined, 'monitoring.coreos.com/v1alpha1'), 'crd-version-served'],
  ])('GIVEN %s WHEN checked with --crd THEN the exit code is 1', async (_, o, rule) => {
    const { code, stdout } = await check(write(o), '--crd', SERVICE_MONITOR_CRD);
    expect(code).toBe(1);
    expect(stdout).toContain(`error [${rule}] ServiceMonitor shop/web`);
  });

  test('GIVEN the CRD in check\'s input WHEN checked without --crd THEN the custom resource is checked against it', async () => {
    const { code, stdout } = await check(write(serviceMonitor((s) => { delete s.selector; })), SERVICE_MONITOR_CRD);
    expect([code, stdout]).toEqual([1, expect.stringContaining('error [crd-schema] ServiceMonitor shop/web spec.selector')]);
  });

  test('GIVEN a --crd path that does not exist WHEN checked THEN it is named and the exit code is 1', async () => {
    const { code, stderr } = await check(write(serviceMonitor()), '--crd', 'missing-crds');
    expect([code, stderr]).toEqual([1, expect.stringContaining('cdk8s-platform check: --crd: missing-crds: no such file or folder (ENOENT)')]);
  });
});

describe('the library\'s own custom resources against their upstream CRDs', () => {
  /** The findings of the crd-* and schema-unknown-kind rules on `app`'s output, validated with the fixture CRDs. */
  function crdFindings(app: PlatformApp, kinds: string[]): string[] {
    // GIVEN the output as written (every environment and _gitops)
    app.synth();
    const objects = loadManifests([app.outdir]).objects;
    expect(kinds.filter((k) => !objects.some((o) => o.kind === k))).toEqual([]); // each kind is there to be validated
    // WHEN validated against the upstream CRDs
    return validateObjects(objects, { customResourceDefinitions: ALL_CRDS }).findings
      // the CEL rules of the Flux CRDs are not evaluated: crd-validation-rules says so, as a warning
      .filter((f) => (f.rule.startsWith('crd-') && f.rule !== 'crd-validation-rules') || f.rule === 'schema-unknown-kind')
      .map((f) => `${f.rule} ${f.kind} ${f.name} ${f.field}: ${f.message}`);
  }

  test.each([
    ['Argo CD Applications', ['Application'], [GitOps.argoCd({ repoURL: 'https://github.com/acme/deploy.git', targetRevision: 'main', path: 'dist' })]],
    ['an Argo CD ApplicationSet', ['ApplicationSet'], [GitOps.argoCd({ repoURL: 'https://github.com/acme/deploy.git', applicationSet: true })]],
    ['Flux GitRepository and Kustomizations', ['GitRepository', 'Kustomization'], [GitOps.flux({ repoURL: 'https://github.com/acme/deploy.git', secretName: 'deploy-key', interval: { source: '5m', apply: '10m' } })]],
  ])('GIVEN the example app with %s WHEN validated against the upstream CRDs THEN every custom resource passes', (_, kinds, gitOps) => {
    // GIVEN
    const app = new PlatformApp({ outdir: tmpdir(), environments: Object.keys(EXAMPLE_ENVIRONMENTS), gitOps, capacitySummary: false });
    defineExamples(app);
    // WHEN / THEN
    expect(crdFindings(app, kinds)).toEqual([]);
  });

  test('GIVEN an ExternalSecret and a SealedSecret WHEN validated against the upstream CRDs THEN they pass', () => {
    // GIVEN
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    const stack = new AppStack(new Environment(app, 'prod'), 'shop', { namespace: 'shop' });
    new ExternalSecret(stack, 'db', { store: SecretStoreRef.store('vault'), data: { url: { key: 'prod/db', property: 'url', version: 'v2' } }, refreshInterval: '1h' });
    new ExternalSecret(stack, 'tls', { store: SecretStoreRef.clusterStore('aws'), extract: [{ key: 'prod/tls' }] });
    new SealedSecret(stack, 'keys', { certificate: CERT, values: { a: 'one' }, metadata: { labels: { team: 'shop' } } });
    // WHEN / THEN
    expect(crdFindings(app, ['ExternalSecret', 'SealedSecret'])).toEqual([]);
  });
});
