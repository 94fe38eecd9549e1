/**
 * The medication plan recognises the treatments clinicians write: by name, alias (French name,
 * brand, salt; case, accents and spaces aside) or any ATC code of the drug, before the scope
 * filter; it never drops an entry without a line; it refers with a reason what it cannot settle;
 * its sums and conversions are exact at a threshold; and its wording comes from the guideline.
 * Numbers are pinned in test/fixtures/medications/plan.guideline (160 mg/d, 5 d, 1 d).
 */
import { describe, expect, it } from "vitest";
import { planWordingKeys } from "../../src/pack/drug-names.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import { renderReportText } from "../../src/runtime/render-report.js";
import type { Report } from "../../src/runtime/report.js";
import { fixturePack, shippedPack } from "../support/compile-guideline.js";

const pack = fixturePack("test/fixtures/medications/plan.guideline");

type Entry = Record<string, unknown>;
const plan = async (...medications: Entry[]): Promise<Report> => evaluate({ medications }, pack);
const actions = (report: Report) =>
  report.medicationPlan.map(({ index, drug, action, reason }) => ({ index, drug, action, ...(reason ? { reason } : {}) }));

describe("a drug is recognised by any of its names or ATC codes, before the scope filter", () => {
  it("aspirin under its analgesic code N02BA01 at 3 000 mg/d stays in the plan and is stopped", async () => {
    const report = await plan({ name: "aspirin", atc: "N02BA01", dailyDoseMg: 3000 });
    expect(actions(report)).toEqual([{ index: 0, drug: "aspirin", action: "stop" }]);
    expect(report.outsidePlan).toEqual([]);
  });

  it("aspirin known only by its analgesic code is aspirin", async () => {
    expect(actions(await plan({ name: "Aspro", atc: "n02ba01", dailyDoseMg: 500 }))).toEqual([
      { index: 0, drug: "aspirin", action: "stop" },
    ]);
  });

  it.each(["acide acétylsalicylique", "  ACIDE   ACETYLSALICYLIQUE ", "Kardégic", "kardegic", "ASPIRINE", "aspirin"])(
    "%j is aspirin",
    async (name) => {
      const report = await plan({ name, dailyDoseMg: 75 });
      expect(report.medicationPlan[0]).toMatchObject({ drug: "aspirin", given: name, label: "Aspirine", action: "continue" });
    },
  );

  it("two names of the same drug add up: aspirin 75 mg/d and acide acétylsalicylique 100 mg/d are 175 mg/d, stopped", async () => {
    const report = await plan({ name: "aspirin", dailyDoseMg: 75 }, { name: "acide acétylsalicylique", dailyDoseMg: 100 });
    expect(actions(report).map((e) => e.action)).toEqual(["stop", "stop"]);
  });
});

describe("an entry is never dropped without a line", () => {
  it("a treatment outside the scope is listed apart, in the JSON and in the text", async () => {
    const report = await evaluate(
      {
        medications: [
          { name: "paracetamol", atc: "N02BE01" },
          { name: "aspirin", dailyDoseMg: 75 },
        ],
      },
      pack,
    );
    expect(report.outsidePlan).toEqual([{ index: 0, given: "paracetamol", label: "paracetamol", atc: "N02BE01" }]);
    expect(renderReportText(report)).toContain("  Hors du plan : paracetamol (N02BE01)\n");
  });

  it("a name and an ATC code of different drugs: referred with the reason, and the other drug's plan is unknown until settled", async () => {
    const report = await plan({ name: "Coumadine", atc: "B01AC06" }, { name: "aspirin", dailyDoseMg: 75 });
    expect(actions(report)).toEqual([
      { index: 0, drug: "warfarin", action: "refer", reason: "name-atc-mismatch" },
      { index: 1, drug: "aspirin", action: "unknown" },
    ]);
    expect(report.medicationPlan[0]?.mayBe).toEqual(["warfarin", "aspirin"]);
    expect(report.medicationPlan[1]?.missing).toEqual(["medications[0]"]);
  });

  it("a mistyped ATC code on a known name is a mismatch, referred, not dropped", async () => {
    expect(actions(await plan({ name: "aspirin", atc: "B01AC60", dailyDoseMg: 75 }))).toEqual([
      { index: 0, drug: "aspirin", action: "refer", reason: "name-atc-mismatch" },
    ]);
  });

  it("an unknown name without a code is `unknown-drug`; it may be aspirin, so aspirin's plan waits for its code", async () => {
    const report = await plan({ name: "aspirin", dailyDoseMg: 75 }, { name: "Doliprane" });
    expect(actions(report)).toEqual([
      { index: 0, drug: "aspirin", action: "unknown" },
      { index: 1, drug: "Doliprane", action: "refer", reason: "unknown-drug" },
    ]);
    expect(report.missing).toContain("medications[1].atc");
    // Given its code, it is settled: not aspirin, outside the plan.
    const settled = await plan({ name: "aspirin", dailyDoseMg: 75 }, { name: "Doliprane", atc: "N02BE01" });
    expect(actions(settled)).toEqual([{ index: 0, drug: "aspirin", action: "continue" }]);
    expect(settled.missing).not.toContain("medications[1].atc");
  });
});

