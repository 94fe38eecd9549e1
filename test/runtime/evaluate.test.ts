import { describe, expect, it } from "vitest";
import { renderReportText } from "../../src/runtime/render-report.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import type { Report } from "../../src/runtime/report.js";
import { compileEdited, shippedFolder, shippedPack } from "../support/compile-guideline.js";

const pack = shippedPack();

function precondition(report: Report, rule: string) {
  const found = report.preconditions.find((p) => p.rule === rule);
  if (!found) throw new Error(`no precondition ${rule}`);
  return found;
}

function planEntry(report: Report, drug: string) {
  const found = report.medicationPlan.find((e) => e.drug === drug);
  if (!found) throw new Error(`no plan entry for ${drug}`);
  return found;
}

describe("bleeding thresholds are exact at the boundary", () => {
  it.each([
    [49_999, "unmet"],
    [50_000, "unmet"],
    [50_001, "met"],
  ] as const)("platelets %d /mm3 → %s (Plaquettes > 50 000/mm3)", async (platelets, status) => {
    const report = await evaluate({ labs: { platelets } }, pack);
    expect(precondition(report, "saignement.plaquettes").status).toBe(status);
  });

  it.each([
    [49, "unmet"],
    [50, "unmet"],
    [51, "met"],
  ] as const)("TP %d (percent) → %s (TP > 50)", async (prothrombinActivityPercent, status) => {
    const report = await evaluate({ labs: { prothrombinActivityPercent } }, pack);
    expect(precondition(report, "saignement.tp").status).toBe(status);
  });

  it.each([
    [159, "continue"],
    [160, "stop"],
    [161, "stop"],
  ] as const)("aspirin %d mg/d → %s (< 160 mg par jour poursuivie, sinon arrêt)", async (dailyDoseMg, action) => {
    const report = await evaluate({ medications: [{ name: "aspirin", dailyDoseMg }] }, pack);
    expect(planEntry(report, "aspirin").action).toBe(action);
  });
});

describe("quantities in another UCUM unit convert exactly", () => {
  it.each([
    [{ value: 50, unit: "10*9/L" }, "unmet"],
    [{ value: 50.001, unit: "10*9/L" }, "met"],
    [{ value: 50, unit: "10*3/uL" }, "unmet"],
    [{ value: 50.001, unit: "10*3/uL" }, "met"],
    [{ value: 50_000, unit: "/uL" }, "unmet"],
    [{ value: 50_001, unit: "/uL" }, "met"],
  ] as const)("platelets %o → %s", async (platelets, status) => {
    const report = await evaluate({ labs: { platelets } }, pack);
    expect(precondition(report, "saignement.plaquettes").status).toBe(status);
  });

  it("50 × 10*9/L reports the same as 50 000 /mm3, not a hair above", async () => {
    const converted = await evaluate({ labs: { platelets: { value: 50, unit: "10*9/L" } } }, pack);
    const plain = await evaluate({ labs: { platelets: 50_000 } }, pack);
    expect(converted).toEqual(plain);
  });
});

describe("a missing fact is unknown, never false", () => {
  it("missing platelets give an unknown precondition, not unmet, and name the fact", async () => {
    const report = await evaluate({ labs: { prothrombinActivityPercent: 80 } }, pack);
    const platelets = precondition(report, "saignement.plaquettes");
    expect(platelets.status).toBe("unknown");
    expect(platelets.missing).toEqual(["labs.platelets"]);
    expect(report.missing).toContain("labs.platelets");
    expect(precondition(report, "saignement.tp").status).toBe("met");
  });

  it("null is the same as absent", async () => {
    const absent = await evaluate({}, pack);
    const nulls = await evaluate(
      { labs: { platelets: null, prothrombinActivityPercent: null }, patient: { severeCoagulopathy: null }, medications: null },
      pack,
    );
    expect(nulls).toEqual(absent);
  });

  it("the verdict is incomplete while a missing fact could make it contraindicated", async () => {
    const report = await evaluate({ labs: { platelets: 200_000 } }, pack);
    expect(report.verdict).toBe("incomplete");
    expect(report.missing).toContain("patient.severeCoagulopathy");
  });

  it("a verdict that no missing fact could change is given despite missing facts", async () => {
    const report = await evaluate({ patient: { severeCoagulopathy: true } }, pack);
    expect(report.verdict).toBe("contraindicated");
    expect(report.findings.map((f) => f.rule)).toEqual(["contre-indication.coagulation"]);
    // Facts that no longer matter to the verdict are not reported missing for it.
    expect(report.missing).not.toContain("patient.severeCoagulopathy");
  });

  it("aspirin without its daily dose gives an unknown plan entry naming the dose field", async () => {
    const report = await evaluate({ medications: [{ name: "clopidogrel" }, { name: "aspirin" }] }, pack);
    const aspirin = planEntry(report, "aspirin");
    expect(aspirin.action).toBe("unknown");
    expect(aspirin.missing).toEqual(["medications[1].dailyDoseMg"]);
    expect(report.missing).toContain("medications[1].dailyDoseMg");
    expect(planEntry(report, "clopidogrel").action).toBe("stop");
  });

  it("no medication list means no plan, and no plan entry is invented", async () => {
    const report = await evaluate({ labs: { platelets: 80_000 } }, pack);
    expect(report.medicationPlan).toEqual([]);
  });
});

