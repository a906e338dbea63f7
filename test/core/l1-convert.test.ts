import * as fs from 'fs';
import * as path from 'path';
import { convertL1, convertL1Object, hasL1Conversion, L1FieldConflict, l1Type } from '../../lib/core/_l1-convert';
import { L1_CONVERSIONS } from '../../lib/core/_l1-conversions';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { conversionModule, Field } from '../../scripts/generate-l1-conversions';

const table = JSON.parse(L1_CONVERSIONS) as Record<string, Field[]>;
const generated = k8s as unknown as Record<string, (x: unknown) => unknown>;

/**
 * A value for every field of `type`, by its shape (nested types to `depth`): the cases the generated code treats
 * differently, wrappers, maps with an undefined entry and an integer-like key, numbers and strings in unions (values
 * of the shapes the generated code expects: what it drops is tested below). With `sparse`, every other field is
 * left undefined; with `unknownKeys`, the innermost objects have a key their type does not know (`<field>-x: 1`).
 */
function sample(type: string, depth: number, sparse = false, unknownKeys = false): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  table[type].forEach(([json, prop, shape, nested], i) => {
    if (sparse && i % 2 === 1) return;
    const inner = (): unknown => (depth > 0 && nested ? sample(nested, depth - 1, sparse, unknownKeys) : unknownKeys ? { [`${json}-x`]: 1 } : {});
    switch (shape) {
      case 'c': obj[prop] = i % 3 === 0 ? `${json}-value` : i % 3 === 1 ? i : { any: [json] }; break;
      case 'o': obj[prop] = inner(); break;
      case 'ao': obj[prop] = [inner(), inner()]; break;
      case 'ac': obj[prop] = [`${json}-a`, `${json}-b`]; break;
      case 'v': obj[prop] = { value: i % 2 === 0 ? `${i}%` : i }; break;
      case 'd': obj[prop] = new Date(Date.UTC(2020, 0, 1, 0, 0, i)); break;
      case 'mc': obj[prop] = { b: 'x', a: 'y', 1: 'z', u: undefined }; break;
      case 'mv': obj[prop] = { cpu: { value: '100m' }, memory: { value: 1 }, u: undefined }; break;
      case 'mo': obj[prop] = { b: inner(), a: inner(), u: undefined }; break;
      case 'mac': obj[prop] = { b: ['1', '2'], a: [], u: undefined }; break;
      default: throw new Error(`unknown shape ${shape}`);
    }
  });
  return obj;
}

