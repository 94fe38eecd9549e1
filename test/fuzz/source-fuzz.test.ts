/**
 * The fuzz suite of the toolchain (issue 10): grammar-aware and byte-level mutations of the real
 * guideline source, and the generators that would have found the crashes of items 15, 16 and 19.
 *
 * Invariants, for every input:
 * - no exception escapes parsing, checking, the consistency analysis or formatting;
 * - every diagnostic has a code of the table and a position inside the file it names;
 * - time grows linearly with the size of the input (a separate scaling test).
 *
 * Each property runs a fixed number of cases with a fixed seed (in its title). Set
 * `GUIDELINE_FUZZ_RUNS` to run more (e.g. 20000), and `GUIDELINE_FUZZ_SEED` to explore other seeds.
 * The windows mutated are slices of the current edition's `.guideline` files, a few
 * declarations long, so that each case parses in milliseconds.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGuideline, type CompileHost } from "../../src/compiler/compile.js";
import { diagnosticCodes } from "../../src/diagnostics/codes.js";
import { formatDiagnostic, type Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { formatGuideline } from "../../src/dsl/format.js";
import { maximumNesting, parseGuideline } from "../../src/dsl/parse.js";
import { matchName, matchPerUnit, matchString, matchUnitTerm } from "../../src/dsl/token-matchers.js";
import { guidelineLexer } from "../../src/dsl/tokens.js";
import { decodeUtf8 } from "../../src/io/decode-utf8.js";
import { repoRoot } from "../support/compile-guideline.js";

/** A generous timeout: the machine running the suite may be busy, and more runs take longer. */
const slow = 600_000;
const runs = process.env.GUIDELINE_FUZZ_RUNS ? Number(process.env.GUIDELINE_FUZZ_RUNS) : 1500;
const seed = process.env.GUIDELINE_FUZZ_SEED ? Number(process.env.GUIDELINE_FUZZ_SEED) : 20_191_010;

/** The current edition's folder, its `.guideline` files and its source document. */
const edition = (() => {
  const { current } = JSON.parse(readFileSync(join(repoRoot, "guideline", "editions.json"), "utf8")) as { current: number };
  const folder = join(repoRoot, "guideline", String(current));
  const files = readdirSync(folder)
    .filter((f) => f.endsWith(".guideline"))
    .sort()
    .map((f) => ({ file: `guideline/${current}/${f}`, text: readFileSync(join(folder, f), "utf8") }));
  const header = files.map((f) => /^guideline [\s\S]*?(?=\n\S)/m.exec(f.text)?.[0]).find((h) => h !== undefined) ?? "";
  const sourcePath = /source "([^"]+)"/.exec(header)?.[1] ?? "";
  const sourceText = readFileSync(join(folder, sourcePath), "utf8");
  return { files, header, sourcePath, sourceText };
})();

