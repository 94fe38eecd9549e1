/**
 * Diagnostics shared by every stage: the table of codes, spans and formatting. Not a package
 * export of its own: the compiler's results carry these types.
 * @packageDocumentation
 * @module diagnostics
 */
export { diagnosticCodes, hintTemplates, type DiagnosticCode, type HintName, type Severity } from "./codes.js";
export {
  formatDiagnostic,
  hasErrors,
  hint,
  hintText,
  makeDiagnostic,
  sortDiagnostics,
  SourceTexts,
  type Diagnostic,
  type Hint,
} from "./diagnostic.js";
export { formatPosition, type Span } from "./span.js";
