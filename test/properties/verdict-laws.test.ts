/**
 * Property 1 — one verdict: every valid patient gets exactly one verdict, from the declared
 * outcomes or `incomplete`.
 * Property 2 — absolute contraindication wins, stated over the declared verdict: the first
 * outcome whose condition is a single kind of finding wins whenever a rule of that kind holds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/runtime/evaluate.js";
import { patientArbitrary } from "../support/patient-arbitrary.js";
import { runLabel, seedOf, shippedGuideline } from "./property-settings.js";

const { pack, space } = shippedGuideline();
const cases = 1_000;

describe("property 1 — one verdict", () => {
  const seed = seedOf(1);
  const labels = new Map<string, string>([
    ...pack.verdict.outcomes.map((o) => [o.code, o.label] as const),
    [pack.verdict.otherwise.code, pack.verdict.otherwise.label],
    ["incomplete", pack.verdict.undecided],
  ]);

  it(`every valid patient gets exactly one verdict, from the declared outcomes or incomplete, and an incomplete verdict names the facts it needs (${runLabel(cases, seed)})`, async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(patientArbitrary(space), async (patient) => {
        const report = await evaluate(patient, pack);
        expect(typeof report.verdict).toBe("string");
        expect([...labels.keys()]).toContain(report.verdict);
        expect(report.verdictLabel).toBe(labels.get(report.verdict));
        if (report.verdict === "incomplete") {
          expect(report.verdictMissing.length).toBeGreaterThan(0);
          for (const fact of report.verdictMissing) expect(report.missing).toContain(fact);
        } else {
          expect(report.verdictMissing).toEqual([]);
        }
        seen.add(report.verdict);
      }),
      { seed, numRuns: cases },
    );
    console.info(`one verdict: ${cases} patients (seed ${seed}); verdicts seen: ${[...seen].sort().join(", ")}`);
    // The generator reaches every verdict, or the property says little.
    expect([...seen].sort()).toEqual([...labels.keys()].sort());
  }, 60_000);
});

describe("property 2 — absolute contraindication wins", () => {
  const seed = seedOf(2);
  // Stated over the declared verdict: the first outcome whose condition is one kind of finding.
  const index = pack.verdict.outcomes.findIndex((o) => o.when.kind === "finding");
  const outcome = pack.verdict.outcomes[index];
  const kind = outcome?.when.kind === "finding" ? outcome.when.findingKind : undefined;

  it(`if any rule of the first outcome's single finding kind holds, the verdict is that outcome (${runLabel(cases, seed)})`, async () => {
    expect(outcome, "the verdict has an outcome decided by one kind of finding").toBeDefined();
    // Outcomes before it take precedence; none does in the shipped guideline, so the verdict is exactly it.
    const allowed = new Set(pack.verdict.outcomes.slice(0, index + 1).map((o) => o.code));
    if (index > 0) allowed.add("incomplete");
    let holding = 0;
    await fc.assert(
      fc.asyncProperty(patientArbitrary(space), async (patient) => {
        const report = await evaluate(patient, pack);
        if (!report.findings.some((f) => f.kind === kind)) return;
        holding++;
        if (index === 0) expect(report.verdict).toBe(outcome?.code);
        else expect([...allowed]).toContain(report.verdict);
      }),
      { seed, numRuns: cases },
    );
    console.info(
      `absolute contraindication wins: ${cases} patients (seed ${seed}); outcome ${outcome?.code} ← finding ${kind}; the finding held for ${holding}`,
    );
    expect(holding).toBeGreaterThan(cases / 10);
  }, 60_000);
});
