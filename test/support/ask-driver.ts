/**
 * Reading a transcript of `guideline ask` as a user does: which prompt is waiting (the question
 * whose header came last, or the name or dose of a treatment), and the line a user who knows a
 * patient's facts types there (`answerFromFacts`). The prompts are recognised from the interface
 * words, so a change of wording does not break the tests; nothing of the guideline is written here.
 */
import { answerFromFacts } from "../../src/cli/ask-replay.js";
import type { Prompt } from "../../src/cli/ask-session.js";
import type { AnswerType } from "../../src/cli/ask-question.js";
import { fillWords, interfaceWords } from "../../src/interface-words/index.js";
import type { RulePack } from "../../src/pack/pack-format.js";

export const words = interfaceWords("fr");

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A regular expression for an interface word, its `{0}`, `{1}`… matching anything (captured). */
function wordPattern(template: string): string {
  return template
    .split(/\{\d+\}/)
    .map(escapeRegExp)
    .join("(.+?)");
}

const questionLine = new RegExp(`^${wordPattern(words["ask.question"])}$`, "gm");
const namePrompt = new RegExp(`${wordPattern(words["ask.prompt.name"])} > ?$`);
const dosePrompt = new RegExp(`${wordPattern(words["ask.prompt.dose"])} > ?$`);

/** Every question header of a transcript: its number and fact path, in order. */
export function questionsOf(transcript: string): { number: number; path: string }[] {
  return [...transcript.matchAll(questionLine)].map((m) => ({ number: Number(m[1]), path: m[3] ?? "" }));
}

/** The prompt a transcript ends on, or undefined when it does not end on one. */
export function waitingPrompt(transcript: string, pack: RulePack): Prompt | undefined {
  const lines = transcript.replace(/\s+$/, " ").split("\n");
  const last = lines[lines.length - 1]?.trimEnd() ?? "";
  if (!last.endsWith(">")) return undefined;
  const path = questionsOf(transcript).at(-1)?.path;
  if (path === undefined) return undefined;
  const fact = pack.facts.find((f) => f.path === path);
  const answer: AnswerType =
    fact?.type === "medications" ? { type: "medications", ...(fact.dose ? { dose: fact.dose } : {}) } : { type: "text" };
  const question = { path, label: "", description: "", answer };
  if (last === ">") return { kind: "question", question };
  const name = namePrompt.exec(last);
  if (name) return { kind: "medication-name", question, entry: Number(name[1]) - 1 };
  if (dosePrompt.test(last)) {
    const names = [...transcript.matchAll(new RegExp(namePrompt.source.replace(/\$$/, ""), "g"))];
    return { kind: "medication-dose", question, entry: Number(names.at(-1)?.[1] ?? 1) - 1, name: "" };
  }
  return undefined;
}

/** The line a user who knows `patient`'s facts types at the prompt a transcript ends on. */
export function answerFor(transcript: string, pack: RulePack, patient: unknown): string | undefined {
  const prompt = waitingPrompt(transcript, pack);
  return prompt && answerFromFacts(patient, prompt, words);
}

/** The text report's conclusion line for a verdict, as `renderReportText` writes it. */
export function conclusionLine(label: string, verdict: string): string {
  return fillWords(words["report.conclusion"], label, verdict);
}
