import { interfaceWords, isInterfaceWordKey } from "../../interface-words/index.js";
import { compareDecimals } from "../../units/decimal.js";
import { ucumSymbol } from "../../units/ucum-symbol.js";
import type { ThresholdModel } from "../model.js";

/**
 * A threshold or delay as a statement or a label shows it (`{name}` in the text): the number as
 * the editor wrote it (`50 000`, `0,5`), then its unit in the guideline's language — joined
 * without a space when it starts with `/` (`50 000/mm3`), after a space otherwise (`50 %`,
 * `48 h`, `5 jours`, `160 mg/j`). A unit the language has no word for is shown by its symbol
 * ({@link ucumSymbol}: `50 000/mm³`, `50 × 10⁹/L`), never as a UCUM code.
 */
export function printValue(value: Pick<ThresholdModel, "value" | "unit" | "written">, language: string): string {
  const number = value.written.endsWith(value.unit) ? value.written.slice(0, -value.unit.length).trimEnd() : value.written;
  const unit = unitWord(value.unit, compareDecimals(value.value, "2") >= 0 ? "other" : "one", language);
  if (unit.startsWith("/")) return `${number}${unit}`;
  return /^10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]/.test(unit) ? `${number} × ${unit}` : `${number} ${unit}`;
}

/** The word of a UCUM unit for one (`jour`) or several (`jours`), or its symbol (`/mm³`). */
function unitWord(unit: string, count: "one" | "other", language: string): string {
  const key = count === "one" ? `unit.one.${unit}` : `unit.other.${unit}`;
  return isInterfaceWordKey(key) ? interfaceWords(language)[key] : ucumSymbol(unit);
}
