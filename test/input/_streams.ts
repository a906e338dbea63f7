/** A small, valid ConfigMap document (with its `---`) named `c<i>`. */
export function configMapDocument(i: number): string {
  return `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: shop\ndata:\n  key: value-${i}\n`;
}

/**
 * A stream of `total` bytes of small YAML documents, made chunk by chunk as it is read (never held whole), that counts
 * the bytes taken from it.
 */
export function documentStream(total: number, documentsPerChunk = 1000): { chunks: () => Iterable<Uint8Array>; taken: () => number } {
  const chunk = Buffer.from(Array.from({ length: documentsPerChunk }, (_, i) => configMapDocument(i)).join(''));
  let taken = 0;
  return {
    taken: () => taken,
    chunks: function* chunks() {
      while (taken < total) {
        taken += chunk.length;
        yield chunk;
      }
    },
  };
}
