import type { IToken, TokenType } from "chevrotain";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { makeDiagnostic, type Diagnostic, type Hint } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import { assertNever } from "../shared/assert-never.js";
import type { SourceFile } from "./ast.js";
import { cstToAst } from "./cst-to-ast.js";
import { guidelineParser, type ParseError } from "./parser.js";
import { normaliseNumber } from "./parse-number.js";
import { oneSyntaxErrorPerDeclaration } from "./one-syntax-error-per-declaration.js";
import { describeExpected, describeFound } from "./syntax-messages.js";
import {
  guidelineLexer,
  Identifier,
  keywordTokens,
  LeftParen,
  Not,
  NumberLiteral,
  RightParen,
  StringLiteral,
  UnterminatedString,
} from "./tokens.js";

/** The result of parsing one file: its AST (possibly partial) and every syntax error found. */
export interface ParseResult {
  readonly ast: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * How deeply a condition may nest, counting each open parenthesis and each `not` whose operand
 * has not started yet. The parser, the checker and the formatter recurse once per level; past
 * this depth a file is refused with GL1010 instead of overflowing the stack.
 */
export const maximumNesting = 100;

/**
 * Parses one guideline source. Never throws for a bad source: every lexical and syntax error
 * is returned as a diagnostic with its `file:line:col`, and the AST holds what could be read.
 * A file nested deeper than {@link maximumNesting} is not parsed (GL1010); a number too large
 * or too small for a double is reported where it is written (GL2060, GL2061). Lexing and
 * parsing take time and stack linear in the size of the file, whatever its content.
 */
export function parseGuideline(text: string, file: string): ParseResult {
  const syntax: Diagnostic[] = [];
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
    syntax.push(makeDiagnostic("GL1001", span, [`\`${character}\``]));
  }
  const tokens: IToken[] = [];
  for (const t of lexed.tokens) {
    if (t.tokenType !== UnterminatedString) {
      tokens.push(t);
      continue;
    }
    // Reported once, at the opening quote; the parser reads it as a text closed at the end of its line.
    syntax.push(makeDiagnostic("GL1003", tokenSpan(t, file), []));
    tokens.push({ ...t, tokenType: StringLiteral, tokenTypeIdx: StringLiteral.tokenTypeIdx ?? t.tokenTypeIdx });
  }
  const diagnostics = numberDiagnostics(tokens, file);
  const tooDeep = firstTooDeep(tokens);
  if (tooDeep) {
    const tooDeepError = makeDiagnostic("GL1010", tokenSpan(tooDeep, file), [maximumNesting]);
    return { ast: { kind: "source-file", file, declarations: [] }, diagnostics: [...syntax, ...diagnostics, tooDeepError] };
  }
  const parsed = guidelineParser.parseTokens(tokens);
  for (const error of parsed.errors) syntax.push(syntaxDiagnostic(error, file, text, tokens));
  const converted = cstToAst(parsed.cst, file);
  return { ast: converted.ast, diagnostics: [...oneSyntaxErrorPerDeclaration(syntax, tokens), ...diagnostics, ...converted.diagnostics] };
}

/**
 * The token at which nesting first exceeds {@link maximumNesting}. Each open parenthesis is a
 * level, and so is each `not` until its operand starts (the next token that is neither `not`
 * nor `(`); a `)` closes its level and completes the `not`s waiting for it.
 */
function firstTooDeep(tokens: readonly IToken[]): IToken | undefined {
  const pendingNots: number[] = [0];
  let depth = 0;
  for (const token of tokens) {
    const type = token.tokenType;
    if (type === LeftParen) {
      pendingNots.push(0);
      depth++;
    } else if (type === RightParen) {
      if (pendingNots.length > 1) depth -= 1 + (pendingNots.pop() ?? 0);
      depth -= pendingNots[pendingNots.length - 1] ?? 0;
      pendingNots[pendingNots.length - 1] = 0;
    } else if (type === Not) {
      pendingNots[pendingNots.length - 1] = (pendingNots[pendingNots.length - 1] ?? 0) + 1;
      depth++;
    } else {
      depth -= pendingNots[pendingNots.length - 1] ?? 0;
      pendingNots[pendingNots.length - 1] = 0;
    }
    if (depth > maximumNesting) return token;
  }
  return undefined;
}

