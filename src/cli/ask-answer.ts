import { fillWords, type InterfaceWords } from "../interface-words/index.js";
import { assertNever } from "../shared/assert-never.js";
import type { AnswerType } from "./ask-question.js";

/**
 * What a line typed in answer to a question says: the fact is not known (« je ne sais pas »,
 * `?`), go back to the previous question (« retour », `<`), a value in the fact's JSON form, or
 * nothing understood (with why). The value is not checked against the pack here: the session
 * evaluates it, so that the same validation and normalisation as `evaluate` apply.
 */
export type Reading =
  | { readonly kind: "unknown" }
  | { readonly kind: "back" }
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "invalid"; readonly message: string };

/** The symbol that stands for « je ne sais pas », whatever the language. */
export const unknownSymbol = "?";
/** The symbol that stands for « retour ». */
const backSymbol = "<";

/** Lower case, accents and repeated spaces aside: how answers are compared with words. */
function plainWords(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** `?` or « je ne sais pas »; `<` or « retour »; else undefined. */
export function readControl(line: string, words: InterfaceWords): Reading | undefined {
  const said = plainWords(line);
  if (said === unknownSymbol || said === plainWords(words["ask.unknown"])) return { kind: "unknown" };
  if (said === backSymbol || said === plainWords(words["ask.back"])) return { kind: "back" };
  return undefined;
}

/**
 * A line read as an answer of a type (a medication list is asked entry by entry by the session,
 * not read from one line).
 */
export function readAnswer(answer: Exclude<AnswerType, { type: "medications" }>, line: string, words: InterfaceWords): Reading {
  const control = readControl(line, words);
  if (control) return control;
  switch (answer.type) {
    case "boolean":
      return readBoolean(line, words);
    case "enum": {
      const said = plainWords(line);
      const byNumber = /^\d+$/.test(said) ? answer.values[Number(said) - 1] : undefined;
      const value = byNumber ?? answer.values.find((v) => plainWords(v) === said);
      return value !== undefined
        ? { kind: "value", value }
        : { kind: "invalid", message: fillWords(words["ask.invalid.enum"], answer.values.length) };
    }
    case "quantity": {
      const value = readQuantity(line);
      return value !== undefined ? { kind: "value", value } : { kind: "invalid", message: words["ask.invalid.quantity"] };
    }
    case "date": {
      const said = line.trim();
      return /^\d{4}-\d{2}-\d{2}$/.test(said) ? { kind: "value", value: said } : { kind: "invalid", message: words["ask.invalid.date"] };
    }
    case "text":
      return { kind: "value", value: line.trim() };
    default:
      return assertNever(answer);
  }
}

/** « oui » or « non », or their first letter when the two differ. */
function readBoolean(line: string, words: InterfaceWords): Reading {
  const said = plainWords(line);
  const yes = plainWords(words["ask.yes"]);
  const no = plainWords(words["ask.no"]);
  const initials = yes[0] !== no[0];
  if (said === yes || (initials && said === yes[0])) return { kind: "value", value: true };
  if (said === no || (initials && said === no[0])) return { kind: "value", value: false };
  return { kind: "invalid", message: fillWords(words["ask.invalid.boolean"], words["ask.yes"], words["ask.no"]) };
}

/**
 * A quantity as typed: a number, in the fact's unit (`49000`), or followed by its UCUM unit
 * (`49 000 /mm3`, `49 10*9/L`, `0,5 g/d`). Thousands may be grouped by three with spaces, and
 * the decimal mark is a comma or a point. Gives the facts' JSON form (a bare number, or
 * `{value, unit}`), or undefined when the line is not a number.
 */
export function readQuantity(line: string): number | { value: number; unit: string } | undefined {
  const match = /^\s*([+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?)\s*(.*?)\s*$/u.exec(line);
  if (!match) return undefined;
  const [, digits = "", unit = ""] = match;
  const value = Number(digits.replace(/[ \u00a0\u202f]/gu, "").replace(",", "."));
  if (!Number.isFinite(value)) return undefined;
  return unit === "" ? value : { value, unit };
}
