import { readFileSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { InvalidPackError } from "../pack/invalid-pack-error.js";
import { jsonPointerSegments } from "./fact-errors.js";
import { isTrustedAsCode, trustAsCode } from "../pack/trust.js";
import { packFormatVersion, type RulePack } from "../pack/pack-format.js";
import { compatibleCompiler, packIntegrity } from "../pack/pack-integrity.js";
import { deepFreeze, nestsDeeperThan } from "./freeze.js";
import { runtimeLimits } from "./limits.js";
import { readTextAtMost } from "./read-bounded.js";
import { parseSignature, verifyPackSignature } from "../pack/pack-signature.js";
import { factsValidatorFor, isCompilerOutput, packValidatorFrom, tieBundledValidators } from "./schema-validators.js";

/** This runtime's version, checked against the compiler version recorded in a pack. */
export const runtimeVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string })
  .version;

const checked = new WeakSet();

/**
 * How `loadPack` and `readPack` decide to trust a pack that is not bundled with the package.
 * Give `signature` and `trustedKeys`, or opt out with `allowUnsigned: true`.
 */
export interface LoadPackOptions {
  /** The pack's detached signature: the content of `pack.json.sig`, as text or parsed JSON. `readPack` reads `<file>.sig` when it is not given. */
  readonly signature?: unknown;
  /** The Ed25519 public keys (PEM, SPKI) the application trusts to sign packs. */
  readonly trustedKeys?: readonly string[];
  /** Runs the pack without any signature check: an explicit opt-out, for development and tests. */
  readonly allowUnsigned?: boolean;
}

/**
 * Checks that `data` is a rule pack this runtime can run and trust, strictly: a pack is code.
 * In order, before any rule runs: its nesting depth (`GL5045`), its full JSON Schema, with only
 * the facts-schema patterns the compiler emits (`GL5046`), its format version, its integrity
 * hash, the compiler version that wrote it, its facts schema, and then its signature: a pack
 * not bundled with the package must carry a detached signature by one of `trustedKeys`
 * (`GL5042`, `GL5043`), unless `allowUnsigned` is set. Throws {@link InvalidPackError} with
 * the problem otherwise. The pack returned is `data` itself, deep-frozen: it cannot change
 * after it was checked. Loading the same object again costs nothing.
 *
 * A bundled pack read by `readPack` whose file is the compiler's output byte for byte (its
 * standalone facts validator, generated with it, holds the hash of its text) skips the depth,
 * schema and integrity checks, which the compiler made when it wrote it; its validators were
 * generated at compile time, so no schema is compiled.
 */
export function loadPack(data: unknown, options: LoadPackOptions = {}): RulePack {
  if (typeof data === "object" && data !== null && checked.has(data)) return data as RulePack;
  if (typeof data !== "object" || data === null || !isCompilerOutput(data)) checkContent(data);
  const pack = data as RulePack;
  if (pack.format !== packFormatVersion) throw formatError(pack);
  if (!compatibleCompiler(pack.compiler.version, runtimeVersion)) {
    throw new InvalidPackError(
      `it was compiled by ${pack.compiler.name} ${pack.compiler.version}, which this runtime (${runtimeVersion}) cannot run: recompile it with \`guideline compile\``,
    );
  }
  try {
    // Compiled once here, and used by every evaluation with this pack.
    factsValidatorFor(pack);
  } catch (error) {
    throw new InvalidPackError(`its facts schema does not compile: ${(error as Error).message}`);
  }
  if (!isTrustedAsCode(pack) && options.allowUnsigned !== true) {
    if (options.signature === undefined) throw new InvalidPackError({ code: "GL5042", args: [] });
    verifyPackSignature(pack, parseSignature(options.signature), options.trustedKeys ?? []);
  }
  deepFreeze(pack);
  checked.add(pack);
  return pack;
}

/** The checks of a pack that is not known to be the compiler's output: depth, schema, format and integrity. */
function checkContent(data: unknown): void {
  if (nestsDeeperThan(data, runtimeLimits.packDepth)) throw new InvalidPackError({ code: "GL5045", args: [runtimeLimits.packDepth] });
  const validatePack = packValidatorFrom(currentEditionFolder);
  if (!validatePack(data)) {
    const errors = validatePack.errors ?? [];
    const pattern = errors.find(
      (e) => e.instancePath.startsWith("/factsSchema") && e.instancePath.endsWith("/pattern") && e.keyword === "enum",
    );
    if (pattern) throw new InvalidPackError({ code: "GL5046", args: [String(valueAt(data, pattern.instancePath))] });
    const problems = [
      ...new Set(
        errors.map((e) => {
          const extra =
            e.keyword === "additionalProperties" ? ` \`${(e.params as { additionalProperty: string }).additionalProperty}\`` : "";
          return `${e.instancePath || "/"} ${e.message ?? "is not valid"}${extra}`;
        }),
      ),
    ].slice(0, 10);
    throw new InvalidPackError(problems.join("; "));
  }
  const pack = data as RulePack;
  if (pack.format !== packFormatVersion) throw formatError(pack);
  if (packIntegrity(pack) !== pack.integrity) {
    throw new InvalidPackError(
      "its content does not match its integrity hash: it was changed after compilation; recompile it with `guideline compile`",
    );
  }
}

