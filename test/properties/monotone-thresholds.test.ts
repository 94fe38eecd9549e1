/**
 * Property 4 — monotone thresholds. Raising a quantity that the preconditions only ever
 * require to be above a threshold (derived from the pack: every quantity fact whose every test
 * in a precondition rule is `>` or `>=`, or `<`/`<=` under `not`) never turns a met
 * precondition unmet. Adding a treatment never removes another treatment's plan entry.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConditionModel } from "../../src/compiler/model.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import {
  clonePatient,
  getAt,
  inDeclaredUnit,
  medicationEntryArbitrary,
  patientArbitrary,
  quantityValueArbitrary,
  setAt,
  type FactLeaf,
  type MedicationEntry,
} from "../support/patient-arbitrary.js";
import { runLabel, seedOf, shippedGuideline } from "./property-settings.js";

const { model, pack, space } = shippedGuideline();
const cases = 1_000;

/** How each quantity fact is tested in precondition rules: `up` (only `>`, `>=`), or `other`. */
function directions(condition: ConditionModel, positive: boolean, found: Map<string, Set<"up" | "other">>): void {
  switch (condition.kind) {
    case "and":
    case "or":
      condition.operands.forEach((c) => {
        directions(c, positive, found);
      });
      break;
    case "not":
      directions(condition.operand, !positive, found);
      break;
    case "compare": {
      if (condition.measured.kind !== "fact") break;
      const op = condition.operator;
      const up = positive ? op === ">" || op === ">=" : op === "<" || op === "<=";
      const seen = found.get(condition.measured.path) ?? new Set();
      seen.add(up ? "up" : "other");
      found.set(condition.measured.path, seen);
      break;
    }
    default:
      break;
  }
}

const found = new Map<string, Set<"up" | "other">>();
for (const rule of model.rules) if (rule.effect.kind === "precondition" && rule.when) directions(rule.when, true, found);
const raised = space.leaves.filter(
  (leaf): leaf is Extract<FactLeaf, { kind: "quantity" }> =>
    leaf.kind === "quantity" && found.get(leaf.path)?.size === 1 && found.get(leaf.path)?.has("up") === true,
);

describe("property 4 — monotone thresholds", () => {
  const seed = seedOf(4);
  it(`raising ${raised.map((l) => l.path).join(" or ")} never turns a met precondition unmet (${runLabel(cases, seed)})`, async () => {
    expect(raised.length, "some quantity fact is tested only upward by the preconditions").toBeGreaterThan(0);
    // For each such fact: a value near its thresholds (or the patient's own), and how much to raise it.
    const raises = fc.tuple(
      ...raised.map((leaf) =>
        fc.tuple(
          fc.option(quantityValueArbitrary(leaf.boundaries, leaf.min, leaf.max), { nil: undefined }),
          fc.oneof(fc.constantFrom(0, 0.001, 0.5, 1), fc.integer({ min: 0, max: Math.floor(leaf.max ?? 1_000_000) })),
        ),
      ),
    );
    let crossed = 0;
    await fc.assert(
      fc.asyncProperty(patientArbitrary(space), raises, async (patient, changes) => {
        const before = clonePatient(patient);
        const after = clonePatient(patient);
        raised.forEach((leaf, i) => {
          const [value, raise = 0] = changes[i] ?? [];
          const own = inDeclaredUnit(getAt(patient, leaf.path), leaf.unit);
          // A missing fact is given a value first (the same before and after).
          const x = value ?? own ?? leaf.min ?? 0;
          if (x !== own) setAt(before, leaf.path, x);
          setAt(after, leaf.path, Math.min(x + raise, leaf.max ?? Infinity));
        });
        const [was, is] = [await evaluate(before, pack), await evaluate(after, pack)];
        for (const precondition of was.preconditions) {
          const now = is.preconditions.find((p) => p.rule === precondition.rule);
          if (precondition.status === "met")
            expect(now?.status, `${precondition.rule} was met for ${JSON.stringify(before)}, not for ${JSON.stringify(after)}`).toBe("met");
          if (precondition.status === "unmet" && now?.status === "met") crossed++;
        }
      }),
      { seed, numRuns: cases },
    );
    console.info(
      `monotone thresholds: ${cases} patients (seed ${seed}), facts raised: ${raised.map((l) => l.path).join(", ")}; ${crossed} preconditions went from unmet to met`,
    );
    expect(crossed).toBeGreaterThan(cases / 20);
  }, 60_000);

  const addSeed = seedOf(40);
  const list = space.leaves.find(
    (leaf): leaf is Extract<FactLeaf, { kind: "medications" }> => leaf.kind === "medications" && leaf.path === model.plan?.list,
  );
  it(`adding a treatment never removes another treatment's plan entry (${runLabel(cases, addSeed)})`, async () => {
    expect(list, "the plan's medication list is a fact of the schema").toBeDefined();
    if (!list) return;
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(
        patientArbitrary(space, { medications: { maxLength: 5 } }),
        medicationEntryArbitrary(space, list),
        fc.nat(),
        async (patient, added, where) => {
          const entries = getAt(patient, list.path) as MedicationEntry[];
          const at = where % (entries.length + 1);
          const more = clonePatient(patient);
          setAt(more, list.path, [...entries.slice(0, at), added, ...entries.slice(at)]);
          const [was, is] = [await evaluate(patient, pack), await evaluate(more, pack)];
          for (const entry of was.medicationPlan) {
            const index = entry.index < at ? entry.index : entry.index + 1;
            const still = is.medicationPlan.find((e) => e.index === index);
            expect(
              still && { drug: still.drug, given: still.given },
              `entry ${entry.index} (${entry.drug}) of ${JSON.stringify(patient)} is gone once ${JSON.stringify(added)} is added`,
            ).toEqual({ drug: entry.drug, given: entry.given });
            kept++;
          }
          expect(is.medicationPlan.length - was.medicationPlan.length).toBeGreaterThanOrEqual(0);
        },
      ),
      { seed: addSeed, numRuns: cases },
    );
    console.info(`adding a treatment: ${cases} patients (seed ${addSeed}); ${kept} plan entries kept`);
  }, 60_000);
});
