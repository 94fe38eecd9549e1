import { fillWords, type InterfaceWords } from "../interface-words/index.js";
import type { PackFact, RulePack } from "../pack/pack-format.js";
import { readFactPath } from "../pack/fact-path.js";
import type { Report } from "../runtime/report.js";
import { assertNever } from "../shared/assert-never.js";

/** What an answer to a question is: the fact's own type, as the pack declares it. */
export type AnswerType =
  | { readonly type: "boolean" }
  | { readonly type: "enum"; readonly values: readonly string[] }
  | { readonly type: "quantity"; readonly unit: string; readonly accepts?: readonly string[] }
  | { readonly type: "date" }
  | { readonly type: "medications"; readonly dose?: { readonly field: string; readonly unit: string } }
  | { readonly type: "text" };

/** One question of the questionnaire: a missing fact, with the pack's label and description. */
export interface Question {
  /** The fact path the answer fills (`labs.count`, `list[0].dose`). */
  readonly path: string;
  readonly label: string;
  readonly description: string;
  readonly answer: AnswerType;
}

/**
 * The missing facts that matter, in the order to ask them: those that can change the verdict,
 * then readiness and the plan, then the recommendations, each list ranked as `report.relevant`
 * ranks it (as the text report's « À renseigner en priorité » shows them). When the verdict is
 * left `incomplete` although no missing fact can change it (every completion gives one outcome),
 * the facts of `verdictMissing` come last: knowing them states that outcome.
 */
export function factsToAsk(report: Report): readonly string[] {
  const { relevant } = report;
  const paths = [
    ...relevant.verdict.map((f) => f.path),
    ...relevant.readiness.map((f) => f.path),
    ...relevant.plan.flatMap((entry) => entry.facts.map((f) => f.path)),
    ...relevant.recommendations.flatMap((r) => r.facts.map((f) => f.path)),
    ...(report.verdict === "incomplete" && relevant.verdict.length === 0 ? report.verdictMissing : []),
  ];
  return [...new Set(paths)];
}

/**
 * The next question: the first fact of {@link factsToAsk} that is not in `excluded` (asked
 * already, or left unknown), or undefined when none is left.
 */
export function nextQuestion(
  report: Report,
  pack: RulePack,
  facts: unknown,
  excluded: ReadonlySet<string>,
  words: InterfaceWords,
): Question | undefined {
  for (const path of factsToAsk(report)) {
    if (excluded.has(path)) continue;
    const question = questionOf(path, pack, facts, words);
    if (question) return question;
  }
  return undefined;
}

/** The parts of the path of a field of a list entry (`medications[0].dailyDoseMg`), or undefined for another path. */
export function entryFieldPath(path: string): { readonly list: string; readonly index: number; readonly field: string } | undefined {
  const match = /^(.+)\[(\d+)\]\.([^.[\]]+)$/.exec(path);
  if (!match) return undefined;
  const [, list = "", index = "", field = ""] = match;
  return { list, index: Number(index), field };
}

/** A list entry's field (`medications[0].dailyDoseMg`), or undefined when the list or the entry is not there. */
export function readEntryField(facts: unknown, path: { readonly list: string; readonly index: number; readonly field: string }): unknown {
  const entries = readFactPath(facts, path.list);
  return Array.isArray(entries) ? (entries[path.index] as Record<string, unknown> | undefined)?.[path.field] : undefined;
}

/** The label a question about a fact shows (a fact's label; for a dose, the list's label and the drug), or the path itself. */
export function questionLabel(path: string, pack: RulePack, facts: unknown, words: InterfaceWords): string {
  return questionOf(path, pack, facts, words)?.label ?? path;
}

/** A fact of the pack by its path, or a field of one entry of a list (`medications[0].dailyDoseMg`). */
function questionOf(path: string, pack: RulePack, facts: unknown, words: InterfaceWords): Question | undefined {
  const fact = pack.facts.find((f) => f.path === path);
  if (fact) return { path, label: fact.label, description: fact.description, answer: answerTypeOf(fact) };
  const entry = entryFieldPath(path);
  if (!entry) return undefined;
  const list = pack.facts.find((f) => f.path === entry.list);
  if (list?.type !== "medications") return undefined;
  const given = readEntryField(facts, { ...entry, field: "name" });
  const name = typeof given === "string" ? given : `${entry.list}[${entry.index}]`;
  if (list.dose?.field === entry.field)
    return {
      path,
      label: fillWords(words["ask.entryDose"], list.label, name),
      description: list.description,
      answer: { type: "quantity", unit: list.dose.unit },
    };
  const label = fillWords(words["ask.entryField"], list.label, entry.field, name);
  const answer: AnswerType = { type: "text" };
  return { path, label, description: list.description, answer };
}

function answerTypeOf(fact: PackFact): AnswerType {
  switch (fact.type) {
    case "boolean":
    case "date":
      return { type: fact.type };
    case "enum":
      return { type: "enum", values: fact.values };
    case "quantity":
      return { type: "quantity", unit: fact.unit, ...(fact.accepts ? { accepts: fact.accepts } : {}) };
    case "medications":
      return { type: "medications", ...(fact.dose ? { dose: fact.dose } : {}) };
    default:
      return assertNever(fact);
  }
}
