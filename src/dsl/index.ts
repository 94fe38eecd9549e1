/**
 * The guideline language: tokens, grammar, the typed AST and its formatter.
 * @packageDocumentation
 * @module guideline-kb/dsl
 */
export { maximumNesting, parseGuideline, type ParseResult } from "./parse.js";
export { guidelineLexer, allTokens } from "./tokens.js";
export { normaliseNumber } from "./parse-number.js";
export { formatGuideline, type FormatResult } from "./format.js";
export type * from "./ast.js";
