/**
 * The generated `facts.d.ts` is TypeScript that `tsc --strict` accepts, whatever names the
 * guideline uses: a dose field or a fact part with a hyphen is quoted, not pasted.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { compileGuideline } from "../../src/compiler/compile.js";

function typeErrors(declarations: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "facts-types-"));
  const file = join(dir, "facts.d.ts");
  writeFileSync(file, declarations);
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: false, types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const source = (doseField: string, factName: string) => `guideline t.types
  title "T"
  edition 2019
  language fr
  source "s.txt"
fact ${factName} : quantity in /mm3 from 0 to 10
  label "Compte"
fact medications : medication list
  label "Traitements"
  dose ${doseField} in mg/d
class c "Classe"
drug drug-a atc B01AC04 class c label "A"
threshold seuil.a = 5 /mm3
  label "Seuil"
threshold seuil.dose = 100 mg/d
  label "Dose"
finding f "F"
verdict "Q ?"
  outcome yes "Oui" when finding f
  otherwise other "Non"
section s "S"
rule r
  statement "R"
  quote "Compte élevé."
  when ${factName} > seuil.a or dose of drug-a > seuil.dose
  then finding f
`;

describe("facts.d.ts is built, not pasted", () => {
  it.each([
    ["dailyDoseMg", "labs.count"],
    ["daily-dose", "labs.count"],
    ["daily_dose", "labs.platelet-count"],
  ])("dose field `%s`, fact `%s`: tsc --strict accepts the declarations", (doseField, factName) => {
    const result = compileGuideline([{ file: "t.guideline", text: source(doseField, factName) }], {
      readSourceDocument: () => "Compte élevé.",
    });
    const declarations = result.outputs?.get("facts.d.ts");
    expect(declarations, result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")).toBeDefined();
    expect(typeErrors(declarations ?? "")).toEqual([]);
    if (doseField.includes("-")) expect(declarations).toContain(`readonly "${doseField}"?:`);
  });
});

describe("evaluate.d.ts and evaluate.js, the typed entry of an edition", () => {
  it("types the verdict as the union of the edition's outcome codes and `incomplete`, and binds evaluate to the edition", () => {
    const result = compileGuideline([{ file: "t.guideline", text: source("dailyDoseMg", "labs.count") }], {
      readSourceDocument: () => "Compte élevé.",
    });
    const declarations = result.outputs?.get("evaluate.d.ts") ?? "";
    const script = result.outputs?.get("evaluate.js") ?? "";
    expect(declarations).toContain('export type Verdict = "yes" | "other" | "incomplete";');
    expect(declarations).toContain("export declare function evaluate(facts: Facts, options?: EvaluateOptions): Promise<Report>;");
    expect(declarations).toContain("export type Report = AnyReport<Verdict>;");
    expect(script).toContain('export const verdicts = Object.freeze(["yes","other","incomplete"]);');
    expect(script).toContain("export const edition = 2019;");
    expect(script).toContain("pack: editionPack(edition)");
  });
});
