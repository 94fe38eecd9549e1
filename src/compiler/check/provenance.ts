import { hint, makeDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import type * as A from "../../dsl/ast.js";
import type { CheckedGuideline } from "../model.js";
import { closestSentence } from "./closest-sentence.js";

/** A quote and where it is written. */
interface Quote {
  readonly text: string;
  readonly span: Span;
}

/**
 * What the quote check reads: every quote, the source document's name and its page furniture.
 * A checked model has it all; so do the parsed files alone (`quotedSourcesOf`), since
 * quotes do not depend on names: the check runs even when names or types have errors.
 */
export interface QuotedSources {
  readonly sourceDocument: string;
  readonly ignore: readonly string[];
  /** The quotes of each rule, each with where it is written. */
  readonly rules: readonly { readonly quotes: readonly { readonly text: string; readonly span: Span }[] }[];
  /** The quotes of each information item. */
  readonly information: readonly { readonly quotes: readonly { readonly text: string; readonly span: Span }[] }[];
  /** The `uncovered` sentences that give a reason. */
  readonly uncovered: readonly { readonly text: string; readonly span: Span }[];
}

/**
 * The quotes of parsed files, read without the checker: those of rules, information items and
 * `uncovered` sentences that give a reason (as the checked model keeps them), with the header's
 * source document and furniture. Undefined when no header names a source document.
 */
export function quotedSourcesOf(files: readonly A.SourceFile[]): QuotedSources | undefined {
  const declarations = files.flatMap((f) => f.declarations);
  const header = declarations.find((d): d is A.Header => d.kind === "header");
  if (!header?.source) return undefined;
  const quotes = (texts: readonly A.Text[]) => texts.map((q) => ({ text: q.value, span: q.span }));
  return {
    sourceDocument: header.source.value,
    ignore: header.ignore.map((t) => t.value),
    rules: declarations.flatMap((d) => (d.kind === "rule" ? [{ quotes: quotes(d.quotes) }] : [])),
    information: declarations.flatMap((d) => (d.kind === "information" ? [{ quotes: quotes(d.quotes) }] : [])),
    uncovered: declarations.flatMap((d) =>
      d.kind === "uncovered" && d.text && d.reason && d.reason.value.trim() !== "" ? [{ text: d.text.value, span: d.text.span }] : [],
    ),
  };
}

/**
 * Normalises text for quote matching: markup such as `<sup>3</sup>` and `*emphasis*` is
 * dropped, list bullets and typographic apostrophes are made plain, and runs of white space
 * become one space.
 */
export function normaliseForQuotes(text: string): string {
  return text
    .replace(/<[^>]+>/g, "")
    .replace(/\*+/g, "")
    .replace(/[•]/g, " ")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\s\u00A0\u202F]+/g, " ")
    .replace(/ ([,.)])/g, "$1")
    .replace(/\( /g, "(")
    .trim();
}

/** The source document with the declared page furniture blanked out (offsets are kept). */
export function withoutFurniture(text: string, ignore: readonly string[]): string {
  let out = text;
  for (const furniture of ignore) {
    if (furniture.trim() === "") continue;
    out = out.split(furniture).join(" ".repeat(furniture.length));
  }
  return out;
}

/** Every quote of the guideline: rules, information items and `uncovered` sentences. */
function allQuotes(model: QuotedSources): Quote[] {
  return [
    ...model.rules.flatMap((r) => r.quotes),
    ...model.information.flatMap((i) => i.quotes),
    ...model.uncovered.map((u) => ({ text: u.text, span: u.span })),
  ];
}

/** Checks that every quote is found, word for word, in the source document (GL4002). `model` may be a checked model or the quotes of parsed files (`quotedSourcesOf`). */
export function checkQuotes(model: QuotedSources, sourceText: string): Diagnostic[] {
  const text = withoutFurniture(sourceText, model.ignore);
  const haystack = normaliseForQuotes(text);
  const diagnostics: Diagnostic[] = [];
  for (const quote of allQuotes(model)) {
    const wanted = normaliseForQuotes(quote.text);
    if (!haystack.includes(wanted)) {
      const closest = closestPassage(wanted, text);
      const advice = closest ? hint("closestPassage", closest) : hint("copyQuoteExactly");
      diagnostics.push(makeDiagnostic("GL4002", quote.span, [model.sourceDocument], advice));
    }
  }
  return diagnostics;
}

/** The longest passage a hint shows: a longer sentence (a document without sentences, a binary file) is cut, with `…`. */
function passageLimit(quote: string): number {
  return Math.max(2 * quote.length + 40, 300);
}

/**
 * The sentence of the source document `text` closest to `quote` (see {@link closestSentence}:
 * rare words such as names weigh the most, accents and case do not count), whole and without its
 * list bullet: what an editor should compare the quote with after the source document changed.
 * Undefined when no sentence holds half of the quote's words. A sentence longer than 300
 * characters (and than twice the quote plus 40) is cut with `…`, so that a document without
 * sentences (a binary file, a list of settings) is never printed whole.
 */
export function closestPassage(quote: string, text: string): string | undefined {
  const sentences = sourceSentences(text, "", 0, text.length).map((s) => s.text);
  const passage = closestSentence(quote, sentences);
  if (passage === undefined) return undefined;
  const limit = passageLimit(quote);
  return passage.length <= limit ? passage : `${passage.slice(0, limit)}…`;
}