describe("every finding carries its provenance", () => {
  it("a finding has rule id, section, verbatim quote and references", async () => {
    const report = await evaluate({ patient: { severeCoagulopathy: true } }, pack);
    expect(report.findings[0]).toMatchObject({
      rule: "contre-indication.coagulation",
      section: "q4",
      sectionTitle: "4. Quelles sont les contre-indications de la cimentoplastie ?",
      kind: "absolute-contraindication",
      quotes: ["Troubles sévères de la coagulation"],
    });
  });

  it("a plan entry carries the rule it follows, with quote and citations", async () => {
    const report = await evaluate({ medications: [{ name: "clopidogrel" }] }, pack);
    expect(planEntry(report, "clopidogrel").provenance).toMatchObject({
      rule: "saignement.clopidogrel",
      quotes: ["Prise d'antiagrégant (100,101) :", "Arrêt du Clopidogrel cinq jours avant le geste"],
      citations: [100, 101],
    });
  });
});

describe("medication plan", () => {
  it("gives each antithrombotic its action, delay as written, delay in hours and calendar date", async () => {
    const report = await evaluate(
      {
        procedure: { date: "2026-12-14" },
        medications: [{ name: "clopidogrel" }, { name: "Rivaroxaban" }, { name: "warfarin" }, { name: "aspirin", dailyDoseMg: 300 }],
      },
      pack,
    );
    expect(
      report.medicationPlan.map(({ drug, action, before, hoursBefore, date }) => ({ drug, action, before, hoursBefore, date })),
    ).toEqual([
      { drug: "clopidogrel", action: "stop", before: { value: 5, unit: "d" }, hoursBefore: 120, date: "2026-12-09" },
      { drug: "rivaroxaban", action: "stop", before: { value: 48, unit: "h" }, hoursBefore: 48, date: "2026-12-12" },
      { drug: "warfarin", action: "bridge", before: { value: 1, unit: "d" }, hoursBefore: 24, date: "2026-12-13" },
      { drug: "aspirin", action: "stop", before: { value: 5, unit: "d" }, hoursBefore: 120, date: "2026-12-09" },
    ]);
    expect(report.medicationPlanReminder).toBe(
      "Toutes ces modifications se feront en accord avec l'équipe d'anesthésie et le prescripteur.",
    );
  });

  it("a procedure date-time gives a date-time: in UTC for a UTC time, in the procedure's own offset otherwise", async () => {
    const utc = await evaluate({ procedure: { date: "2026-12-14T07:30:00Z" }, medications: [{ name: "dabigatran" }] }, pack);
    expect(planEntry(utc, "dabigatran").date).toBe("2026-12-12T07:30:00.000Z");
    const paris = await evaluate({ procedure: { date: "2026-12-14T00:30:00+01:00" }, medications: [{ name: "dabigatran" }] }, pack);
    // The same instant as 2026-12-11T23:30Z, written as the reader of the procedure's time reads it.
    expect(planEntry(paris, "dabigatran").date).toBe("2026-12-12T00:30:00+01:00");
    expect(renderReportText(paris)).toContain("12/12/2026 00:30 (UTC+01:00)");
    const west = await evaluate({ procedure: { date: "2026-12-14T22:00:00-05:30" }, medications: [{ name: "dabigatran" }] }, pack);
    expect(planEntry(west, "dabigatran").date).toBe("2026-12-12T22:00:00-05:30");
  });

  it("matches a drug by ATC code when the name is not in the vocabulary", async () => {
    const report = await evaluate({ medications: [{ name: "plavix", atc: "B01AC04" }] }, pack);
    expect(report.medicationPlan[0]).toMatchObject({ drug: "clopidogrel", given: "plavix", action: "stop" });
  });

  it("refers antithrombotics the guideline does not name or cover, and lists treatments outside B01 apart", async () => {
    const report = await evaluate(
      { medications: [{ name: "edoxaban", atc: "B01AF03" }, { name: "paracetamol", atc: "N02BE01" }, { name: "mysterium" }] },
      pack,
    );
    expect(report.medicationPlan.map(({ drug, action, reason }) => ({ drug, action, reason }))).toEqual([
      { drug: "edoxaban", action: "refer", reason: "not-named-by-source" },
      { drug: "mysterium", action: "refer", reason: "unknown-drug" },
    ]);
    expect(report.outsidePlan).toEqual([{ index: 1, given: "paracetamol", label: "paracetamol", atc: "N02BE01" }]);
  });
});