/** GL2060 and GL2061: numbers that a double cannot hold (they would compile to `null` or 0). */
function numberDiagnostics(tokens: readonly IToken[], file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const token of tokens) {
    if (token.tokenType !== NumberLiteral) continue;
    const value = Number(normaliseNumber(token.image));
    const shown =
      token.image.length > 40 ? `${token.image.slice(0, 20)}…${token.image.slice(-10)} (${token.image.length} characters)` : token.image;
    if (!Number.isFinite(value)) diagnostics.push(makeDiagnostic("GL2060", tokenSpan(token, file), [shown]));
    else if (value === 0 && /[1-9]/.test(token.image)) diagnostics.push(makeDiagnostic("GL2061", tokenSpan(token, file), [shown]));
  }
  return diagnostics;
}

function tokenSpan(
  t: { startOffset: number; endOffset?: number; startLine?: number; startColumn?: number; endLine?: number; endColumn?: number },
  file: string,
): Span {
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

/**
 * GL1005 for a token that cannot start a declaration, GL1002 for a token where others were
 * expected. When the token found starts the next declaration (it stands in the first column),
 * what is missing belongs at the end of the declaration before it: the error points just after
 * that declaration's last token, not at the next one.
 */
function syntaxDiagnostic({ error, problem }: ParseError, file: string, text: string, tokens: readonly IToken[]): Diagnostic {
  const t = error.token;
  const atEnd = t.tokenType.name === "EOF" || Number.isNaN(t.startOffset);
  const span = atEnd ? endOfFileSpan(file, text) : tokenSpan(t, file);
  switch (problem.kind) {
    case "cannot-start":
      return makeDiagnostic(
        "GL1005",
        span,
        [describeFound(t), "a declaration (`rule`, `fact`, `threshold`, `drug`, `section`...)"],
        misspeltKeyword(t, keywordTokens),
      );
    case "expected": {
      const before = !atEnd && t.startColumn === 1 ? tokenBefore(tokens, t.startOffset) : undefined;
      const where = before ? spanAfter(before, file) : span;
      const args = [describeExpected(problem.expected), atEnd ? "the end of the file" : describeFound(t)];
      return makeDiagnostic("GL1002", where, args, misspeltKeyword(t, problem.expected));
    }
    default:
      return assertNever(problem);
  }
}

/**
 * "did you mean `stop`?" when the token found is a name close to one of the keywords that could
 * stand there (`stopp`, `qoute`): a misspelt keyword lexes as a name.
 */
function misspeltKeyword(found: IToken, expected: readonly TokenType[]): Hint | undefined {
  if (found.tokenType !== Identifier) return undefined;
  const words = expected.filter((type) => keywordTokens.includes(type)).map((type) => keywordWord(type));
  return didYouMean(found.image, words);
}

/** The word of a keyword token (`Kw_not_named` → `not-named`): its label without the backquotes. */
function keywordWord(type: TokenType): string {
  return (type.LABEL ?? type.name).replace(/`/g, "");
}

/** The last token that starts before `offset` (binary search over tokens in offset order). */
function tokenBefore(tokens: readonly IToken[], offset: number): IToken | undefined {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((tokens[middle]?.startOffset ?? 0) < offset) low = middle + 1;
    else high = middle;
  }
  return tokens[low - 1];
}

/** The one column just after a token, on its last line. */
function spanAfter(t: IToken, file: string): Span {
  const line = t.endLine ?? t.startLine ?? 1;
  const column = (t.endColumn ?? t.startColumn ?? 1) + 1;
  const offset = (t.endOffset ?? t.startOffset) + 1;
  return { file, line, column, offset, endLine: line, endColumn: column, endOffset: offset };
}
