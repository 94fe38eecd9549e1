import { didYouMean } from "../../diagnostics/did-you-mean.js";
import type { Span } from "../../diagnostics/span.js";
import type * as A from "../../dsl/ast.js";
import { normaliseNumber } from "../../dsl/parse-number.js";
import { compareRationals, multiplyRationals, rationalOfDecimal } from "../../units/rational.js";
import { conversionRatio, unitProblem } from "../../units/ucum.js";
import { ucumForWord } from "../../units/unit-words.js";
import type { ThresholdModel } from "../model.js";
import { printValue } from "./print-value.js";
import type { Report } from "./report.js";

/** What a text's `{name}` may name, and how to print and report. */
export interface TextValuesContext {
  readonly thresholds: ReadonlyMap<string, ThresholdModel>;
  /** Every declared threshold and delay, with errors of its own or not (those are reported already). */
  readonly declared: ReadonlyMap<string, unknown>;
  /** The guideline's language, for the words of units (`5 jours`). */
  readonly language: string;
  readonly report: Report;
}

/** Who uses the values a text must not restate: the rule, or the threshold the label is about. */
export interface TextOwner {
  /** How a message says who uses the values: `used by the rule \`id\``, `that this label is about`. */
  readonly who: string;
  /** The thresholds and delays it uses. */
  readonly uses: readonly ThresholdModel[];
}

/**
 * A statement or a label with each `{name}` replaced by the value of that threshold or delay,
 * printed the guideline's way ({@link printValue}); `{{` and `}}` are a brace of the text.
 * Reports a name that is no threshold or delay (GL2110, with a "did you mean"), a lone brace
 * (GL2112), and, as a warning (GL2111), a number of the text equal to a value its owner uses,
 * compared exactly in the value's unit (`50 000/mm3` and `50000` are the value `50 000 /mm3`).
 */
export function fillTextValues(text: A.Text, owner: TextOwner, context: TextValuesContext): string {
  const { value } = text;
  let filled = "";
  let literal = "";
  let literalStart = 0;
  const literals: { readonly text: string; readonly at: number }[] = [];
  const endLiteral = (next: number) => {
    if (literal !== "") literals.push({ text: literal, at: literalStart });
    literal = "";
    literalStart = next;
  };
  for (let i = 0; i < value.length;) {
    const two = value.slice(i, i + 2);
    if (two === "{{" || two === "}}") {
      // The written `{{` is one brace of the text; offsets into `literal` then no longer match `value`, so it ends here.
      endLiteral(i + 2);
      filled += two[0] ?? "";
      i += 2;
      continue;
    }
    const character = value[i] ?? "";
    if (character === "}") {
      context.report("GL2112", spanInText(text, i, i + 1), ["}"]);
      filled += character;
      i += 1;
      continue;
    }
    if (character !== "{") {
      literal += character;
      filled += character;
      i += 1;
      continue;
    }
    const close = value.indexOf("}", i + 1);
    const reopen = value.indexOf("{", i + 1);
    if (close < 0 || (reopen >= 0 && reopen < close)) {
      context.report("GL2112", spanInText(text, i, i + 1), ["{"]);
      filled += character;
      i += 1;
      continue;
    }
    endLiteral(close + 1);
    const name = value.slice(i + 1, close).trim();
    const threshold = context.thresholds.get(name);
    if (threshold) filled += printValue(threshold, context.language);
    else if (!context.declared.has(name))
      context.report("GL2110", spanInText(text, i, close + 1), [name], didYouMean(name, context.thresholds.keys()));
    i = close + 1;
  }
  endLiteral(value.length);
  if (owner.uses.length > 0) for (const part of literals) warnRestatedValues(text, part, owner, context);
  return filled;
}

/** A number as the guideline's texts write it (`50 000`, `0,5`, `48`), not inside a word or a longer number. */
const numberPattern = /(?<![\p{L}\p{N}_,.])(\d{1,3}(?:[ \u00A0\u202F]\d{3})+|\d+)(?:[,.](\d+))?(?!\p{N})/gu;

