import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { factsFromFhir, prefetchTemplates, questionnaireOf } from "../../src/fhir/index.js";
import { evaluate, evaluateSync } from "../../src/runtime/evaluate.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import { repoRoot } from "../support/compile-guideline.js";

/** The fixtures' observations are dated relative to this moment (the windows count back from it). */
const now = new Date("2026-12-02T10:00:00Z");
const pack = defaultPack();
const fixture = (file: string): unknown => JSON.parse(readFileSync(join(repoRoot, "test/fixtures/fhir", file), "utf8"));
const names = ["whole-patient", "doses", "units", "missing"] as const;
const read = (name: string) => factsFromFhir(fixture(`${name}.bundle.json`), pack, { now });
const codes = (name: string) => read(name).problems.map((p) => `${p.code} ${p.message.split(":")[0] ?? ""}`);

describe("a FHIR Bundle gives the same report as the equivalent facts file", () => {
  it.each(names)("%s", async (name) => {
    const fromFhir = read(name);
    const facts = fixture(`${name}.facts.json`);
    expect(fromFhir.facts).toEqual(facts);
    expect(evaluateSync(fromFhir.facts, pack)).toEqual(evaluateSync(facts, pack));
    // With the provenance, the report is the same plus where each fact came from.
    const traced = await evaluate(fromFhir.facts, { pack, factSources: fromFhir.provenance });
    const { factSources, ...rest } = traced;
    expect(rest).toEqual(evaluateSync(facts, pack));
    expect(factSources).toEqual(fromFhir.provenance);
  });
});

describe("provenance: every fact read names the resource it came from", () => {
  it("the latest result in the window, a condition, each treatment, the questionnaire for the rest", () => {
    const { provenance } = read("whole-patient");
    const from = (fact: string) => provenance.find((p) => p.fact === fact);
    // A result also with its date, value and unit as the record writes them (the unit before the alias table).
    expect(from("labs.platelets")).toEqual({
      fact: "labs.platelets",
      resourceType: "Observation",
      id: "plt-2026-11",
      effective: "2026-11-30T07:45:00+01:00",
      value: 180,
      unit: "K/uL",
    });
    expect(from("labs.prothrombinActivityPercent")?.resourceType).toBe("Observation");
    // The resolved Condition says nothing about now: the questionnaire's answer gives the fact.
    expect(from("patient.systemicInfection")).toEqual({
      fact: "patient.systemicInfection",
      resourceType: "QuestionnaireResponse",
      id: "qr-consultation",
    });
    expect(from("medications[0]")).toEqual({ fact: "medications[0]", resourceType: "MedicationRequest", id: "mr-clopidogrel" });
    expect(from("medications[1]")).toEqual({ fact: "medications[1]", resourceType: "MedicationStatement", id: "ms-kardegic" });
    expect(from("lesion.site")).toEqual({ fact: "lesion.site", resourceType: "QuestionnaireResponse", id: "qr-consultation" });
    // One entry per fact set, in the pack's order of facts.
    const order = pack.facts.map((f) => f.path);
    const rank = (p: { fact: string }) => order.indexOf(p.fact.replace(/\[\d+\]$/, ""));
    expect(provenance.map(rank)).toEqual([...provenance.map(rank)].sort((a, b) => a - b));
    expect(read("missing").provenance.map((p) => p.fact)).toEqual(["medications[0]"]);
  });
});

