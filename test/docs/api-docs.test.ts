import { apiDocGaps } from './_api-docs';

describe('API documentation', () => {
  test('GIVEN the public API (main and testing entries) WHEN its doc comments are read THEN every symbol and public member has one, and every optional prop an @default', () => {
    const gaps = apiDocGaps(['lib/index.ts', 'lib/testing/index.ts']);
    expect(gaps.map((g) => `${g.where} ${g.symbol}: no ${g.missing}`)).toEqual([]);
  });
});
