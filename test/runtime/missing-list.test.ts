/**
 * A medication list never given is not a list without treatments (found by a cold clinical
 * reading: the text report said « aucun traitement concerné », and the headline ended on an
 * empty « à vérifier avant le geste : »). Stated on the shipped pack, through its own labels.
 */
import { describe, expect, it } from "vitest";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import { renderReportText } from "../../src/runtime/render-report.js";

const pack = defaultPack();
const plan = pack.plan;
const listLabel = pack.facts.find((f) => f.path === plan?.list)?.label ?? "";

describe.skipIf(!plan)("a missing medication list", () => {
  it("is named by its label in readiness and in the headline, and the plan section asks for it", () => {
    const report = evaluateSync({}, pack);
    expect(report.readiness.status).not.toBe("ready");
    expect(report.readiness.missing).toContain(plan?.list);
    expect(report.readiness.label).toContain(listLabel);
    expect(report.headline).toContain(listLabel);
    const text = renderReportText(report);
    const section = text.slice(text.indexOf(`${report.medicationPlanTitle} :`)).split("\n\n")[0] ?? "";
    expect(section).toContain(`${listLabel} (${plan?.list ?? ""})`);
    const empty = report.medicationPlanWordings["plan-empty"];
    if (empty) expect(section).not.toContain(empty);
  });

  it("given as an empty list, is a list without treatments: readiness does not ask for it", () => {
    const report = evaluateSync({ [plan?.list ?? "medications"]: [] }, pack);
    expect(report.readiness.missing).not.toContain(plan?.list);
    expect(report.readiness.label).not.toContain(listLabel);
  });
});
