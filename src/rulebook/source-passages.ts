import type { CheckedGuideline } from "../compiler/model.js";
import { minimumQuotedShare, normaliseForQuotes, quotedShare, sourceSentences, withoutFurniture } from "../compiler/check/provenance.js";

/**
 * The transcribed part of the source document cut into passages (the sentences that coverage
 * counts), each with the rules and information items that quote it, so the rulebook can show
 * the source text marked up and link it both ways.
 */

/** One sentence of the source, numbered from 1 in reading order. */
export interface Passage {
  readonly number: number;
  /** The sentence, normalised as for quote matching (markup removed, spaces collapsed). */
  readonly text: string;
  /** Line of the source document where its paragraph, list item or table row starts. */
  readonly line: number;
  /** Rules and information items with a quote that overlaps this sentence, in source order. */
  readonly quotedBy: readonly { readonly kind: "rule" | "information"; readonly id: string }[];
  /** `quoted`: quotes cover at least 80 %; `justified`: an `uncovered` declaration explains it; `uncovered`: neither. */
  readonly status: "quoted" | "justified" | "uncovered";
  /** The reason given by the `uncovered` declaration, for a justified sentence. */
  readonly reason?: string;
}

/** A block of the source as laid out: a heading, or a paragraph (list item, table row) of passages. */
export type SourceBlock =
  | { readonly kind: "heading"; readonly level: number; readonly text: string; readonly line: number }
  | {
      readonly kind: "paragraph";
      readonly listItem: boolean;
      readonly passages: readonly Passage[];
      /** For a table row (cells separated by tabs, or `<li>` items): its passages, column by column; empty otherwise. */
      readonly columns: readonly (readonly Passage[])[];
      readonly line: number;
    };

/** The transcribed part of the source document, and which passage each quote points to. */
export interface SourcePassages {
  readonly blocks: readonly SourceBlock[];
  readonly passages: readonly Passage[];
  /** For each rule or information id, the number of the first passage each of its quotes overlaps (or null). */
  readonly quoteTargets: ReadonlyMap<string, readonly (number | null)[]>;
  /** Whether the passages are the section the header's `coverage` names (false: the whole document). */
  readonly coverageDeclared: boolean;
}

/** The passages of a table row, by column (tab-separated), each passage in the first column that holds it. */
function tableColumns(raw: string, passages: readonly Passage[]): Passage[][] {
  if (!raw.includes("\t") && !raw.includes("<li>")) return [];
  const columns = raw.split("\t").map((column) => normaliseForQuotes(column));
  const placed: Passage[][] = columns.map(() => []);
  for (const passage of passages) {
    const index = Math.max(
      0,
      columns.findIndex((column) => column.includes(passage.text)),
    );
    placed[index]?.push(passage);
  }
  return placed.filter((column) => column.length > 0);
}

/** Does this quote overlap this sentence (one contains the other)? Both normalised. */
function overlaps(sentence: string, quote: string): boolean {
  return quote.length > 0 && (quote.includes(sentence) || sentence.includes(quote));
}

/**
 * Cuts the part of the source document the header's `coverage` names (or the whole document)
 * into passages, exactly as coverage measures it, and marks each with the items quoting it.
 */
export function sourcePassages(model: CheckedGuideline, sourceText: string): SourcePassages {
  const text = withoutFurniture(sourceText, model.ignore);
  let from = 0;
  let to = text.length;
  if (model.coverage) {
    const start = text.indexOf(model.coverage.from);
    const end = start < 0 ? -1 : text.indexOf(model.coverage.to, start + model.coverage.from.length);
    if (start >= 0 && end >= 0) {
      from = start;
      to = end;
    }
  }
  const coverageDeclared = model.coverage !== undefined && (from !== 0 || to !== text.length);
  const items = [
    ...model.rules.map((r) => ({
      kind: "rule" as const,
      id: r.id,
      quotes: r.quotes.map((q) => normaliseForQuotes(q.text)),
      offset: r.span.offset,
      file: r.span.file,
    })),
    ...model.information.map((i) => ({
      kind: "information" as const,
      id: i.id,
      quotes: i.quotes.map((q) => normaliseForQuotes(q.text)),
      offset: i.span.offset,
      file: i.span.file,
    })),
  ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.offset - b.offset));
  const allQuotes = items.flatMap((i) => i.quotes);
  const reasons = model.uncovered.map((u) => ({ text: normaliseForQuotes(u.text), reason: u.reason }));

  const passages: Passage[] = sourceSentences(text, model.sourceDocument, from, to).map((sentence, index) => {
    const quotedBy = items
      .filter((item) => item.quotes.some((q) => overlaps(sentence.text, q)))
      .map((item) => ({ kind: item.kind, id: item.id }));
    const base = { number: index + 1, text: sentence.text, line: sentence.span.line, quotedBy };
    if (quotedShare(sentence.text, allQuotes) >= minimumQuotedShare) return { ...base, status: "quoted" as const };
    const justification = reasons.find((r) => quotedShare(sentence.text, [r.text]) >= minimumQuotedShare);
    return justification
      ? { ...base, status: "justified" as const, reason: justification.reason }
      : { ...base, status: "uncovered" as const };
  });

  const quoteTargets = new Map<string, (number | null)[]>();
  for (const item of items) {
    quoteTargets.set(
      item.id,
      item.quotes.map((q) => passages.find((p) => overlaps(p.text, q))?.number ?? null),
    );
  }

  // Headings and paragraphs in reading order: sentences carry the line their paragraph starts on.
  const blocks: SourceBlock[] = [];
  const lines = text.slice(0, to).split("\n");
  let offset = 0;
  const headings: { line: number; level: number; text: string }[] = [];
  lines.forEach((raw, index) => {
    const start = offset;
    offset += raw.length + 1;
    if (start < from) return;
    const heading = /^(#{1,6})\s+(.*)$/.exec(raw.trim());
    if (heading?.[1] && heading[2] !== undefined)
      headings.push({ line: index + 1, level: heading[1].length, text: normaliseForQuotes(heading[2]) });
  });
  const byLine = new Map<number, Passage[]>();
  for (const p of passages) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  const lineNumbers = [...new Set([...headings.map((h) => h.line), ...byLine.keys()])].sort((a, b) => a - b);
  for (const line of lineNumbers) {
    const heading = headings.find((h) => h.line === line);
    if (heading) {
      blocks.push({ kind: "heading", level: heading.level, text: heading.text, line });
      continue;
    }
    const raw = lines[line - 1]?.trim() ?? "";
    const here = byLine.get(line) ?? [];
    blocks.push({ kind: "paragraph", listItem: /^[-*•]\s/.test(raw), passages: here, columns: tableColumns(raw, here), line });
  }
  return { blocks, passages, quoteTargets, coverageDeclared };
}
