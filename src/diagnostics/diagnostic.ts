import {
  diagnosticCodes,
  hintTemplates,
  relatedNotes,
  type DiagnosticCode,
  type HintName,
  type RelatedNoteName,
  type Severity,
} from "./codes.js";
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
  /** Other places the diagnostic is about ("first declared here", "used here"), each with its note. */
  readonly related?: readonly RelatedSpan[];
}

/** Another place a diagnostic is about, with a short note from the table's {@link relatedNotes}. */
export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
}

/** A related place: the note `name` of the table's {@link relatedNotes} at `span`. */
export function related(name: RelatedNoteName, span: Span): RelatedSpan {
  return { span, message: relatedNotes[name] };
}

/** A hint of the table's {@link hintTemplates}, named, with the arguments that fill it. */
export interface Hint {
  readonly name: HintName;
  readonly args: readonly (string | number)[];
}

/** Names the hint `name` of the table, to be filled with `args`. */
export function hint(name: HintName, ...args: readonly (string | number)[]): Hint {
  return { name, args };
}

function fill(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)] ?? ""));
}

/** The words of a hint: its template filled with its arguments. */
export function hintText(advice: Hint): string {
  return fill(hintTemplates[advice.name], advice.args);
}

/**
 * Builds a diagnostic from the table: the message is the code's template filled with `args`;
 * the hint is the named `advice` when given, else the table's hint for the code (filled with
 * `args`), if any. Every word comes from the table: no call site writes a message or a hint.
 */
export function makeDiagnostic(
  code: DiagnosticCode,
  span: Span | undefined,
  args: readonly (string | number)[] = [],
  advice?: Hint,
  places: readonly RelatedSpan[] = [],
): Diagnostic {
  const entry = diagnosticCodes[code];
  const tableHint = "hint" in entry ? fill(entry.hint, args) : undefined;
  const text = advice ? hintText(advice) : tableHint;
  return {
    code,
    severity: entry.severity,
    message: fill(entry.template, args),
    ...(span ? { span } : {}),
    ...(text !== undefined ? { hint: text } : {}),
    ...(places.length > 0 ? { related: places } : {}),
  };
}

/** True when at least one diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * The texts of the source files, by file name, with the start of each line found once per file
 * (on first use), so that formatting many diagnostics takes time linear in the texts' size.
 * Lines end where the lexer's do: at `\n`, `\r\n` or a lone `\r`.
 */
export class SourceTexts {
  private readonly texts: ReadonlyMap<string, string>;
  private readonly lineStarts = new Map<string, number[]>();

  constructor(texts: ReadonlyMap<string, string>) {
    this.texts = texts;
  }

  /** Line `line` (from 1) of `file`, without its line break; undefined when there is no such line. */
  line(file: string, line: number): string | undefined {
    const text = this.texts.get(file);
    if (text === undefined) return undefined;
    let starts = this.lineStarts.get(file);
    if (!starts) {
      starts = [0];
      for (const match of text.matchAll(/\r\n?|\n/g)) starts.push(match.index + match[0].length);
      this.lineStarts.set(file, starts);
    }
    const start = starts[line - 1];
    if (start === undefined) return undefined;
    const next = starts[line];
    return text.slice(start, next === undefined ? text.length : next).replace(/(?:\r\n?|\n)$/, "");
  }
}

/** How much of a long source line a diagnostic shows, around the place it is about. */
const excerptWidth = 160;

/**
 * How {@link formatDiagnostic} dresses the parts of a diagnostic. `text` receives every piece that
 * comes from a source file or a name in it (the message, the file name, the source line, the
 * notes); the others receive the toolchain's own words and marks, already passed through `text`
 * where they hold such a piece (the hint). The plain style changes nothing: its caller escapes
 * the whole output. A terminal style escapes `text` first, then adds its colours around the rest.
 */
export interface DiagnosticStyle {
  /** A piece of the user's text: a message, a file name, a source line, a note. */
  readonly text: (text: string) => string;
  /** The severity word (`error`, `warning`). */
  readonly severity: (severity: Severity, word: string) => string;
  /** The code (`GL2001`). */
  readonly code: (severity: Severity, code: string) => string;
  /** The `^^^` under the place the diagnostic is about (`note`: under a related place). */
  readonly marker: (kind: Severity | "note", marks: string) => string;
  /** The hint's label and its text. */
  readonly hint: (label: string, text: string) => string;
}

/** The word before a hint. */
const hintLabel = "hint";

/** The style that adds nothing. */
export const plainStyle: DiagnosticStyle = {
  text: (text) => text,
  severity: (_, word) => word,
  code: (_, code) => code,
  marker: (_, marks) => marks,
  hint: (label, text) => `${label}${text}`,
};

/**
 * Formats a diagnostic like a compiler does:
 * `file:line:col error GL2001 message`, then the source line, an underline and the hint.
 * `sources` maps file names to their text, for the excerpt; give a {@link SourceTexts} when
 * formatting many diagnostics, so that each file is indexed once. A line longer than 160
 * characters is shown only around the place the diagnostic is about, between `…`. `style`
 * dresses the parts (colours on a terminal); the default adds nothing.
 */
export function formatDiagnostic(
  diagnostic: Diagnostic,
  sources?: ReadonlyMap<string, string> | SourceTexts,
  style: DiagnosticStyle = plainStyle,
): string {
  const { span, severity } = diagnostic;
  const head = `${span ? `${style.text(formatPosition(span))} ` : ""}${style.severity(severity, severity)} ${style.code(severity, diagnostic.code)} ${style.text(diagnostic.message)}`;
  const texts = sources instanceof SourceTexts ? sources : sources && new SourceTexts(sources);
  const lines = [head, ...(span ? excerpt(span, texts, severity, style) : [])];
  for (const place of diagnostic.related ?? []) {
    lines.push(
      `  note: ${style.text(place.message)}`,
      `    --> ${style.text(formatPosition(place.span))}`,
      ...excerpt(place.span, texts, "note", style),
    );
  }
  if (diagnostic.hint) lines.push(`  ${style.hint(`${hintLabel}: `, style.text(diagnostic.hint))}`);
  return lines.join("\n");
}

/** The source line of `span` with its number, and an underline below it; nothing without the text. */
function excerpt(span: Span, texts: SourceTexts | undefined, kind: Severity | "note", style: DiagnosticStyle): string[] {
  const sourceLine = texts?.line(span.file, span.line);
  if (sourceLine === undefined) return [];
  const width =
    span.endLine === span.line ? Math.max(1, span.endColumn - span.column + 1) : Math.max(1, sourceLine.length - span.column + 1);
  let shown = sourceLine;
  let column = span.column;
  if (sourceLine.length > excerptWidth) {
    const from = Math.max(0, Math.min(span.column - 1 - excerptWidth / 4, sourceLine.length - excerptWidth));
    shown = `${from > 0 ? "…" : ""}${sourceLine.slice(from, from + excerptWidth)}${from + excerptWidth < sourceLine.length ? "…" : ""}`;
    column = span.column - from + (from > 0 ? 1 : 0);
  }
  const gutter = String(span.line).padStart(4);
  const marks = "^".repeat(Math.max(1, Math.min(width, shown.length - column + 1)));
  return [
    `${gutter} | ${style.text(shown)}`,
    `${" ".repeat(gutter.length)} | ${" ".repeat(Math.max(0, column - 1))}${style.marker(kind, marks)}`,
  ];
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
