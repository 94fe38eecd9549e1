import { conversionRatio } from "../../units/ucum.js";
import { textOfRational } from "../../units/rational.js";

/**
 * The exact factor from each unit of `accepts` to `unit` (value in `unit` = value given × factor),
 * computed here with UCUM so that the runtime need not load UCUM for them: a decimal (`1000`,
 * `0.001`) or a fraction (`1/7`), keys in the order of `accepts`. The checker has already refused
 * an accepted unit that does not convert (GL2011); meeting one here is a bug.
 */
export function lowerUnitFactors(unit: string, accepts: readonly string[]): Readonly<Record<string, string>> {
  const factors: Record<string, string> = {};
  for (const accepted of accepts) {
    const conversion = conversionRatio(accepted, unit);
    if (!("ratio" in conversion)) throw new Error(`the accepted unit ${accepted} does not convert to ${unit}: ${conversion.problem}`);
    factors[accepted] = textOfRational(conversion.ratio);
  }
  return factors;
}
