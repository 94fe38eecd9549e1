import { isInterfaceWordKey, type InterfaceWords } from "../interface-words/index.js";

/**
 * Numbers and units as the rulebook shows them to a reader: `50 000/mm³`, `5 jours`, `48 h`,
 * `160 mg/j`, `50 × 10⁹/L`. The pack, the schema and the facts keep their UCUM codes; only the
 * page shows them this way.
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

const superscriptDigits: Readonly<Record<string, string>> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "-": "⁻",
  "+": "⁺",
};

const superscript = (exponent: string): string => exponent.replace(/[-+\d]/g, (c) => superscriptDigits[c] ?? c);

/**
 * A UCUM code set as a reader writes the symbol: `10*9/L` → `10⁹/L`, `/mm3` → `/mm³`,
 * `10*3/uL` → `10³/µL`, `mg.d-1` → `mg·d⁻¹`; `1` (no unit) → empty. A code with none of these
 * is shown as it is (`%`, `h`, `mg`).
 */
export function ucumSymbol(code: string): string {
  if (code === "1") return "";
  return code
    .replace(/10[*^]([-+]?\d+)/g, (_whole, exponent: string) => `10${superscript(exponent)}`)
    .replace(/(^|[/.])u(?=[A-Za-z])/g, "$1µ")
    .replace(/([A-Za-z\]])([-+]?\d+)/g, (_whole, atom: string, exponent: string) => `${atom}${superscript(exponent)}`)
    .replace(/\./g, "·");
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
