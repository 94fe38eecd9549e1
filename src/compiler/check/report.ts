import type { DiagnosticCode } from "../../diagnostics/codes.js";
import { makeDiagnostic, type Diagnostic, type Hint, type RelatedSpan } from "../../diagnostics/diagnostic.js";
import { formatPosition, type Span } from "../../diagnostics/span.js";

/** Reports one diagnostic of the table: its code, where, the arguments of its template and a named hint. */
export type Report = (
  code: DiagnosticCode,
  span: Span | undefined,
  args?: readonly (string | number)[],
  advice?: Hint,
  places?: readonly RelatedSpan[],
) => void;

/**
 * A list of diagnostics and the function that adds to it, for one pass: each pass makes its
 * own, so no pass writes into another's list.
 */
export function collectDiagnostics(): { readonly diagnostics: readonly Diagnostic[]; readonly report: Report } {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (code, span, args = [], advice, places = []) => {
    diagnostics.push(makeDiagnostic(code, span, args, advice, places));
  };
  return { diagnostics, report };
}

/** `file:line:column`, for a message that points at another place ("first at …"); `?` without a place. */
export function position(span: Span | undefined): string {
  return span ? formatPosition(span) : "?";
}