describe('convertL1', () => {
  test('GIVEN the installed cdk8s-plus-27 WHEN its conversion table is generated THEN it is the committed lib/core/_l1-conversions.ts', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'lib', 'core', '_l1-conversions.ts'), 'utf8');
    expect(conversionModule()).toBe(committed);
  });

  test('GIVEN every field of every type, in every shape WHEN converted THEN the result is exactly the generated function\'s', () => {
    const types = Object.keys(table);
    expect(types.length).toBeGreaterThan(400);
    for (const type of types) {
      for (const sparse of [false, true]) {
        const input = sample(type, 2, sparse);
        const expected = generated[`toJson_${type}`](input);
        const actual = convertL1(type, input);
        // The same keys in the same order, and the same undefined values (which JSON leaves out).
        expect({ type, sparse, json: JSON.stringify(actual) }).toEqual({ type, sparse, json: JSON.stringify(expected) });
        expect(actual).toStrictEqual(expected);
      }
    }
  });

  test('GIVEN every type with keys it does not know, at the top and in its innermost objects WHEN converted THEN each is kept as given, where the generated function drops it, and the rest is the generated function\'s', () => {
    for (const type of Object.keys(table)) {
      const input = { ...sample(type, 2, false, true), 'x-top': { kept: [1] } };
      const expected = JSON.stringify(generated[`toJson_${type}`](sample(type, 2, false, false)));
      const actual = JSON.stringify(convertL1(type, input));
      const given = JSON.stringify(input).match(/"[^"]*-x":1\}/g) ?? [];
      // Every unknown key, in place of the empty object the generated function leaves, and the top one last.
      expect({ type, kept: actual.match(/"[^"]*-x":1\}/g) ?? [] }).toEqual({ type, kept: given });
      expect({ type, json: actual.replace(/\{"[^"]*-x":1\}/g, '{}') }).toEqual({ type, json: `${expected.slice(0, -1)}${expected === '{}' ? '' : ','}"x-top":{"kept":[1]}}` });
    }
  });

  test.each([
    ['a plain string quantity (mv)', 'ResourceRequirements', { limits: { cpu: '1', memory: { value: '1Gi' } } }, { limits: { cpu: '1', memory: '1Gi' } }],
    ['a number for an IntOrString (v)', 'ServicePort', { port: 80, targetPort: 8080 }, { port: 80, targetPort: 8080 }],
    ['a wrapper with other keys (v)', 'ServicePort', { targetPort: { value: 1, other: 2 } }, { targetPort: { value: 1, other: 2 } }],
    ['a string for an object (o)', 'Container', { name: 'c', lifecycle: 'hook' }, { name: 'c', lifecycle: 'hook' }],
    ['an object for a list of objects (ao)', 'PodSpec', { containers: { name: 'c' } }, { containers: { name: 'c' } }],
    ['a string in a list of objects (ao)', 'PodSpec', { containers: ['c'] }, { containers: ['c'] }],
    ['a string for a list (ac)', 'Container', { args: 'x' }, { args: 'x' }],
    ['a string for a date (d)', 'ObjectMeta', { creationTimestamp: '2024-01-01T00:00:00Z' }, { creationTimestamp: '2024-01-01T00:00:00Z' }],
    ['a list for a map (mc)', 'ObjectMeta', { labels: ['a'] }, { labels: ['a'] }],
    ['unknown keys nested in known types and lists', 'PodSpec', { containers: [{ name: 'c', restartPolicy: 'Always', lifecycle: { preStop: { sleep: { seconds: 5 } } } }], resources: { limits: { cpu: '1' } } },
      { containers: [{ name: 'c', lifecycle: { preStop: { sleep: { seconds: 5 } } }, restartPolicy: 'Always' }], resources: { limits: { cpu: '1' } } }],
    ['an unknown key in an object of a map (mo)', 'JsonSchemaProps', { properties: { a: { type: 'string', 'x-future': true } } }, { properties: { a: { type: 'string', 'x-future': true } } }],
  ])('GIVEN %s WHEN converted THEN it is kept as given (where the generated function drops it or fails)', (_, type, input, expected) => {
    expect(convertL1(type, input)).toEqual(expected);
    let theirs: unknown;
    try {
      theirs = generated[`toJson_${type}`](input);
    } catch (e) {
      theirs = e;
    }
    expect(theirs).not.toEqual(expected);
  });

  test('GIVEN a prop and its Kubernetes name with different values WHEN converted THEN an L1FieldConflict names both and the path; with the same value THEN it is written once', () => {
    let error: unknown;
    try {
      convertL1('PodTemplateSpec', { spec: { containers: [{ name: 'c', ports: [{ hostIp: '1.1.1.1', hostIP: '2.2.2.2' }] }] } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(L1FieldConflict);
    expect(error).toMatchObject({ path: ['spec', 'containers', 0, 'ports', 0, 'hostIP'], writtenAs: 'hostIp', written: '1.1.1.1', givenAs: 'hostIP', given: '2.2.2.2' });
    expect(convertL1('ServiceSpec', { clusterIp: 'None', clusterIP: 'None' })).toEqual({ clusterIP: 'None' });
  });

  test('GIVEN keys already written by the caller WHEN converted into them THEN they come first, and the same value given again is not a conflict', () => {
    const json = convertL1Object(l1Type('KubeServiceProps'), { apiVersion: 'v1', kind: 'Service', spec: { clusterIp: 'None' } }, { apiVersion: 'v1', kind: 'Service' });
    expect(JSON.stringify(json)).toBe('{"apiVersion":"v1","kind":"Service","spec":{"clusterIP":"None"}}');
  });

  test('GIVEN renamed props WHEN converted THEN each gets its Kubernetes name', () => {
    const json = convertL1('ServiceSpec', { clusterIp: 'None', ports: [{ port: 80, targetPort: { value: 8080 } }] });
    expect(json).toEqual({ clusterIP: 'None', ports: [{ port: 80, targetPort: 8080 }] });
  });

  test('GIVEN undefined WHEN converted THEN the result is undefined', () => {
    expect(convertL1('ObjectMeta', undefined)).toBeUndefined();
  });

  test('GIVEN a map key "__proto__" WHEN converted THEN it is an own key of the result, as in the generated function', () => {
    const data = JSON.parse('{"__proto__": "x", "a": "y"}') as Record<string, string>;
    const json = convertL1('KubeConfigMapProps', { data }) as { data: Record<string, string> };
    expect(Object.keys(json.data)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(json)).toBe(JSON.stringify(generated.toJson_KubeConfigMapProps({ data })));
  });

  test('GIVEN a type the table does not have WHEN asked THEN it has no conversion, and converting fails naming it', () => {
    expect(hasL1Conversion('NoSuchType')).toBe(false);
    expect(hasL1Conversion('constructor')).toBe(false);
    expect(() => convertL1('NoSuchType', {})).toThrow('no conversion for type NoSuchType');
  });
});
