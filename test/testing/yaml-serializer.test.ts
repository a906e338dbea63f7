import { toYaml } from '../../lib';
import { synthObjects, yamlSerializer } from '../../lib/testing';
import { makeStack } from '../_helpers';

const CONFIG = { indent: '  ' };

describe('yamlSerializer', () => {
  test('GIVEN synthesized objects WHEN serialized THEN the text is the YAML synth() writes, without the last newline', () => {
    const objects = synthObjects(makeStack().stack);
    expect(yamlSerializer.test(objects)).toBe(true);
    expect(yamlSerializer.serialize(objects, CONFIG, '')).toBe(toYaml(objects).replace(/\n$/, ''));
  });

  test('GIVEN one object WHEN serialized THEN it is written alone', () => {
    const [ns] = synthObjects(makeStack().stack);
    expect(yamlSerializer.test(ns)).toBe(true);
    expect(yamlSerializer.serialize(ns, CONFIG, '')).toMatch(/^apiVersion: v1\nkind: Namespace\n/);
  });

  test('GIVEN other values WHEN tested THEN the serializer leaves them to jest', () => {
    for (const value of [[], [1], 'text', null, { kind: 'Deployment' }, { apiVersion: 'v1', kind: 'X', metadata: {} }]) {
      expect(yamlSerializer.test(value)).toBe(false);
    }
  });

  test('GIVEN objects nested in another value WHEN serialized THEN a document marker comes first, then the YAML indented', () => {
    const [ns] = synthObjects(makeStack().stack);
    expect(yamlSerializer.serialize(ns, CONFIG, '  ').split('\n').slice(0, 3)).toEqual(['---', '    apiVersion: v1', '    kind: Namespace']);
  });

  test('GIVEN the serializer registered WHEN a stack\'s objects are snapshot THEN the snapshot is YAML', () => {
    const { stack } = makeStack({ namespace: 'snap' });
    expect(synthObjects(stack)).toMatchSnapshot();
    expect({ snap: synthObjects(stack) }).toMatchSnapshot();
  });
});
