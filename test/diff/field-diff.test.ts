import { diffFields } from '../../lib';

describe('diffFields', () => {
  test('GIVEN equal values WHEN compared THEN there is no change', () => {
    expect(diffFields({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toEqual([]);
  });

  test('GIVEN nested objects WHEN a leaf changes, one is added and one removed THEN each is a change with its path', () => {
    expect(diffFields({ spec: { replicas: 2, paused: true } }, { spec: { replicas: 3, minReadySeconds: 5 } })).toEqual([
      { path: '/spec/replicas', before: 2, after: 3 },
      { path: '/spec/paused', before: true },
      { path: '/spec/minReadySeconds', after: 5 },
    ]);
  });

  test('GIVEN lists of named objects WHEN one item changes THEN the path names the item', () => {
    const before = { containers: [{ name: 'api', image: 'a:1' }, { name: 'sidecar', image: 's:1' }] };
    const after = { containers: [{ name: 'api', image: 'a:2' }, { name: 'sidecar', image: 's:1' }] };
    expect(diffFields(before, after)).toEqual([{ path: '/containers[name=api]/image', before: 'a:1', after: 'a:2' }]);
  });

  test('GIVEN lists of named objects WHEN an item is added THEN it is one change of the whole item', () => {
    expect(diffFields({ ports: [{ name: 'http', port: 80 }] }, { ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9100 }] }))
      .toEqual([{ path: '/ports[name=metrics]', after: { name: 'metrics', port: 9100 } }]);
  });

  test('GIVEN lists of named objects WHEN only their order changes THEN the whole list is one change', () => {
    const a = [{ name: 'x' }, { name: 'y' }];
    expect(diffFields({ l: a }, { l: [...a].reverse() })).toEqual([{ path: '/l', before: a, after: [...a].reverse() }]);
  });

  test('GIVEN plain lists WHEN an item changes THEN the path has its index', () => {
    expect(diffFields({ args: ['--a', '--b'] }, { args: ['--a', '--c', '--d'] })).toEqual([
      { path: '/args/1', before: '--b', after: '--c' },
      { path: '/args/2', after: '--d' },
    ]);
  });

  test('GIVEN keys with / and ~ WHEN changed THEN they are escaped as in a JSON pointer', () => {
    expect(diffFields({ labels: { 'app.kubernetes.io/name': 'a', 'x~y': '1' } }, { labels: { 'app.kubernetes.io/name': 'b', 'x~y': '2' } }))
      .toEqual([{ path: '/labels/app.kubernetes.io~1name', before: 'a', after: 'b' }, { path: '/labels/x~0y', before: '1', after: '2' }]);
  });

  test('GIVEN a value whose type changes WHEN compared THEN it is one change', () => {
    expect(diffFields({ a: { b: 1 } }, { a: 'text' })).toEqual([{ path: '/a', before: { b: 1 }, after: 'text' }]);
  });
});

describe('diffFields, numbers JSON cannot write', () => {
  test('GIVEN null before and NaN after WHEN compared THEN it is a change', () => {
    expect(diffFields({ a: null }, { a: NaN })).toEqual([{ path: '/a', before: null, after: NaN }]);
  });

  test('GIVEN Infinity before and null after WHEN compared THEN it is a change', () => {
    expect(diffFields({ a: Infinity }, { a: null })).toEqual([{ path: '/a', before: Infinity, after: null }]);
  });

  test('GIVEN NaN on both sides WHEN compared THEN nothing changed', () => {
    expect(diffFields({ a: NaN }, { a: NaN })).toEqual([]);
  });
});