/** One sentence of the transcribed section, with where it starts in the source document. */
export interface SourceSentence {
  readonly text: string;
  readonly span: Span;
}

/** How much of the section the guideline quotes. */
export interface Coverage {
  readonly sentences: number;
  readonly quoted: number;
  /** Sentences no rule or information quotes, but an `uncovered` declaration explains. */
  readonly justified: readonly SourceSentence[];
  /** Sentences nobody quotes and nobody explains. */
  readonly uncovered: readonly SourceSentence[];
}

/**
 * Splits the covered part of the source document into sentences: headings are left out,
 * list items and table cells are units of their own, paragraphs are split after `.`, `!`, `?`.
 */
export function sourceSentences(sourceText: string, file: string, from: number, to: number): SourceSentence[] {
  const sentences: SourceSentence[] = [];
  const lines = sourceText.slice(0, to).split("\n");
  let offset = 0;
  let paragraph: { text: string; line: number; offset: number } | undefined;
  const flush = () => {
    if (paragraph) pushSentences(paragraph.text, paragraph.line, paragraph.offset);
    paragraph = undefined;
  };
  const pushSentences = (text: string, line: number, start: number) => {
    const normal = normaliseForQuotes(text);
    for (const piece of normal.split(/(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«(])/)) {
      const sentence = piece.replace(/^[-–—•·*:\s]+/, "").trim();
      if (!/[A-Za-zÀ-ÿ]{2}/.test(sentence)) continue;
      sentences.push({ text: sentence, span: { file, line, column: 1, offset: start, endLine: line, endColumn: 1, endOffset: start } });
    }
  };
  lines.forEach((rawLine, index) => {
    const lineStart = offset;
    offset += rawLine.length + 1;
    if (lineStart < from) return;
    const line = rawLine.trim();
    const lineNumber = index + 1;
    if (line === "" || /^#{1,6}\s/.test(line)) {
      flush();
      return;
    }
    if (line.includes("<li>") || line.includes("\t")) {
      flush();
      for (const cell of line.split(/<li>|<\/li>|\t/)) pushSentences(cell, lineNumber, lineStart);
      return;
    }
    if (/^[-*•–—·]\s/.test(line)) flush();
    if (paragraph) paragraph.text += ` ${line}`;
    else paragraph = { text: line, line: lineNumber, offset: lineStart };
  });
  flush();
  return sentences;
}

/** A sentence counts as quoted when quotes cover at least this share of its characters. */
export const minimumQuotedShare = 0.8;

/**
 * The share of a sentence's characters (0 to 1) that lie inside a quote: a quote containing
 * the whole sentence covers it all; a shorter quote covers each place it occurs in it.
 */
export function quotedShare(sentence: string, quotes: readonly string[]): number {
  if (sentence.length === 0) return 1;
  const covered = new Uint8Array(sentence.length);
  for (const quote of quotes) {
    if (quote.length === 0) continue;
    if (quote.includes(sentence)) return 1;
    for (let at = sentence.indexOf(quote); at >= 0; at = sentence.indexOf(quote, at + 1)) covered.fill(1, at, at + quote.length);
  }
  return covered.reduce((n, c) => n + c, 0) / sentence.length;
}

/**
 * Measures coverage of the section between the header's coverage headings: a sentence is
 * quoted when quotes cover at least 80 % of it ({@link quotedShare}). Reports GL4004 when a heading is
 * not found, and a GL4003 warning for each sentence neither quoted nor explained.
 */
export function measureCoverage(
  model: CheckedGuideline,
  sourceText: string,
  file: string,
): { coverage?: Coverage; diagnostics: Diagnostic[] } {
  if (!model.coverage) return { diagnostics: [] };
  const text = withoutFurniture(sourceText, model.ignore);
  const from = text.indexOf(model.coverage.from);
  const to = from < 0 ? -1 : text.indexOf(model.coverage.to, from + model.coverage.from.length);
  const diagnostics: Diagnostic[] = [];
  if (from < 0) diagnostics.push(makeDiagnostic("GL4004", model.coverage.span, [model.coverage.from]));
  else if (to < 0) diagnostics.push(makeDiagnostic("GL4004", model.coverage.span, [model.coverage.to]));
  if (diagnostics.length) return { diagnostics };
  const sentences = sourceSentences(text, file, from, to);
  const quotes = [...model.rules.flatMap((r) => r.quotes), ...model.information.flatMap((i) => i.quotes)].map((q) =>
    normaliseForQuotes(q.text),
  );
  const reasons = model.uncovered.map((u) => normaliseForQuotes(u.text));
  const overlaps = (sentence: string, candidates: readonly string[]) => quotedShare(sentence, candidates) >= minimumQuotedShare;
  const justified: SourceSentence[] = [];
  const uncovered: SourceSentence[] = [];
  let quoted = 0;
  for (const sentence of sentences) {
    if (overlaps(sentence.text, quotes)) quoted++;
    else if (overlaps(sentence.text, reasons)) justified.push(sentence);
    else {
      uncovered.push(sentence);
      diagnostics.push(
        makeDiagnostic(
          "GL4003",
          sentence.span,
          [],
          hint("quoteOrUncover", `${sentence.text.slice(0, 60)}${sentence.text.length > 60 ? "…" : ""}`),
        ),
      );
    }
  }
  return { coverage: { sentences: sentences.length, quoted, justified, uncovered }, diagnostics };
}
