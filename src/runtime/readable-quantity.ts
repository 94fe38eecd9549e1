import { isInterfaceWordKey, type InterfaceWords } from "../interface-words/index.js";
import { ucumSymbol } from "../units/ucum-symbol.js";

/**
 * Numbers and units as the text report and the rulebook show them to a reader: `50 000/mm³`,
 * `5 jours`, `48 h`, `160 mg/j`, `50 × 10⁹/L`. The pack, the schema, the facts and the JSON report
 * keep their UCUM codes; only text for a reader shows them this way.
 *
 * A unit is shown by the word the interface catalogue gives it (`unit.one.d` = `jour`, the words
 * the guideline's statements and labels use too), or else by its UCUM symbol set in type: powers
 * of ten and exponents as superscripts (`10*9` → `10⁹`, `mm3` → `mm³`), the micro prefix as `µ`
 * (`uL` → `µL`), multiplication as `·`. Nothing clinical and no word of a language is written here.
 */

/** Formats a decimal number the French way: groups of three digits, decimal comma (`50 000`, `0,5`). */
export function formatNumber(value: number | string): string {
  const text = typeof value === "number" ? String(value) : value;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return text;
  const [, sign = "", whole = "", fraction] = match;
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00A0") : whole;
  return `${sign}${grouped}${fraction ? `,${fraction}` : ""}`;
}

/**
 * How a unit reads after a number, for one (`jour`) or several (`jours`; French counts from 2):
 * the catalogue's word for the UCUM code, or its symbol ({@link ucumSymbol}).
 */
export function readableUnit(code: string, count: "one" | "other", words: InterfaceWords): string {
  const key = `unit.${count}.${code}`;
  return isInterfaceWordKey(key) ? words[key] : ucumSymbol(code);
}

/**
 * A quantity as a reader reads it: the number the French way, then its unit ({@link readableUnit})
 * after a no-break space, joined without one when the unit starts with `/` (`50 000/mm³`), and
 * after `×` when it is a power of ten (`50 × 10⁹/L`).
 */
export function formatQuantity(value: number | string, unit: string, words: InterfaceWords): string {
  const number = formatNumber(value);
  const shown = readableUnit(unit, Math.abs(Number(value)) >= 2 ? "other" : "one", words);
  if (shown === "") return number;
  if (shown.startsWith("/")) return `${number}${shown}`;
  if (/^10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]/.test(shown)) return `${number}\u00A0×\u00A0${shown}`;
  return `${number}\u00A0${shown}`;
}
