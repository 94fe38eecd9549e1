/**
 * Whether two plan rules give the same order (src/pack/plan-order.ts): the compiler's analysis
 * (GL3002) and the runtime's plan ask the one question, so they agree on every pair of rules.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGuideline } from "../../src/compiler/compile.js";
import { planOrderKey, type PlanAction } from "../../src/pack/plan-order.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import { repoRoot } from "../support/compile-guideline.js";

const folder = "test/fixtures/analysis";
const base = readFileSync(join(repoRoot, folder, "GL3002-contradiction.guideline"), "utf8");

/** The fixture with its `continue` rule turned into a `stop` with the delay `delay`. */
function compileWithStop(delay: string) {
  const text = base.replace("then continue aspirin", `then stop aspirin ${delay} before`);
  expect(text).not.toBe(base);
  const host = { readSourceDocument: (path: string) => readFileSync(join(repoRoot, folder, path), "utf8") };
  return compileGuideline([{ file: `${folder}/same-order.guideline`, text }], host);
}

describe("two plan rules give the same order", () => {
  it("when their delays are the same in hours: the analysis sees no contradiction and the runtime gives the order", async () => {
    // The fixture's other rule stops aspirin `delai.aspirine` (5 d) before: 120 h is the same order.
    const result = compileWithStop("120 h");
    expect(result.diagnostics.filter((d) => d.code === "GL3002")).toEqual([]);
    expect(result.pack).toBeDefined();
    if (!result.pack) return;
    // At exactly the threshold both rules apply.
    const report = await evaluate({ medications: [{ name: "aspirin", dailyDoseMg: 160 }] }, result.pack);
    expect(report.medicationPlan.map((e) => [e.action, e.hoursBefore])).toEqual([["stop", 120]]);
  });

  it("and not when the delays differ by an hour: the analysis reports the contradiction (GL3002)", () => {
    const result = compileWithStop("119 h");
    expect(result.diagnostics.map((d) => d.code)).toContain("GL3002");
  });

  it(`law: the keys of two orders are equal exactly when the action and the hours are (500 cases, seed 20191301)`, () => {
    const action = fc.constantFrom<PlanAction>("stop", "continue", "bridge", "refer");
    const hours = fc.option(fc.constantFrom(0, 0.5, 24, 48, 120, 1e21), { nil: undefined });
    fc.assert(
      fc.property(action, hours, action, hours, (a, h, b, k) => (planOrderKey(a, h) === planOrderKey(b, k)) === (a === b && h === k)),
      { seed: 20_191_301, numRuns: 500 },
    );
  });
});
