import type { InterfaceWordKey } from "../interface-words/index.js";
import { anchorId } from "./anchors.js";
import { linkFor, type ViewContext } from "./view-context.js";
import type { TryPatientData } from "./view-types.js";

/** The interface words the form's script shows, by the name it reads them under. */
const formWordKeys = [
  "yes",
  "no",
  "unknown",
  "unit",
  "dateHint",
  "listKnown",
  "medication",
  "medicationName",
  "medicationDose",
  "medicationAtc",
  "add",
  "remove",
  "clear",
  "shareLabel",
  "report",
  "verdict",
  "readiness",
  "findings",
  "plan",
  "planDate",
  "relevant",
  "none",
  "fullText",
  "error",
  "badLink",
] as const;

/** The words of the plan's actions the book already has, by action. */
const actionWordKeys = { stop: "rulebook.action.stop", continue: "rulebook.action.continue", unknown: "rulebook.action.unknown" } as const;

/** The words of the readiness statuses the book already has, by status. */
const readinessWordKeys = {
  ready: "rulebook.readiness.ready",
  "not-ready": "rulebook.readiness.not-ready",
  unknown: "rulebook.readiness.unknown",
} as const;

/** The form's words: its own (`rulebook.try.*`), the plan's actions (`action.stop`…, the guideline's for a bridge and a referral) and the readiness statuses (`readiness.ready`…). */
function formWords(context: ViewContext): Record<string, string> {
  const words: Record<string, string> = {};
  for (const key of formWordKeys) words[key] = context.words[`rulebook.try.${key}` satisfies InterfaceWordKey];
  for (const [action, key] of Object.entries(actionWordKeys)) words[`action.${action}`] = context.words[key];
  // A bridge and a referral are worded by the guideline (the plan's `bridge-action` and `refer-action`).
  words["action.bridge"] = context.vocabulary.procedure("bridge-action");
  words["action.refer"] = context.vocabulary.procedure("refer-action");
  for (const [status, key] of Object.entries(readinessWordKeys)) words[`readiness.${status}`] = context.words[key];
  return words;
}

/** The data of the form, from the view context (see {@link TryPatientData}). */
export function tryPatientData(context: ViewContext): TryPatientData {
  const { model, vocabulary } = context;
  const valueLabels: Record<string, Record<string, string>> = {};
  for (const [path, labels] of vocabulary.valueLabels) valueLabels[path] = Object.fromEntries(labels);
  const links: Record<string, string> = {};
  for (const item of [...model.rules, ...model.information]) links[item.id] = linkFor(context, item.id).href;
  return {
    valueLabels,
    examples: Object.fromEntries(model.examples.map((example) => [anchorId("example", example.id), example.facts])),
    links,
    words: formWords(context),
  };
}
