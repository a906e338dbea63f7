import { fieldPathSegments } from '../../lib/core/_field-path';

describe('fieldPathSegments', () => {
  test('GIVEN a finding field path WHEN split THEN it gives the keys and indexes', () => {
    expect(fieldPathSegments('spec.template.spec.containers[0].env[12].name')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'env', 12, 'name']);
  });

  test('GIVEN quoted keys WHEN split THEN each is one segment, unescaped', () => {
    expect(fieldPathSegments('metadata.labels["app.kubernetes.io/name"]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(fieldPathSegments('data["a\\"]b"].x')).toEqual(['data', 'a"]b', 'x']);
  });

  test('GIVEN an empty path WHEN split THEN there is no segment', () => {
    expect(fieldPathSegments('')).toEqual([]);
  });
});
