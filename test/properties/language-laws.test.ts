/**
 * Property 8 of the suite — the laws of the language: the parser never throws, the formatter
 * keeps the AST, formatting is idempotent, and compilation is deterministic. Each law is checked
 * on the shipped guideline and on generated sources (test/support/guideline-source-arbitrary.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGuideline, type CompileHost, type CompileResult, type SourceInput } from "../../src/compiler/compile.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import { collectComments, formatGuideline, printSourceFile } from "../../src/dsl/format.js";
import { parseGuideline } from "../../src/dsl/parse.js";
import { withoutSpans } from "../../src/dsl/without-spans.js";
import { repoRoot, shippedFolder as shippedEditionFolder } from "../support/compile-guideline.js";
import { guidelineSourceArbitrary, numberArbitrary, textArbitrary } from "../support/guideline-source-arbitrary.js";
import { runLabel, seedOf } from "./property-settings.js";

const cases = 1_000;
const seed = seedOf(8);
const FILE = "generated.guideline";

const shippedFolder = join(repoRoot, shippedEditionFolder);
const shippedFiles = readdirSync(shippedFolder)
  .filter((f) => f.endsWith(".guideline"))
  .sort()
  .map((f) => ({ file: `guideline/${f}`, text: readFileSync(join(shippedFolder, f), "utf8") }));

/** The declarations of a parse, without spans: what "the same AST" means. */
function astOf(text: string): unknown {
  const { ast, diagnostics } = parseGuideline(text, FILE);
  expect(
    diagnostics.map((d) => `${d.span?.line}:${d.span?.column} ${d.code} ${d.message}`),
    `the text does not parse:\n${text}`,
  ).toEqual([]);
  return withoutSpans(ast.declarations);
}

/** The canonical form of a text that parses. */
function fmt(text: string): string {
  const result = formatGuideline(text, FILE);
  expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return result.text ?? "";
}

