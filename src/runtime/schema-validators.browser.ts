import type { ValidateFunction } from "ajv/dist/2020.js";
import { InvalidPackError } from "../pack/invalid-pack-error.js";
import type { RulePack } from "../pack/pack-format.js";

/**
 * The browser build's `schema-validators.ts` (the bundler puts it in its place; see
 * `tools/build-browser-runtime.mjs`). A browser page cannot compile a schema into a validator
 * under a strict Content-Security-Policy (ajv generates code), so a pack is loaded with the
 * standalone facts validator the compiler generated for it (`generated/<year>/facts.validate.cjs`),
 * which is code, bundled by the application with the runtime; see `loadPackText` in
 * `load-pack.browser.ts`.
 */

/** A facts validator, as the compiler generates it: `packFile` is the hash of the pack file it was generated with. */
export type SchemaValidator = ValidateFunction & { readonly packFile?: unknown };

const factsValidators = new WeakMap<object, SchemaValidator>();

/** Ties a pack to its standalone facts validator. */
export function tieFactsValidator(pack: object, validate: SchemaValidator): void {
  factsValidators.set(pack, validate);
}

/** The facts validator tied to a pack by `loadPackText`. */
export function factsValidatorFor(pack: RulePack): SchemaValidator {
  const validate = factsValidators.get(pack);
  if (!validate) throw new InvalidPackError("in a browser a pack is loaded with `loadPackText`, with the facts validator generated for it");
  return validate;
}
