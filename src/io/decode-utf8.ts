/** Where the bytes of a file stop being UTF-8. */
export interface InvalidUtf8 {
  /** The first byte that cannot be decoded. */
  readonly byte: number;
  /** Line and column (from 1, in characters) of that byte, and its offset in the decoded text. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A file's text, and where it is not UTF-8 when it is not (then each undecodable byte reads as U+FFFD). */
export interface DecodedText {
  readonly text: string;
  readonly invalid?: InvalidUtf8;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * Decodes a file as UTF-8 (a byte order mark is kept, as a character). A file that is not
 * UTF-8 — a Latin-1 file, say — is not silently read with U+FFFD in place of the bad bytes: the first
 * byte that cannot be decoded is returned with its line, so it can be reported.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const before = lenient.decode(bytes.subarray(0, at));
    const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
    const line = before.split(/\r\n|\r|\n/).length;
    return {
      text: lenient.decode(bytes),
      invalid: { byte: bytes[at] ?? 0, line, column: before.length - lineStart + 1, offset: before.length },
    };
  }
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
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
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (c === undefined || c < min || c > max) return i;
    }
    i += length;
  }
  return i;
}
