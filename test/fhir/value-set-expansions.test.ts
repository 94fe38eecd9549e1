/**
 * Codes without a terminology server: a drug's RxNorm code identifies a treatment coded in RxNorm
 * only, and ValueSet expansions let a record's more specific code count as the guideline's code.
 * Codes are pinned in test/fixtures/class-prefix/class-prefix.guideline (SNOMED CT 91302008 on
 * `patient.infection`; RxNorm 90001, a made-up code, on warfarin, ATC B01AA03); the record's
 * codes below are made up too.
 */
import { describe, expect, it } from "vitest";
import { expansionsFromValueSets, factsFromFhir } from "../../src/fhir/index.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import { renderReportText } from "../../src/runtime/render-report.js";
import { fixturePack } from "../support/compile-guideline.js";

const pack = fixturePack("test/fixtures/class-prefix/class-prefix.guideline");
const snomed = "http://snomed.info/sct";
const rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
const bundle = (...resources: object[]) => ({
  resourceType: "Bundle",
  type: "collection",
  entry: resources.map((resource) => ({ resource })),
});
const condition = (code: string) => ({
  resourceType: "Condition",
  id: "cond-1",
  clinicalStatus: { coding: [{ code: "active" }] },
  verificationStatus: { coding: [{ code: "confirmed" }] },
  code: { coding: [{ system: snomed, code }] },
});
const request = (coding: object, text?: string) => ({
  resourceType: "MedicationRequest",
  id: "mr-1",
  status: "active",
  medicationCodeableConcept: { ...(text ? { text } : {}), coding: [coding] },
});
const valueSet = (id: string, include: object, contains: object[]) => ({
  resourceType: "ValueSet",
  id,
  url: `http://example.org/fhir/ValueSet/${id}`,
  compose: { include: [include] },
  expansion: { contains },
});
const infectionSet = valueSet("infection", { system: snomed, filter: [{ property: "concept", op: "is-a", value: "91302008" }] }, [
  { system: snomed, code: "91302008" },
  { system: snomed, code: "999000111", contains: [{ system: snomed, code: "999000222" }] },
]);
const warfarinSet = valueSet("warfarin-products", { system: rxnorm, concept: [{ code: "90001" }] }, [{ system: rxnorm, code: "90002" }]);

describe("a drug's RxNorm code identifies a treatment coded in RxNorm only", () => {
  it("an RxNorm-coded request is the drug, its name checked against it, and its source names the RxNorm code", async () => {
    const read = factsFromFhir(bundle(request({ system: rxnorm, code: "90001" }, "Coumadine 5 mg")), pack);
    expect(read.facts).toEqual({ medications: [{ name: "Coumadine 5 mg", atc: "B01AA03" }] });
    expect(read.provenance[0]).toMatchObject({ fact: "medications[0]", code: { system: rxnorm, code: "90001" } });
    const report = await evaluate(read.facts, pack);
    expect(report.medicationPlan[0]).toMatchObject({ drug: "warfarin", action: "bridge" });
    // A name of another drug with that RxNorm code is a mismatch, as with an ATC code.
    const other = factsFromFhir(bundle(request({ system: rxnorm, code: "90001" }, "aspirine")), pack);
    expect((await evaluate(other.facts, pack)).medicationPlan[0]).toMatchObject({ action: "refer", reason: "name-atc-mismatch" });
  });

  it("without a text, the RxNorm-coded request is the drug by its code", async () => {
    const read = factsFromFhir(bundle(request({ system: rxnorm, code: "90001" })), pack);
    const report = await evaluate(read.facts, pack);
    expect(report.medicationPlan[0]).toMatchObject({ drug: "warfarin", action: "bridge" });
  });

  it("an RxNorm code no drug has leaves the treatment to its name, as before", () => {
    const read = factsFromFhir(bundle(request({ system: rxnorm, code: "90002" }, "Something")), pack);
    expect(read.facts).toEqual({ medications: [{ name: "Something" }] });
  });
});

