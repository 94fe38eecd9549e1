/**
 * Readiness laws, stated over the shipped guideline's preconditions and plan (no number of the
 * edition is pinned here):
 * - no report says `ready` while a precondition is unmet or unknown, or a treatment is still to
 *   stop, bridge or decide;
 * - `not-ready` exactly when a precondition is definitely unmet or a treatment is to stop or
 *   bridge, or the verdict excludes the procedure (nothing then makes it ready, and readiness
 *   names no fact to give); `unknown` exactly when, short of that, a precondition or a treatment
 *   is undecided or the medication list is missing;
 * - no treatment is changed for a procedure the verdict excludes (empty plan);
 * - the facts readiness needs are listed in `missing` and in `missingFacts` (purpose
 *   `readiness-and-plan` or, when the verdict needs them too, `verdict`);
 * - the headline shows readiness unless the verdict excludes the procedure;
 * - a recommendation declared `for procedure` never appears when the verdict excludes the procedure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/runtime/evaluate.js";
import { patientArbitrary } from "../support/patient-arbitrary.js";
import { runLabel, seedOf, shippedGuideline } from "./property-settings.js";

const { pack, space } = shippedGuideline();
const cases = 1_000;

describe("readiness laws", () => {
  const seed = seedOf(31);
  const excluding = new Set([...pack.verdict.outcomes, pack.verdict.otherwise].filter((o) => o.noProcedure).map((o) => o.code));
  const forProcedure = new Set(pack.recommendations.filter((r) => r.forProcedure).map((r) => r.name));

  it(`no report says ready while a precondition is unmet or unknown, and readiness names what it needs (${runLabel(cases, seed)})`, async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(patientArbitrary(space), async (patient) => {
        const report = await evaluate(patient, pack);
        const statuses = report.preconditions.map((p) => p.status);
        const listMissing = !report.procedureExcluded && pack.plan !== undefined && report.missing.includes(pack.plan.list);
        const blocking = report.medicationPlan.some(
          (e) => e.action === "stop" || e.action === "bridge" || (e.action === "refer" && e.reason !== "unknown-drug"),
        );
        const open = report.medicationPlan.some((e) => e.action === "unknown" || (e.action === "refer" && e.reason === "unknown-drug"));
        const expected =
          report.procedureExcluded || statuses.includes("unmet") || blocking
            ? "not-ready"
            : statuses.includes("unknown") || open || listMissing
              ? "unknown"
              : "ready";
        if (report.procedureExcluded) expect(report.readiness.missing).toEqual([]);
        expect(report.readiness.status).toBe(expected);
        if (report.readiness.status === "ready") expect(statuses.every((s) => s === "met")).toBe(true);
        if (report.procedureExcluded) expect(report.medicationPlan).toEqual([]);
        for (const fact of report.readiness.missing) {
          expect(report.missing).toContain(fact);
          expect(["readiness-and-plan", "verdict"]).toContain(report.missingFacts.find((m) => m.path === fact)?.purpose);
        }
        expect(report.missingFacts.map((m) => m.path).sort()).toEqual([...report.missing].sort());
        if (excluding.has(report.verdict)) {
          expect(report.headline).toBe(report.verdictLabel);
          expect(report.recommendations.filter((r) => forProcedure.has(r.code))).toEqual([]);
        } else {
          expect(report.headline).toBe(`${report.verdictLabel} — ${report.readiness.label}`);
        }
        seen.add(report.readiness.status);
      }),
      { seed, numRuns: cases },
    );
    console.info(`readiness laws: ${cases} patients (seed ${seed}); statuses seen: ${[...seen].sort().join(", ")}`);
    // The generator reaches every status, or the law says little.
    expect([...seen].sort()).toEqual(["not-ready", "ready", "unknown"]);
  }, 60_000);
});
