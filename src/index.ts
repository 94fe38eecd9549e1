/**
 * guideline-kb: clinical practice guidelines as checked, traceable rules.
 * This entry point exposes the runtime; the compiler and the language are at
 * `guideline-kb/compiler` and `guideline-kb/dsl`.
 * @packageDocumentation
 * @module guideline-kb
 */
export * from "./runtime/index.js";