describe("ValueSet expansions: a more specific code of the record counts as the guideline's code", () => {
  const { expansions, problems } = expansionsFromValueSets([{ resourceType: "Bundle", entry: [{ resource: infectionSet }] }, warfarinSet]);

  it("reads ValueSets alone or in a Bundle, without problems", () => {
    expect(problems).toEqual([]);
  });

  it("without expansions, a more specific SNOMED CT concept is not recognised (exact codes)", () => {
    expect(factsFromFhir(bundle(condition("999000222")), pack).facts).toEqual({});
  });

  it("with them, a nested member of the expansion gives the fact, and the source says which ValueSet", async () => {
    const read = factsFromFhir(bundle(condition("999000222")), pack, { expansions });
    expect(read.facts).toEqual({ patient: { infection: true } });
    const source = { system: snomed, code: "999000222", expansion: "http://example.org/fhir/ValueSet/infection" };
    expect(read.provenance).toEqual([{ fact: "patient.infection", resourceType: "Condition", id: "cond-1", code: source }]);
    const report = await evaluate(read.facts, { pack, factSources: read.provenance });
    expect(report.factSources?.[0]?.code).toEqual(source);
    expect(renderReportText(report)).toContain("reconnu par l'expansion http://example.org/fhir/ValueSet/infection");
  });

  it("the guideline's own code still matches exactly, with nothing more in its source", () => {
    expect(factsFromFhir(bundle(condition("91302008")), pack, { expansions }).provenance[0]?.code).toBeUndefined();
  });

  it("an RxNorm clinical drug in the expansion of a drug's RxNorm code is that drug", () => {
    const read = factsFromFhir(bundle(request({ system: rxnorm, code: "90002" }, "Coumadine 5 mg")), pack, { expansions });
    expect(read.facts).toEqual({ medications: [{ name: "Coumadine 5 mg", atc: "B01AA03" }] });
    expect(read.provenance[0]?.code).toEqual({
      system: rxnorm,
      code: "90002",
      expansion: "http://example.org/fhir/ValueSet/warfarin-products",
    });
  });
});

describe("ValueSets that cannot be used are reported with where they are, and left out", () => {
  const codes = (given: unknown[]) => expansionsFromValueSets(given).problems.map((p) => `${p.code} ${p.message}`);

  it("not a ValueSet (GL5072)", () => {
    expect(codes([{ resourceType: "Patient" }, 42])).toEqual([
      "GL5072 valueSets[0]: not a ValueSet (its resourceType is Patient); it is not read",
      "GL5072 valueSets[1]: not a ValueSet (it has no resourceType ValueSet); it is not read",
    ]);
  });

  it("no code named, or two (GL5073); no expansion (GL5074)", () => {
    const two = valueSet("two", { system: snomed, concept: [{ code: "1" }, { code: "2" }] }, [{ system: snomed, code: "3" }]);
    const none = { ...infectionSet, id: "none", expansion: {} };
    expect(codes([two, none])).toEqual([
      "GL5073 ValueSet/two: the ValueSet must name in `compose.include` the one code it expands, and it names 2; it is not read",
      "GL5074 ValueSet/none: the ValueSet has no `expansion.contains`; it is not read",
    ]);
  });

  it("an entry without a code, and a filter other than is-a, are named by their path (GL5075)", () => {
    const odd = valueSet(
      "odd",
      {
        system: snomed,
        filter: [
          { op: "is-a", value: "1" },
          { op: "regex", value: ".*" },
        ],
      },
      [{ display: "x" }],
    );
    expect(codes([odd])).toEqual([
      "GL5075 ValueSet/odd at compose.include[0].filter[1]: not read: only an `is-a` filter names the code a ValueSet expands",
      "GL5075 ValueSet/odd at expansion.contains[0]: not read: it has no `system` or no `code`",
    ]);
  });

  it("an expansion nested deeper than the limit is cut there (GL5077)", () => {
    let contains: object[] = [{ system: snomed, code: "leaf" }];
    for (let i = 0; i < 12; i++) contains = [{ system: snomed, code: `c${i}`, contains }];
    expect(codes([valueSet("deep", { system: snomed, concept: [{ code: "1" }] }, contains)])[0]).toMatch(
      /^GL5077 ValueSet\/deep at expansion\.contains\[0\](\.contains\[0\])+: the expansion is nested deeper than 8 levels/,
    );
  });
});