/** The declarations of the edition, each with the comment lines before it: the units windows are made of. */
const declarations: readonly string[] = edition.files.flatMap((f) => f.text.split(/\n(?=[^\s#])/));

const host: CompileHost = { readSourceDocument: (path) => (path === edition.sourcePath ? edition.sourceText : undefined) };

/** A few consecutive declarations of the real source. */
const window = fc
  .tuple(fc.nat(declarations.length - 1), fc.integer({ min: 1, max: 4 }))
  .map(([start, count]) => declarations.slice(start, start + count).join("\n"));

/** Every diagnostic is from the table, and positioned inside the file it names. */
function expectCodedAndPositioned(diagnostics: readonly Diagnostic[], file: string, text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const d of diagnostics) {
    expect(Object.keys(diagnosticCodes), `${d.code}: ${d.message}`).toContain(d.code);
    expect(d.span, `${d.code} ${d.message} has no position`).toBeDefined();
    if (!d.span || d.span.file !== file) continue;
    expect(d.span.line, `${d.code} ${d.message}`).toBeGreaterThanOrEqual(1);
    expect(d.span.line, `${d.code} ${d.message}`).toBeLessThanOrEqual(lines);
    expect(d.span.column).toBeGreaterThanOrEqual(1);
    expect(d.span.offset).toBeGreaterThanOrEqual(0);
    expect(d.span.offset).toBeLessThanOrEqual(text.length);
    // Printing it works, and prints no more than a window of the line.
    expect(formatDiagnostic(d, new Map([[file, text]])).length).toBeLessThan(2000 + d.message.length + (d.hint?.length ?? 0));
  }
}

/** Parses, and formats when the parse is clean: neither throws, and every diagnostic is coded and positioned. */
function examineSyntax(text: string, file = "fuzz.guideline"): void {
  const parsed = parseGuideline(text, file);
  expectCodedAndPositioned(parsed.diagnostics, file, text);
  if (parsed.diagnostics.length === 0) {
    const formatted = formatGuideline(text, file);
    expect(formatted.diagnostics).toEqual([]);
  }
}

/** Checks the header plus a window, as `guideline check` would: nothing throws, everything is coded and positioned. */
function examineCheck(window: string): void {
  const file = "fuzz.guideline";
  const text = `${edition.header}\n${window}`;
  const result = compileGuideline([{ file, text }], host);
  const inFile = result.diagnostics.filter((d) => d.span?.file !== edition.sourcePath);
  expectCodedAndPositioned(inFile, file, text);
}

/** Images of the edition's tokens, to splice into other places, and inputs at and past the limits. */
const images: readonly string[] = [
  ...new Set(edition.files.flatMap((f) => guidelineLexer.tokenize(f.text).tokens.map((t) => t.image)).filter((i) => i.length < 200)),
];
const extremes = [
  "(".repeat(maximumNesting),
  "(".repeat(maximumNesting + 1),
  "not ".repeat(maximumNesting),
  "not ".repeat(maximumNesting + 1),
  `1${"0".repeat(400)}`,
  `0,${"0".repeat(400)}1`,
  "10*400/L",
  "10*-400",
  `"${"x".repeat(100_000)}"`,
  `"${'\\"'.repeat(50_000)}"`,
  `"${"x".repeat(100_000)}`,
  `a${".a".repeat(50_000)}`,
  `mg${"/L".repeat(50_000)}`,
  "\uFFFD",
  "\u0000",
];

/** A grammar-aware mutation: a change to the window's token sequence, keeping the text between tokens. */
const tokenMutation = fc.record({
  kind: fc.constantFrom("delete", "duplicate", "swap", "replace", "insert"),
  at: fc.nat(),
  image: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...images) }, { weight: 1, arbitrary: fc.constantFrom(...extremes) }),
});

function mutateTokens(text: string, mutations: readonly { kind: string; at: number; image: string }[]): string {
  const tokens = guidelineLexer.tokenize(text).tokens;
  if (tokens.length === 0) return text;
  // Pieces: the text before each token, then each token's image; the tail after the last one.
  const parts = tokens.map((t, i) => ({
    before: text.slice(i === 0 ? 0 : (tokens[i - 1]?.endOffset ?? 0) + 1, t.startOffset),
    image: t.image,
  }));
  const tail = text.slice((tokens[tokens.length - 1]?.endOffset ?? 0) + 1);
  for (const m of mutations) {
    const i = m.at % parts.length;
    const part = parts[i] ?? { before: " ", image: "" };
    switch (m.kind) {
      case "delete":
        parts.splice(i, 1);
        break;
      case "duplicate":
        parts.splice(i, 0, { ...part });
        break;
      case "swap": {
        const next = parts[i + 1];
        if (next)
          [parts[i], parts[i + 1]] = [
            { before: part.before, image: next.image },
            { before: next.before, image: part.image },
          ];
        break;
      }
      case "replace":
        parts[i] = { before: part.before, image: m.image };
        break;
      default:
        parts.splice(i, 0, { before: " ", image: m.image });
    }
    if (parts.length === 0) parts.push({ before: "", image: "" });
  }
  return `${parts.map((p) => `${p.before}${p.image}`).join("")}${tail}`;
}

