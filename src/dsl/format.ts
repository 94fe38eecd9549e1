import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type * as A from "./ast.js";
import { parseGuideline } from "./parse.js";
import {
  printCondition,
  printEffect,
  printExpectation,
  printGivenValue,
  printNumber,
  printQuantity,
  printText,
} from "./print-condition.js";
import { guidelineLexer } from "./tokens.js";
import { withoutSpans } from "./without-spans.js";

/*
 * The formatter behind `guideline fmt`. It prints the AST of one file back to canonical source
 * and puts the file's comments back where they were. Canonical form:
 *
 * - one declaration per block: its first line at the margin, each property on its own line,
 *   indented by two spaces, in a fixed order (the order of the reference in docs/language.md);
 * - one blank line between declarations, except that one-line declarations of the same kind
 *   (classes, drugs, findings, recommendations, references...) follow each other line by line;
 * - numbers exactly as written (`50 000`, `0,5`), one space between a number and its unit;
 * - texts in double quotes with `\` and `"` escaped;
 * - conditions on one line with the fewest parentheses that keep their meaning;
 * - comments kept: a comment on its own line stays above the line it was above, a comment at the
 *   end of a line stays at the end of that line, and blank lines between comments are kept (one at most).
 */

/** A comment of the source (`# ...` up to the end of the line), where it was. */
export interface SourceComment {
  /** The comment, from `#`, without trailing white space. */
  readonly text: string;
  /** Offset of its `#` in the source, from 0. */
  readonly offset: number;
  /** Line, from 1. */
  readonly line: number;
  /** True when nothing but white space comes before it on its line. */
  readonly ownLine: boolean;
  /** True when it was indented (did not start at the margin). */
  readonly indented: boolean;
}

