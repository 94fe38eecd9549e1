import { InvalidPackError } from "../pack/invalid-pack-error.js";
import { packFormatVersion, type RulePack } from "../pack/pack-format.js";
import { compatibleCompiler } from "../pack/pack-integrity.js";
import { packFileHash } from "../pack/standalone-validators.js";
import { trustAsCode } from "../pack/trust.js";
import { deepFreeze } from "./freeze.js";
import { runtimeLimits } from "./limits.js";
import { tieFactsValidator, type SchemaValidator } from "./schema-validators.browser.js";

/**
 * The browser build's `load-pack.ts` (the bundler puts it in its place; see
 * `tools/build-browser-runtime.mjs`): no file system, no `node:crypto`. A pack is given as the
 * text of its `pack.json` with the standalone facts validator the compiler generated beside it.
 * That validator is code the application bundles, and it holds the SHA-256 of the very pack
 * file it was generated with (`packFile`): a pack text with that hash is the compiler's output
 * byte for byte, pinned by code, and trusted as the code is (as the Node runtime trusts the
 * packs of its own `generated/` folder). Any other text is refused: a pack is code.
 */

/** The version of this runtime, written into the bundle by the build (`define`). */
declare const __GUIDELINE_KB_VERSION__: string;

const checked = new WeakSet();

/**
 * Reads a pack from the text of its `pack.json` and the facts validator generated with it
 * (`facts.validate.cjs`, imported by the application's bundler). Throws {@link InvalidPackError}
 * when the text is over the size limit (`GL5050`), is not the file the validator was generated
 * with, is not JSON, or was compiled for another runtime or format. Returns the pack, deep-frozen.
 */
export function loadPackText(text: string, factsValidator: SchemaValidator): RulePack {
  if (new TextEncoder().encode(text).length > runtimeLimits.packBytes)
    throw new InvalidPackError({ code: "GL5050", args: ["pack.json", runtimeLimits.packBytes] });
  if (typeof factsValidator !== "function" || factsValidator.packFile !== packFileHash(text))
    throw new InvalidPackError(
      "its text is not the pack file its facts validator was generated with: give the `pack.json` and the `facts.validate.cjs` of one compilation",
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidPackError(`pack.json is not JSON: ${(error as Error).message}`);
  }
  if (data === null || typeof data !== "object") throw new InvalidPackError("pack.json is not a JSON object");
  const pack = data as RulePack;
  if (pack.format !== packFormatVersion)
    throw new InvalidPackError(
      `it has format ${pack.format}; this runtime reads format ${packFormatVersion}: recompile it with \`guideline compile\``,
    );
  if (!compatibleCompiler(pack.compiler.version, __GUIDELINE_KB_VERSION__))
    throw new InvalidPackError(
      `it was compiled by ${pack.compiler.name} ${pack.compiler.version}, which this runtime (${__GUIDELINE_KB_VERSION__}) cannot run: recompile it with \`guideline compile\``,
    );
  trustAsCode(pack);
  tieFactsValidator(pack, factsValidator);
  deepFreeze(pack);
  checked.add(pack);
  return pack;
}

/** A pack loaded by {@link loadPackText}; anything else is refused (a browser cannot check a pack without its validator). */
export function loadPack(data: unknown): RulePack {
  if (typeof data === "object" && data !== null && checked.has(data)) return data as RulePack;
  throw new InvalidPackError("in a browser a pack is loaded with `loadPackText`, with the facts validator generated for it");
}

/** No pack is bundled with the browser runtime: every evaluation names its pack. */
export function defaultPack(): RulePack {
  throw new InvalidPackError("the browser runtime has no bundled pack: load one with `loadPackText` and pass it to `evaluate`");
}
