/**
 * UCUM codes set as a reader writes the symbol: the statements and labels of the pack, the
 * report and the rulebook show units this way, while the pack, the schema and the facts keep
 * the codes.
 */

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
