import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/runtime/evaluate.js";
import { InvalidFactsError } from "../../src/runtime/fact-errors.js";
import { shippedPack } from "../support/compile-guideline.js";

const pack = shippedPack();

describe("a daily dose is never negative, whatever its unit", () => {
  it("refuses a negative dose given with a unit (GL5004), as the schema refuses a negative bare number", async () => {
    const error = await evaluate({ medications: [{ name: "aspirin", dailyDoseMg: { value: -1, unit: "g/d" } }] }, pack).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidFactsError);
    expect((error as InvalidFactsError).errors).toMatchObject([
      { path: "$.medications[0].dailyDoseMg", code: "GL5004", message: "-1000 mg/d is outside the allowed range (0 to … mg/d)" },
    ]);
  });

  it("accepts a zero dose with a unit", async () => {
    const report = await evaluate({ medications: [{ name: "aspirin", dailyDoseMg: { value: 0, unit: "g/d" } }] }, pack);
    expect(report.medicationPlan[0]?.action).toBe("continue");
  });
});
