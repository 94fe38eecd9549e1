/**
 * The compiler: check guideline sources and lower them to a rule pack, a facts schema,
 * and facts types (the reviewers' rulebook is at `guideline-kb/rulebook`). Every pass is exported so tools and tests can stop after any of them.
 * @packageDocumentation
 * @module guideline-kb/compiler
 */
export {
  compileGuideline,
  compilerVersion,
  type CompileHost,
  type CompileOptions,
  type CompileResult,
  type SourceDocumentRefusal,
  type SourceInput,
} from "./compile.js";
export type { InvalidUtf8 } from "../io/decode-utf8.js";
export { checkGuideline, type CheckResult } from "./check/check.js";
export { loadSources, type LoadedSources } from "./load-sources.js";
export { lowerRules } from "./lower/lower-rules.js";
export { analyseGuideline, consistencyReport, type AnalysisOptions } from "./analyse/analyse.js";
export type * from "./analyse/report.js";
export { orderRules } from "./order-rules.js";
export { lowerFactsSchema, type Schema as JsonSchema } from "./lower/lower-schema.js";
export { lowerFactsTypes } from "./lower/lower-types.js";
export { checkQuotes, normaliseForQuotes, type Coverage, type QuotedSources, type SourceSentence } from "./check/provenance.js";
export type * from "./model.js";
export type { CodeSystemName } from "../pack/code-systems.js";
