/**
 * Editions: the semantic and behavioural differences between two editions of a guideline,
 * and starting a new edition.
 * @packageDocumentation
 * @module guideline-kb/editions
 */
export { diffEditions, type Change, type EditionDiff, type RuleChange } from "./semantic-diff.js";
export { behaviouralDiff, type BehaviourChange, type BehaviourDiff } from "./behavioural-diff.js";
export { renderDiffText } from "./render-diff.js";
export { generatePatients, seededRandom } from "./patient-corpus.js";
export { readEditionsFile, startNewEdition, type EditionsFile, type NewEdition } from "./new-edition.js";