describe("doses known only from below still decide when no larger dose could change the answer", () => {
  it.each([
    ["3 000 mg/d and an entry of it without a dose", [{ name: "aspirin", dailyDoseMg: 3000 }, { name: "Kardégic" }], ["stop", "stop"]],
    [
      "3 000 mg/d and an unknown name without a code (it may be aspirin)",
      [{ name: "aspirin", dailyDoseMg: 3000 }, { name: "Doliprane" }],
      ["stop", "refer"],
    ],
    [
      "160 mg/d, exactly the threshold, and an entry without a dose",
      [{ name: "aspirin", dailyDoseMg: 160 }, { name: "aspirin" }],
      ["stop", "stop"],
    ],
    [
      "100 mg/d and an entry without a dose: it could stay under",
      [{ name: "aspirin", dailyDoseMg: 100 }, { name: "aspirin" }],
      ["unknown", "unknown"],
    ],
    [
      "75 mg/d and an unknown name at 0 mg/d without a code: it adds nothing",
      [
        { name: "aspirin", dailyDoseMg: 75 },
        { name: "Doliprane", dailyDoseMg: 0 },
      ],
      ["continue", "refer"],
    ],
  ] as const)("%s", async (_title, medications, expected) => {
    const report = await plan(...medications);
    expect(report.medicationPlan.map((e) => e.action)).toEqual(expected);
    if (!(expected as readonly string[]).includes("unknown")) expect(report.missing.filter((m) => m.startsWith("medications"))).toEqual([]);
  });
});

describe("what this text does not name is said so, never « not covered »", () => {
  it("a drug declared `not named by source`, by its brand name", async () => {
    expect(actions(await plan({ name: "Brilique" }))).toEqual([
      { index: 0, drug: "ticagrelor", action: "refer", reason: "not-named-by-source" },
    ]);
  });

  it("an unknown name with an ATC code in scope that no drug has", async () => {
    expect(actions(await plan({ name: "cangrelor", atc: "B01AC25" }))).toEqual([
      { index: 0, drug: "cangrelor", action: "refer", reason: "not-named-by-source" },
    ]);
  });
});

describe("sums and conversions are exact at the threshold (160 mg/d in the fixture)", () => {
  it.each([
    ["1 120 mg/wk, exactly 160 mg/d", [{ name: "aspirin", dailyDoseMg: { value: 1120, unit: "mg/wk" } }], "stop"],
    ["1 119,993 mg/wk, just under", [{ name: "aspirin", dailyDoseMg: { value: 1119.993, unit: "mg/wk" } }], "continue"],
    ["74,6 + 56,3 + 29,1 mg/d", [74.6, 56.3, 29.1].map((dailyDoseMg) => ({ name: "aspirin", dailyDoseMg })), "stop"],
    [
      "0,0746 g/d + 56 300 ug/d + 203,7 mg/wk",
      [
        { value: 0.0746, unit: "g/d" },
        { value: 56300, unit: "ug/d" },
        { value: 203.7, unit: "mg/wk" },
      ].map((dailyDoseMg) => ({ name: "aspirin", dailyDoseMg })),
      "stop",
    ],
    ["74,6 + 56,3 + 29,09 mg/d, under", [74.6, 56.3, 29.09].map((dailyDoseMg) => ({ name: "aspirin", dailyDoseMg })), "continue"],
  ] as const)("%s → %s", async (_title, medications, action) => {
    const report = await plan(...medications);
    expect(new Set(report.medicationPlan.map((e) => e.action))).toEqual(new Set([action]));
  });
});

describe("the plan's wording comes from the guideline", () => {
  it("the bridge line says the last injection and leaves the stop date to the prescriber; without a procedure date, no date", async () => {
    const dated = renderReportText(await evaluate({ procedure: { date: "2026-12-14" }, medications: [{ name: "Coumadine" }] }, pack));
    expect(dated).toContain(
      "Plan de la fixture :\n  - Warfarine (saisi : « Coumadine ») : relais, dernière injection 1 jour avant le geste (le 13/12/2026) ; arrêt à fixer avec le prescripteur\n",
    );
    const undated = renderReportText(await evaluate({ medications: [{ name: "Coumadine" }] }, pack));
    expect(undated).toContain(
      "  - Warfarine (saisi : « Coumadine ») : relais, dernière injection 1 jour avant le geste ; arrêt à fixer avec le prescripteur\n",
    );
  });

  it("reasons and unknowns read as the guideline words them", async () => {
    const text = renderReportText(await plan({ name: "Brilique" }, { name: "Doliprane" }, { name: "aspirin" }));
    expect(text).toContain("  - Ticagrélor (saisi : « Brilique ») : non nommé par ce texte\n");
    expect(text).toContain("  - Doliprane : médicament non reconnu\n");
    // The entry's line names its own missing field; the other entry that may be aspirin is in the report's missing facts.
    expect(text).toContain("  - Aspirine : indéterminé, à renseigner : Traitements en cours (medications[2].dailyDoseMg)\n");
    expect(text).toContain("    - Traitements en cours (medications[1].atc)\n");
  });

  it("a wording missing from the guideline shows its key, not a sentence written in the code", async () => {
    const report = await plan({ name: "Brilique" }, { name: "aspirin", dailyDoseMg: 75 });
    const { "not-named-by-source": _dropped, continue: _also, ...others } = report.medicationPlanWordings;
    const text = renderReportText({ ...report, medicationPlanWordings: others });
    expect(text).toContain("  - Ticagrélor (saisi : « Brilique ») : à décider (not-named-by-source)\n");
    expect(text).toContain("  - Aspirine : continue\n");
  });

  it("the shipped guideline words every action and reason, and its plan has a title", () => {
    const shipped = shippedPack();
    expect(planWordingKeys.filter((key) => !shipped.plan?.wordings[key])).toEqual([]);
    expect(shipped.plan?.title).not.toBe("");
  });
});