function warnRestatedValues(
  text: A.Text,
  part: { readonly text: string; readonly at: number },
  owner: TextOwner,
  context: TextValuesContext,
) {
  for (const match of part.text.matchAll(numberPattern)) {
    const decimal = normaliseNumber(match[0]);
    const after = part.text.slice(match.index + match[0].length);
    const unit = unitAfter(after);
    const end = match.index + match[0].length + (unit?.length ?? 0);
    for (const threshold of owner.uses) {
      if (!sameValue(decimal, unit?.ucum, threshold)) continue;
      context.report("GL2111", spanInText(text, part.at + match.index, part.at + end), [
        part.text.slice(match.index, end).trim(),
        threshold.name,
        owner.who,
      ]);
      break;
    }
  }
}

/**
 * The unit written after a number, as UCUM, with how many characters it takes: the longest of
 * the next three words that is a unit (`/mm3`, `%`, `h`, `jours`, `mg par jour`), or undefined.
 */
function unitAfter(after: string): { readonly ucum: string; readonly length: number } | undefined {
  const words = /^([ \u00A0\u202F]?)(\S+)(?:([ \u00A0\u202F]+)(\S+))?(?:([ \u00A0\u202F]+)(\S+))?/u.exec(after);
  if (!words) return undefined;
  const pieces: { readonly word: string; readonly length: number }[] = [];
  let length = 0;
  for (let group = 1; group + 1 < words.length; group += 2) {
    const word = words[group + 1];
    if (word === undefined) break;
    const bare = word.replace(/[.,;:!?)»]+$/u, "");
    pieces.push({ word: bare, length: length + (words[group]?.length ?? 0) + bare.length });
    length += (words[group]?.length ?? 0) + word.length;
  }
  for (let count = pieces.length; count >= 1; count--) {
    const phrase = pieces
      .slice(0, count)
      .map((p) => p.word)
      .join(" ");
    if (phrase === "") continue;
    // Several words are a unit only by the table of unit words (`mg par jour`): UCUM has no spaces.
    const ucum = ucumForWord(phrase) ?? (count === 1 ? phrase : undefined);
    if (ucum !== undefined && unitProblem(ucum) === undefined) return { ucum, length: pieces[count - 1]?.length ?? 0 };
  }
  return undefined;
}

/** Whether a number of the text, with the unit written after it (if any), is exactly the threshold's value. */
function sameValue(decimal: string, unit: string | undefined, threshold: ThresholdModel): boolean {
  const wanted = rationalOfDecimal(threshold.value);
  if (unit === undefined) return compareRationals(rationalOfDecimal(decimal), wanted) === 0;
  const conversion = conversionRatio(unit, threshold.unit);
  // A unit that measures something else (`50 mg` beside `50 %`) is another value.
  if (!("ratio" in conversion)) return false;
  return compareRationals(multiplyRationals(rationalOfDecimal(decimal), conversion.ratio), wanted) === 0;
}

/**
 * The span of the characters `from` to `to` (exclusive) of a text's value, found from the place
 * of its opening quote: a `"` or `\\` of the value was written with an escape (two characters), and a
 * line break of the value is a line break of the file (texts may span lines).
 */
function spanInText(text: A.Text, from: number, to: number): Span {
  let { line, column, offset } = text.span;
  // Past the opening quote.
  column += 1;
  offset += 1;
  let start = { line, column, offset };
  let end = { line, column, offset };
  for (let index = 0; index < to && index < text.value.length; index++) {
    if (index === from) start = { line, column, offset };
    const character = text.value[index];
    const width = character === '"' || character === "\\" ? 2 : 1;
    end = { line, column: column + width - 1, offset: offset + width };
    offset += width;
    if (character === "\n") {
      line += 1;
      column = 1;
    } else column += width;
  }
  return {
    file: text.span.file,
    line: start.line,
    column: start.column,
    offset: start.offset,
    endLine: end.line,
    endColumn: end.column,
    endOffset: end.offset,
  };
}
