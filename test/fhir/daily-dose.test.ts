import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dailyDose } from "../../src/fhir/daily-dose.js";

const ucum = "http://unitsofmeasure.org";
const dosage = (value: number, unit: string, repeat: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  timing: { repeat },
  doseAndRate: [{ doseQuantity: { value, unit, system: ucum, code: unit } }],
  ...extra,
});

describe("the daily dose: dose × frequency ÷ period, exactly", () => {
  it.each([
    ["0.5 g three times a day", [dosage(0.5, "g", { frequency: 3, period: 1, periodUnit: "d" })], 1500],
    ["0.1 mg every 8 hours", [dosage(0.1, "mg", { frequency: 1, period: 8, periodUnit: "h" })], 0.3],
    ["70 mg once a week", [dosage(70, "mg", { frequency: 1, period: 1, periodUnit: "wk" })], 10],
    ["250 ug twice a day", [dosage(250, "ug", { frequency: 2, period: 1, periodUnit: "d" })], 0.5],
    [
      "morning and evening, without a frequency",
      [dosage(2.5, "mg", { timeOfDay: ["08:00:00", "20:00:00"], period: 1, periodUnit: "d" })],
      5,
    ],
    [
      "two instructions at once, added",
      [dosage(0.1, "mg", { frequency: 1, period: 1, periodUnit: "d" }), dosage(0.2, "mg", { frequency: 1, period: 1, periodUnit: "d" })],
      0.3,
    ],
  ])("%s", (_what, dosages, expected) => {
    expect(dailyDose(dosages, "mg/d")).toEqual({ dose: expected });
  });

  it("a dose that is no finite decimal per day is given per week, exactly", () => {
    expect(dailyDose([dosage(100, "mg", { frequency: 1, period: 1, periodUnit: "wk" })], "mg/d")).toEqual({
      dose: { value: 100, unit: "mg/wk" },
    });
  });

  it.each([
    ["as needed", [dosage(75, "mg", { frequency: 1, period: 1, periodUnit: "d" }, { asNeededBoolean: true })]],
    ["a range of frequencies", [dosage(75, "mg", { frequency: 1, frequencyMax: 2, period: 1, periodUnit: "d" })]],
    ["a unit that is no mass", [dosage(1, "{tbl}", { frequency: 1, period: 1, periodUnit: "d" })]],
    ["no period", [dosage(1, "mg", { frequency: 1 })]],
    [
      "successive instructions",
      [
        dosage(1, "mg", { frequency: 1, period: 1, periodUnit: "d" }, { sequence: 1 }),
        dosage(2, "mg", { frequency: 1, period: 1, periodUnit: "d" }, { sequence: 2 }),
      ],
    ],
    [
      "on some days of the week only (75 mg Mon/Wed/Fri is no 75 mg/d)",
      [dosage(75, "mg", { frequency: 1, period: 1, periodUnit: "d", dayOfWeek: ["mon", "wed", "fri"] })],
    ],
    ["a count of doses", [dosage(75, "mg", { frequency: 1, period: 1, periodUnit: "d", count: 3 })]],
    ["bounds on the repeat", [dosage(75, "mg", { frequency: 1, period: 1, periodUnit: "d", boundsDuration: { value: 5, code: "d" } })]],
    [
      "a code beside the repeat",
      [
        {
          ...dosage(75, "mg", { frequency: 1, period: 1, periodUnit: "d" }),
          timing: { repeat: { frequency: 1, period: 1, periodUnit: "d" }, code: { text: "QOD" } },
        },
      ],
    ],
    ["no instruction", []],
    ["not an object", ["75 mg"]],
  ])("%s: no dose, and the reason", (_what, dosages) => {
    expect(dailyDose(dosages, "mg/d")).toHaveProperty("problem");
  });

  it("names the timing element it does not account for", () => {
    const weekly = dosage(75, "mg", { frequency: 1, period: 1, periodUnit: "d", dayOfWeek: ["mon", "wed", "fri"] });
    expect(dailyDose([weekly], "mg/d")).toEqual({ problem: "the timing gives `dayOfWeek`, which the daily dose does not account for" });
  });

  it("the same dose, whatever way the period is written (n per d = n × 7 per wk = n ÷ 24 per h)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 6 }), (mg, n) => {
        const perDay = dailyDose([dosage(mg, "mg", { frequency: n, period: 1, periodUnit: "d" })], "mg/d");
        expect(dailyDose([dosage(mg, "mg", { frequency: n * 7, period: 1, periodUnit: "wk" })], "mg/d")).toEqual(perDay);
        expect(dailyDose([dosage(mg, "mg", { frequency: n, period: 24, periodUnit: "h" })], "mg/d")).toEqual(perDay);
        expect(perDay).toEqual({ dose: mg * n });
      }),
      { numRuns: 60 },
    );
  });
});
