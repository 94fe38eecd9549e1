import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import { normaliseNumber, unescapeString } from "../../src/dsl/parse-number.js";
import { guidelineLexer } from "../../src/dsl/tokens.js";

const NBSP = "\u00A0";
const NNBSP = "\u202F";
const groupSeparators = [" ", NBSP, NNBSP] as const;

describe("normaliseNumber", () => {
  test.for([
    ["2019", "2019"],
    ["0", "0"],
    ["000", "0"],
    ["007", "7"],
    ["0.5", "0.5"],
    ["0,5", "0.5"],
    ["0,05", "0.05"],
    ["0.50", "0.5"],
    ["1,0", "1"],
    ["10.000", "10"],
    ["0.0", "0"],
    ["50 000", "50000"],
    [`50${NBSP}000`, "50000"],
    [`50${NNBSP}000`, "50000"],
    ["1 000 000", "1000000"],
    [`2${NNBSP}000${NBSP}000`, "2000000"],
    ["1 000,5", "1000.5"],
    ["1 000.25", "1000.25"],
    ["100,101", "100.101"],
    ["160", "160"],
  ] as const)("%j → %j", ([written, decimal]) => {
    expect(normaliseNumber(written)).toBe(decimal);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.nat(), fc.stringMatching(/^\d{0,6}$/), (whole, fraction) => {
        const once = normaliseNumber(fraction ? `${whole},${fraction}` : String(whole));
        expect(normaliseNumber(once)).toBe(once);
      }),
      { seed: 20190101, numRuns: 500 },
    );
  });
});

/** Writes a whole number with its digits in groups of three, each gap taken from `separators`. */
function frenchFormat(digits: string, separators: readonly string[]): string {
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.map((group, index) => (index === 0 ? group : `${separators[(index - 1) % separators.length] ?? " "}${group}`)).join("");
}

describe("number laws", () => {
  it("a French-formatted integer (groups of three with any of the three spaces) normalises to the same decimal as its plain digits", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.array(fc.constantFrom(...groupSeparators), { minLength: 1, maxLength: 12 }),
        (value, separators) => {
          const digits = value.toString();
          const french = frenchFormat(digits, separators);
          expect(normaliseNumber(french)).toBe(normaliseNumber(digits));
          expect(normaliseNumber(french)).toBe(digits);
          // and the lexer reads it as one number token
          const lexed = guidelineLexer.tokenize(french);
          expect(lexed.errors).toEqual([]);
          expect(lexed.tokens.map((t) => [t.tokenType.name, t.image])).toEqual([["NumberLiteral", french]]);
        },
      ),
      { seed: 42, numRuns: 1000 },
    );
  });

  it("decimal comma and decimal point give the same value", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.stringMatching(/^\d{1,8}$/),
        fc.array(fc.constantFrom(...groupSeparators), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (whole, fraction, separators, grouped) => {
          const wholeText = grouped ? frenchFormat(whole.toString(), separators) : whole.toString();
          const withComma = normaliseNumber(`${wholeText},${fraction}`);
          const withPoint = normaliseNumber(`${wholeText}.${fraction}`);
          expect(withComma).toBe(withPoint);
          // the same value as the plain decimal, written canonically
          expect(Number(withComma)).toBe(Number(`${whole}.${fraction}`));
          expect(withComma).toMatch(/^(0|[1-9]\d*)(\.\d*[1-9])?$/);
          // the lexer reads both spellings as one number token
          for (const written of [`${wholeText},${fraction}`, `${wholeText}.${fraction}`]) {
            expect(guidelineLexer.tokenize(written).tokens.map((t) => t.image)).toEqual([written]);
          }
        },
      ),
      { seed: 7, numRuns: 1000 },
    );
  });
});

describe("unescapeString", () => {
  test.for([
    ['"abc"', "abc"],
    ['""', ""],
    ['"a \\"quoted\\" word"', 'a "quoted" word'],
    ['"a\\\\b"', "a\\b"],
    ['"a\\nb"', "a\nb"],
    ['"line one\nline two"', "line one\nline two"],
    ['"a\\\nb"', "a\nb"],
    ['"\\\\n"', "\\n"],
    ['"\\t"', "t"],
    ['"Plaquettes > 50 000/mm<sup>3</sup>"', "Plaquettes > 50 000/mm<sup>3</sup>"],
    ['"Acénocoumarol — 2 000 ≥ 1"', "Acénocoumarol — 2 000 ≥ 1"],
    // an unterminated text (no closing quote) keeps everything after the opening quote
    ['"no end', "no end"],
    ['"', ""],
  ] as const)("%j → %j", ([literal, value]) => {
    expect(unescapeString(literal)).toBe(value);
  });

  it("undoes escaping: any text, escaped and quoted, unescapes to itself", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const literal = `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
        expect(unescapeString(literal)).toBe(text);
        // and the lexer reads the literal as one text
        expect(guidelineLexer.tokenize(literal).tokens.map((t) => [t.tokenType.name, t.image])).toEqual([["StringLiteral", literal]]);
      }),
      { seed: 3, numRuns: 1000 },
    );
  });
});
