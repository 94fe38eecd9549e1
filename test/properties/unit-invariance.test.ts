/**
 * Property 5 — unit invariance. Every quantity of a patient (quantity facts and daily doses)
 * rewritten in another UCUM unit that converts exactly to the declared one (or as a bare number
 * in the declared unit) gives the very same report.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/runtime/evaluate.js";
import { decimalOfRational, numberOfRational } from "../../src/units/rational.js";
import {
  clonePatient,
  compatibleUnits,
  exactlyInDeclaredUnit,
  getAt,
  patientArbitrary,
  setAt,
  writtenIn,
  type Patient,
} from "../support/patient-arbitrary.js";
import { seededRandom } from "./fillings.js";
import { runLabel, seedOf, shippedGuideline } from "./property-settings.js";

const { pack, space } = shippedGuideline();
const cases = 1_000;
const seed = seedOf(5);

/** `given` (a quantity as the patient wrote it) in a unit drawn at random among the exact ones. */
function rewritten(given: unknown, unit: string, random: () => number, accepts?: readonly string[]): unknown {
  const exact = exactlyInDeclaredUnit(given, unit);
  // A value with no finite decimal in the declared unit (1 000 mg/wk in mg/d) has no exact number to rewrite it as.
  if (exact === undefined || decimalOfRational(exact) === undefined) return given;
  const x = numberOfRational(exact);
  const units = compatibleUnits(unit, accepts);
  const chosen = units[Math.floor(random() * units.length)];
  if (!chosen || chosen.unit === unit) return random() < 0.5 ? x : { value: x, unit };
  const value = writtenIn(x, chosen);
  return value === undefined ? x : { value, unit: chosen.unit };
}

describe("property 5 — unit invariance", () => {
  const units = space.leaves.flatMap((leaf) =>
    leaf.kind === "quantity"
      ? [
          `${leaf.path}: ${compatibleUnits(leaf.unit, leaf.accepts)
            .map((u) => u.unit)
            .join(", ")}`,
        ]
      : leaf.kind === "medications" && leaf.dose
        ? [
            `${leaf.path}[].${leaf.dose.field}: ${compatibleUnits(leaf.dose.unit)
              .map((u) => u.unit)
              .join(", ")}`,
          ]
        : [],
  );

  it(`a quantity in any compatible unit yields the same report as in the declared unit (${runLabel(cases, seed)}; units tried — ${units.join("; ")})`, async () => {
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(patientArbitrary(space), fc.integer(), async (patient, drawSeed) => {
        const random = seededRandom(drawSeed);
        const other: Patient = clonePatient(patient);
        for (const leaf of space.leaves) {
          const value = getAt(patient, leaf.path);
          if (leaf.kind === "quantity" && value !== undefined && value !== null) {
            setAt(other, leaf.path, rewritten(value, leaf.unit, random, leaf.accepts));
            changed++;
          }
          if (leaf.kind === "medications" && leaf.dose && Array.isArray(value)) {
            const dose = leaf.dose;
            setAt(
              other,
              leaf.path,
              value.map((entry: Record<string, unknown>) => {
                if (entry[dose.field] === undefined || entry[dose.field] === null) return entry;
                changed++;
                return { ...entry, [dose.field]: rewritten(entry[dose.field], dose.unit, random) };
              }),
            );
          }
        }
        expect(await evaluate(other, pack), `${JSON.stringify(patient)} rewritten as ${JSON.stringify(other)}`).toEqual(
          await evaluate(patient, pack),
        );
      }),
      { seed, numRuns: cases },
    );
    console.info(`unit invariance: ${cases} patients (seed ${seed}); ${changed} quantities rewritten`);
  }, 60_000);
});
