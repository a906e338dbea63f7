import { fsErrorReason } from '../core/_fs-error';
import { NotText, TextStream } from './_text-decoder';
import { DocumentTooLarge, YamlDocument, YamlDocuments } from './_yaml-documents';
import { DEFAULT_MAX_INPUT_SIZE, formatSize, MAX_INPUT_SIZE_FLAG } from './input-size';

/**
 * Why an input cannot be read, in words that need no more context than its name: thrown by a `ByteSource`'s chunks
 * (a FIFO where a file was, a read error) and reported as a problem of the input.
 *
 * @internal
 */
export class UnreadableInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableInput';
  }
}

/** An input being read. @internal */
export interface OpenInput {
  /**
   * Its size in bytes, when known before reading (a file's, a blob's): a larger one is refused unread.
   *
   * @default unknown: a stream (standard input), counted as it is read
   */
  readonly size?: number;
  /** The next chunk of bytes; undefined at the end. May throw `UnreadableInput`, or a file system error. */
  read(): Uint8Array | undefined;
  /** Releases what it holds (a file descriptor); called once, after the last read. */
  close(): void;
}

/** Bytes to read YAML documents from: a file, a Git blob, standard input. @internal */
export interface ByteSource {
  /** Opens it. May throw `UnreadableInput`, or a file system error. */
  readonly open: () => OpenInput;
  /**
   * How a read error is introduced.
   *
   * @default "cannot read the file"
   */
  readonly unreadable?: string;
}

/** An input that reads the chunks of an iterable (a blob in memory, a test's stream). @internal */
export function iterableInput(chunks: Iterable<Uint8Array>, size?: number): OpenInput {
  const iterator = chunks[Symbol.iterator]();
  return {
    ...(size !== undefined ? { size } : {}),
    read: () => {
      const r = iterator.next();
      return r.done ? undefined : r.value;
    },
    close: () => { iterator.return?.(); },
  };
}

/** How documents are read. @internal */
export interface DocumentStreamOptions {
  /** The largest input read, in bytes: a file or stream larger than this is refused, and stops being read. */
  readonly maxInputSize: number;
  /**
   * Whether documents can locate their fields (`YamlDocument.locate`).
   *
   * @default false
   */
  readonly locateFields?: boolean;
  /**
   * How much of a stream of unknown size is read before parsing starts, so that one over a limit of at most this
   * size is refused without parsing any of it.
   *
   * @default the limit (plus a byte), at most 32 MiB
   */
  readonly readAhead?: number;
}

/** A problem of a stream: of one document (with its line), or of the whole input (without), which ends it. @internal */
export interface StreamProblem {
  readonly type: 'problem';
  /**
   * The line of the document it is about.
   *
   * @default none: the whole input is refused (too large, not text, unreadable), and nothing of it is used
   */
  readonly line?: number;
  /** What is wrong, in one line. */
  readonly message: string;
}

/** What a stream gives, in order. @internal */
export type StreamItem = YamlDocument | StreamProblem;

/**
 * How many bytes of the input size limit allow one YAML token in a document. `yaml` holds a document's whole syntax
 * tree, about 300 bytes a token: 32 MiB of one-letter list items would take gigabytes. 32 MiB allow documents of a
 * million tokens, about 3.5 MiB of typical manifest YAML (the API server takes objects of at most 3 MiB), whose tree
 * takes about 300 MB.
 */
const BYTES_PER_TOKEN = 32;

/** The most YAML tokens one document may have under an input size limit of `limit` bytes. */
function maxDocumentTokens(limit: number): number {
  return Math.max(1024, Math.floor(limit / BYTES_PER_TOKEN));
}

/** The input is larger than the limit. */
class TooLarge extends Error {}

/** The message for an input of `size` bytes (or more, for a stream) above `limit`. */
function tooLarge(size: number | undefined, limit: number): string {
  const received = size === undefined ? `more than ${formatSize(limit)}` : size < 1024 ? formatSize(size) : `${formatSize(size)} (${size} bytes)`;
  return `too large: received ${received}; allowed: at most ${formatSize(limit)} per file or stream (raise the limit with ${MAX_INPUT_SIZE_FLAG})`;
}

/**
 * Reads the YAML documents of `source`, one at a time as its bytes come in, as JSON data (see `YamlDocuments`).
 * The input is bounded: one of a known size above the limit is refused before a byte is read, a stream is refused as
 * soon as it passes the limit (a stream of unknown size is read ahead up to the limit, at most 32 MiB, before
 * parsing, so that it is refused before any of it is parsed), and text that is not UTF-8 or UTF-16 with a byte order
 * mark is refused where it stops being text. A refusal ends the stream with a problem without a line; documents given
 * before it must then be dropped by the caller.
 *
 * @internal
 */
export function* readDocuments(source: ByteSource, options: DocumentStreamOptions): Generator<StreamItem, void> {
  const limit = options.maxInputSize;
  const unreadable = source.unreadable ?? 'cannot read the file';
  const failed = (e: unknown): UnreadableInput => (e instanceof UnreadableInput ? e : new UnreadableInput(`${unreadable}: ${fsErrorReason(e)}`));
  let input: OpenInput;
  try {
    input = source.open();
  } catch (e) {
    yield { type: 'problem', message: failed(e).message };
    return;
  }
  let read = 0;
  /** The next chunk, counted against the limit; undefined at the end. */
  const next = (): Uint8Array | undefined => {
    let chunk: Uint8Array | undefined;
    try {
      chunk = input.read();
    } catch (e) {
      throw failed(e);
    }
    if (chunk === undefined) return undefined;
    read += chunk.length;
    if (read > limit) throw new TooLarge();
    return chunk;
  };
  const text = new TextStream();
  const yaml = new YamlDocuments(options.locateFields ?? false, maxDocumentTokens(limit));
  try {
    if (input.size !== undefined && input.size > limit) {
      yield { type: 'problem', message: tooLarge(input.size, limit) };
      return;
    }
    const ahead: Array<Uint8Array | undefined> = [];
    if (input.size === undefined) {
      const wanted = Math.min(limit, options.readAhead ?? DEFAULT_MAX_INPUT_SIZE) + 1;
      for (let bytes = 0; bytes < wanted;) {
        const chunk = next();
        if (chunk === undefined) break;
        ahead.push(chunk);
        bytes += chunk.length;
      }
    }
    for (let i = 0; i < ahead.length; i++) {
      const chunk = ahead[i]!;
      ahead[i] = undefined;
      yield* yaml.write(text.write(chunk));
    }
    for (let chunk = next(); chunk !== undefined; chunk = next()) yield* yaml.write(text.write(chunk));
    yield* yaml.write(text.end());
    yield* yaml.end();
  } catch (e) {
    if (e instanceof TooLarge) yield { type: 'problem', message: tooLarge(undefined, limit) };
    else if (e instanceof DocumentTooLarge) {
      yield {
        type: 'problem',
        message: `${e.message}; allowed: at most ${e.maxTokens} in one document, one per ${BYTES_PER_TOKEN} bytes of the input size limit of ${formatSize(limit)} ` +
          `(a document's syntax tree is held whole, about 300 bytes a token: split a large List into documents, or raise the limit with ${MAX_INPUT_SIZE_FLAG})`,
      };
    } else if (e instanceof NotText || e instanceof UnreadableInput) yield { type: 'problem', message: e.message };
    else throw e;
  } finally {
    input.close();
  }
}
