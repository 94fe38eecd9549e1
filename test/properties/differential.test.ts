/**
 * Property 7 — differential. An independent reference evaluator of the checked model
 * (test/support/reference-evaluator.ts, which shares no code with the lowering or the runtime's
 * logic) and the compiled json-rules-engine pack run by `evaluate` agree, on at least 10 000
 * generated patients per run, on the verdict, every precondition's status, every plan entry
 * (drug, action, delay in hours, reason for a referral), the findings, the recommendations and
 * the rules left undecided. A disagreement fails with the shrunk patient and both answers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/runtime/evaluate.js";
import { patientArbitrary } from "../support/patient-arbitrary.js";
import { comparable, ReferenceEvaluator } from "../support/reference-evaluator.js";
import { runLabel, seedOf, shippedGuideline } from "./property-settings.js";

const { model, pack, space } = shippedGuideline();
const reference = new ReferenceEvaluator(model);

const cases = 10_000;
const seed = seedOf(7);

describe("property 7 — differential", () => {
  it(`the reference evaluator of the checked model agrees with the compiled json-rules-engine pack: verdict, preconditions, plan, findings, recommendations (${runLabel(cases, seed)})`, async () => {
    let withPlan = 0;
    const verdicts = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(patientArbitrary(space), async (patient) => {
        const expected = reference.evaluate(patient);
        const actual = comparable(await evaluate(patient, pack));
        if (actual.plan.length) withPlan++;
        verdicts.set(actual.verdict, (verdicts.get(actual.verdict) ?? 0) + 1);
        // A disagreement fails with the (shrunk) patient and both answers.
        expect(actual, `patient ${JSON.stringify(patient)}`).toEqual(expected);
      }),
      { seed, numRuns: cases },
    );
    const spread = [...verdicts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([v, n]) => `${v} ${n}`)
      .join(", ");
    console.info(`differential: ${cases} patients (seed ${seed}); verdicts: ${spread}; ${withPlan} with plan entries`);
    // Every outcome is reached, or the comparison says little about it.
    expect(verdicts.size).toBe(new Set([...model.verdict.outcomes.map((o) => o.code), model.verdict.otherwise.code, "incomplete"]).size);
  }, 120_000);
});
