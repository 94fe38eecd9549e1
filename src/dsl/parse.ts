import type { IRecognitionException } from "chevrotain";
import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { SourceFile } from "./ast.js";
import { cstToAst } from "./cst-to-ast.js";
import { guidelineParser } from "./parser.js";
import { describeFound } from "./syntax-messages.js";
import { guidelineLexer } from "./tokens.js";

/** The result of parsing one file: its AST (possibly partial) and every syntax error found. */
export interface ParseResult {
  readonly ast: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses one guideline source. Never throws for a bad source: every lexical and syntax error
 * is returned as a diagnostic with its `file:line:col`, and the AST holds what could be read.
 */
export function parseGuideline(text: string, file: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = guidelineLexer.tokenize(text);
  for (const error of lexed.errors) {
    const span: Span = {
      file,
      line: error.line ?? 1,
      column: error.column ?? 1,
      offset: error.offset,
      endLine: error.line ?? 1,
      endColumn: (error.column ?? 1) + Math.max(0, error.length - 1),
      endOffset: error.offset + error.length,
    };
    const character = text.slice(error.offset, error.offset + error.length);
    diagnostics.push(makeDiagnostic("GL1001", span, [`\`${character}\``], "names use letters, digits, `_`, `.` and `-`; texts go in double quotes"));
  }
  const unterminated = lexed.tokens.filter((t) => t.tokenType.name === "UnterminatedString");
  const tokens = lexed.tokens.filter((t) => t.tokenType.name !== "UnterminatedString");
  for (const t of unterminated) {
    // The token runs to the end of the file; underline the opening line only, without its line break.
    const firstLine = /^[^\r\n]*/.exec(t.image)?.[0] ?? t.image;
    const span = { ...tokenSpan(t, file), endLine: t.startLine ?? 1, endColumn: (t.startColumn ?? 1) + Math.max(0, firstLine.length - 1), endOffset: t.startOffset + firstLine.length };
    diagnostics.push(makeDiagnostic("GL1003", span, [], "add a closing \" at the end of the text"));
  }
  guidelineParser.input = tokens;
  const cst = guidelineParser.file();
  for (const error of guidelineParser.errors) diagnostics.push(syntaxDiagnostic(error, file, text));
  const converted = cstToAst(cst, file);
  return { ast: converted.ast, diagnostics: [...diagnostics, ...converted.diagnostics] };
}

function tokenSpan(t: { startOffset: number; endOffset?: number; startLine?: number; startColumn?: number; endLine?: number; endColumn?: number }, file: string): Span {
  return {
    file,
    line: t.startLine ?? 1,
    column: t.startColumn ?? 1,
    offset: t.startOffset,
    endLine: t.endLine ?? t.startLine ?? 1,
    endColumn: t.endColumn ?? t.startColumn ?? 1,
    endOffset: (t.endOffset ?? t.startOffset) + 1,
  };
}

function endOfFileSpan(file: string, text: string): Span {
  const lines = text.split("\n");
  const line = lines.length;
  const column = (lines[lines.length - 1]?.length ?? 0) + 1;
  return { file, line, column, offset: text.length, endLine: line, endColumn: column, endOffset: text.length };
}

function syntaxDiagnostic(error: IRecognitionException, file: string, text: string): Diagnostic {
  const t = error.token;
  const atEnd = t.tokenType.name === "EOF" || Number.isNaN(t.startOffset);
  const span = atEnd ? endOfFileSpan(file, text) : tokenSpan(t, file);
  let parsed: { expected?: string; found?: string; start?: string } = {};
  try {
    parsed = JSON.parse(error.message) as typeof parsed;
  } catch {
    parsed = { expected: "something else", found: describeFound(t) };
  }
  if (parsed.start !== undefined) {
    return makeDiagnostic("GL1005", span, [parsed.start, parsed.expected ?? "a declaration"], "each declaration starts with a keyword such as `rule`, `fact` or `threshold`");
  }
  return makeDiagnostic("GL1002", span, [parsed.expected ?? "something else", atEnd ? "the end of the file" : parsed.found ?? describeFound(t)]);
}