describe("concurrency", () => {
  it("200 concurrent evaluations equal the sequential ones", async () => {
    const patients = Array.from({ length: 200 }, (_, i) => ({
      labs: { platelets: 40_000 + i * 100, ...(i % 3 ? { prothrombinActivityPercent: 40 + (i % 20) } : {}) },
      ...(i % 4 ? { patient: { severeCoagulopathy: i % 5 === 0 } } : {}),
      medications: [{ name: i % 2 ? "aspirin" : "clopidogrel", dailyDoseMg: 100 + i }],
    }));
    const sequential: Report[] = [];
    for (const p of patients) sequential.push(await evaluate(p, pack));
    const concurrent = await Promise.all(patients.map((p) => evaluate(p, pack)));
    expect(concurrent).toEqual(sequential);
  });
});

describe("clinical values live in the guideline source", () => {
  it("changing 50 000 to 60 000 in the source changes the evaluation at 55 000 /mm3", async () => {
    const before = await evaluate({ labs: { platelets: 55_000 } }, pack);
    const edited = compileEdited((text) =>
      text.replace("threshold seuil.plaquettes = 50 000 /mm3", "threshold seuil.plaquettes = 60 000 /mm3"),
    );
    expect(edited.pack).toBeDefined();
    const after = await evaluate({ labs: { platelets: 55_000 } }, edited.pack);
    expect(precondition(before, "saignement.plaquettes").status).toBe("met");
    expect(precondition(after, "saignement.plaquettes").status).toBe("unmet");
  });

  it("changing the clopidogrel delay to 7 d moves the stop date", async () => {
    const edited = compileEdited((text) => text.replace("delay delai.clopidogrel = 5 d", "delay delai.clopidogrel = 7 d"));
    const report = await evaluate({ procedure: { date: "2026-12-14" }, medications: [{ name: "clopidogrel" }] }, edited.pack);
    expect(planEntry(report, "clopidogrel")).toMatchObject({ before: { value: 7, unit: "d" }, hoursBefore: 168, date: "2026-12-07" });
  });
});

