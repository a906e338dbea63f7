import { TextDecoder } from 'util';

/** Why bytes are not text this reader takes: binary data, invalid UTF-8, an encoding it does not read. @internal */
export class NotText extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotText';
  }
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Turns bytes, chunk by chunk, into text, as `kubectl` would read them: UTF-8 with or without a byte order mark, or
 * UTF-16 (little or big endian) with one. Invalid UTF-8 (or UTF-16), a NUL byte (binary data, or UTF-16 without a
 * byte order mark) and UTF-32 are refused with a `NotText` naming the byte offset: decoding them leniently would
 * turn different bytes into the same text (U+FFFD), so two different files would compare equal.
 *
 * @internal
 */
export class TextStream {
  private decoder?: TextDecoder;
  private encoding: Encoding = 'utf-8';
  /** The first bytes, kept until there are enough to recognize a byte order mark. */
  private head: Uint8Array = new Uint8Array(0);
  /** The bytes decoded before the current chunk. */
  private offset = 0;
  /** The last bytes of the previous chunk that start a UTF-8 sequence the decoder is still waiting to complete. */
  private carry: Uint8Array = new Uint8Array(0);

  /** The text of the next chunk of bytes (possibly empty: a character may continue in the next chunk). */
  public write(bytes: Uint8Array): string {
    if (!this.decoder) {
      this.head = this.head.length === 0 ? bytes : concat(this.head, bytes);
      if (this.head.length < 4) return '';
      bytes = this.start();
    }
    return this.decode(bytes, false);
  }

  /** The rest of the text, at the end of the input. */
  public end(): string {
    if (!this.decoder) {
      if (this.head.length === 0) return '';
      return this.decode(this.start(), false) + this.decode(new Uint8Array(0), true);
    }
    return this.decode(new Uint8Array(0), true);
  }

  /** Chooses the encoding from the first bytes and returns them, to be decoded. */
  private start(): Uint8Array {
    const b = this.head;
    this.head = new Uint8Array(0);
    if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) throw new NotText('UTF-32 text (a UTF-32 byte order mark): convert it to UTF-8');
    if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) throw new NotText('UTF-32 text (a UTF-32 byte order mark): convert it to UTF-8');
    if (b[0] === 0xff && b[1] === 0xfe) this.encoding = 'utf-16le';
    else if (b[0] === 0xfe && b[1] === 0xff) this.encoding = 'utf-16be';
    this.decoder = new TextDecoder(this.encoding, { fatal: true });
    return b;
  }

  private decode(bytes: Uint8Array, final: boolean): string {
    const utf8 = this.encoding === 'utf-8';
    if (utf8) {
      const nul = bytes.indexOf(0);
      if (nul >= 0) throw binary(this.offset + nul);
    }
    let text: string;
    try {
      text = this.decoder!.decode(bytes, { stream: !final });
    } catch {
      if (!utf8) throw new NotText(`invalid ${this.encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} text (an unpaired surrogate, or an odd number of bytes)`);
      const scanned = this.carry.length === 0 ? bytes : concat(this.carry, bytes);
      const at = firstInvalidUtf8(scanned, final);
      const offset = this.offset - this.carry.length + Math.max(at, 0);
      const shown = at >= 0 && at < scanned.length ? `byte 0x${scanned[at].toString(16).padStart(2, '0')}` : 'sequence';
      throw new NotText(`not UTF-8 text: invalid ${shown} at byte offset ${offset} (binary data, or text in another encoding: convert it to UTF-8)`);
    }
    if (!utf8) {
      const nul = text.indexOf('\u0000');
      // UTF-16 without surrogates is two bytes a character; the byte order mark is two more
      if (nul >= 0) throw binary(this.offset + 2 + nul * 2);
    } else {
      this.carry = bytes.subarray(bytes.length - incompleteTail(bytes));
    }
    this.offset += bytes.length;
    return text;
  }
}

function binary(offset: number): NotText {
  return new NotText(`binary data, not text: a NUL byte at byte offset ${offset} (UTF-16 is read only with a byte order mark)`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** How many of the last bytes of `bytes` (0 to 3) start a UTF-8 sequence that is not complete yet. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * The index of the first byte of the first invalid UTF-8 sequence in `bytes` (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF); -1 when there is none. A sequence cut off by the end is invalid only if `final`.
 */
function firstInvalidUtf8(bytes: Uint8Array, final: boolean): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else {
      return i;
    }
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return final ? i : -1;
      const c = bytes[i + k];
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}