/** A byte-level mutation of the window's UTF-8 bytes. */
const byteMutation = fc.record({
  kind: fc.constantFrom("flip", "delete", "insert", "duplicate", "latin1"),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 64 }),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
});

function mutateBytes(text: string, mutations: readonly { kind: string; at: number; length: number; bytes: Uint8Array }[]): Uint8Array {
  let bytes = Buffer.from(text, "utf8");
  for (const m of mutations) {
    const at = bytes.length ? m.at % bytes.length : 0;
    switch (m.kind) {
      case "flip":
        bytes[at] = (bytes[at] ?? 0) ^ (m.bytes[0] ?? 1);
        break;
      case "delete":
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
        break;
      case "insert":
        bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
        break;
      case "duplicate":
        bytes = Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at, at + m.length), bytes.subarray(at + m.length)]);
        break;
      default:
        bytes = Buffer.from(bytes.toString("utf8"), "latin1"); // the whole window re-saved as Latin-1
    }
  }
  return bytes;
}

describe(`fuzzing the real guideline source (${runs} cases per property, seed ${seed})`, () => {
  it(
    `grammar-aware: token mutations of the source parse, format and check without throwing; every diagnostic coded and positioned (seed ${seed})`,
    () => {
      fc.assert(
        fc.property(window, fc.array(tokenMutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (text, mutations, check) => {
          const mutated = mutateTokens(text, mutations);
          examineSyntax(mutated);
          if (check) examineCheck(mutated);
        }),
        { seed, numRuns: runs },
      );
    },
    slow,
  );

  it(
    `byte-level: byte mutations are read (UTF-8 or GL1011) and parsed without throwing; every diagnostic coded and positioned (seed ${seed + 1})`,
    () => {
      fc.assert(
        fc.property(window, fc.array(byteMutation, { minLength: 1, maxLength: 4 }), (text, mutations) => {
          const bytes = mutateBytes(text, mutations);
          const decoded = decodeUtf8(bytes);
          if (decoded.invalid) {
            const result = compileGuideline([{ file: "fuzz.guideline", text: decoded.text, invalidUtf8: decoded.invalid }], host);
            expect(result.diagnostics.map((d) => d.code)).toContain("GL1011");
            expectCodedAndPositioned(result.diagnostics, "fuzz.guideline", decoded.text);
          } else {
            examineSyntax(decoded.text);
          }
        }),
        { seed: seed + 1, numRuns: runs },
      );
    },
    slow,
  );
});

describe("the generators that would have found items 15, 16 and 19, and a unit of 10*400", () => {
  /** A fragment of the language repeated many times: what overflowed the lexer's and the parser's stacks. */
  const repeated = fc.record({
    prefix: fc.constantFrom("", "rule r\n  when ", 'fact f : yes/no\n  label "', "threshold t = "),
    fragment: fc.constantFrom("(", "not ", "a.", "/L", "x", '\\"', "1 000 ", "0", "10*", "#", "a and ", "(a) or "),
    count: fc.integer({ min: 1, max: 100_000 }),
    suffix: fc.constantFrom("", "x", ")", '"', "\n"),
  });

  it(
    `a fragment repeated up to 100 000 times is lexed and parsed without overflowing the stack (seed ${seed + 2})`,
    () => {
      fc.assert(
        fc.property(repeated, ({ prefix, fragment, count, suffix }) => {
          examineSyntax(`${prefix}${fragment.repeat(count)}${suffix}`);
        }),
        { seed: seed + 2, numRuns: Math.max(15, Math.round(runs / 100)) },
      );
    },
    slow,
  );

  it(
    `one token of 5 to 12 million characters (a text, a name, a unit) is lexed without overflowing the stack (seed ${seed + 6})`,
    () => {
      // The regular expressions the lexer used before overflowed V8's backtracking stack between
      // 3 and 10 million repetitions of a group: a long text, a long dotted name, a long unit.
      const shapes: readonly [string, string, string][] = [
        ['"', "x", '"'],
        ['"', '\\"', '"'],
        ['"', "é", ""],
        ["a", ".a", ""],
        ["mg", "/L", ""],
        ["", "/L", ""],
      ];
      fc.assert(
        fc.property(fc.constantFrom(...shapes), fc.integer({ min: 5_000_000, max: 12_000_000 }), ([open, body, close], length) => {
          const lexed = guidelineLexer.tokenize(`${open}${body.repeat(Math.ceil(length / body.length))}${close}`);
          expect(lexed.tokens.length + lexed.errors.length).toBeGreaterThan(0);
        }),
        { seed: seed + 6, numRuns: Math.max(6, Math.round(runs / 250)) },
      );
    },
    slow,
  );

  it(
    `nesting up to the limit parses, formats and checks; one level more is GL1010 at the token that goes too deep (seed ${seed + 3})`,
    () => {
      const rule = (condition: string) =>
        `${edition.header}\nfact fuzz.flag : yes/no\n  label "Fuzz"\nfinding fuzz-kind "Fuzz"\nrule fuzz.rule\n  statement "Fuzz."\n  when ${condition}\n  then finding fuzz-kind\n`;
      fc.assert(
        fc.property(fc.array(fc.constantFrom("(", "not "), { minLength: maximumNesting - 2, maxLength: maximumNesting + 2 }), (openers) => {
          const closers = openers
            .filter((o) => o === "(")
            .map(() => ")")
            .join("");
          const text = rule(`${openers.join("")}fuzz.flag${closers}`);
          const parsed = parseGuideline(text, "fuzz.guideline");
          if (openers.length <= maximumNesting) {
            expect(parsed.diagnostics).toEqual([]);
            expect(formatGuideline(text, "fuzz.guideline").diagnostics).toEqual([]);
            const result = compileGuideline([{ file: "fuzz.guideline", text }], host);
            expectCodedAndPositioned(result.diagnostics, "fuzz.guideline", text);
          } else {
            expect(parsed.diagnostics.map((d) => d.code)).toEqual(["GL1010"]);
            const line = text.split("\n").findIndex((l) => l.startsWith("  when ")) + 1;
            const column =
              "  when ".length + openers.slice(0, maximumNesting + 1).join("").length - (openers[maximumNesting] ?? "").length + 1;
            expect([parsed.diagnostics[0]?.span?.line, parsed.diagnostics[0]?.span?.column]).toEqual([line, column]);
          }
        }),
        { seed: seed + 3, numRuns: 30 },
      );
    },
    slow,
  );

  it(
    `numbers a double cannot hold are GL2060 or GL2061 where they are written; the others are read as written (seed ${seed + 4})`,
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 300, max: 420 }), fc.boolean(), (digits, large) => {
          const written = large ? `1${"0".repeat(digits)}` : `0,${"0".repeat(digits)}1`;
          const text = `threshold fuzz.t = ${written} /mm3\n  label "Fuzz"\n`;
          const codes = parseGuideline(text, "fuzz.guideline").diagnostics.map((d) => d.code);
          const value = Number(large ? written : written.replace(",", "."));
          const expected = !Number.isFinite(value) ? ["GL2060"] : value === 0 ? ["GL2061"] : [];
          expect(codes).toEqual(expected);
        }),
        { seed: seed + 4, numRuns: 120 },
      );
    },
    slow,
  );

  it(
    `a power of ten in a unit too large or too small for a double is GL2011, not a crash (seed ${seed + 7})`,
    () => {
      fc.assert(
        fc.property(fc.integer({ min: -420, max: 420 }), (exponent) => {
          const text = `${edition.header}\nfact fuzz.count : quantity in 10*9/L\n  label "Fuzz"\nthreshold fuzz.t = 5 10*${exponent}/L\n  label "Fuzz"\nfinding fuzz-kind "Fuzz"\nrule fuzz.rule\n  statement "Fuzz."\n  when fuzz.count > fuzz.t\n  then finding fuzz-kind\n`;
          const result = compileGuideline([{ file: "fuzz.guideline", text }], host);
          const factor = 10 ** (exponent - 9);
          const codes = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
          if (!Number.isFinite(factor) || factor === 0) expect(codes).toContain("GL2011");
          // Near the edge, UCUM's floating-point conversion may lose the factor: only far from it must it convert.
          if (Math.abs(exponent - 9) <= 290) expect(codes).not.toContain("GL2011");
          expectCodedAndPositioned(
            result.diagnostics.filter((d) => d.span?.file === "fuzz.guideline"),
            "fuzz.guideline",
            text,
          );
        }),
        { seed: seed + 7, numRuns: 60 },
      );
    },
    slow,
  );

  it(
    `the hand-written token matchers match what the documented expressions match, on short texts (seed ${seed + 5})`,
    () => {
      const expressions: [(text: string, offset: number) => [string] | null, RegExp][] = [
        [matchString, /"(?:[^"\\]|\\[\s\S])*"(?=[ \t\n\r,)#\u00a0\u202f]|$)/y],
        [matchName, /[A-Za-z_][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*/y],
        [matchUnitTerm, /(?:\d+\*[-+]?\d+|[A-Za-z[\]][A-Za-z0-9_[\]]*)(?:\/(?:\d+\*[-+]?\d+|[A-Za-z[\]][A-Za-z0-9_[\]]*))+|\d+\*[-+]?\d+/y],
        [matchPerUnit, /\/(?:\d+\*[-+]?\d+|[A-Za-z[\]][A-Za-z0-9_[\]]*)(?:\/(?:\d+\*[-+]?\d+|[A-Za-z[\]][A-Za-z0-9_[\]]*))*/y],
      ];
      const alphabet = fc.constantFrom(...'aZ_9.-/*+"\\[] \n0,)#\t\u00a0x'.split(""));
      fc.assert(
        fc.property(
          fc.array(alphabet, { maxLength: 24 }).map((cs) => cs.join("")),
          fc.nat(24),
          (text, start) => {
            const offset = Math.min(start, text.length);
            for (const [matcher, expression] of expressions) {
              expression.lastIndex = offset;
              expect(matcher(text, offset)?.[0] ?? null, `${expression.source} at ${offset} of ${JSON.stringify(text)}`).toBe(
                expression.exec(text)?.[0] ?? null,
              );
            }
          },
        ),
        { seed: seed + 5, numRuns: runs * 2 },
      );
    },
    slow,
  );
});

