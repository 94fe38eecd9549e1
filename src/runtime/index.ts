/**
 * The runtime: load a rule pack, validate facts, evaluate, report. It imports no parser or
 * compiler: an application that evaluates loads the pack, ajv, json-rules-engine and UCUM only.
 * `evaluate` runs the pack's rules compiled to closures by default, and on a stock
 * json-rules-engine Engine with `{ engine: "json-rules-engine" }`; `evaluateSync` is the
 * synchronous form of the default.
 * @packageDocumentation
 * @module guideline-kb/runtime
 */
export {
  engineNames,
  evaluate,
  evaluateSync,
  subtractHours,
  type EngineName,
  type EvaluateOptions,
  type EvaluateSyncOptions,
} from "./evaluate.js";
export { compactReport, expandReport, type CompactItem, type CompactPlanEntry, type CompactReport } from "./compact-report.js";
export { InvalidFactsError, type FactError } from "./fact-errors.js";
export { InvalidPackError, type PackErrorCode } from "../pack/invalid-pack-error.js";
export {
  bundledEditions,
  defaultPack,
  editionPack,
  editionPackUrl,
  generatedUrl,
  loadPack,
  readPack,
  type EditionsIndex,
  type LoadPackOptions,
} from "./load-pack.js";
export { signPack, parseSignature, verifyPackSignature, signatureFormat, type PackSignature } from "../pack/pack-signature.js";
export { runtimeLimits, type RuntimeLimits } from "./limits.js";
export { escapeLine, escapeText } from "./escape-text.js";
export { createEngine } from "./engine-pool.js";
export { renderReportText } from "./render-report.js";
export { validateFacts } from "./validate-facts.js";
export type * from "../pack/pack-format.js";
export type { ComparisonOperator } from "../pack/comparison-operator.js";
export type * from "./report.js";
export type { PlanReason, PlanWordingKey, ProcedureWordingKey } from "../pack/drug-names.js";