describe("what cannot be used is reported and left unknown, never guessed", () => {
  it("a dose that cannot be computed exactly: the treatment stays, without a dose", () => {
    expect(codes("doses")).toEqual([
      "GL5062 MedicationRequest/mr-clopidogrel-prn",
      "GL5062 MedicationRequest/mr-apixaban-comprimes",
      "GL5062 MedicationRequest/mr-dabigatran-bid",
      // Stopped, with no end date: it may have been taken within the plan's delays.
      "GL5071 MedicationRequest/mr-ticagrelor-stopped",
    ]);
    const aspirin = evaluateSync(read("missing").facts, pack).medicationPlan[0];
    expect(aspirin?.action).toBe("unknown");
  });

  it("the latest result cannot be used (a unit refused, not final): the fact stays unknown, never an older value", () => {
    const units = read("units");
    expect(codes("units")).toEqual(["GL5070 Observation/plt-cells", "GL5070 Observation/tp-preliminary"]);
    expect(units.facts).toEqual({});
    const [platelets, prothrombin] = units.problems.map((p) => p.message);
    // Named with its date, its value as written and why; the older result set aside is named too.
    expect(platelets).toMatch(
      /2026-12-01T08:00:00\.000Z \(41000 cells\/uL\).*`cells\/uL` is not one the fact accepts.*Observation\/plt-g-per-l/,
    );
    expect(prothrombin).toMatch(/\(45 %\).*preliminary.*Observation\/tp-final/);
  });

  it("a refused unit on an older result is reported as not used, not as leaving the fact unknown (GL5061)", () => {
    const bundle = fixture("units.bundle.json") as { entry: { resource: Record<string, unknown> }[] };
    bundle.entry = bundle.entry.filter((e) => !["tp-preliminary", "plt-g-per-l"].includes(String(e.resource.id)));
    const cells = bundle.entry.find((e) => e.resource.id === "plt-cells");
    if (cells) cells.resource.effectiveDateTime = "2026-11-20T09:00:00+01:00";
    bundle.entry.push({
      resource: {
        ...cells?.resource,
        id: "plt-newer",
        effectiveDateTime: "2026-12-01T09:00:00+01:00",
        valueQuantity: { value: 42, unit: "G/L" },
      },
    });
    const result = factsFromFhir(bundle, pack, { now });
    expect(result.provenance.find((p) => p.fact === "labs.platelets")?.id).toBe("plt-newer");
    expect(result.provenance.find((p) => p.fact === "labs.prothrombinActivityPercent")?.id).toBe("tp-final");
    expect(result.problems.map((p) => p.code)).toEqual(["GL5061"]);
    expect(result.problems[0]?.message).toContain("this result is not used");
    expect(result.problems[0]?.message).not.toContain("stays unknown");
  });

  it("a result dated after now is refused and said, and never counts as the latest", () => {
    const bundle = wholePatientWith("plt-2026-11", (o) => {
      o.effectiveDateTime = "2027-01-15T08:00:00+01:00";
    });
    const result = factsFromFhir(bundle, pack, { now });
    expect(result.provenance.find((p) => p.fact === "labs.platelets")?.id).not.toBe("plt-2026-11");
    const refused = result.problems.find((p) => p.message.startsWith("Observation/plt-2026-11"));
    expect(refused?.code).toBe("GL5063");
    expect(refused?.message).toContain("after 2026-12-02T10:00:00.000Z");
  });

  it("a result older than the window, or without a value, leaves the fact unknown, and says why", () => {
    expect(codes("missing")).toEqual([
      // A provisional Condition proves nothing: unknown, and said.
      "GL5069 Condition/cond-sepsis-suspected",
      "GL5063 Observation/plt-old",
      "GL5063 Observation/tp-no-value",
      "GL5062 MedicationRequest/mr-kardegic-range",
    ]);
    const later = factsFromFhir(fixture("whole-patient.bundle.json"), pack, { now: new Date("2027-06-01T00:00:00Z") });
    expect(later.facts).not.toHaveProperty("labs");
  });
});

/** The whole-patient Bundle with one resource changed (found by id). */
function wholePatientWith(id: string, change: (resource: Record<string, unknown>) => void): unknown {
  const bundle = fixture("whole-patient.bundle.json") as { entry: { resource: Record<string, unknown> }[] };
  const entry = bundle.entry.find((e) => e.resource.id === id);
  if (!entry) throw new Error(`no ${id} in the fixture`);
  change(entry.resource);
  return bundle;
}
const answerTo = (path: string, code: "Y" | "N") => (qr: Record<string, unknown>) => {
  const item = (qr.item as { linkId: string; answer: { valueCoding: { code: string } }[] }[]).find((i) => i.linkId === path);
  if (item?.answer[0]) item.answer[0].valueCoding.code = code;
};

