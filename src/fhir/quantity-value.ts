import type { PackFact } from "../pack/pack-format.js";
import { compareRationals, multiplyRationals, rationalOfNumber, rationalOfText, type Rational } from "../units/rational.js";
import { conversionRatio, unitProblem } from "../units/ucum.js";

/** A quantity fact of the pack. */
export type QuantityFact = Extract<PackFact, { type: "quantity" }>;

/** The value in the fact's unit, exactly, or undefined when the unit is not one the fact accepts. */
export function valueInUnit(fact: QuantityFact, value: number, unit: string): Rational | undefined {
  if (fact.accepts) {
    const factor = unit === fact.unit ? "1" : fact.factors?.[unit];
    if (!fact.accepts.includes(unit) || factor === undefined) return undefined;
    return multiplyRationals(rationalOfNumber(value), rationalOfText(factor));
  }
  if (unitProblem(unit) !== undefined) return undefined;
  const ratio = conversionRatio(unit, fact.unit);
  return "ratio" in ratio ? multiplyRationals(rationalOfNumber(value), ratio.ratio) : undefined;
}

/** Why the value is outside the fact's range, or undefined when it is inside. */
export function outsideRange(fact: QuantityFact, value: Rational): string | undefined {
  if (fact.min !== undefined && compareRationals(value, rationalOfNumber(fact.min)) < 0)
    return `its value is below ${fact.min} ${fact.unit}`;
  if (fact.max !== undefined && compareRationals(value, rationalOfNumber(fact.max)) > 0)
    return `its value is above ${fact.max} ${fact.unit}`;
  return undefined;
}
