import { escapeLine } from "../runtime/escape-text.js";

/** The longest summary CDS Hooks allows. */
export const summaryLength = 140;

/**
 * One line of text from the report (a label, a statement, a drug name as given) made safe for a
 * card's Markdown: control characters escaped as on a terminal, and every character Markdown or
 * HTML would act on written with a backslash, so that the text shows as written and can neither
 * add a link nor an image nor a heading.
 */
export function markdownText(text: string): string {
  return escapeLine(text)
    .replace(/[\\`*_{}[\]()<>#|~&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+=])/, "$1\\$2")
    .replace(/^(\s*\d+)\./, "$1\\.");
}

/** A quote of the source as the report shows it: its markup left out, then made safe. */
export function quoteText(quote: string): string {
  return markdownText(quote.replace(/<[^>]+>/g, "").replace(/\*/g, ""));
}

/**
 * A card's summary: one line, control characters escaped, at most {@link summaryLength}
 * characters (letters as a reader sees them; a longer one is cut and ends with `…`).
 */
export function summaryText(text: string): string {
  const line = Array.from(new Intl.Segmenter().segment(escapeLine(text)), (part) => part.segment);
  return line.length <= summaryLength ? line.join("") : `${line.slice(0, summaryLength - 1).join("")}…`;
}

/** Labels joined for a summary: as many as fit in `room` characters, then `more` with the count of the others. */
export function joinedLabels(labels: readonly string[], room: number, more: (count: number) => string): string {
  const shown: string[] = [];
  for (const [index, label] of labels.entries()) {
    const rest = labels.length - index - 1;
    const candidate = [...shown, label].join(", ");
    if (candidate.length + (rest ? more(rest).length + 1 : 0) > room && shown.length)
      return `${shown.join(", ")} ${more(labels.length - index)}`;
    shown.push(label);
  }
  return shown.join(", ");
}
