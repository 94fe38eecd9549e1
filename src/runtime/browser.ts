/**
 * The runtime for a browser (or any JavaScript engine without Node): the same evaluation as
 * the Node runtime, from the same modules, bundled by `tools/build-browser-runtime.mjs`
 * (`npm run build:browser`), which puts a browser module in the place of each module that needs
 * Node (`load-pack`, `schema-validators`, `pack-crypto`, `ucum`, `engine-pool`): the bundle
 * imports no `node:` module, runs no generated code (no `eval`, no `new Function`) and carries
 * no UCUM library and no json-rules-engine.
 *
 * A pack is loaded from the text of its `pack.json` and the facts validator generated with it
 * (`facts.validate.cjs`), which pins the pack by its hash: see {@link loadPackText}. Then
 * `evaluateSync(facts, pack)` (or `evaluate`) gives the report the Node runtime gives.
 * Differences, each refused with an error rather than answered otherwise: a unit outside the
 * pack's conversion table unless the page hands over the UCUM library (`useUcum`; the Node
 * runtime loads it itself), the `json-rules-engine` engine, and a pack without its generated
 * validator.
 * @packageDocumentation
 * @module guideline-kb/runtime/browser
 */
export { evaluate, evaluateSync, subtractHours, type EvaluateOptions, type EvaluateSyncOptions } from "./evaluate.js";
export { loadPackText } from "./load-pack.browser.js";
export { useUcum } from "../units/ucum.browser.js";
export type { UcumUtils } from "../units/ucum-conversion.js";
export { compactReport, expandReport, type CompactItem, type CompactPlanEntry, type CompactReport } from "./compact-report.js";
export { InvalidFactsError, type FactError } from "./fact-errors.js";
export { InvalidPackError, type PackErrorCode } from "../pack/invalid-pack-error.js";
export { runtimeLimits, type RuntimeLimits } from "./limits.js";
export { escapeLine, escapeText } from "./escape-text.js";
export { renderReportText } from "./render-report.js";
export type * from "../pack/pack-format.js";
export type * from "./report.js";
