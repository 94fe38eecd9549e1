/**
 * Diagnostics shared by every stage: the table of codes, spans and formatting. Not a package
 * export of its own: the compiler's results carry these types.
 * @packageDocumentation
 * @module diagnostics
 */
export {
  diagnosticCodes,
  hintTemplates,
  relatedNotes,
  type DiagnosticCode,
  type HintName,
  type RelatedNoteName,
  type Severity,
} from "./codes.js";
export {
  formatDiagnostic,
  plainStyle,
  hasErrors,
  hint,
  hintText,
  makeDiagnostic,
  related,
  sortDiagnostics,
  SourceTexts,
  type Diagnostic,
  type DiagnosticStyle,
  type Hint,
  type RelatedSpan,
} from "./diagnostic.js";
export { formatPosition, type Span } from "./span.js";
