import { describe, expect, it } from "vitest";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { factClasses } from "../../src/runtime/fact-classes.js";
import { verdictTarget } from "../../src/runtime/outcome-targets.js";
import { NotExact, relevantOf } from "../../src/runtime/relevance-search.js";
import { fixturePack } from "../support/compile-guideline.js";

/**
 * The report's `relevant` on fixture guidelines, where the numbers may be pinned: only the facts
 * that can change a value are listed, ranked, while `missing` keeps every fact that could matter.
 */
const pack = fixturePack("test/fixtures/relevance");
const paths = (facts: readonly { readonly path: string }[]) => facts.map((f) => f.path);

describe("relevant missing facts", () => {
  it("with nothing known, lists for each value the facts that can change it, the pain first (its absence settles the rest)", () => {
    const report = evaluateSync({}, pack);
    expect(report.verdict).toBe("incomplete");
    expect(report.missing).toEqual(["labs.platelets", "lesion.large", "lesion.risk", "pain.localized", "pain.present"]);
    expect(report.relevant).toEqual({
      exact: true,
      verdict: [
        { path: "pain.present", label: "Douleur", settles: 0, maySettle: 2 },
        { path: "pain.localized", label: "Douleur localisée", settles: 0, maySettle: 1 },
        { path: "lesion.risk", label: "Risque lésionnel", settles: 0, maySettle: 1 },
      ],
      readiness: [{ path: "labs.platelets", label: "Plaquettes", settles: 0, maySettle: 0 }],
      plan: [],
      recommendations: [{ rule: "discussion", facts: [{ path: "lesion.large", label: "Lésion volumineuse", settles: 0, maySettle: 0 }] }],
    });
  });

  it("a decided verdict needs nothing; a value settled by one fact lists only that fact", () => {
    const noPain = evaluateSync({ pain: { present: false } }, pack);
    expect(noPain.verdict).toBe("not-indicated");
    expect(noPain.relevant.verdict).toEqual([]);
    const risk = evaluateSync({ pain: { present: true }, lesion: { risk: "low" } }, pack);
    expect(paths(risk.relevant.verdict)).toEqual(["pain.localized"]);
    const platelets = evaluateSync({ labs: { platelets: 80_000 } }, pack);
    expect(platelets.readiness.status).toBe("ready");
    expect(platelets.relevant.readiness).toEqual([]);
  });

  it("a fact that `missing` lists but no completion lets change the verdict is left out (a rule always overridden)", () => {
    const overridden = fixturePack("test/fixtures/analysis/GL3012-verdict-irrelevant-rule.guideline");
    const report = evaluateSync({}, overridden);
    expect(report.verdictMissing).toEqual(["lesion.large", "patient.severeCoagulopathy"]);
    expect(paths(report.relevant.verdict)).toEqual(["patient.severeCoagulopathy"]);
  });

  it("a plan entry whose action waits for its dose lists that dose, the entry's own field", () => {
    const plan = fixturePack("test/fixtures/medications");
    const report = evaluateSync({ medications: [{ name: "aspirine" }, { name: "warfarin" }] }, plan);
    expect(report.medicationPlan.map((e) => e.action)).toEqual(["unknown", "bridge"]);
    expect(report.relevant.plan).toEqual([
      {
        index: 0,
        drug: "aspirin",
        facts: [{ path: "medications[0].dailyDoseMg", label: "Traitements en cours", settles: 0, maySettle: 0 }],
      },
    ]);
    expect(paths(report.relevant.readiness)).toEqual([]);
  });

  it("a search over its budget says so rather than answer", () => {
    const context = { pack, classesOf: factClasses(pack), budget: 1 };
    expect(() => relevantOf(context, verdictTarget(pack), new Map())).toThrow(NotExact);
  });
});
