import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { InvalidPackError } from "./fact-errors.js";
import { packFormatVersion, type RulePack } from "./pack-format.js";
import { packSchema } from "./pack-schema.js";
import { compatibleCompiler, packIntegrity } from "./pack-integrity.js";

/** This runtime's version, checked against the compiler version recorded in a pack. */
export const runtimeVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

let validatePack: ReturnType<Ajv2020["compile"]> | undefined;
const checked = new WeakSet<object>();

/**
 * Checks that `data` is a rule pack this runtime can run, strictly: a pack is code. Throws
 * {@link InvalidPackError} with every problem otherwise. Also compiles its facts schema, so
 * a malformed schema is caught here rather than at the first evaluation.
 */
export function loadPack(data: unknown): RulePack {
  if (typeof data === "object" && data !== null && checked.has(data)) return data as RulePack;
  validatePack ??= new Ajv2020({ allErrors: true, strict: false }).compile(packSchema);
  if (!validatePack(data)) {
    const problems = [
      ...new Set(
        (validatePack.errors ?? []).map((e) => {
          const extra = e.keyword === "additionalProperties" ? ` \`${String((e.params as { additionalProperty: string }).additionalProperty)}\`` : "";
          return `${e.instancePath || "/"} ${e.message ?? "is not valid"}${extra}`;
        }),
      ),
    ].slice(0, 10);
    throw new InvalidPackError(problems.join("; "));
  }
  const pack = data as RulePack;
  if (pack.format !== packFormatVersion) {
    throw new InvalidPackError(`it has format ${pack.format}; this runtime reads format ${packFormatVersion}: recompile it with \`guideline compile\``);
  }
  if (packIntegrity(pack) !== pack.integrity) {
    throw new InvalidPackError("its content does not match its integrity hash: it was changed after compilation; recompile it with `guideline compile`");
  }
  if (!compatibleCompiler(pack.compiler.version, runtimeVersion)) {
    throw new InvalidPackError(`it was compiled by ${pack.compiler.name} ${pack.compiler.version}, which this runtime (${runtimeVersion}) cannot run: recompile it with \`guideline compile\``);
  }
  try {
    new Ajv2020({ strict: false }).compile(pack.factsSchema);
  } catch (error) {
    throw new InvalidPackError(`its facts schema does not compile: ${(error as Error).message}`);
  }
  checked.add(pack);
  return pack;
}

/** Reads and validates a rule pack from a JSON file. */
export function readPack(path: string | URL): RulePack {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InvalidPackError(`cannot read ${String(path)}: run \`guideline compile\` first`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidPackError(`${String(path)} is not JSON: ${(error as Error).message}`);
  }
  return loadPack(data);
}

/** Where the bundled packs live: `generated/` at the package root, one folder per edition. */
export const generatedUrl = new URL("../../generated/", import.meta.url);

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