describe("property 8 — language laws", () => {
  describe("law 1: arbitrary text never makes the parser throw (diagnostics only)", () => {
    const shippedText = shippedFiles.map((f) => f.text).join("\n");
    const words = shippedText.split(/(\s+)/).filter((w) => w.length > 0);
    const lines = shippedText.split("\n");
    const syntax = [
      "(",
      ")",
      '"',
      "\\",
      ",",
      ":",
      "=",
      ">=",
      "≥",
      "≠",
      "not",
      "and",
      "or",
      "when",
      "then",
      "given",
      "expect",
      "precedence",
      "accept",
      "#",
      "\n",
      " ",
      "\u00A0",
      "\r",
      "50 000",
      "0,5",
      "10*9/L",
      "/mm3",
      "%",
      "yes/no",
      "@",
      "µ",
    ];
    const fragment = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(...lines),
      fc.constantFrom(...syntax),
      numberArbitrary,
      textArbitrary,
      fc.string({ unit: "grapheme", maxLength: 10 }),
      fc.string({ unit: "binary", maxLength: 10 }),
    );
    const soup = fc.tuple(fc.array(fragment, { maxLength: 60 }), fc.constantFrom("", " ", "\n")).map(([parts, glue]) => parts.join(glue));
    /** A valid source cut short or with a slice removed: the errors an editor makes mid-edit. */
    const damaged = fc.tuple(guidelineSourceArbitrary, fc.nat(), fc.nat({ max: 40 })).map(([text, at, length]) => {
      const start = text.length ? at % text.length : 0;
      return text.slice(0, start) + text.slice(start + length);
    });

    it(`parseGuideline returns a source file and coded diagnostics with spans inside the text (${runLabel(cases, seed)})`, () => {
      let withErrors = 0;
      fc.assert(
        fc.property(fc.oneof(soup, damaged), (text) => {
          const { ast, diagnostics } = parseGuideline(text, FILE);
          if (diagnostics.length) withErrors++;
          expect(ast.kind).toBe("source-file");
          for (const d of diagnostics) {
            expect(d.code).toMatch(/^GL1\d{3}$|^GL2\d{3}$/);
            expect(d.span && d.span.offset >= 0 && d.span.endOffset <= text.length).toBe(true);
          }
        }),
        { seed, numRuns: cases },
      );
      console.info(`law 1: ${cases} texts (seed ${seed}), ${withErrors} with syntax diagnostics`);
      expect(withErrors).toBeGreaterThan(cases / 2);
    });

    it(`guideline fmt on arbitrary text either formats it or returns its diagnostics, never throws (${runLabel(cases, seed)})`, () => {
      fc.assert(
        fc.property(fc.oneof(soup, damaged), (text) => {
          const result = formatGuideline(text, FILE);
          expect(result.text === undefined).toBe(result.diagnostics.length > 0);
        }),
        { seed, numRuns: cases },
      );
    });
  });

  describe("law 2: printing the AST and parsing it again gives the same AST", () => {
    it.each(shippedFiles.map((f) => [f.file, f.text]))("on the shipped %s", (_file, text) => {
      const printed = printSourceFile(parseGuideline(text, FILE).ast);
      expect(astOf(printed)).toEqual(astOf(text));
    });

    it(`on generated sources: random names, French numbers, units, nested conditions, every declaration, effect and expectation (${runLabel(cases, seed)})`, () => {
      let declarations = 0;
      fc.assert(
        fc.property(guidelineSourceArbitrary, (text) => {
          const expected = astOf(text);
          declarations += (expected as unknown[]).length;
          const printed = printSourceFile(parseGuideline(text, FILE).ast);
          expect(astOf(printed)).toEqual(expected);
          // With its comments put back, the formatted text still has the same AST.
          expect(astOf(fmt(text))).toEqual(expected);
        }),
        { seed, numRuns: cases },
      );
      console.info(`law 2: ${cases} generated sources (seed ${seed}), ${declarations} declarations`);
    });
  });

  describe("law 3: formatting is idempotent: fmt(fmt(x)) = fmt(x), and keeps every comment", () => {
    it.each(shippedFiles.map((f) => [f.file, f.text]))("on the shipped %s", (_file, text) => {
      const once = fmt(text);
      expect(fmt(once)).toBe(once);
      expect(collectComments(once).map((c) => c.text)).toEqual(collectComments(text).map((c) => c.text));
    });

    it(`on generated sources with comments and blank lines anywhere (${runLabel(cases, seed)})`, () => {
      let comments = 0;
      fc.assert(
        fc.property(guidelineSourceArbitrary, (text) => {
          const once = fmt(text);
          expect(fmt(once)).toBe(once);
          const before = collectComments(text);
          comments += before.length;
          const after = collectComments(once).map((c) => c.text);
          for (const c of before)
            expect(
              after.some((a) => a.includes(c.text)),
              `comment ${c.text} lost`,
            ).toBe(true);
        }),
        { seed, numRuns: cases },
      );
      console.info(`law 3: ${cases} generated sources (seed ${seed}), ${comments} comments kept`);
    });
  });

  describe("law 4: compilation is deterministic: the same sources give byte-identical outputs", () => {
    const loaded = loadSources([shippedEditionFolder], repoRoot);
    const bytes = (result: CompileResult) =>
      JSON.stringify({ diagnostics: result.diagnostics, outputs: [...(result.outputs ?? new Map())] });

    it("on the shipped guideline, compiled twice, and with its files given in the other order", () => {
      const first = compileGuideline(loaded.sources, loaded.host);
      expect(first.outputs).toBeDefined();
      expect(bytes(compileGuideline(loaded.sources, loaded.host))).toBe(bytes(first));
      expect(bytes(compileGuideline([...loaded.sources].reverse(), loaded.host))).toBe(bytes(first));
    });

    it("on the shipped guideline formatted: the same pack but for the hash of the source text", () => {
      const formatted = loaded.sources.map((s) => ({ file: s.file, text: fmt(s.text) }));
      const first = compileGuideline(formatted, loaded.host);
      expect(bytes(compileGuideline(formatted, loaded.host))).toBe(bytes(first));
      const withoutHash = (result: CompileResult) => {
        const pack = JSON.parse(result.outputs?.get("pack.json") ?? "{}") as { guideline?: { contentHash?: string }; integrity?: unknown };
        delete pack.integrity;
        delete pack.guideline?.contentHash;
        return { pack, schema: result.outputs?.get("facts.schema.json"), types: result.outputs?.get("facts.d.ts") };
      };
      expect(withoutHash(first)).toEqual(withoutHash(compileGuideline(loaded.sources, loaded.host)));
    });

    it(`on generated guidelines that compile: facts of every type, thresholds, drugs, verdict, plan, rules (${runLabel(cases, seed)})`, () => {
      let packs = 0;
      fc.assert(
        fc.property(compilableGuideline, ({ sources, host }) => {
          const first = compileGuideline(sources, host);
          if (first.outputs) packs++;
          expect(bytes(compileGuideline(sources, host))).toBe(bytes(first));
        }),
        { seed, numRuns: cases },
      );
      console.info(`law 4: ${cases} generated guidelines (seed ${seed}), ${packs} compiled to a pack`);
      // Most generated guidelines are meant to compile; if they do not, the law was checked on diagnostics only.
      expect(packs).toBeGreaterThan(cases / 2);
    }, 120_000);
  });
});

