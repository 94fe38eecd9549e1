import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/runtime/evaluate.js";
import { InvalidFactsError } from "../../src/runtime/fact-errors.js";
import { validateFacts } from "../../src/runtime/validate-facts.js";
import { shippedPack } from "../support/compile-guideline.js";

const pack = shippedPack();

/** The public facts contract: names and meanings are fixed. */
const contract = [
  "procedure.date",
  "pain.present",
  "pain.localized",
  "pain.controlledByMedication",
  "pain.opioidIntolerance",
  "lesion.site",
  "lesion.responsibleForSymptoms",
  "lesion.fracture",
  "lesion.fractureRisk",
  "lesion.large",
  "lesion.softTissueExtension",
  "lesion.posteriorWallExtensive",
  "lesion.posteriorWallRetropulsion",
  "lesion.canalExtension",
  "lesion.epiduritis",
  "lesion.jointOpening",
  "lesion.neuralStructureNearby",
  "lesion.superficial",
  "lesion.weightBearing",
  "patient.systemicInfection",
  "patient.punctureSiteInfection",
  "patient.severeCoagulopathy",
  "patient.cementAllergy",
  "patient.radiculopathy",
  "patient.immunocompromised",
  "patient.surgicalCandidate",
  "labs.platelets",
  "labs.prothrombinActivityPercent",
  "medications",
  "goals.tumorControl",
  "goals.histology",
];

async function rejection(facts: unknown): Promise<InvalidFactsError> {
  try {
    await evaluate(facts, pack);
  } catch (error) {
    if (error instanceof InvalidFactsError) return error;
    throw error;
  }
  throw new Error("the facts were accepted");
}

describe("the public facts contract", () => {
  it("declares every fact of the contract", () => {
    const declared = new Set(pack.facts.map((f) => f.path));
    for (const path of contract) expect(declared, path).toContain(path);
  });

  it("every fact is optional: an empty object is valid", () => {
    expect(validateFacts({}, pack)).toEqual([]);
  });

  it("lesion.site and lesion.fracture take the contract's values", () => {
    for (const site of ["vertebra", "sacrum", "pelvis", "acetabulum", "long-bone", "flat-bone"])
      expect(validateFacts({ lesion: { site } }, pack)).toEqual([]);
    for (const fracture of ["none", "stable", "unstable"]) expect(validateFacts({ lesion: { fracture } }, pack)).toEqual([]);
    expect(validateFacts({ lesion: { site: "skull" } }, pack)[0]?.path).toBe("$.lesion.site");
  });

  it("platelets accept a number in /mm3 or a quantity in 10*9/L, 10*3/uL or /uL", async () => {
    for (const unit of ["10*9/L", "10*3/uL", "/uL"]) {
      await expect(evaluate({ labs: { platelets: { value: 1, unit } } }, pack)).resolves.toBeDefined();
    }
  });

  it("a medication entry is { name, dailyDoseMg?, atc? } and nothing else", async () => {
    expect(validateFacts({ medications: [{ name: "aspirin", dailyDoseMg: 75, atc: "B01AC06" }] }, pack)).toEqual([]);
    const error = await rejection({ medications: [{ name: "aspirin", dose: 75 }] });
    expect(error.errors[0]).toMatchObject({ path: "$.medications[0].dose", code: "GL5002" });
  });

  it("a name outside the contract is rejected with a did-you-mean", async () => {
    const error = await rejection({ lesion: { sites: "vertebra" }, pain: { controlled: true } });
    expect(error.errors.map((e) => [e.path, e.hint]).sort()).toEqual([
      ["$.lesion.sites", "did you mean `lesion.site`?"],
      ["$.pain.controlled", "did you mean `pain.controlledByMedication`?"],
    ]);
  });
});
