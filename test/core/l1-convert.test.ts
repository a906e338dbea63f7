import * as fs from 'fs';
import * as path from 'path';
import { convertL1, hasL1Conversion } from '../../lib/core/_l1-convert';
import { L1_CONVERSIONS } from '../../lib/core/_l1-conversions';
import { k8s } from '../../lib/core/_k8s';
import { conversionModule, Field } from '../../scripts/generate-l1-conversions';

const table = JSON.parse(L1_CONVERSIONS) as Record<string, Field[]>;
const generated = k8s as unknown as Record<string, (x: unknown) => unknown>;

/**
 * A value for every field of `type`, by its shape (nested types to `depth`): the cases the generated code treats
 * differently, wrappers, maps with an undefined entry and an integer-like key, numbers and strings in unions.
 * With `sparse`, every other field is left undefined.
 */
function sample(type: string, depth: number, sparse = false): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  table[type].forEach(([json, prop, shape, nested], i) => {
    if (sparse && i % 2 === 1) return;
    const inner = (): unknown => (depth > 0 && nested ? sample(nested, depth - 1, sparse) : { [`${json}-x`]: 1 });
    switch (shape) {
      case 'c': obj[prop] = i % 3 === 0 ? `${json}-value` : i % 3 === 1 ? i : { any: [json] }; break;
      case 'o': obj[prop] = inner(); break;
      case 'ao': obj[prop] = [inner(), inner()]; break;
      case 'ac': obj[prop] = [`${json}-a`, `${json}-b`]; break;
      case 'v': obj[prop] = { value: i % 2 === 0 ? `${i}%` : i }; break;
      case 'd': obj[prop] = new Date(Date.UTC(2020, 0, 1, 0, 0, i)); break;
      case 'mc': obj[prop] = { b: 'x', a: 'y', 1: 'z', u: undefined }; break;
      case 'mv': obj[prop] = { cpu: { value: '100m' }, memory: { value: 1 }, other: 'plain', u: undefined }; break;
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
