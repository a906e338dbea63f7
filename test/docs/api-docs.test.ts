import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { apiDocGaps, loadPublicApi, PublicApi } from './_api-docs';

let api: PublicApi;

beforeAll(() => {
  api = loadPublicApi(['lib/index.ts', 'lib/testing/index.ts']);
});

describe('API documentation', () => {
  test('GIVEN the public API (main and testing entries) WHEN its doc comments are read THEN every symbol and public member has one, and every optional prop an @default', () => {
    const gaps = apiDocGaps(api);
    expect(gaps.map((g) => `${g.where} ${g.symbol}: no ${g.missing}`)).toEqual([]);
  });

  test('GIVEN the public API (main and testing entries) WHEN its symbols are read THEN none is an internal helper (tagged @internal)', () => {
    const isInternal = (d: ts.Declaration): boolean => {
      const node = ts.isVariableDeclaration(d) ? d.parent.parent : d;
      return ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal');
    };
    const internal = api.exports.filter((e) => (e.symbol.declarations ?? []).some(isInternal)).map((e) => `${e.entry}: ${e.name}`);
    expect(internal).toEqual([]);
  });

  test('GIVEN the README WHEN read THEN it names every class of the public API (each construct and value class has its place in the guide)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const classes = [...new Set(api.exports.filter((e) => e.symbol.flags & ts.SymbolFlags.Class).map((e) => e.name))];
    expect(classes.length).toBeGreaterThan(20);
    expect(classes.filter((c) => !new RegExp(`\\b${c}\\b`).test(readme))).toEqual([]);
  });
});
