import { describe, expect, it } from "vitest";
import { fr } from "../../src/interface-words/fr.js";
import { procedureWordingKeys } from "../../src/pack/drug-names.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import { renderReportText } from "../../src/runtime/render-report.js";
import { buildRulebook } from "../../src/rulebook/render-rulebook.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import { compileEdited, compileShipped, repoRoot, shippedFolder } from "../support/compile-guideline.js";

/** The shipped guideline with every `wording` of the procedure removed from its plan. */
const withoutProcedureWording = (text: string) =>
  text.replace(new RegExp(`^\\s*wording (?:${procedureWordingKeys.join("|")}) .*\\n`, "gm"), "");

/** Every worked example's facts that the runtime accepts: patients with each verdict, readiness and plan the guideline knows. */
function patients(): readonly Readonly<Record<string, unknown>>[] {
  const model = compileShipped().model;
  if (!model) throw new Error("the shipped guideline does not compile");
  return model.examples.filter((e) => !e.expectations.some((x) => x.kind === "refused" && !x.negated)).map((e) => e.facts);
}

describe("the report's words about the procedure come from the guideline", () => {
  it("a wording changed in the guideline changes the report's line, and no other word of the program says it", async () => {
    const shipped = compileShipped().pack;
    const edited = compileEdited((text) =>
      text
        .replace(/wording procedure-now "[^"]*"/, 'wording procedure-now "Intervention possible tout de suite"')
        .replace(/wording preconditions "[^"]*"/, 'wording preconditions "Prérequis"'),
    ).pack;
    if (!shipped || !edited) throw new Error("the guideline does not compile");
    const original = shipped.plan?.wordings["procedure-now"] ?? "";
    expect(original).not.toBe("");
    for (const facts of patients().slice(0, 12)) {
      const text = renderReportText(await evaluate(facts, edited));
      expect(text).toMatch(/^Intervention possible tout de suite : /m);
      expect(text).toMatch(/^Prérequis :$/m);
      expect(text).not.toContain(`${original} :`);
    }
  });

  it("without the procedure's wording, the report shows the catalogue's neutral phrases and runs the same", async () => {
    const shipped = compileShipped().pack;
    const bare = compileEdited(withoutProcedureWording);
    if (!shipped || !bare.pack) throw new Error(`the guideline does not compile: ${bare.diagnostics.map((d) => d.message).join("; ")}`);
    expect(procedureWordingKeys.filter((key) => bare.pack?.plan?.wordings[key] !== undefined)).toEqual([]);
    for (const facts of patients()) {
      const [withWording, without] = [await evaluate(facts, shipped), await evaluate(facts, bare.pack)];
      // The same verdict, readiness and plan: the wording changes words, never a decision.
      expect({ verdict: without.verdict, readiness: without.readiness.status, plan: without.medicationPlan.map((e) => e.action) }).toEqual({
        verdict: withWording.verdict,
        readiness: withWording.readiness.status,
        plan: withWording.medicationPlan.map((e) => e.action),
      });
      const text = renderReportText(without);
      expect(text).toContain(`\n${fr["default.procedure-now"]} : `);
      expect(text).toContain(`\n${fr["default.preconditions"]} :\n`);
      for (const key of procedureWordingKeys) {
        const shippedText = shipped.plan?.wordings[key];
        if (shippedText) expect(text, key).not.toContain(shippedText);
      }
    }
  });

  it("without the procedure's wording, the rulebook shows the catalogue's neutral phrases", async () => {
    const loaded = loadSources([shippedFolder], repoRoot);
    const shipped = compileShipped();
    const bare = compileEdited(withoutProcedureWording);
    const [withWording, without] = [await buildRulebook(shipped, loaded.host), await buildRulebook(bare, loaded.host)];
    if (withWording === undefined || without === undefined) throw new Error("no rulebook");
    const escaped = (text: string) => text.replace(/'/g, "&#x27;");
    for (const key of ["procedure-readiness-title", "procedure-not-done", "procedure-recommendation", "precondition-effect"] as const) {
      const shippedText = shipped.pack?.plan?.wordings[key] ?? "";
      expect(withWording, key).toContain(escaped(shippedText));
      expect(without, key).not.toContain(escaped(shippedText));
      expect(without, key).toContain(escaped(fr[`default.${key}`]));
    }
  }, 60_000);
});
