import { fillWords, type InterfaceWords } from "../interface-words/index.js";
import type { RulePack } from "../pack/pack-format.js";
import { readFactPath, writeFactPath } from "../pack/fact-path.js";
import { evaluateSync } from "../runtime/evaluate.js";
import { InvalidFactsError } from "../runtime/fact-errors.js";
import type { Report } from "../runtime/report.js";
import { assertNever } from "../shared/assert-never.js";
import { readAnswer, readControl, readQuantity } from "./ask-answer.js";
import { entryFieldPath, nextQuestion, type AnswerType, type Question } from "./ask-question.js";

/**
 * What the session waits for: the answer to a question, or, for a medication list, the name of
 * its entry `entry` (from 0) or that entry's dose.
 */
export type Prompt =
  | { readonly kind: "question"; readonly question: Question }
  | { readonly kind: "medication-name"; readonly question: Question; readonly entry: number }
  | { readonly kind: "medication-dose"; readonly question: Question; readonly entry: number; readonly name: string };

/** A line read, the end of the input (Ctrl-D), or an interruption (Ctrl-C). */
export type LineRead = { readonly kind: "line"; readonly text: string } | { readonly kind: "end" } | { readonly kind: "interrupt" };

/** How a session ended: nothing left can change the report; the input ended; Ctrl-C. */
export type SessionEnd = "settled" | "end-of-input" | "interrupted";

/** What a session gathered. */
export interface SessionResult {
  readonly end: SessionEnd;
  /** The facts known at the end: those given at the start and every answer kept. */
  readonly facts: Record<string, unknown>;
  /** `evaluateSync` of `facts`. */
  readonly report: Report;
  /** The paths of the questions asked, in order (a question asked again after « retour » is listed again). */
  readonly asked: readonly string[];
  /** The facts answered « je ne sais pas » and not taken back. */
  readonly unknown: readonly string[];
}

/** What a session needs: the pack, the facts to start from, a way to read a line and a way to write text. */
export interface SessionOptions {
  readonly pack: RulePack;
  /** Valid facts to start from (`{}` for none). */
  readonly facts: Record<string, unknown>;
  readonly words: InterfaceWords;
  /** Shows `promptText` and reads the next line; `prompt` says what the line answers. */
  readonly readLine: (prompt: Prompt, promptText: string) => Promise<LineRead>;
  /** Writes text as it is (the caller escapes it). */
  readonly write: (text: string) => void;
}

/** One step of the history, for « retour »: the question, and the state before its answer. */
interface Step {
  readonly path: string;
  readonly facts: Record<string, unknown>;
  readonly unknown: ReadonlySet<string>;
}

/** The outcome of one question: a value kept (with its facts and report), « je ne sais pas », « retour », or the end. */
type Outcome =
  | {
      readonly kind: "value";
      readonly facts: Record<string, unknown>;
      readonly report: Report;
      /** Facts answered « je ne sais pas » along the way (a treatment's dose, in a list). */
      readonly unknown?: readonly string[];
    }
  | { readonly kind: "unknown" }
  | { readonly kind: "back" }
  | { readonly kind: "end"; readonly end: "end-of-input" | "interrupted" };

const prompt = "> ";

/**
 * The questionnaire: asks, one at a time, the missing fact that matters most (see
 * `factsToAsk`), reads the answer in the fact's type, evaluates again with `evaluateSync` and
 * shows the headline; until no fact left to ask can change the report, the input ends, or it is
 * interrupted. « je ne sais pas » leaves a fact unknown for the rest of the session; « retour »
 * takes the previous answer back and asks its question again. An answer the pack refuses (a unit
 * it does not accept, a value out of range) is shown with its coded message, and the same
 * question is asked again.
 */