describe("time grows linearly with the size of the input", () => {
  /** The shortest time of parsing `text` over 3 runs: the least disturbed by the collector and other processes. */
  const timeOf = (text: string) => {
    const times = [0, 1, 2].map(() => {
      const start = performance.now();
      parseGuideline(text, "fuzz.guideline");
      return performance.now() - start;
    });
    return Math.min(...times);
  };

  it.each([
    ["the real declarations, repeated", (n: number) => declarations.slice(0, 20).join("\n").repeat(n)],
    ["one long text", (n: number) => `fact f : yes/no\n  label "${"é".repeat(5_000 * n)}"\n`],
    [
      "a long condition",
      (n: number) => `rule r\n  when ${Array.from({ length: 125 * n }, (_, i) => `(not a.b${i % 7} or c)`).join(" and ")}\n`,
    ],
    [
      "nesting at the limit, repeated",
      (n: number) => `rule r\n  when ${`${"(".repeat(maximumNesting)}a${")".repeat(maximumNesting)} and `.repeat(12 * n)}b\n`,
    ],
  ])(
    "%s: 16 times the input takes less than 64 times as long (a quadratic parse would take 256 times)",
    (_name, make) => {
      // Sizes 4 and 64: large enough that a few milliseconds of noise do not decide the ratio.
      timeOf(make(4)); // warm up the lexer and parser
      const small = timeOf(make(4));
      const large = timeOf(make(64));
      expect(large / Math.max(small, 1)).toBeLessThan(64);
    },
    slow,
  );
});
