import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { factsFromFhir } from "../../src/fhir/index.js";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import { cliRoot, run } from "../support/run-cli.js";

// A Bundle of treatments and questionnaire answers only: no observation window depends on the day the test runs.
const bundle = "test/fixtures/fhir/doses.bundle.json";

describe("guideline evaluate --fhir", () => {
  it("reads the Bundle into facts, reports where each came from, and warns about what it left out", async () => {
    const result = await run(["evaluate", "--fhir", "--json", bundle]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    const pack = defaultPack();
    const read = factsFromFhir(JSON.parse(readFileSync(join(cliRoot, bundle), "utf8")), pack);
    expect(report).toEqual({
      ...evaluateSync(JSON.parse(readFileSync(join(cliRoot, "test/fixtures/fhir/doses.facts.json"), "utf8")), pack),
      factSources: read.provenance,
      sourceProblems: read.sourceProblems,
    });
    expect(read.sourceProblems.map((p) => `${p.code} ${p.resourceType ?? ""}/${p.id ?? ""}`)).toContain(
      "GL5062 MedicationRequest/mr-clopidogrel-prn",
    );
    expect(result.stderr).toContain("warning GL5062 MedicationRequest/mr-clopidogrel-prn");
  });

  it("the text report ends with where each fact was read from", async () => {
    const result = await run(["evaluate", "--fhir", bundle]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("  - medications[0] ← MedicationRequest/mr-aspirine-antalgique\n");
    expect(result.stdout).toContain("  - procedure.date ← QuestionnaireResponse/qr-date\n");
    // Then what was not used, each problem with its code.
    expect(result.stdout).toContain("Ressources du dossier non utilisées");
    expect(result.stdout).toContain("  - GL5062 MedicationRequest/mr-clopidogrel-prn: the daily dose cannot be computed");
  });

  it("refuses what is not a Bundle (GL5060, exit 1), and a stream of Bundles (exit 2)", async () => {
    const refused = await run(["evaluate", "--fhir", "-"], { input: '{"resourceType": "Patient", "id": "p1"}' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("GL5060");
    const stream = await run(["evaluate", "--fhir", "--ndjson"], { input: "" });
    expect(stream.code).toBe(2);
  });
});
