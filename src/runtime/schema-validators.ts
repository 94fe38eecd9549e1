import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";
import type { RulePack } from "../pack/pack-format.js";
import { packSchema, schemaValidatorOptions } from "../pack/pack-schema.js";
import { packFileHash, packSchemaHash, validatorFiles } from "../pack/standalone-validators.js";

/**
 * The validators of a pack's two schemas: generated at compile time for a bundled pack (ajv's
 * standalone code, in `generated/<year>/`), compiled by ajv at load time for any other pack.
 * ajv is loaded only when a schema has to be compiled.
 */

const require = createRequire(import.meta.url);

/** A validator, compiled or standalone: true when the data is valid, else its `errors` say why. */
export type SchemaValidator = ValidateFunction;

/** A schema compiled by ajv, with the options the compiler gives the standalone validators. */
export function compileSchema(schema: object): SchemaValidator {
  const { Ajv2020: Ajv } = require("ajv/dist/2020.js") as { Ajv2020: typeof Ajv2020 };
  return new Ajv(schemaValidatorOptions).compile(schema);
}

/** `sha256:` of this code's pack schema, worked out once. */
let thisPackSchema: string | undefined;

/** A CommonJS module of the package's own `generated/` folder, or undefined when it is missing or does not load. */
function requireGenerated(file: string): unknown {
  try {
    return require(file);
  } catch {
    return undefined;
  }
}

/** Pack data read from a bundled file whose text is the compiler's output → its standalone facts validator. */
const bundled = new WeakMap<object, SchemaValidator>();

/**
 * Ties the standalone facts validator beside a bundled pack file to `data`, the pack parsed
 * from `text`, when that validator was generated with a file of exactly this text (it exports
 * the text's hash as `packFile`). The pack is then the compiler's output byte for byte: the
 * compiler checked it against the pack schema and stamped its integrity, so `loadPack` does
 * neither again. Otherwise (a file missing, stale or edited) nothing is tied, and the pack is
 * checked as any other. Returns whether it was tied.
 * @internal Called by `readPack` for a file in the package's own `generated/` folder only: the
 * validator is code, trusted as the package's code is.
 */
export function tieBundledValidators(data: object, file: string, text: string): boolean {
  const facts = requireGenerated(join(dirname(file), validatorFiles.facts)) as (SchemaValidator & { packFile?: unknown }) | undefined;
  if (typeof facts !== "function" || facts.packFile !== packFileHash(text)) return false;
  bundled.set(data, facts);
  return true;
}

/** Whether `data` was read from a bundled file that is the compiler's output byte for byte (see {@link tieBundledValidators}). */
export function isCompilerOutput(data: object): boolean {
  return bundled.has(data);
}

let packValidator: SchemaValidator | undefined;

/**
 * The validator of the pack schema, made once: the standalone one generated beside a bundled
 * pack in `folder` (the current edition's) when it checks this code's pack schema (it exports
 * the schema's hash as `packSchema`), else compiled by ajv.
 */
export function packValidatorFrom(folder: () => string | undefined): SchemaValidator {
  if (!packValidator) {
    const where = folder();
    const standalone =
      where === undefined
        ? undefined
        : (requireGenerated(join(where, validatorFiles.pack)) as (SchemaValidator & { packSchema?: unknown }) | undefined);
    thisPackSchema ??= packSchemaHash();
    packValidator = typeof standalone === "function" && standalone.packSchema === thisPackSchema ? standalone : compileSchema(packSchema);
  }
  return packValidator;
}

const factsValidators = new WeakMap<RulePack, SchemaValidator>();

/**
 * The validator of a pack's facts schema, made once per pack: the bundled pack's standalone
 * one, else compiled by ajv (which throws when the schema does not compile).
 */
export function factsValidatorFor(pack: RulePack): SchemaValidator {
  let validate = factsValidators.get(pack);
  if (!validate) {
    validate = bundled.get(pack) ?? compileSchema(pack.factsSchema);
    factsValidators.set(pack, validate);
  }
  return validate;
}
