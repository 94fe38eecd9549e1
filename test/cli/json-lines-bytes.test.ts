/**
 * The bytes `evaluate --ndjson` writes (`src/cli/json-lines-bytes.ts`): JSON lines encoded
 * straight to UTF-8 and searched for terminal controls as bytes must be exactly the lines
 * `escapeText` would give, so that a drug name holding an escape sequence cannot drive the
 * terminal of whoever reads the reports. In-process, no build needed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonLinesBytes } from "../../src/cli/json-lines-bytes.js";
import { escapeText } from "../../src/runtime/escape-text.js";

const seed = 20261201;

/** Characters around each one `escapeText` escapes, and French text, whose UTF-8 shares the lead bytes 0xC2 and 0xE2. */
const near = [
  "\u007e",
  "\u007f",
  "\u0080",
  "\u009b",
  "\u009f",
  "\u00a0",
  "«",
  "»",
  "é",
  "’",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u2027",
  "\u2028",
  "\u202e",
  "\u202f",
  "\u2065",
  "\u2066",
  "\u2069",
  "\u206a",
  "\u001b",
  "\n",
  "\r",
  "\t",
  "a",
  "😀",
];
const textArbitrary = fc.oneof(
  fc.string({ unit: fc.constantFrom(...near), maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
);

describe("jsonLinesBytes", () => {
  it("law: the bytes are the UTF-8 of the JSON lines joined by line feeds, escaped by escapeText, byte for byte", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(textArbitrary, fc.dictionary(textArbitrary, textArbitrary)), { maxLength: 6 }), (values) => {
        const texts = values.map((v) => JSON.stringify(v));
        const expected = Buffer.from(escapeText(texts.map((t) => `${t}\n`).join("")), "utf8");
        expect(Buffer.from(jsonLinesBytes(texts)).equals(expected)).toBe(true);
      }),
      { seed, numRuns: 2000 },
    );
  });

  it("a C1 control or a bidirectional override in a drug name is written as a visible escape; French punctuation is not", () => {
    const text = JSON.stringify({ name: "x\u009b31m\u202eevil«é’»" });
    expect(Buffer.from(jsonLinesBytes([text])).toString("utf8")).toBe('{"name":"x\\u009B31m\\u202Eevil«é’»"}\n');
  });

  it("each result is a buffer of its own, which a worker thread can hand over without a copy", () => {
    const first = jsonLinesBytes(['"a"']);
    const second = jsonLinesBytes(['"b"', "", '"c"']);
    expect(first.buffer).not.toBe(second.buffer);
    expect(second.byteLength).toBe(second.buffer.byteLength);
    expect(Buffer.from(first).toString()).toBe('"a"\n');
    expect(Buffer.from(second).toString()).toBe('"b"\n\n"c"\n');
  });
});
