import { escapeText } from "../runtime/escape-text.js";

/** Scratch space the lines are encoded into, reused from one batch to the next, grown when a batch needs more. */
let scratch = Buffer.allocUnsafeSlow(1 << 20);

/**
 * JSON texts (each the output of `JSON.stringify`, or empty for a blank line) as the UTF-8 bytes of lines, each ended by a
 * line feed, escaped for a terminal exactly as `escapeText` escapes them, in a buffer of their own
 * (never a view of a larger one or of Node's shared pool, so a worker thread can hand it over
 * without a copy). The texts are encoded once, straight into bytes, and the bytes are searched for
 * the few characters a terminal may act on; only when one is found is the text escaped as a
 * string. The texts must be JSON: `JSON.stringify` writes every C0 control as an escape already,
 * so the search looks for DEL and the characters whose UTF-8 starts with 0xC2 or 0xE2 only.
 */
export function jsonLinesBytes(texts: readonly string[]): Uint8Array {
  let most = texts.length;
  for (const text of texts) most += 3 * text.length;
  if (scratch.length < most) scratch = Buffer.allocUnsafeSlow(most);
  let size = 0;
  for (const text of texts) {
    size += scratch.write(text, size, "utf8");
    scratch[size++] = 0x0a;
  }
  const bytes = scratch.subarray(0, size);
  if (holdsTerminalControl(bytes)) {
    const escaped = escapeText(bytes.toString("utf8"));
    const own = Buffer.allocUnsafeSlow(Buffer.byteLength(escaped, "utf8"));
    own.write(escaped, "utf8");
    return own;
  }
  // Not zero-filled: every byte is written by the copy.
  const own = Buffer.allocUnsafeSlow(size);
  bytes.copy(own, 0, 0, size);
  return own;
}

/**
 * Whether UTF-8 bytes of JSON text hold a character `escapeText` escapes, but a C0 control:
 * DEL (0x7F), a C1 control U+0080–U+009F (0xC2 0x80–0x9F), or U+200E, U+200F, U+2028–U+202E
 * (0xE2 0x80 then 0x8E, 0x8F, 0xA8–0xAE) or U+2066–U+2069 (0xE2 0x81 0xA6–0xA9).
 */
function holdsTerminalControl(bytes: Buffer): boolean {
  if (bytes.includes(0x7f)) return true;
  for (let i = bytes.indexOf(0xc2); i !== -1; i = bytes.indexOf(0xc2, i + 1)) {
    const next = bytes[i + 1] ?? 0;
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  for (let i = bytes.indexOf(0xe2); i !== -1; i = bytes.indexOf(0xe2, i + 1)) {
    const second = bytes[i + 1];
    const third = bytes[i + 2] ?? 0;
    if (second === 0x80 && (third === 0x8e || third === 0x8f || (third >= 0xa8 && third <= 0xae))) return true;
    if (second === 0x81 && third >= 0xa6 && third <= 0xa9) return true;
  }
  return false;
}
