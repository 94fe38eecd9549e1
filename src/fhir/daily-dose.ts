import { addRationals, decimalOfRational, multiplyRationals, rationalOfNumber, reciprocal, type Rational } from "../units/rational.js";
import { conversionRatio } from "../units/ucum.js";
import { booleanAt, isObject, listAt, numberAt, objectAt, stringAt } from "./fhir-json.js";
import { fhirLimits } from "./fhir-limits.js";
import { printable } from "./observations.js";
import { ucumOfQuantity } from "./unit-aliases.js";

/** A daily dose as the facts take it: a number in the dose unit, or a value and a unit where the number would not be exact. */
export type DailyDose = number | { readonly value: number; readonly unit: string };

/**
 * The daily dose of a treatment from its dosage instructions, exactly: for each instruction,
 * dose × frequency ÷ period, converted to `unit` (`mg/d`); instructions given together are added.
 * Anything that leaves the dose uncertain (as needed, a range, a timing given only as a code, a
 * timing element the arithmetic does not read such as `dayOfWeek`,
 * successive instructions, a unit that is not a mass) gives the reason instead: the treatment is
 * then kept without a dose, never with a guess.
 */
export function dailyDose(dosages: readonly unknown[], unit: string): { readonly dose: DailyDose } | { readonly problem: string } {
  if (dosages.length === 0) return { problem: "no dosage instruction" };
  if (dosages.length > fhirLimits.dosages) return { problem: `more than ${fhirLimits.dosages} dosage instructions` };
  const sequences = new Set(dosages.map((d) => numberAt(d, "sequence") ?? 0));
  if (sequences.size > 1) return { problem: "successive dosage instructions (several `sequence` values)" };
  let total: Rational = { numerator: 0n, denominator: 1n };
  for (const dosage of dosages) {
    const one = perDay(dosage, unit);
    if ("problem" in one) return one;
    total = addRationals(total, one.perDay);
  }
  return { dose: doseOf(total, unit) };
}

/** One instruction's dose per day, in `unit`. */
function perDay(dosage: unknown, unit: string): { readonly perDay: Rational } | { readonly problem: string } {
  if (!isObject(dosage)) return { problem: "a dosage instruction is not an object" };
  if (booleanAt(dosage, "asNeededBoolean") === true || objectAt(dosage, "asNeededCodeableConcept")) return { problem: "taken as needed" };
  const rates = listAt(dosage, "doseAndRate");
  if (rates.length !== 1) return { problem: rates.length === 0 ? "no dose" : "several doses in one instruction" };
  const quantity = objectAt(rates[0], "doseQuantity");
  if (objectAt(rates[0], "doseRange")) return { problem: "the dose is a range" };
  const value = numberAt(quantity, "value");
  if (!quantity || value === undefined || value < 0) return { problem: "no dose quantity" };
  const doseUnit = ucumOfQuantity({
    system: stringAt(quantity, "system"),
    code: stringAt(quantity, "code"),
    unit: stringAt(quantity, "unit"),
  });
  const times = timesPerDay(objectAt(dosage, "timing"));
  if ("problem" in times) return times;
  if (doseUnit === undefined) return { problem: "the dose has no unit" };
  const toUnit = conversionRatio(`${doseUnit}/d`, unit);
  if (!("ratio" in toUnit)) return { problem: `a dose in ${doseUnit} cannot be converted to ${unit}` };
  return { perDay: multiplyRationals(multiplyRationals(rationalOfNumber(value), times.perDay), toUnit.ratio) };
}

/**
 * The elements of `timing.repeat` the arithmetic reads. Any other element of the timing (days of
 * the week, a count, a duration, bounds, events, a code beside the repeat…) may change the dose
 * per day: no dose is given then, never one that ignores it.
 */
const readRepeat: ReadonlySet<string> = new Set(["frequency", "frequencyMax", "period", "periodMax", "periodUnit", "timeOfDay", "when"]);

/** How many times a day: frequency ÷ (period in days), from `timing.repeat`. */
function timesPerDay(timing: unknown): { readonly perDay: Rational } | { readonly problem: string } {
  const repeat = objectAt(timing, "repeat");
  if (!repeat) return { problem: objectAt(timing, "code") ? "the timing is only a code" : "no timing" };
  const unread = [...Object.keys(timing ?? {}).filter((k) => k !== "repeat"), ...Object.keys(repeat).filter((k) => !readRepeat.has(k))];
  if (unread.length > 0) {
    const shown = unread.slice(0, 3).map((k) => `\`${printable(k)}\``);
    return { problem: `the timing gives ${shown.join(", ")}${unread.length > 3 ? "…" : ""}, which the daily dose does not account for` };
  }
  if (numberAt(repeat, "frequencyMax") !== undefined || numberAt(repeat, "periodMax") !== undefined)
    return { problem: "the timing is a range" };
  const listed = listAt(repeat, "timeOfDay").length || listAt(repeat, "when").length;
  const frequency = numberAt(repeat, "frequency") ?? (listed > 0 ? listed : undefined);
  const period = numberAt(repeat, "period");
  const periodUnit = stringAt(repeat, "periodUnit");
  if (frequency === undefined || frequency < 0) return { problem: "no frequency" };
  if (period === undefined || period <= 0 || periodUnit === undefined) return { problem: "no period" };
  if (!/^(s|min|h|d|wk|mo|a)$/.test(periodUnit)) return { problem: "the period unit is not a unit of time" };
  const days = conversionRatio(periodUnit, "d");
  if (!("ratio" in days)) return { problem: "the period unit is not a unit of time" };
  return { perDay: multiplyRationals(rationalOfNumber(frequency), reciprocal(multiplyRationals(rationalOfNumber(period), days.ratio))) };
}

/** The dose as a number in `unit` when it is a finite decimal; else per week, where that is one; else the nearest number. */
function doseOf(total: Rational, unit: string): DailyDose {
  const exact = decimalOfRational(total);
  if (exact !== undefined) return Number(exact);
  const weekly = decimalOfRational(multiplyRationals(total, { numerator: 7n, denominator: 1n }));
  const perWeek = unit.endsWith("/d") ? `${unit.slice(0, -2)}/wk` : undefined;
  if (weekly !== undefined && perWeek !== undefined) return { value: Number(weekly), unit: perWeek };
  return Number(total.numerator) / Number(total.denominator);
}
