import { sha256Hex } from "./pack-crypto.js";
import { packSchema } from "./pack-schema.js";

/**
 * The file names of a bundled pack's standalone ajv validators, beside the pack in its folder
 * (`generated/<year>/`): the validator of the pack schema and that of the pack's facts schema.
 * They are CommonJS so that the runtime loads them synchronously (`readPack` and
 * `validateFacts` are synchronous, and Node 20 cannot `require` an ES module).
 * @internal Shared by the compiler, which writes them, and the runtime, which loads them.
 */
export const validatorFiles = { pack: "pack.validate.cjs", facts: "facts.validate.cjs" } as const;

/**
 * `sha256:` of this code's pack schema. The standalone pack validator exports it as
 * `packSchema`: a runtime whose pack schema differs compiles its own instead of using it.
 * @internal Shared by the compiler and the runtime.
 */
export function packSchemaHash(): string {
  return `sha256:${sha256Hex(JSON.stringify(packSchema))}`;
}

/**
 * `sha256:` of a pack file's text. The standalone facts validator exports it as `packFile`:
 * it is used only with the very pack it was generated with.
 * @internal Shared by the compiler and the runtime.
 */
export function packFileHash(text: string): string {
  return `sha256:${sha256Hex(text)}`;
}
