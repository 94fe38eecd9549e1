import { describe, expect, it } from "vitest";
import { checkUnit } from "../../src/compiler/check/numbers-and-units.js";
import { collectDiagnostics } from "../../src/compiler/check/report.js";
import type { Span } from "../../src/diagnostics/span.js";
import { parseGuideline } from "../../src/dsl/parse.js";

const span: Span = { file: "f", line: 1, column: 1, offset: 0, endLine: 1, endColumn: 1, endOffset: 0 };

function unitHint(written: string): string | undefined {
  const { diagnostics, report } = collectDiagnostics();
  checkUnit({ text: written, span }, report);
  expect(diagnostics.map((d) => d.code)).toEqual(["GL2010"]);
  return diagnostics[0]?.hint;
}

describe("did you mean, for keywords and units", () => {
  it("a misspelt keyword where a keyword is expected: `stopp` → `stop`", () => {
    const { diagnostics } = parseGuideline("rule r\n  when a\n  then stopp drug-a 5 d before\n", "f.guideline");
    expect(diagnostics.map((d) => [d.code, d.hint])).toEqual([["GL1002", "did you mean `stop`?"]]);
  });

  it("a misspelt keyword starting a declaration or one of its parts: `rul` → `rule`, `qoute` → `quote`", () => {
    expect(parseGuideline("rul r\n", "f.guideline").diagnostics.map((d) => d.hint)).toEqual(["did you mean `rule`?"]);
    const quote = parseGuideline('rule r\n  qoute "x"\n  when a\n  then finding k\n', "f.guideline").diagnostics;
    expect(quote.map((d) => d.hint)).toEqual(["did you mean `quote`?"]);
  });

  it("a name far from every keyword gets no guess", () => {
    const { diagnostics } = parseGuideline("rule r\n  when a\n  then zzzzzz drug-a 5 d before\n", "f.guideline");
    expect(diagnostics.map((d) => d.hint)).toEqual([undefined]);
  });

  it("a unit written as a word, in French or English: `jours` and `days` → `d`, `heures` → `h`", () => {
    expect(unitHint("jours")).toBe("did you mean `d`?");
    expect(unitHint("days")).toBe("did you mean `d`?");
    expect(unitHint("heures")).toBe("did you mean `h`?");
    expect(unitHint("semaines")).toBe("did you mean `wk`?");
  });

  it("a unit that is no word keeps the table's advice", () => {
    expect(unitHint("zorglub")).toMatch(/^units are written in UCUM/);
  });
});
