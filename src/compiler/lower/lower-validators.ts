import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import standalone from "ajv/dist/standalone/index.js";
import type { RulePack } from "../../pack/pack-format.js";
import { packSchema, schemaValidatorOptions } from "../../pack/pack-schema.js";
import { packFileHash, packSchemaHash, validatorFiles } from "../../pack/standalone-validators.js";

/** A schema compiled by ajv and its validator as a CommonJS module (ajv's standalone code). */
interface Standalone {
  readonly validate: ValidateFunction;
  readonly code: string;
}

function standaloneOf(schema: object): Standalone {
  const ajv = new Ajv2020({ ...schemaValidatorOptions, code: { source: true, lines: true } });
  const validate = ajv.compile(schema);
  // ajv's standalone module is CommonJS: its function is both the module and its `default`.
  return { validate, code: standalone.default(ajv, validate) };
}

/** The module with the banner on top and `exports` added at the end. */
function moduleText(code: string, banner: string, exports: Readonly<Record<string, string>>): string {
  const extra = Object.entries(exports).map(([name, value]) => `module.exports.${name} = ${JSON.stringify(value)};\n`);
  return `// ${banner}\n${code}\n${extra.join("")}`;
}

// Compiling a schema and generating its code takes tens of milliseconds, and the compiler runs
// many times in one process (tests, mutants) on the same schemas: each is made once.
let packStandalone: Standalone | undefined;
const factsStandalone = new Map<string, string>();
const factsStandaloneLimit = 16;

function factsCode(schema: object): string {
  const key = JSON.stringify(schema);
  let code = factsStandalone.get(key);
  if (code === undefined) {
    if (factsStandalone.size >= factsStandaloneLimit) factsStandalone.clear();
    code = standaloneOf(schema).code;
    factsStandalone.set(key, code);
  }
  return code;
}

/**
 * The standalone ajv validators of a pack, generated at compile time so that loading a pack
 * compiles no schema, by file name (see `validatorFiles`): the validator of the pack schema,
 * exporting `packSchema` (the hash of the schema it checks), and the validator of the pack's
 * facts schema, exporting `packFile` (the hash of the pack file's text, so that it is used only
 * with that pack). The pack is checked against the pack schema here, once: the runtime does not
 * check again a bundled pack whose text is this one. Deterministic: the same pack gives the
 * same files.
 */
export function lowerValidators(pack: RulePack, packText: string, banner: string): ReadonlyMap<string, string> {
  packStandalone ??= standaloneOf(packSchema);
  const { validate } = packStandalone;
  if (!validate(pack)) throw new Error(`the compiler wrote a pack its schema refuses: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  return new Map([
    [validatorFiles.pack, moduleText(packStandalone.code, banner, { packSchema: packSchemaHash() })],
    [validatorFiles.facts, moduleText(factsCode(pack.factsSchema), banner, { packFile: packFileHash(packText) })],
  ]);
}