/** A generated guideline meant to compile without errors, with the source document its quotes come from. */
interface Compilable {
  readonly sources: readonly SourceInput[];
  readonly host: CompileHost;
}

const quantityFacts = [
  { unit: "/mm3", max: "2 000 000", values: ["50 000", "100 000", "150 000", "1 000"] },
  { unit: "%", max: "200", values: ["50", "70", "0,5", "99.5"] },
  { unit: "g/L", max: "100", values: ["1", "2,5", "10", "0.25"] },
] as const;

/**
 * Guidelines that pass `guideline check`: each rule's condition tests each fact at most once
 * (so it can hold and fail), drugs get at most one rule each (so no two rules contradict), and
 * the verdict and the plan have their fallbacks. Shapes, counts and values vary.
 */
const compilableGuideline: fc.Arbitrary<Compilable> = fc
  .record({
    booleans: fc.integer({ min: 1, max: 4 }),
    enums: fc.integer({ min: 0, max: 2 }),
    quantities: fc.subarray([0, 1, 2]),
    thresholdValues: fc.array(fc.nat({ max: 3 }), { minLength: 3, maxLength: 3 }),
    drugs: fc.integer({ min: 1, max: 3 }),
    findings: fc.integer({ min: 1, max: 3 }),
    rules: fc.array(
      fc.tuple(
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 3 }),
        fc.constantFrom("and", "or"),
        fc.nat(),
        fc.constantFrom("finding", "recommend", "precondition"),
      ),
      { minLength: 1, maxLength: 6 },
    ),
    medicationRules: fc.array(fc.option(fc.constantFrom("stop", "continue", "bridge", "refer"), { nil: undefined }), {
      minLength: 3,
      maxLength: 3,
    }),
    fileSplit: fc.boolean(),
  })
  .map((g) => {
    const lines: string[] = [];
    const quotes: string[] = [];
    const header = ["guideline g.generated", '  title "Generated"', "  edition 2020", "  language fr", '  source "document.txt"'];
    const facts: { name: string; literal: (choice: number, negate: boolean) => string }[] = [];
    for (let i = 1; i <= g.booleans; i++) {
      lines.push(`fact f.b${i} : yes/no`, `  label "B${i}"`);
      facts.push({ name: `f.b${i}`, literal: (_c, negate) => `${negate ? "not " : ""}f.b${i}` });
    }
    for (let i = 1; i <= g.enums; i++) {
      lines.push(`fact f.e${i} : one of v1, v2, v3`, `  label "E${i}"`);
      facts.push({
        name: `f.e${i}`,
        literal: (c, negate) => (negate ? `f.e${i} in (v${(c % 3) + 1}, v${((c + 1) % 3) + 1})` : `f.e${i} is v${(c % 3) + 1}`),
      });
    }
    for (const q of g.quantities) {
      const spec = quantityFacts[q];
      if (!spec) continue;
      lines.push(`fact f.q${q} : quantity in ${spec.unit} from 0 to ${spec.max}`, `  label "Q${q}"`);
      lines.push(`threshold t.q${q} = ${spec.values[g.thresholdValues[q] ?? 0]} ${spec.unit}`, `  label "T${q}"`);
      facts.push({
        name: `f.q${q}`,
        literal: (c, negate) =>
          `f.q${q} ${["<", ">=", ">", "<="][c % 4]} ${c % 2 === 0 ? `t.q${q}` : `${spec.values[c % 4]} ${spec.unit}`}`.replace(
            /^/,
            negate ? "not " : "",
          ),
      });
    }
    lines.push(
      "fact procedure.date : date",
      '  label "Date"',
      "fact medications : medication list",
      '  label "Traitements"',
      "  dose dailyDoseMg in mg/d",
    );
    lines.push("delay d.short = 24 h", '  label "Short"', "delay d.long = 5 d", '  label "Long"');
    lines.push('class c1 "C1"', 'class c2 "C2"');
    for (let i = 1; i <= g.drugs; i++) lines.push(`drug drug${i} atc B01AC0${i} class c${i === 2 ? 2 : 1} label "Drug ${i}"`);
    if (g.drugs < 2) lines.push('drug drug9 atc B01AC09 class c2 label "Drug 9"');
    for (let i = 1; i <= g.findings; i++) lines.push(`finding k${i} "K${i}"`);
    lines.push('recommendation r1 "R1"', 'recommendation r2 "R2"');
    lines.push(
      'verdict "Go?"',
      ...Array.from(
        { length: g.findings },
        (_, i) =>
          `  outcome o${i + 1} "O${i + 1}" when finding k${i + 1}${i === 0 && g.findings > 1 ? ` and not finding k${g.findings}` : ""}`,
      ),
      '  otherwise go "Go"',
      '  undecided "Unknown"',
    );
    lines.push("plan medications", "  scope atc B01", "  otherwise refer", '  reminder "Ask."', "  date procedure.date");
    lines.push('section s1 "Section one"');
    g.rules.forEach(([literals, connective, effectChoice, effectKind], r) => {
      const used = new Set<string>();
      const parts: string[] = [];
      for (const [which, choice, negate] of literals) {
        const fact = facts[which % facts.length];
        if (!fact || used.has(fact.name)) continue;
        used.add(fact.name);
        parts.push(fact.literal(choice, negate));
      }
      const quote = `Rule ${r + 1} says so.`;
      quotes.push(quote);
      const effect =
        effectKind === "finding"
          ? `finding k${(effectChoice % g.findings) + 1}`
          : effectKind === "recommend"
            ? `recommend r${(effectChoice % 2) + 1}`
            : `precondition "P${r + 1}"`;
      lines.push(
        `rule rule${r + 1}`,
        `  statement "Rule ${r + 1}."`,
        `  quote "${quote}"`,
        `  when ${parts.join(` ${connective} `)}`,
        `  then ${effect}`,
      );
    });
    g.medicationRules.forEach((action, i) => {
      if (!action || i >= g.drugs) return;
      const quote = `Drug ${i + 1} is handled.`;
      quotes.push(quote);
      const then =
        action === "stop" || action === "bridge"
          ? `${action} drug${i + 1} ${i % 2 ? "d.short" : "d.long"} before`
          : `${action} drug${i + 1}`;
      lines.push(
        `rule drug${i + 1}.handled`,
        `  statement "Drug ${i + 1}."`,
        `  quote "${quote}"`,
        `  when taking drug${i + 1}`,
        `  then ${then}`,
      );
    });
    const document = quotes.join(" ");
    const host: CompileHost = { readSourceDocument: (path) => (path === "document.txt" ? document : undefined) };
    // Split between two declarations (a line at the margin), never inside one.
    const middle = Math.floor(lines.length / 2);
    const half = lines.findIndex((line, i) => i >= middle && !line.startsWith(" "));
    const sources = g.fileSplit
      ? [
          { file: "b.guideline", text: `${lines.slice(half).join("\n")}\n` },
          { file: "a.guideline", text: `${[...header, ...lines.slice(0, half)].join("\n")}\n` },
        ]
      : [{ file: "main.guideline", text: `${[...header, ...lines].join("\n")}\n` }];
    return { sources, host };
  });
