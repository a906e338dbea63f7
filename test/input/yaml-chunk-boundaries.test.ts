import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { YamlDocuments, YamlItem } from '../../lib/input/_yaml-documents';

const CRDS = path.resolve(__dirname, '../fixtures/crds');

/** What `YamlDocuments` reads from `text` handed over in the pieces that `cuts` (offsets) make. */
function read(text: string, cuts: readonly number[]): Array<{ type: string; value?: unknown; line: number; message?: string }> {
  const docs = new YamlDocuments(false, Number.MAX_SAFE_INTEGER);
  const items: YamlItem[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    items.push(...docs.write(text.slice(from, cut)));
    from = cut;
  }
  items.push(...docs.write(text.slice(from)));
  items.push(...docs.end());
  return items.map((i) => (i.type === 'document' ? { type: i.type, value: i.value, line: i.line } : { type: i.type, line: i.line, message: i.message }));
}

describe('YAML read in pieces', () => {
  test('GIVEN a CRD WHEN cut inside the indentation of the line after a mapping key THEN it reads as the whole text does', () => {
    // GIVEN the Argo CD Application CRD, and a cut inside the indentation of the line after `forceCommonAnnotations:`
    // (where the file reader's first 256 KiB piece ends; the file is ASCII, so bytes are characters)
    const text = fs.readFileSync(path.join(CRDS, 'application-crd.yaml'), 'utf8');
    const continuation = 262_144;
    expect(text.slice(continuation - 48, continuation)).toBe(`forceCommonAnnotations:\n${' '.repeat(24)}`);
    // WHEN it is read whole and in two pieces
    const whole = read(text, []);
    const cut = read(text, [continuation]);
    // THEN both give the one CRD, without problems
    expect(whole.map((i) => i.type)).toEqual(['document']);
    expect(cut).toEqual(whole);
  });

  test('GIVEN upstream CRDs WHEN handed over in random pieces THEN every piece-cut reads as the whole text', () => {
    // GIVEN the CRD fixtures under 512 KiB (multi-line descriptions, deep nesting; the 1.4 MB ApplicationSet only adds
    // time), read whole once
    const texts = fs.readdirSync(CRDS).filter((f) => f.endsWith('.yaml')).map((f) => fs.readFileSync(path.join(CRDS, f), 'utf8'))
      .filter((t) => t.length < 512 * 1024);
    const wholes = texts.map((t) => read(t, []));
    // WHEN each is read in pieces cut at random offsets (small pieces included)
    fc.assert(fc.property(fc.nat(texts.length - 1), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }), (i, fractions) => {
      const cuts = fractions.map((f) => Math.floor(f * texts[i].length));
      // THEN the documents are those of the whole text
      expect(read(texts[i], cuts)).toEqual(wholes[i]);
    }), { numRuns: 20 });
  });
});
