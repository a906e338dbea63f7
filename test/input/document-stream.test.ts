import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { readDocuments, StreamItem } from '../../lib/input/document-stream';
import { stdinSource } from '../../lib/input/standard-input';
import { configMapDocument, documentStream } from './_streams';

/** Everything read from `bytes` given in chunks of the sizes `cuts` (repeated), with a limit of 1 MiB. */
function readInChunks(bytes: Uint8Array, cuts: readonly number[] = [bytes.length]): StreamItem[] {
  function* chunks(): Generator<Uint8Array> {
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const size = Math.max(1, cuts[i % cuts.length]);
      yield bytes.subarray(at, at + size);
      at += size;
    }
  }
  return [...readDocuments(stdinSource(chunks), { maxInputSize: 1024 * 1024 })];
}

describe('readDocuments', () => {
  test('GIVEN a stream longer than the read-ahead WHEN its documents are read THEN the first comes before the stream is read to its end', () => {
    // GIVEN a 16 MiB stream, a limit of 64 MiB and a read-ahead of 256 KiB
    const stream = documentStream(16 * 1024 * 1024, 10);
    const documents = readDocuments(stdinSource(stream.chunks), { maxInputSize: 64 * 1024 * 1024, readAhead: 256 * 1024 });
    // WHEN
    const first = documents.next();
    // THEN
    expect(first.value).toMatchObject({ type: 'document', line: 2, value: { kind: 'ConfigMap', metadata: { name: 'c0' } } });
    expect(stream.taken()).toBeLessThan(512 * 1024);
    documents.return();
  });

  test('GIVEN one document with more YAML tokens than the limit allows WHEN read THEN it is refused with the flag named, before its syntax tree is built', () => {
    // GIVEN a limit of 64 KiB (2,048 tokens a document) and a list of 4,000 one-letter items (some 16,000 tokens)
    const yaml = `apiVersion: v1\nkind: List\nitems:\n${'- a\n'.repeat(4000)}`;
    // WHEN
    const items = [...readDocuments(stdinSource(() => yaml), { maxInputSize: 64 * 1024 })];
    // THEN
    expect(items).toEqual([{ type: 'problem', message: expect.stringMatching(/^the document at line 1 has more than 2048 YAML tokens; allowed: .*--max-input-size\)$/) }]);
  });


  test('GIVEN a YAML stream cut into chunks anywhere (inside characters, tokens, lines) WHEN read THEN it gives what yaml gives for the whole text', () => {
    const text = `${configMapDocument(1)}---\n# only a comment\n---\nkind: Thing\nname: "caf\u00e9 \u4e16\u754c \ud83d\ude00"\nlist:\n  - yes\n  - 010\n  - |\n    block\n    text\n${configMapDocument(2)}`;
    const bytes = Buffer.from(text);
    const expected = parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS());
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }), (cuts) => {
      const items = readInChunks(bytes, cuts);
      expect(items.map((i) => (i.type === 'document' ? i.value : i))).toEqual(expected);
    }));
  });

  test('GIVEN documents after many lines WHEN read in chunks THEN each says the line its content starts on', () => {
    const text = `${'# comment\n'.repeat(5000)}${configMapDocument(1)}${configMapDocument(2)}`;
    const items = readInChunks(Buffer.from(text), [4096]);
    expect(items.map((i) => i.type === 'document' && i.line)).toEqual([5002, 5010]);
  });

  test('GIVEN a problem in one document WHEN read THEN it has its line, and the documents after it are still read', () => {
    const items = readInChunks(Buffer.from(`${configMapDocument(1)}---\nkey: [unclosed\n${configMapDocument(2)}`));
    expect(items.map((i) => (i.type === 'document' ? (i.value as { metadata: { name: string } }).metadata.name : `${i.line}: ${i.message.slice(0, 12)}`)))
      .toEqual(['c1', '11: invalid YAML', 'c2']);
  });

  test('GIVEN UTF-16LE text cut inside characters WHEN read THEN it is decoded', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`name: caf\u00e9 \ud83d\ude00\n`, 'utf16le')]);
    expect(readInChunks(bytes, [1, 3, 2])).toEqual([{ type: 'document', line: 1, value: { name: 'caf\u00e9 \ud83d\ude00' } }]);
  });

  test('GIVEN UTF-8 that ends inside a character WHEN read THEN it is refused with the offset of the cut character', () => {
    const bytes = Buffer.concat([Buffer.from('a: b'), Buffer.from('\u00e9').subarray(0, 1)]);
    expect(readInChunks(bytes, [1])).toEqual([{ type: 'problem', message: expect.stringContaining('invalid byte 0xc3 at byte offset 4') }]);
  });

  test('GIVEN a refused input after some documents WHEN read THEN the refusal comes last, without a line', () => {
    const bytes = Buffer.concat([Buffer.from(configMapDocument(1).repeat(3)), Buffer.from([0xff, 0x0a])]);
    const items = readInChunks(bytes, [64]);
    expect(items[items.length - 1]).toEqual({ type: 'problem', message: expect.stringContaining('not UTF-8 text: invalid byte 0xff') });
  });

  test('GIVEN a long plain scalar cut into small chunks WHEN read THEN it is read whole (the text held is handed on in growing pieces)', () => {
    const long = 'x'.repeat(3 * 1024 * 1024);
    const items = [...readDocuments(stdinSource(function* chunks() {
      yield Buffer.from('value: ');
      for (let at = 0; at < long.length; at += 4096) yield Buffer.from(long.slice(at, at + 4096));
    }), { maxInputSize: 8 * 1024 * 1024 })];
    expect(items).toEqual([{ type: 'document', line: 1, value: { value: long } }]);
  });
});