export async function runSession(options: SessionOptions): Promise<SessionResult> {
  const { pack, words, write } = options;
  let facts = structuredClone(options.facts);
  let report = evaluateSync(facts, pack);
  let unknown: ReadonlySet<string> = new Set<string>();
  const history: Step[] = [];
  const asked: string[] = [];
  const result = (end: SessionEnd): SessionResult => ({ end, facts, report, asked, unknown: [...unknown] });
  write(`${fillWords(words["ask.start"], pack.guideline.title, pack.guideline.edition, words["ask.unknown"], words["ask.back"])}\n`);
  write(`${fillWords(words["ask.now"], report.headline)}\n`);
  for (;;) {
    const excluded = new Set([...unknown, ...history.map((step) => step.path)]);
    const question = nextQuestion(report, pack, facts, excluded, words);
    if (!question) return result("settled");
    asked.push(question.path);
    write(`\n${questionText(question, history.length + 1, words)}`);
    const outcome = await ask(question, facts, options, history.length > 0);
    switch (outcome.kind) {
      case "end":
        return result(outcome.end);
      case "back": {
        const step = history.pop();
        if (step) ({ facts, unknown } = step);
        report = evaluateSync(facts, pack);
        break;
      }
      case "unknown":
        history.push({ path: question.path, facts, unknown });
        unknown = new Set([...unknown, question.path]);
        break;
      case "value":
        history.push({ path: question.path, facts, unknown });
        ({ facts, report } = outcome);
        if (outcome.unknown?.length) unknown = new Set([...unknown, ...outcome.unknown]);
        break;
      default:
        return assertNever(outcome);
    }
    write(`${fillWords(words["ask.now"], report.headline)}\n`);
  }
}

/** The question as shown: its number, label and path, the pack's description, and how to answer. */
function questionText(question: Question, number: number, words: InterfaceWords): string {
  const lines = [fillWords(words["ask.question"], number, question.label, question.path), `  ${question.description}`];
  lines.push(...expectedLines(question.answer, words).map((line) => `  ${line}`));
  return `${lines.join("\n")}\n`;
}

function expectedLines(answer: AnswerType, words: InterfaceWords): string[] {
  switch (answer.type) {
    case "boolean":
      return [fillWords(words["ask.expect.boolean"], words["ask.yes"], words["ask.no"])];
    case "enum":
      return [words["ask.expect.enum"], ...answer.values.map((value, i) => `  ${i + 1}. ${value}`)];
    case "quantity":
      return [
        answer.accepts
          ? fillWords(words["ask.expect.quantity"], answer.unit, answer.accepts.join(", "))
          : fillWords(words["ask.expect.quantityAnyUnit"], answer.unit),
      ];
    case "date":
      return [words["ask.expect.date"]];
    case "medications":
      return [answer.dose ? fillWords(words["ask.expect.medications"], answer.dose.unit) : words["ask.expect.medicationsWithoutDose"]];
    case "text":
      return [words["ask.expect.text"]];
    default:
      return assertNever(answer);
  }
}

/** Asks one question until its answer is understood and valid, or the input ends. */
async function ask(question: Question, facts: Record<string, unknown>, options: SessionOptions, canGoBack: boolean): Promise<Outcome> {
  const { answer } = question;
  for (;;) {
    const outcome =
      answer.type === "medications" ? await askList(question, answer, facts, options) : await askValue(question, answer, facts, options);
    if (outcome === undefined) continue;
    if (outcome.kind === "back" && !canGoBack) {
      options.write(`  ${options.words["ask.invalid.back"]}\n`);
      continue;
    }
    return outcome;
  }
}

/** One line for a question of one value: undefined when it must be asked again. */
async function askValue(
  question: Question,
  answer: Exclude<AnswerType, { type: "medications" }>,
  facts: Record<string, unknown>,
  options: SessionOptions,
): Promise<Outcome | undefined> {
  const line = await options.readLine({ kind: "question", question }, prompt);
  if (line.kind !== "line") return { kind: "end", end: line.kind === "end" ? "end-of-input" : "interrupted" };
  const reading = readAnswer(answer, line.text, options.words);
  switch (reading.kind) {
    case "unknown":
    case "back":
      return reading;
    case "invalid":
      options.write(`  ${reading.message}\n`);
      return undefined;
    case "value":
      return evaluated(withValue(facts, question.path, reading.value), options);
    default:
      return assertNever(reading);
  }
}

