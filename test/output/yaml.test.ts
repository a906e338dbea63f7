import fc from 'fast-check';
import { dump, load, loadAll } from 'js-yaml';
import { parse, parseAllDocuments } from 'yaml';
import { ManifestObject, toYaml, toYamlDocument } from '../../lib';

/** Reads YAML the way a YAML 1.1 parser (kubectl's go-yaml, PyYAML) does. */
const parseYaml11 = (text: string): unknown => parse(text, { version: '1.1' });

// Strings that YAML 1.1 reads as booleans, numbers, null, or merge/value keys when they are written plain.
const YAML_1_1_NON_STRINGS = [
  'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'y', 'Y', 'n', 'N',
  'true', 'True', 'false', 'FALSE', 'null', 'Null', 'NULL', '~', '',
  '0777', '0_7', '+0_7', '0b1010', '0b1_0', '0x1F', '0x_1f', '1_000', '1__0', '-12', '+1', '0', '1:20', '-190:20:30',
  '1e3', '1E3', 'E1', '-e+5', '.e3', '1.5', '.5', '._5', '1_0.5', '1.5e+3', '1:20.5', '.inf', '-.Inf', '.NaN', '2001-12-14', '2001-12-14t21:59:43.10-05:00',
  '<<', '=',
];

describe('toYaml', () => {
  test.each(YAML_1_1_NON_STRINGS.map((s) => [s]))('GIVEN the string %j WHEN serialized THEN a YAML 1.1 parser reads it back as that string', (value) => {
    // GIVEN / WHEN
    const text = toYamlDocument({ apiVersion: 'v1', kind: 'ConfigMap', data: { [value]: value } });
    // THEN
    expect(parseYaml11(text)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', data: { [value]: value } });
  });

  test('GIVEN ordinary strings WHEN serialized THEN they are written plain', () => {
    // GIVEN / WHEN
    const text = toYamlDocument({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api-server', labels: { 'app.kubernetes.io/version': '1.8.0' } } });
    // THEN
    expect(text).toBe('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api-server\n  labels:\n    app.kubernetes.io/version: 1.8.0\n');
  });

  test('GIVEN a string longer than any line width WHEN serialized THEN it is not folded', () => {
    // GIVEN
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    // WHEN
    const text = toYamlDocument({ apiVersion: 'v1', kind: 'ConfigMap', data: { LONG: long } });
    // THEN
    expect(text.split('\n')).toContain(`  LONG: ${long}`);
  });

  test('GIVEN a multi-line string WHEN serialized THEN it reads back unchanged', () => {
    // GIVEN
    const script = 'line one\n  indented: two\n\nlast # not a comment\n';
    // WHEN
    const text = toYamlDocument({ apiVersion: 'v1', kind: 'ConfigMap', data: { 'run.sh': script } });
    // THEN
    expect((parseYaml11(text) as any).data['run.sh']).toBe(script);
  });

  test('GIVEN a multi-line string WHEN serialized THEN it is a literal block', () => {
    // GIVEN / WHEN
    const text = toYamlDocument({ data: { 'app.conf': 'server:\n  port: 80\n' } });
    // THEN
    expect(text).toBe('data:\n  app.conf: |\n    server:\n      port: 80\n');
  });

  test('GIVEN a multi-line string with a whitespace-only line WHEN serialized THEN it is double-quoted', () => {
    // GIVEN / WHEN
    const text = toYamlDocument({ data: { x: 'a\n  \nb' } });
    // THEN
    expect(text).toBe('data:\n  x: "a\\n  \\nb"\n');
  });

  test('GIVEN a typical object WHEN serialized THEN the text is what js-yaml writes', () => {
    // GIVEN
    const object = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', labels: { 'app.kubernetes.io/name': 'api' }, annotations: {} },
      spec: {
        replicas: 2,
        template: {
          spec: {
            containers: [{ name: 'api', image: 'ghcr.io/acme/api:1.0', args: ['--port', '8080', 'on'], ports: [{ containerPort: 8080 }], env: [] }],
            securityContext: { runAsNonRoot: true },
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
        matrix: [[1, 2], [], [{ a: 'b' }]],
      },
    };
    // WHEN / THEN
    expect(toYamlDocument(object)).toBe(dump(object, { lineWidth: -1, noRefs: true }));
  });

  test('GIVEN a fractional number WHEN serialized THEN it reads back unchanged', () => {
    // GIVEN / WHEN
    const text = toYamlDocument({ spec: { ratio: 0.25, big: 1e300 } });
    // THEN
    expect(parseYaml11(text)).toEqual({ spec: { ratio: 0.25, big: 1e300 } });
  });

  test('GIVEN keys in some order WHEN serialized THEN the order is kept', () => {
    // GIVEN / WHEN
    const text = toYamlDocument({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { b: '1', a: '2' } });
    // THEN
    expect(Object.keys((parseYaml11(text) as any).data)).toEqual(['b', 'a']);
    expect(text.indexOf('apiVersion')).toBe(0);
  });

  test('GIVEN several objects WHEN serialized THEN each is one document, separated by ---', () => {
    // GIVEN
    const objects: ManifestObject[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } },
    ];
    // WHEN
    const text = toYaml(objects);
    // THEN
    expect(text).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n');
    expect(parseAllDocuments(text).map((d) => d.toJSON())).toEqual(objects);
  });

  test('GIVEN any JSON-like object WHEN serialized THEN YAML 1.1 and YAML 1.2 parsers both read back the same object', () => {
    // GIVEN: strings mixing YAML-significant characters, numbers, booleans, nesting
    const yamlish = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aoy01:-_./#&*!|>\'"%@` \n\t\r\u0085\u2028{}[],?~=<+eEx'.split('')), maxLength: 8 }),
      fc.constantFrom(...YAML_1_1_NON_STRINGS),
      fc.string(),
      // multi-line text: indented lines, blank and whitespace-only lines, trailing line breaks
      fc.array(fc.string({ unit: fc.constantFrom(...' \tax:#-|"'.split('')), maxLength: 6 }), { minLength: 2, maxLength: 5 }).map((lines) => lines.join('\n')),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, yamlish, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)), fc.boolean(), fc.constant(null), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(yamlish, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(fc.property(fc.dictionary(yamlish, value, { maxKeys: 5 }), (data) => {
      // WHEN
      const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data };
      const text = toYaml([object, object]);
      // THEN
      expect(parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJSON())).toEqual([object, object]);
      expect(loadAll(text)).toEqual([object, object]);
      expect(load(toYamlDocument(object))).toEqual(object);
    }), { numRuns: 300 });
  });

  test('GIVEN the same objects WHEN serialized twice THEN the bytes are identical', () => {
    // GIVEN
    const objects: ManifestObject[] = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { z: 'yes', a: '0777' } } as ManifestObject];
    // WHEN / THEN
    expect(toYaml(objects)).toBe(toYaml(JSON.parse(JSON.stringify(objects))));
  });
});
