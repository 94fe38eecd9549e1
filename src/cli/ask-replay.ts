import type { InterfaceWords } from "../interface-words/index.js";
import { readFactPath } from "../pack/fact-path.js";
import { assertNever } from "../shared/assert-never.js";
import { unknownSymbol } from "./ask-answer.js";
import type { Prompt } from "./ask-session.js";
import { entryFieldPath, readEntryField } from "./ask-question.js";

/**
 * The line a user who knows `patient`'s facts types at a prompt of the questionnaire: the value
 * in the form the session reads (« oui »/« non », an enumeration's value, a quantity with its
 * unit, a date, each treatment's name and dose), `?` for a fact the patient lacks, an empty line
 * after the last treatment. For measuring the questionnaire on generated patients, and for its
 * tests.
 */
export function answerFromFacts(patient: unknown, prompt: Prompt, words: InterfaceWords): string {
  switch (prompt.kind) {
    case "question":
      return lineOf(valueAt(patient, prompt.question.path), words);
    case "medication-name": {
      const list = readFactPath(patient, prompt.question.path);
      if (!Array.isArray(list)) return unknownSymbol;
      const entry = list[prompt.entry] as { name?: unknown } | undefined;
      return typeof entry?.name === "string" ? entry.name : "";
    }
    case "medication-dose": {
      const field = prompt.question.answer.type === "medications" ? prompt.question.answer.dose?.field : undefined;
      const dose = field === undefined ? undefined : readEntryField(patient, { list: prompt.question.path, index: prompt.entry, field });
      return dose === undefined || dose === null ? "" : lineOf(dose, words);
    }
    default:
      return assertNever(prompt);
  }
}

/** The value at a fact path, or at a field of a list entry (`medications[0].dailyDoseMg`). */
function valueAt(patient: unknown, path: string): unknown {
  const entry = entryFieldPath(path);
  return entry ? readEntryField(patient, entry) : readFactPath(patient, path);
}

function lineOf(value: unknown, words: InterfaceWords): string {
  if (value === undefined || value === null) return unknownSymbol;
  if (typeof value === "boolean") return value ? words["ask.yes"] : words["ask.no"];
  if (typeof value === "object" && "value" in value && "unit" in value) return `${String(value.value)} ${String(value.unit)}`;
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}