/** A pack of another format: recompile it. */
function formatError(pack: RulePack): InvalidPackError {
  return new InvalidPackError(
    `it has format ${pack.format}; this runtime reads format ${packFormatVersion}: recompile it with \`guideline compile\``,
  );
}

/** The folder of the current bundled edition, where the standalone pack-schema validator is; undefined when there is none. */
function currentEditionFolder(): string | undefined {
  try {
    return dirname(fileURLToPath(editionPackUrl(bundledEditions().current)));
  } catch {
    return undefined;
  }
}

/** The value at a JSON pointer, for an error message. */
function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const segment of jsonPointerSegments(pointer)) node = (node as Record<string, unknown> | undefined)?.[segment];
  return node;
}

/**
 * Reads and checks a rule pack from a JSON file, as {@link loadPack} does. A pack inside this
 * package's own `generated/` folder is bundled, and trusted as the code is; any other needs
 * `options`: its signature is read from `<file>.sig` unless `options.signature` is given.
 */
export function readPack(path: string | URL, options: LoadPackOptions = {}): RulePack {
  let text: string | undefined;
  let file: string;
  try {
    file = realpathSync(path);
    text = readTextAtMost(file, runtimeLimits.packBytes);
  } catch {
    throw new InvalidPackError(`cannot read ${String(path)}: run \`guideline compile\` first`);
  }
  if (text === undefined) throw new InvalidPackError({ code: "GL5050", args: [String(path), runtimeLimits.packBytes] });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidPackError(`${String(path)} is not JSON: ${(error as Error).message}`);
  }
  if (data !== null && typeof data === "object" && bundledFile(file)) {
    trustAsCode(data);
    tieBundledValidators(data, file, text);
  }
  if (options.allowUnsigned === true || options.signature !== undefined || isTrustedAsCode(data as object)) return loadPack(data, options);
  let signature: string | undefined;
  try {
    signature = readFileSync(`${file}.sig`, "utf8");
  } catch {
    signature = undefined;
  }
  return loadPack(data, { ...options, ...(signature !== undefined ? { signature } : {}) });
}

/** Whether a file (a real path) lies in this package's own `generated/` folder. */
function bundledFile(file: string): boolean {
  let folder: string;
  try {
    folder = realpathSync(generatedUrl);
  } catch {
    return false;
  }
  return file.startsWith(`${folder}/`) || file.startsWith(`${folder}\\`);
}

/** Where the bundled packs live: `generated/` at the package root, one folder per edition. */
export const generatedUrl: URL = new URL("../../generated/", import.meta.url);

/** `generated/editions.json`: the editions compiled, and the one used by default. */
export interface EditionsIndex {
  readonly current: number;
  readonly editions: readonly number[];
}

let index: EditionsIndex | undefined;

/** The bundled editions, read once from `generated/editions.json`. */
export function bundledEditions(): EditionsIndex {
  if (!index) {
    try {
      index = JSON.parse(readFileSync(new URL("editions.json", generatedUrl), "utf8")) as EditionsIndex;
    } catch {
      throw new InvalidPackError("cannot read generated/editions.json: run `guideline compile` first");
    }
  }
  return index;
}

/** The URL of an edition's bundled pack (`generated/<year>/pack.json`). */
export function editionPackUrl(edition: number): URL {
  return new URL(`${edition}/pack.json`, generatedUrl);
}

const bundled = new Map<number, RulePack>();

/**
 * The bundled pack of an edition, read once; the current edition when none is given.
 * Throws {@link InvalidPackError} for an edition that was not compiled.
 */
export function editionPack(edition: number = bundledEditions().current): RulePack {
  const known = bundledEditions().editions;
  if (!known.includes(edition)) throw new InvalidPackError(`there is no edition ${edition} (editions: ${known.join(", ")})`);
  let pack = bundled.get(edition);
  if (!pack) {
    pack = readPack(editionPackUrl(edition));
    bundled.set(edition, pack);
  }
  return pack;
}

/** The bundled pack of the current edition, read once. */
export function defaultPack(): RulePack {
  return editionPack();
}
