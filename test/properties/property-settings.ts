/**
 * Seeds and case counts of the property suite. Every property runs with a fixed seed, printed
 * in its title, so that a failure is reproduced by running the suite again; set
 * `PROPERTY_SEED` to explore other seeds.
 */
import { compileShipped } from "../support/compile-guideline.js";
import type { CheckedGuideline } from "../../src/compiler/model.js";
import type { RulePack } from "../../src/pack/pack-format.js";
import { patientSpace, type Patient, type PatientSpace } from "../support/patient-arbitrary.js";

/** The base seed; each property adds its own number to it. */
export const baseSeed = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : 20_190_404;

/** The seed of property number `n` of the suite. */
export function seedOf(n: number): number {
  return baseSeed + n;
}

/** `1 000 cases, seed 20190405`, for test titles. */
export function runLabel(cases: number, seed: number): string {
  return `${cases.toLocaleString("fr-FR").replace(/\u202f|\u00a0/g, " ")} cases, seed ${seed}`;
}

/**
 * The shipped guideline compiled in-process: its checked model, its pack, and the patient
 * space of the pack (its worked examples as starting points).
 */
export function shippedGuideline(): { readonly model: CheckedGuideline; readonly pack: RulePack; readonly space: PatientSpace } {
  const result = compileShipped();
  if (!result.model || !result.pack)
    throw new Error(`the shipped guideline does not compile: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return {
    model: result.model,
    pack: result.pack,
    space: patientSpace(
      result.pack,
      result.model.examples.filter((e) => !e.expectations.some((x) => x.kind === "refused" && !x.negated)).map((e) => e.facts as Patient),
    ),
  };
}
