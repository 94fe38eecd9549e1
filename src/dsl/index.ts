/**
 * The guideline language: tokens, grammar and the typed AST.
 * @packageDocumentation
 */
export { parseGuideline, type ParseResult } from "./parse.js";
export { guidelineLexer, allTokens } from "./tokens.js";
export { normaliseNumber } from "./parse-number.js";
export type * from "./ast.js";
