import * as fs from 'fs';
import { ByteSource, iterableInput } from './document-stream';

/**
 * Standard input as a program gives it to `check -`: the whole text or its bytes, or chunks of either, read as they
 * are asked for (the process's own standard input is read chunk by chunk).
 */
export type StdinContent = string | Uint8Array | Iterable<string | Uint8Array>;

/** How many bytes are read from standard input at a time. */
const CHUNK = 256 * 1024;

/** Waits `ms` milliseconds without giving up the thread (the reader is synchronous). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The process's standard input, chunk by chunk, as it comes: a pipe is read as it is written, not to its end first.
 * A descriptor that is not ready (`EAGAIN`: non-blocking) is waited for.
 *
 * @internal
 */
export function* processStdin(): Generator<Uint8Array, void> {
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let n: number;
    try {
      n = fs.readSync(0, chunk, 0, CHUNK, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        sleep(5);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') return;
      throw e;
    }
    if (n === 0) return;
    yield chunk.subarray(0, n);
  }
}

/**
 * Standard input as a source of documents: `read` is called once, when it is opened, and its chunks are read as the
 * documents are (see `readDocuments()`: a stream is bounded by the same limit as a file).
 *
 * @internal
 */
export function stdinSource(read: () => StdinContent): ByteSource {
  return {
    unreadable: 'cannot read standard input',
    open: () => {
      const content = read();
      const chunks: Iterable<string | Uint8Array> = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
      return iterableInput(bytesOf(chunks));
    },
  };
}

function* bytesOf(chunks: Iterable<string | Uint8Array>): Generator<Uint8Array, void> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
