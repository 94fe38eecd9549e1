import { describe, expect, it } from "vitest";
import { runExamples } from "../../src/examples/run-examples.js";
import { compileEdited, compileShipped, pendingEditorialWarnings, shippedFolder } from "../support/compile-guideline.js";

describe("the examples written in the guideline source (guideline test)", async () => {
  const result = compileShipped();
  if (!result.model || !result.pack) throw new Error("the shipped guideline does not compile");
  const run = await runExamples(result.model, result.pack);

  it("there are at least 60 examples", () => {
    expect(run.results.length).toBeGreaterThanOrEqual(60);
  });

  it.each(run.results.map((r) => [r.id, r] as const))("example %s passes", (_id, r) => {
    expect(r.failures.map((f) => f.diagnostic.message)).toEqual([]);
  });

  it("every rule is fired by at least one example", () => {
    expect(run.unfired).toEqual([]);
    expect(run.fired.length).toBe(result.model?.rules.length);
  });

  it("every drug of the vocabulary appears in an example's plan", () => {
    const planned = new Set(run.results.flatMap((r) => r.report?.medicationPlan.map((e) => e.drug) ?? []));
    for (const drug of result.model?.drugs ?? []) expect(planned, drug.name).toContain(drug.name);
  });

  it("a failing expectation is reported at its line, with what the report said", async () => {
    const edited = compileEdited((text) =>
      text.replace(
        'expect plan clopidogrel stop 5 d before on "2026-12-09"\n  expect plan aspirin continue',
        'expect plan clopidogrel stop 7 d before on "2026-12-09"\n  expect plan aspirin continue',
      ),
    );
    if (!edited.model || !edited.pack) throw new Error("edited guideline does not compile");
    const failed = await runExamples(edited.model, edited.pack);
    const failures = failed.results.flatMap((r) => r.failures);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.diagnostic.code).toBe("GL6001");
    expect(failures[0]?.diagnostic.span?.file).toBe(`${shippedFolder}/examples.guideline`);
    expect(failures[0]?.diagnostic.message).toContain("clopidogrel stop 120 h before on 2026-12-09");
  });
});

const REMOVED_QUOTE = '  quote "Lors de la cryoablation, il convient de conserver une marge péri-tumorale de sécurité."\n';

describe("provenance is checked by the compiler", () => {
  it("the shipped guideline quotes 100 % of the section's sentences, every quote found", () => {
    const result = compileShipped();
    expect(result.diagnostics.filter((d) => !pendingEditorialWarnings.has(d.code))).toEqual([]);
    expect(result.coverage?.uncovered).toEqual([]);
    expect(result.coverage?.quoted).toBe(result.coverage?.sentences);
    expect(result.coverage?.sentences).toBeGreaterThan(70);
  });

  it("a quote that is not in the source is an error at the quote's position", () => {
    const edited = compileEdited((text) =>
      text.replace('quote "Troubles sévères de la coagulation"', 'quote "Troubles graves de la coagulation"'),
    );
    const error = edited.diagnostics.find((d) => d.code === "GL4002");
    expect(error?.severity).toBe("error");
    expect(error?.span?.file).toBe(`${shippedFolder}/cimentoplastie.guideline`);
    expect(error?.hint).toContain('the closest passage of the source reads: "Troubles sévères de la coagulation"');
    expect(edited.pack).toBeUndefined();
  });

  it("quotes match across markup and line breaks: <sup>3</sup> and *emphasis* are ignored", () => {
    const edited = compileEdited((text) =>
      text.replace('quote "Plaquettes > 50 000/mm<sup>3</sup> et le TP > 50."', 'quote "Plaquettes > 50 000/mm3\n    et le TP > 50."'),
    );
    expect(edited.diagnostics.filter((d) => d.code === "GL4002")).toEqual([]);
  });

  it("a sentence that no rule quotes is reported with its line in the source document", () => {
    const edited = compileEdited((text) => text.replace(REMOVED_QUOTE, ""));
    const warnings = edited.diagnostics.filter((d) => d.code === "GL4003");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.span?.file).toBe(`${shippedFolder}/source/aura-2019-metastases-osseuses.txt`);
    expect(warnings[0]?.span?.line).toBe(91);
    expect(edited.coverage?.uncovered.map((s) => s.text)).toEqual([
      "Lors de la cryoablation, il convient de conserver une marge péri-tumorale de sécurité.",
    ]);
  });

  it("an uncovered sentence with a written reason counts as justified, not as a gap", () => {
    const edited = compileEdited(
      (text) =>
        text
          .replace(REMOVED_QUOTE, "")
          .concat(
            '\nuncovered "Lors de la cryoablation, il convient de conserver une marge péri-tumorale de sécurité." because "Geste technique de l’opérateur, sans décision pour le patient."\n',
          ),
      `${shippedFolder}/cimentoplastie.guideline`,
    );
    expect(edited.diagnostics.filter((d) => d.code === "GL4003")).toEqual([]);
    expect(edited.coverage?.justified).toHaveLength(1);
  });

  it("a citation that is not in the reference list is an error", () => {
    const edited = compileEdited((text) => text.replace("cite 98, 99", "cite 98, 199"));
    expect(edited.diagnostics.map((d) => d.code)).toContain("GL2016");
  });

  it("the 120 numbered references are transcribed", () => {
    const model = compileShipped().model;
    expect(model?.references.map((r) => r.number)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });
});
