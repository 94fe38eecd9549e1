import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

describe("guideline evaluate --fhir --valueset", () => {
  // The condition code is read from the pack, never pinned here; the record's code is made up.
  const pack = defaultPack();
  const fact = pack.facts.find((f) => f.type === "boolean" && f.codes?.some((c) => c.system === "http://snomed.info/sct"));
  const named = fact?.codes?.[0];
  const folder = mkdtempSync(join(tmpdir(), "guideline-valueset-"));
  const write = (name: string, value: unknown) => {
    const file = join(folder, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const condition = {
    resourceType: "Condition",
    id: "cond-specific",
    clinicalStatus: { coding: [{ code: "active" }] },
    verificationStatus: { coding: [{ code: "confirmed" }] },
    code: { coding: [{ system: named?.system, code: "999000222" }] },
  };
  const bundleFile = write("bundle.json", { resourceType: "Bundle", entry: [{ resource: condition }] });
  const valueSet = {
    resourceType: "ValueSet",
    id: "specific",
    compose: { include: [{ system: named?.system, filter: [{ op: "is-a", value: named?.code }] }] },
    expansion: { contains: [{ system: named?.system, code: "999000222" }] },
  };

  it("a more specific code of the record counts as the guideline's through the expansion, and the report says so", async () => {
    const without = await run(["evaluate", "--fhir", "--json", bundleFile]);
    expect((JSON.parse(without.stdout) as { factSources: unknown[] }).factSources).toEqual([]);
    const withSets = await run([
      "evaluate",
      "--fhir",
      "--json",
      bundleFile,
      "--valueset",
      write("sets.json", { resourceType: "Bundle", entry: [{ resource: valueSet }] }),
    ]);
    expect(withSets.code).toBe(0);
    const report = JSON.parse(withSets.stdout) as { factSources: unknown[] };
    expect(report.factSources).toEqual([
      {
        fact: fact?.path,
        resourceType: "Condition",
        id: "cond-specific",
        code: { system: named?.system, code: "999000222", expansion: "ValueSet/specific" },
      },
    ]);
  });

  it("refuses a ValueSet that cannot be used (exit 1), and --valueset without --fhir (exit 2)", async () => {
    const bad = await run(["evaluate", "--fhir", bundleFile, "--valueset", write("bad.json", { ...valueSet, expansion: {} })]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("GL5074 ValueSet/specific");
    const usage = await run(["evaluate", bundleFile, "--valueset", write("ok.json", valueSet)]);
    expect(usage.code).toBe(2);
  });
});