describe("a Condition gives yes when it is present now, never no", () => {
  const infection = pack.facts.find((f) => f.path === "patient.systemicInfection" && f.codes?.length);

  it("a resolved Condition leaves the fact to the questionnaire, and is reported by its id", () => {
    expect(infection).toBeDefined();
    const { problems } = read("whole-patient");
    expect(problems.map((p) => `${p.code} ${p.message.split(":")[0] ?? ""}`)).toContain("GL5069 Condition/cond-sepsis-2025");
    // Answered « Oui » while the record holds a resolved episode: the answer stands, nothing says no.
    const yes = factsFromFhir(wholePatientWith("qr-consultation", answerTo("patient.systemicInfection", "Y")), pack, { now });
    expect(yes.facts).toMatchObject({ patient: { systemicInfection: true } });
    expect(yes.problems.map((p) => p.code)).not.toContain("GL5067");
    expect(evaluateSync(yes.facts, pack).verdict).not.toBe(evaluateSync(read("whole-patient").facts, pack).verdict);
  });

  it.each(["resolved", "inactive", "remission"])("clinical status %s, with no answer: unknown, not no", (status) => {
    const bundle = wholePatientWith("cond-sepsis-2025", (c) => {
      c.clinicalStatus = { coding: [{ code: status }] };
    });
    const without = bundle as { entry: { resource: Record<string, unknown> }[] };
    without.entry = without.entry.filter((e) => e.resource.resourceType !== "QuestionnaireResponse");
    const result = factsFromFhir(without, pack, { now });
    expect(result.facts).not.toHaveProperty("patient");
    expect(result.problems.find((p) => p.code === "GL5069")?.message).toContain(status);
  });

  it("a refuted Condition gives no value either", () => {
    const bundle = wholePatientWith("cond-sepsis-2025", (c) => {
      c.verificationStatus = { coding: [{ code: "refuted" }] };
    });
    const result = factsFromFhir(bundle, pack, { now });
    expect(result.provenance.find((p) => p.fact === "patient.systemicInfection")?.resourceType).toBe("QuestionnaireResponse");
    expect(result.problems.find((p) => p.code === "GL5069")?.message).toContain("refuted");
  });

  it("an active Condition and an answer that disagree: the fact is unknown and the conflict reported (GL5067)", () => {
    const bundle = wholePatientWith("cond-sepsis-2025", (c) => {
      c.clinicalStatus = { coding: [{ code: "active" }] };
    });
    const result = factsFromFhir(bundle, pack, { now });
    expect(result.facts).not.toHaveProperty("patient.systemicInfection");
    expect(result.provenance.map((p) => p.fact)).not.toContain("patient.systemicInfection");
    const conflict = result.problems.find((p) => p.code === "GL5067");
    expect(conflict?.message).toContain("QuestionnaireResponse/qr-consultation");
    expect(conflict?.message).toContain("Condition/cond-sepsis-2025");
  });
});

describe("the problems met reading the record reach the report", () => {
  it("each with its code, its message and the resource it names; absent when not given", async () => {
    const units = read("units");
    expect(units.sourceProblems).toEqual(
      units.problems.map((p) => ({ code: p.code, message: p.message, resourceType: "Observation", id: expect.any(String) as string })),
    );
    expect(units.sourceProblems.map((p) => p.id)).toEqual(["plt-cells", "tp-preliminary"]);
    const report = await evaluate(units.facts, { pack, factSources: units.provenance, sourceProblems: units.sourceProblems });
    expect(report.sourceProblems).toEqual(units.sourceProblems);
    expect(evaluateSync(units.facts, { pack, factSources: units.provenance })).not.toHaveProperty("sourceProblems");
    // A problem about no one resource has no resource named.
    expect(factsFromFhir(null, pack, { now }).sourceProblems).toEqual([{ code: "GL5060", message: expect.any(String) as string }]);
  });
});

describe("a treatment the plan covers, left out of the list, is reported (GL5071)", () => {
  // The scope and the longest delay come from the pack, as the mapping reads them.
  const scope = pack.plan?.scopeAtc ?? "";
  const inScope = pack.drugs.find((d) => d.atc.some((c) => c.startsWith(scope)))?.atc.find((c) => c.startsWith(scope)) ?? "";
  const longestHours = Math.max(
    ...pack.sourceRules.flatMap((r) => (r.effect.kind === "medication" && r.effect.before ? [r.effect.before.hours] : [])),
  );
  const hoursBefore = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
  const request = (id: string, status: string, atc: string, end?: string) => ({
    resource: {
      resourceType: "MedicationRequest",
      id,
      status,
      medicationCodeableConcept: { text: id, coding: [{ system: "http://www.whocc.no/atc", code: atc }] },
      dosageInstruction: end ? [{ timing: { repeat: { boundsPeriod: { end } } } }] : [],
    },
  });
  const flagged = (...entry: unknown[]) =>
    factsFromFhir({ resourceType: "Bundle", entry }, pack, { now })
      .problems.filter((p) => p.code === "GL5071")
      .map((p) => p.message.split(":")[0]);

  it("stopped or completed within the longest delay, or without an end date; unknown or draft", () => {
    expect(scope).not.toBe("");
    expect(inScope).not.toBe("");
    expect(
      flagged(
        request("mr-recent", "stopped", inScope, hoursBefore(longestHours / 2)),
        request("mr-no-end", "completed", inScope),
        request("mr-unknown", "unknown", inScope),
        request("mr-draft", "draft", inScope),
      ),
    ).toEqual(["MedicationRequest/mr-recent", "MedicationRequest/mr-no-end", "MedicationRequest/mr-unknown", "MedicationRequest/mr-draft"]);
  });

  it("not one stopped before the longest delay, outside the scope, or entered in error; never read into the list", () => {
    const result = factsFromFhir(
      {
        resourceType: "Bundle",
        entry: [
          request("mr-old", "stopped", inScope, hoursBefore(longestHours * 2)),
          request("mr-other", "stopped", "Z99ZZ99", hoursBefore(1)),
          request("mr-error", "entered-in-error", inScope),
        ],
      },
      pack,
      { now },
    );
    expect(result.problems).toEqual([]);
    expect(result.facts).toEqual({});
    const recent = factsFromFhir({ resourceType: "Bundle", entry: [request("mr-recent", "stopped", inScope, hoursBefore(1))] }, pack, {
      now,
    });
    expect(recent.facts).toEqual({});
  });
});