describe("the plan is sound when facts are missing", () => {
  it("an undecided rule that could come first makes the action unknown, even if a later rule holds", async () => {
    const edited = compileEdited(
      (text) =>
        text.concat(
          '\nrule essai.aspirine-toujours\n  statement "Essai."\n  quote "sinon arrêt de l\'aspirine 5 jours avant le geste."\n  then stop aspirin delai.clopidogrel before\n' +
            // It conflicts with the low-dose rule (GL3002) unless the source says which one wins.
            'precedence saignement.aspirine.poursuite over essai.aspirine-toujours because "Essai."\n',
        ),
      `${shippedFolder}/cimentoplastie.guideline`,
    );
    if (!edited.pack) throw new Error(edited.diagnostics.map((d) => d.message).join("; "));
    const report = await evaluate({ medications: [{ name: "aspirin" }] }, edited.pack);
    expect(planEntry(report, "aspirin")).toMatchObject({ action: "unknown", missing: ["medications[0].dailyDoseMg"] });
  });

  it("an absent medication list is reported missing, and no entry is invented", async () => {
    const report = await evaluate({ labs: { platelets: 80_000 } }, pack);
    expect(report.medicationPlan).toEqual([]);
    expect(report.missing).toContain("medications");
    const given = await evaluate({ medications: [] }, pack);
    expect(given.missing).not.toContain("medications");
  });

  it("a daily dose may be given in another unit, converted exactly", async () => {
    const report = await evaluate({ medications: [{ name: "aspirin", dailyDoseMg: { value: 0.16, unit: "g/d" } }] }, pack);
    expect(planEntry(report, "aspirin").action).toBe("stop");
    const below = await evaluate({ medications: [{ name: "aspirin", dailyDoseMg: { value: 0.159, unit: "g/d" } }] }, pack);
    expect(planEntry(below, "aspirin").action).toBe("continue");
  });

  it("a procedure date-time without an offset is a wall-clock time, whatever the server's time zone", async () => {
    const report = await evaluate({ procedure: { date: "2026-03-30T08:30" }, medications: [{ name: "dabigatran" }] }, pack);
    expect(planEntry(report, "dabigatran").date).toBe("2026-03-28T08:30:00");
  });
});

describe("readiness names what blocks and what is still to check", () => {
  const [first, second] = pack.sourceRules.filter((r) => r.effect.kind === "precondition");
  const factOf = (rule: typeof first) => rule?.facts[0] ?? "";
  const setAt = (path: string, value: unknown, into: Record<string, unknown>) => {
    const [head = "", tail = ""] = path.split(".");
    into[head] = { ...(into[head] ?? {}), [tail]: value };
    return into;
  };

  it("with one precondition unmet and another unknown, readiness is not-ready and its label names both", async () => {
    if (!first || !second || !pack.readiness) return;
    // The fact's minimum fails any `>` precondition on it; the other fact is left unknown.
    const fact = pack.facts.find((f) => f.path === factOf(first));
    const low = fact?.type === "quantity" ? (fact.min ?? 0) : 0;
    const report = await evaluate(setAt(factOf(first), low, { medications: [] }), pack);
    expect(report.preconditions.find((p) => p.rule === first.id)?.status).toBe("unmet");
    expect(report.preconditions.find((p) => p.rule === second.id)?.status).toBe("unknown");
    expect(report.readiness.status).toBe("not-ready");
    const labelOf = (id: string) => report.preconditions.find((p) => p.rule === id)?.label ?? id;
    expect(report.readiness.label).toContain(labelOf(first.id));
    expect(report.readiness.label).toContain(labelOf(second.id));
    expect(report.readiness.missing).toContain(factOf(second));
    // The unmet precondition shows the patient's value beside the requirement.
    expect(report.preconditions.find((p) => p.rule === first.id)?.values).toEqual([
      expect.objectContaining({ fact: factOf(first), value: low }),
    ]);
  });

  it("a treatment the plan refers to the prescriber blocks the procedure; a name the guideline does not know is to check", async () => {
    const referred = pack.drugs.find((d) => !d.namedBySource);
    if (!referred) return;
    // Every precondition met: each quantity it reads at the top of its range.
    const met: Record<string, unknown> = {};
    for (const rule of pack.sourceRules.filter((r) => r.effect.kind === "precondition")) {
      for (const path of rule.facts) {
        const fact = pack.facts.find((f) => f.path === path);
        if (fact?.type === "quantity" && fact.max !== undefined) setAt(path, fact.max, met);
      }
    }
    const ready = await evaluate({ ...met, medications: [] }, pack);
    expect(ready.readiness.status).toBe("ready");
    const blocked = await evaluate({ ...met, medications: [{ name: referred.name }] }, pack);
    expect(blocked.medicationPlan[0]?.action).toBe("refer");
    expect(blocked.readiness.status).toBe("not-ready");
    expect(blocked.readiness.treatments).toEqual([0]);
    const unknownName = await evaluate({ ...met, medications: [{ name: "zz-not-a-drug" }] }, pack);
    expect(unknownName.medicationPlan[0]?.reason).toBe("unknown-drug");
    expect(unknownName.readiness.status).toBe("unknown");
  });
});