/**
 * A medication list, entry by entry: a name, then (when the list has a dose field) its dose, an
 * empty line to pass, `?` when it is not known; an empty name ends the list (at once: no
 * treatment). `?` or `<` in place of a name leaves the list unknown or goes back. Undefined when
 * the list is refused and must be asked again.
 */
async function askList(
  question: Question,
  answer: Extract<AnswerType, { type: "medications" }>,
  facts: Record<string, unknown>,
  options: SessionOptions,
): Promise<Outcome | undefined> {
  const { words, write } = options;
  const entries: Record<string, unknown>[] = [];
  const unknownDoses: string[] = [];
  for (;;) {
    const entry = entries.length;
    const name = await options.readLine(
      { kind: "medication-name", question, entry },
      `${fillWords(words["ask.prompt.name"], entry + 1)} ${prompt}`,
    );
    if (name.kind !== "line") return { kind: "end", end: name.kind === "end" ? "end-of-input" : "interrupted" };
    // « je ne sais pas » leaves the whole list unknown (a list known in part would say there is nothing more).
    const control = readControl(name.text, words);
    if (control?.kind === "unknown" || control?.kind === "back") return control;
    if (name.text.trim() === "") {
      const outcome = evaluated(withValue(facts, question.path, entries), options);
      return outcome?.kind === "value" ? { ...outcome, unknown: unknownDoses } : outcome;
    }
    const given = name.text.trim();
    if (!answer.dose) {
      entries.push({ name: given });
      continue;
    }
    for (;;) {
      const dose = await options.readLine(
        { kind: "medication-dose", question, entry, name: given },
        `${fillWords(words["ask.prompt.dose"], given, answer.dose.unit)} ${prompt}`,
      );
      if (dose.kind !== "line") return { kind: "end", end: dose.kind === "end" ? "end-of-input" : "interrupted" };
      // An empty line: the dose is not given (asked later if it matters); « je ne sais pas »: not
      // known, and never asked; « retour » goes back to the previous question.
      const control = readControl(dose.text, words);
      if (control?.kind === "back") return control;
      const known = dose.text.trim() !== "" && control === undefined;
      const value = known ? readQuantity(dose.text) : undefined;
      if (known && value === undefined) {
        write(`  ${words["ask.invalid.quantity"]}\n`);
        continue;
      }
      const candidate = { name: given, ...(value !== undefined ? { [answer.dose.field]: value } : {}) };
      if (evaluated(withValue(facts, question.path, [...entries, candidate]), options) === undefined) continue;
      entries.push(candidate);
      if (control?.kind === "unknown") unknownDoses.push(`${question.path}[${entry}].${answer.dose.field}`);
      break;
    }
  }
}

/** The facts with one more value, at a fact path or at a field of a list entry (`medications[0].dailyDoseMg`). */
function withValue(facts: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(facts);
  const entry = entryFieldPath(path);
  if (entry) {
    const entries = readFactPath(copy, entry.list);
    const target = Array.isArray(entries) ? (entries[entry.index] as Record<string, unknown> | undefined) : undefined;
    if (target) target[entry.field] = value;
    return copy;
  }
  writeFactPath(copy, path, value);
  return copy;
}

/** The facts evaluated; refused ones (the same checks as `evaluate`) are shown with their codes, and give undefined. */
function evaluated(facts: Record<string, unknown>, options: SessionOptions): Outcome | undefined {
  try {
    return { kind: "value", facts, report: evaluateSync(facts, options.pack) };
  } catch (error) {
    if (!(error instanceof InvalidFactsError)) throw error;
    options.write(`  ${options.words["ask.invalid.facts"]}\n`);
    for (const e of error.errors) options.write(`    ${e.code} ${e.message}${e.hint ? ` — ${e.hint}` : ""}\n`);
    return undefined;
  }
}