describe("hostile input: problems are returned, nothing is thrown", () => {
  it.each([null, 42, "Bundle", [], { resourceType: "Patient" }, { resourceType: "Bundle\u0007" }])(
    "%j is not a Bundle (GL5060)",
    (input) => {
      const result = factsFromFhir(input, pack, { now });
      expect(result.facts).toEqual({});
      expect(result.problems.map((p) => p.code)).toEqual(["GL5060"]);
      expect(result.problems[0]?.message.includes("\u0007")).toBe(false);
    },
  );

  it("more current treatments than a list holds, an answer that is no date: reported, and the facts stay valid", () => {
    const request = (i: number) => ({
      resource: {
        resourceType: "MedicationRequest",
        id: `mr-${i}`,
        status: "active",
        medicationCodeableConcept: { text: `Traitement ${i}` },
      },
    });
    const answer = {
      resource: {
        resourceType: "QuestionnaireResponse",
        id: "qr-1",
        status: "completed",
        item: [{ linkId: pack.facts.find((f) => f.type === "date")?.path, answer: [{ valueDate: "demain" }] }],
      },
    };
    const result = factsFromFhir(
      { resourceType: "Bundle", entry: [...Array.from({ length: 1_001 }, (_, i) => request(i)), answer] },
      pack,
      { now },
    );
    expect([...new Set(result.problems.map((p) => p.code))]).toEqual(["GL5062", "GL5068", "GL5065"]);
    expect(() => evaluateSync(result.facts, pack)).not.toThrow();
  });

  it("any JSON inside a Bundle: no throw, and the facts are valid facts or nothing", () => {
    const resource = fc.record(
      {
        resourceType: fc.constantFrom(
          "Observation",
          "Condition",
          "MedicationRequest",
          "MedicationStatement",
          "QuestionnaireResponse",
          "Medication",
        ),
        id: fc.string(),
        status: fc.constantFrom("final", "active", "completed", "resolved", "x"),
        code: fc.anything(),
        valueQuantity: fc.anything(),
        effectiveDateTime: fc.oneof(fc.string(), fc.constant("2026-12-01")),
        dosageInstruction: fc.anything(),
        item: fc.anything(),
      },
      { requiredKeys: ["resourceType"] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.record({ resource: resource }), fc.anything()), { maxLength: 8 }), (entry) => {
        const result = factsFromFhir({ resourceType: "Bundle", entry }, pack, { now });
        expect(() => evaluateSync(result.facts, pack)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});

describe("the generated Questionnaire", () => {
  const questionnaire = questionnaireOf(pack) as {
    item: { linkId: string; type: string; answerOption?: { valueCoding: { code: string } }[] }[];
  };

  it("is what compile wrote beside the pack, byte for byte", () => {
    const written = readFileSync(join(repoRoot, `generated/${pack.guideline.edition}/questionnaire.json`), "utf8");
    expect(written).toBe(`${JSON.stringify(questionnaire, null, 2)}\n`);
  });

  it("asks every fact but the medication list, yes/no questions with oui, non and « ne sait pas »", () => {
    expect(questionnaire.item.map((i) => i.linkId)).toEqual(pack.facts.filter((f) => f.type !== "medications").map((f) => f.path));
    for (const fact of pack.facts) {
      const item = questionnaire.item.find((i) => i.linkId === fact.path);
      if (fact.type === "boolean") expect(item?.answerOption?.map((o) => o.valueCoding.code)).toEqual(["Y", "N", "asked-unknown"]);
      if (fact.type === "enum") expect(item?.answerOption?.map((o) => o.valueCoding.code)).toEqual(fact.values);
    }
  });
});

describe("CDS Hooks prefetch templates", () => {
  it("query every coded fact, the treatments and the questionnaire answers, for the patient in context", () => {
    const templates = prefetchTemplates(pack);
    for (const fact of pack.facts) {
      for (const code of fact.codes ?? []) expect(Object.values(templates).join("\n")).toContain(`${code.system}|${code.code}`);
    }
    expect(Object.keys(templates)).toEqual(expect.arrayContaining(["MedicationRequest", "MedicationStatement", "QuestionnaireResponse"]));
    for (const template of Object.values(templates)) expect(template).toContain("{{context.patientId}}");
  });
});
