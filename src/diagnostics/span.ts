/**
 * A region of a source file. Lines and columns are 1-based, as editors show them;
 * offsets are 0-based character offsets into the file text.
 */
export interface Span {
  /** The file name as diagnostics show it. */
  readonly file: string;
  /** First line, from 1. */
  readonly line: number;
  /** First column, from 1. */
  readonly column: number;
  /** Last line, from 1. */
  readonly endLine: number;
  /** Last column, from 1, included. */
  readonly endColumn: number;
  /** Offset of the first character, from 0. */
  readonly offset: number;
  /** Offset just after the last character. */
  readonly endOffset: number;
}

/** The smallest span covering both `a` and `b` (which must be in the same file). */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.offset <= b.offset ? a : b;
  const last = a.endOffset >= b.endOffset ? a : b;
  return {
    file: a.file,
    line: first.line,
    column: first.column,
    offset: first.offset,
    endLine: last.endLine,
    endColumn: last.endColumn,
    endOffset: last.endOffset,
  };
}

/** `file:line:col`, the form every diagnostic starts with. */
export function formatPosition(span: Span): string {
  return `${span.file}:${span.line}:${span.column}`;
}
