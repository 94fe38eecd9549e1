import { pathToFileURL } from "node:url";
import type { Diagnostic } from "./diagnostic.js";
import type { Span } from "./span.js";

/** A position as the Language Server Protocol counts it: line and character from 0. */
export interface LspPosition {
  readonly line: number;
  readonly character: number;
}

/** A range as the Language Server Protocol counts it: from 0, the end excluded. */
export interface LspRange {
  readonly start: LspPosition;
  readonly end: LspPosition;
}

/** A place in a file: its `file:` URI and the range. */
export interface LspLocation {
  readonly uri: string;
  readonly range: LspRange;
}

/**
 * A diagnostic in the form of the Language Server Protocol's `Diagnostic` (severity 1 error,
 * 2 warning; `relatedInformation` for the other places), with the hints kept apart from the
 * message. The language server publishes it and `guideline check --json` prints it: one
 * conversion for both.
 */
export interface LspFormDiagnostic {
  readonly range: LspRange;
  readonly severity: 1 | 2;
  readonly code: string;
  readonly source: "guideline";
  readonly message: string;
  /** Advice on the fix (a "did you mean"), none or one today, as a list so that more may come. */
  readonly hints: readonly string[];
  readonly relatedInformation: readonly { readonly location: LspLocation; readonly message: string }[];
}

/** The LSP range of a span (lines and columns from 1, the end column included). */
export function spanRange(span: Span): LspRange {
  return { start: { line: span.line - 1, character: span.column - 1 }, end: { line: span.endLine - 1, character: span.endColumn } };
}

/** The range of a diagnostic that has no place in a file: the start of the file it is shown in. */
export const fileStart: LspRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The `file:` URI of an absolute path. */
export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * Converts a diagnostic to its LSP form. `absolutePath` turns a file name of a span into an
 * absolute path (spans name files as the caller loaded them); a diagnostic without a span is
 * placed at the start of its file.
 */
export function lspFormDiagnostic(d: Diagnostic, absolutePath: (file: string) => string): LspFormDiagnostic {
  return {
    range: d.span ? spanRange(d.span) : fileStart,
    severity: d.severity === "error" ? 1 : 2,
    code: d.code,
    source: "guideline",
    message: d.message,
    hints: d.hint === undefined ? [] : [d.hint],
    relatedInformation: (d.related ?? []).map((place) => ({
      location: { uri: uriOf(absolutePath(place.span.file)), range: spanRange(place.span) },
      message: place.message,
    })),
  };
}
