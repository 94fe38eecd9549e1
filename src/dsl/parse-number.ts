/**
 * Normalises a number as an editor writes it — `50 000`, `50 000` (narrow no-break space),
 * `0,5`, `0.5` — to a plain decimal string (`50000`, `0.5`) that keeps its exact value.
 */
export function normaliseNumber(written: string): string {
  const compact = written.replace(/[ \u00A0\u202F]/g, "").replace(",", ".");
  const [whole = "0", fraction] = compact.split(".");
  const trimmedWhole = whole.replace(/^0+(?=\d)/, "");
  const trimmedFraction = fraction?.replace(/0+$/, "");
  return trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole;
}

/** Unescapes the body of a double-quoted string (`\"` → `"`, `\\` → `\`, `\n` → newline). */
export function unescapeString(literal: string): string {
  const body = literal.endsWith('"') && literal.length >= 2 ? literal.slice(1, -1) : literal.slice(1);
  return body.replace(/\\([\s\S])/g, (_, character: string) => (character === "n" ? "\n" : character));
}
