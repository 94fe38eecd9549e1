/**
 * The compiler: check guideline sources and lower them to a rule pack, a facts schema and
 * facts types. Every pass is exported so tools and tests can stop after any of them.
 * @packageDocumentation
 */
export { compileGuideline, compilerVersion, type CompileHost, type CompileResult, type SourceInput } from "./compile.js";
export { checkGuideline, type CheckResult } from "./check.js";
export { loadSources, type LoadedSources } from "./load-sources.js";
export { lowerRules } from "./lower-rules.js";
export { lowerFactsSchema } from "./lower-schema.js";
export { lowerFactsTypes } from "./lower-types.js";
export { checkQuotes, normaliseForQuotes } from "./provenance.js";
export type * from "./model.js";
