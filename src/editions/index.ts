/**
 * Editions: the semantic and behavioural differences between two editions of a guideline,
 * starting a new edition and marking one current.
 * @packageDocumentation
 * @module guideline-kb/editions
 */
export { diffEditions, type Change, type EditionDiff, type RuleChange, type ThresholdChange } from "./semantic-diff.js";
export { changedSentenceSimilarity, diffSourceTexts, type SourceDocument, type SourceTextDiff } from "./source-diff.js";
export { behaviouralDiff, type BehaviourChange, type BehaviourDiff } from "./behavioural-diff.js";
export { renderDiffText } from "./render-diff.js";
export { generatePatients, seededRandom } from "./patient-corpus.js";
export { startNewEdition, type NewEdition } from "./new-edition.js";
export { editionsFileText, readEditionsFile, type EditionsFile } from "./editions-file.js";
export { planMarkCurrent, writeCurrentEdition, type MarkCurrentPlan } from "./mark-current.js";
export { previousEdition, type PreviousEdition } from "./previous-edition.js";