/** The result of formatting one file. */
export interface FormatResult {
  /** The canonical text; absent when the file has syntax errors (it is then never rewritten). */
  readonly text?: string;
  /** The syntax errors that prevent formatting. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Formats one guideline source. A source with any syntax diagnostic is not formatted (its AST
 * may lack parts that the printer would then drop). The result is checked before it is
 * returned: it must parse to the same AST and keep every comment, or this throws (a bug in the
 * formatter, never a user error), so a file is never rewritten into a different guideline.
 */
export function formatGuideline(text: string, file: string): FormatResult {
  const parsed = parseGuideline(text, file);
  if (parsed.diagnostics.length > 0) return { diagnostics: parsed.diagnostics };
  const comments = collectComments(text);
  const formatted = printSourceFile(parsed.ast, comments);
  const again = parseGuideline(formatted, file);
  if (
    again.diagnostics.length > 0 ||
    JSON.stringify(withoutSpans(again.ast.declarations)) !== JSON.stringify(withoutSpans(parsed.ast.declarations))
  ) {
    throw new Error(`formatting ${file} would change its meaning; the file is left as it is`);
  }
  const kept = collectComments(formatted).map((c) => c.text);
  const lost = comments.find((c) => !kept.some((k) => k.includes(c.text)));
  if (lost) throw new Error(`formatting ${file} would lose the comment on line ${lost.line}; the file is left as it is`);
  return { text: formatted, diagnostics: [] };
}

/**
 * The comments of a source, in order. They are what the lexer skips between tokens, so a `#`
 * inside a text is never taken for a comment.
 */
export function collectComments(text: string): SourceComment[] {
  const out: SourceComment[] = [];
  const lexed = guidelineLexer.tokenize(text);
  let from = 0;
  const gaps: [number, number][] = [];
  for (const token of lexed.tokens) {
    gaps.push([from, token.startOffset]);
    from = (token.endOffset ?? token.startOffset) + 1;
  }
  gaps.push([from, text.length]);
  // Lines end where the lexer's do (`\n`, `\r\n` or a lone `\r`), so they match the spans' lines.
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] !== "\n")) lineStarts.push(i + 1);
  }
  for (const [start, end] of gaps) {
    const gap = text.slice(start, end);
    for (const match of gap.matchAll(/#[^\n]*/g)) {
      const offset = start + match.index;
      const line = lineOf(lineStarts, offset);
      const before = text.slice(lineStarts[line - 1] ?? 0, offset);
      out.push({
        text: match[0].trimEnd(),
        offset,
        line,
        ownLine: /^[ \t\u00A0\u202F\uFEFF]*$/.test(before),
        indented: before.replace(/\uFEFF/g, "").length > 0,
      });
    }
  }
  return out;
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** One printed line of a declaration, and the source offset it comes from (to place comments). */
interface PrintedLine {
  readonly text: string;
  readonly anchor: number;
  readonly indent: string;
}

const indentUnit = "  ";

/** The printed lines of one declaration: its opening line, then its properties in canonical order. */
// Long by design: one case per kind of declaration, each printing its properties in canonical order.
function printDeclaration(d: A.Declaration): PrintedLine[] {
  const lines: PrintedLine[] = [];
  const open = (text: string) => lines.push({ text, anchor: d.span.offset, indent: "" });
  const property = (text: string, anchor: { readonly span: { readonly offset: number } }) =>
    lines.push({ text, anchor: anchor.span.offset, indent: indentUnit });
  const words = (...parts: (string | undefined)[]) => parts.filter((p): p is string => p !== undefined && p !== "").join(" ");
  switch (d.kind) {
    case "header":
      open(`guideline ${d.id.text}`);
      if (d.title) property(`title ${printText(d.title)}`, d.title);
      if (d.edition) property(`edition ${printNumber(d.edition)}`, d.edition);
      if (d.language) property(`language ${d.language.text}`, d.language);
      if (d.source) property(`source ${printText(d.source)}`, d.source);
      if (d.coverage) property(`coverage from ${printText(d.coverage.from)} to ${printText(d.coverage.to)}`, d.coverage);
      for (const ignored of d.ignore) property(`ignore ${printText(ignored)}`, ignored);
      if (d.version) property(`version ${printText(d.version)}`, d.version);
      break;
    case "section":
      open(words("section", d.name.text, d.title && printText(d.title)));
      break;
    case "fact":
      open(words("fact", d.name.text, ":", d.type && printFactType(d.type)));
      if (d.label) property(`label ${printText(d.label)}`, d.label);
      if (d.description) property(`description ${printText(d.description)}`, d.description);
      if (d.dose) property(words("dose", d.dose.field.text, "in", d.dose.unit?.text), d.dose);
      if (d.accepts[0]) property(`units ${d.accepts.map((u) => u.text).join(", ")}`, d.accepts[0]);
      if (d.codes[0]) property(`code ${d.codes.map((c) => `${c.system.text} ${printText(c.code)}`).join(", ")}`, d.codes[0]);
      if (d.window) property(`window ${printQuantity(d.window)}`, d.window);
      break;
    case "threshold":
      open(words(d.role, d.name.text, "=", d.value && printQuantity(d.value)));
      if (d.label) property(`label ${printText(d.label)}`, d.label);
      break;
    case "class":
      open(
        words(
          "class",
          d.name.text,
          d.label && printText(d.label),
          d.atc.length ? `atc ${d.atc.map((code) => code.text).join(", ")}` : undefined,
        ),
      );
      break;
    case "drug":
      open(
        words(
          "drug",
          d.name.text,
          d.atc.length ? `atc ${d.atc.map((code) => code.text).join(", ")}` : undefined,
          d.rxnorm.length ? `rxnorm ${d.rxnorm.map((code) => code.text).join(", ")}` : undefined,
          d.drugClass && `class ${d.drugClass.text}`,
          d.label && `label ${printText(d.label)}`,
          d.notNamedBySource && "not named by source",
        ),
      );
      if (d.aliases[0]) property(`alias ${d.aliases.map(printText).join(", ")}`, d.aliases[0]);
      break;
    case "finding-kind":
      open(words("finding", d.name.text, d.label && printText(d.label)));
      break;
    case "recommendation":
      open(words("recommendation", d.name.text, d.label && printText(d.label), d.forProcedure ? "for procedure" : undefined));
      break;
    case "readiness":
      open(words("readiness", d.question && printText(d.question)));
      if (d.ready) property(`ready ${printText(d.ready)}`, d.ready);
      if (d.notReady) property(`not ready ${printText(d.notReady)}`, d.notReady);
      if (d.undecided) property(`undecided ${printText(d.undecided)}`, d.undecided);
      break;
    case "verdict":
      open(words("verdict", d.question && printText(d.question)));
      for (const o of d.outcomes)
        property(
          words(
            "outcome",
            o.code.text,
            o.label && printText(o.label),
            o.noProcedure ? "no procedure" : undefined,
            "when",
            o.when && printCondition(o.when),
          ),
          o,
        );
      if (d.otherwise)
        property(
          words(
            "otherwise",
            d.otherwise.code.text,
            d.otherwise.label && printText(d.otherwise.label),
            d.otherwise.noProcedure ? "no procedure" : undefined,
          ),
          d.otherwise,
        );
      if (d.undecided) property(`undecided ${printText(d.undecided)}`, d.undecided);
      break;
    case "plan":
      open(`plan ${d.list.text}`);
      if (d.scope) property(`scope atc ${d.scope.text}`, d.scope);
      if (d.otherwise) property(`otherwise ${d.otherwise.text}`, d.otherwise);
      if (d.reminder) property(`reminder ${printText(d.reminder)}`, d.reminder);
      if (d.date) property(`date ${d.date.text}`, d.date);
      if (d.title) property(`title ${printText(d.title)}`, d.title);
      for (const wording of d.wordings) property(words("wording", wording.key.text, wording.text && printText(wording.text)), wording);
      break;
    case "reference":
      open(words("reference", printNumber(d.number), d.text && printText(d.text)));
      break;
    case "rule":
    case "information":
      open(`${d.kind} ${d.id.text}`);
      if (d.statement) property(`statement ${printText(d.statement)}`, d.statement);
      for (const quote of d.quotes) property(`quote ${printText(quote)}`, quote);
      if (d.citations[0]) property(`cite ${d.citations.map(printNumber).join(", ")}`, d.citations[0]);
      if (d.kind === "rule" && d.when) property(`when ${printCondition(d.when)}`, d.when);
      if (d.kind === "rule" && d.then) property(`then ${printEffect(d.then)}`, d.then);
      break;
    case "uncovered":
      open(words("uncovered", d.text && printText(d.text), d.reason && `because ${printText(d.reason)}`));
      break;
    case "example":
      open(words("example", d.id.text, d.title && printText(d.title)));
      if (d.base) property(`based on ${d.base.text}`, d.base);
      for (const given of d.givens) property(words("given", given.fact.text, "=", given.value && printGivenValue(given.value)), given);
      for (const expectation of d.expectations) property(printExpectation(expectation), expectation);
      break;
    case "precedence":
      open(words("precedence", d.winner.text, "over", d.loser.text, d.reason && `because ${printText(d.reason)}`));
      break;
    case "accept":
      open(words("accept", d.code.text, "for", d.subject.text, d.reason && `because ${printText(d.reason)}`));
      break;
    default:
      return unreachable(d);
  }
  return lines;
}

function unreachable(declaration: never): never {
  throw new Error(`the formatter does not know the declaration ${JSON.stringify((declaration as { kind?: string }).kind)}`);
}

function printFactType(type: A.FactType): string {
  switch (type.kind) {
    case "boolean":
      return "yes/no";
    case "enum":
      return `one of ${type.values.map((v) => v.text).join(", ")}`;
    case "quantity": {
      const range = type.min && type.max ? ` from ${printNumber(type.min)} to ${printNumber(type.max)}` : "";
      return `quantity in ${type.unit?.text ?? ""}${range}`;
    }
    case "date":
      return "date";
    case "medications":
      return "medication list";
  }
}

/** A declaration with the comments that belong to it. */
interface Block {
  readonly declaration: A.Declaration;
  readonly lines: readonly PrintedLine[];
  /** Own-line comments to print before each line (by line index), or after the last line (index = lines.length). */
  readonly before: Map<number, SourceComment[]>;
  /** End-of-line comments, by line index. */
  readonly after: Map<number, SourceComment[]>;
  /** Comments right below the declaration, before a blank line. */
  readonly trailing: SourceComment[];
  /** Comments above the declaration (after the previous one's trailing comments). */
  readonly leading: SourceComment[];
  /** Whether a blank line separated the last leading comment from the declaration. */
  blankAfterLeading: boolean;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Prints a parsed file in canonical form. With `comments` (from {@link collectComments} on the
 * text the AST was parsed from), every comment is put back beside the line it was written with.
 */
// Long by design: the blocks of the file, then the comments put back beside their lines, in one pass that keeps both in step.
export function printSourceFile(file: A.SourceFile, comments: readonly SourceComment[] = []): string {
  const blocks: Block[] = file.declarations.map((declaration) => ({
    declaration,
    lines: printDeclaration(declaration),
    before: new Map(),
    after: new Map(),
    trailing: [],
    leading: [],
    blankAfterLeading: false,
  }));
  /** Comments between declarations: index k holds those before declaration k (k = length: after the last). */
  const gaps: SourceComment[][] = blocks.map(() => []);
  gaps.push([]);

  for (const comment of comments) {
    const inside = blocks.findIndex((b) => b.declaration.span.offset <= comment.offset && comment.offset < b.declaration.span.endOffset);
    const next = blocks.findIndex((b) => b.declaration.span.offset > comment.offset);
    const previous = (next < 0 ? blocks.length : next) - 1;
    const previousBlock = blocks[previous];
    if (inside >= 0) {
      attachInside(blocks[inside] as Block, comment);
    } else if (!comment.ownLine && previousBlock) {
      attachInside(previousBlock, comment);
    } else {
      gaps[next < 0 ? blocks.length : next]?.push(comment);
    }
  }

  const finalComments: SourceComment[] = [];
  gaps.forEach((gap, k) => {
    let rest = gap;
    const previous = blocks[k - 1];
    if (previous && gap.length > 0) {
      let run = 0;
      let line = previous.declaration.span.endLine;
      while (run < gap.length && gap[run]?.line === line + 1) {
        line++;
        run++;
      }
      const nextLine = gap[run]?.line ?? blocks[k]?.declaration.span.line ?? Number.POSITIVE_INFINITY;
      if (run > 0 && nextLine > line + 1) {
        for (const comment of gap.slice(0, run)) previous.trailing.push(comment);
        rest = gap.slice(run);
      }
    }
    const block = blocks[k];
    if (block) {
      for (const comment of rest) block.leading.push(comment);
      const last = rest[rest.length - 1];
      block.blankAfterLeading = last !== undefined && block.declaration.span.line > last.line + 1;
    } else {
      for (const comment of rest) finalComments.push(comment);
    }
  });

  const out: string[] = [];
  const comment = (c: SourceComment, indent: string) => out.push(`${indent}${c.text}`);
  const commentRun = (run: readonly SourceComment[]) => {
    run.forEach((c, i) => {
      const previous = run[i - 1];
      if (previous && c.line > previous.line + 1) out.push("");
      comment(c, c.indented ? indentUnit : "");
    });
  };

  blocks.forEach((block, k) => {
    const previous = blocks[k - 1];
    if (
      previous &&
      !(isCompact(previous) && isCompact(block) && block.leading.length === 0 && previous.declaration.kind === block.declaration.kind)
    )
      out.push("");
    commentRun(block.leading);
    if (block.leading.length > 0 && block.blankAfterLeading) out.push("");
    block.lines.forEach((line, i) => {
      for (const c of block.before.get(i) ?? []) comment(c, line.indent);
      const endComments = block.after.get(i);
      out.push(`${line.indent}${line.text}${endComments ? `  ${endComments.map((c) => c.text).join(" ")}` : ""}`);
    });
    for (const c of block.before.get(block.lines.length) ?? []) comment(c, indentUnit);
    commentRun(block.trailing);
  });
  if (finalComments.length > 0) {
    if (blocks.length > 0) out.push("");
    commentRun(finalComments);
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}

/** A declaration printed on one line, with no comment of its own: such ones of a kind are listed line by line. */
function isCompact(block: Block): boolean {
  return block.lines.length === 1 && block.before.size === 0 && block.after.size === 0 && block.trailing.length === 0;
}

/**
 * Places a comment within a declaration: an own-line comment above the printed line that comes
 * next in the source, an end-of-line comment at the end of the printed line it followed.
 */
function attachInside(block: Block, comment: SourceComment): void {
  if (comment.ownLine) {
    let best = -1;
    block.lines.forEach((line, i) => {
      if (line.anchor > comment.offset && (best < 0 || line.anchor < (block.lines[best]?.anchor ?? Infinity))) best = i;
    });
    push(block.before, best < 0 ? block.lines.length : best, comment);
  } else {
    let best = 0;
    block.lines.forEach((line, i) => {
      if (line.anchor < comment.offset && line.anchor >= (block.lines[best]?.anchor ?? 0)) best = i;
    });
    push(block.after, best, comment);
  }
}
