/**
 * Editions: the semantic and behavioural differences between two editions of a guideline.
 * @packageDocumentation
 */
export { diffEditions, type Change, type EditionDiff, type RuleChange } from "./semantic-diff.js";
export { behaviouralDiff, type BehaviourChange, type BehaviourDiff } from "./behavioural-diff.js";
export { renderDiffText } from "./render-diff.js";
export { generatePatients, seededRandom } from "./patient-corpus.js";
