import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { CheckedGuideline } from "./model.js";

/**
 * Normalises text for quote matching: markup such as `<sup>3</sup>` and `*emphasis*` is
 * dropped, typographic apostrophes are made straight, and runs of white space become one space.
 */
export function normaliseForQuotes(text: string): string {
  return text
    .replace(/<[^>]+>/g, "")
    .replace(/\*+/g, "")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\s\u00A0\u202F]+/g, " ")
    .trim();
}

/** Checks that every quote of every rule is found, word for word, in the source document (GL4002). */
export function checkQuotes(model: CheckedGuideline, sourceText: string): Diagnostic[] {
  const haystack = normaliseForQuotes(sourceText);
  const diagnostics: Diagnostic[] = [];
  for (const rule of model.rules) {
    for (const quote of rule.quotes) {
      if (!haystack.includes(normaliseForQuotes(quote.text))) {
        diagnostics.push(makeDiagnostic("GL4002", quote.span, [model.sourceDocument], "copy the sentence from the source exactly; markup and line breaks may differ"));
      }
    }
  }
  return diagnostics;
}
