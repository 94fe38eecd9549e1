/**
 * Diagnostics shared by every stage: the table of codes, spans and formatting. Not a package
 * export of its own: the compiler's results carry these types.
 * @packageDocumentation
 * @module diagnostics
 */
export { diagnosticCodes, type DiagnosticCode, type Severity } from "./codes.js";
export { formatDiagnostic, hasErrors, makeDiagnostic, sortDiagnostics, SourceTexts, type Diagnostic } from "./diagnostic.js";
export { formatPosition, type Span } from "./span.js";
