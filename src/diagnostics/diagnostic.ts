import { diagnosticCodes, type DiagnosticCode, type Severity } from "./codes.js";
import { formatPosition, type Span } from "./span.js";

/** One message for the user, tied to a place in a source file when there is one. */
export interface Diagnostic {
  /** The code from the table (`GL2001`), stable over time. */
  readonly code: DiagnosticCode;
  /** `error` stops compilation; `warning` does not. */
  readonly severity: Severity;
  /** The code's template filled with the arguments. */
  readonly message: string;
  /** Where the problem is; absent for a problem that has no place in a source file. */
  readonly span?: Span;
  /** Advice on how to fix it, such as a "did you mean" suggestion. */
  readonly hint?: string;
}

/**
 * Builds a diagnostic from the table: the message is the code's template filled with `args`;
 * the hint is `hint` when given, else the table's hint for the code (filled the same way), if any.
 */
export function makeDiagnostic(
  code: DiagnosticCode,
  span: Span | undefined,
  args: readonly (string | number)[] = [],
  hint?: string,
): Diagnostic {
  const entry = diagnosticCodes[code];
  const fill = (template: string) => template.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)] ?? ""));
  const tableHint = "hint" in entry ? fill(entry.hint) : undefined;
  const advice = hint ?? tableHint;
  return {
    code,
    severity: entry.severity,
    message: fill(entry.template),
    ...(span ? { span } : {}),
    ...(advice !== undefined ? { hint: advice } : {}),
  };
}

/** True when at least one diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * Formats a diagnostic like a compiler does:
 * `file:line:col error GL2001 message`, then the source line, an underline and the hint.
 * `sources` maps file names to their text, for the excerpt.
 */
export function formatDiagnostic(diagnostic: Diagnostic, sources?: ReadonlyMap<string, string>): string {
  const { span } = diagnostic;
  const head = `${span ? `${formatPosition(span)} ` : ""}${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`;
  const lines = [head];
  const text = span ? sources?.get(span.file) : undefined;
  if (span && text !== undefined) {
    const sourceLine = text.split(/\r?\n/)[span.line - 1];
    if (sourceLine !== undefined) {
      const width = span.endLine === span.line ? Math.max(1, span.endColumn - span.column + 1) : Math.max(1, sourceLine.length - span.column + 1);
      const gutter = String(span.line).padStart(4);
      lines.push(`${gutter} | ${sourceLine}`);
      lines.push(`${" ".repeat(gutter.length)} | ${" ".repeat(Math.max(0, span.column - 1))}${"^".repeat(width)}`);
    }
  }
  if (diagnostic.hint) lines.push(`  hint: ${diagnostic.hint}`);
  return lines.join("\n");
}

/** Sorts diagnostics by file, then position, then code, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.span?.file ?? "";
    const fb = b.span?.file ?? "";
    if (fa !== fb) return fa < fb ? -1 : 1;
    const oa = a.span?.offset ?? -1;
    const ob = b.span?.offset ?? -1;
    if (oa !== ob) return oa - ob;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}
