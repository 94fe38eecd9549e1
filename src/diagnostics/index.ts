/**
 * Diagnostics shared by every stage: the table of codes, spans and formatting.
 * @packageDocumentation
 */
export { diagnosticCodes, type DiagnosticCode, type Severity } from "./codes.js";
export { formatDiagnostic, hasErrors, makeDiagnostic, sortDiagnostics, type Diagnostic } from "./diagnostic.js";
export { formatPosition, type Span } from "./span.js";
