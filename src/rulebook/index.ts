/**
 * The reviewers' rulebook: one HTML page per edition, built from the checked guideline, its worked
 * examples and its changes since the previous edition. It is a stage above the compiler, the
 * examples and the editions, and nothing below imports it.
 * @packageDocumentation
 * @module guideline-kb/rulebook
 */
export { buildRulebook, rulebookOutputName, withRulebook } from "./render-rulebook.js";
