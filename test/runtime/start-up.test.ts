/**
 * Start-up loads nothing the evaluation does not use: the bundled pack comes with validators
 * generated at compile time (ajv's standalone code), so no schema is compiled and ajv is not
 * loaded; the units a fact accepts come with their factors in the pack, so UCUM is not loaded
 * for them. Each shortcut gives what the slow path gives.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGuideline } from "../../src/compiler/compile.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import { InvalidPackError } from "../../src/pack/invalid-pack-error.js";
import { validatorFiles } from "../../src/pack/standalone-validators.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import { bundledEditions, loadPack } from "../../src/runtime/load-pack.js";
import { compileSchema, isCompilerOutput, tieBundledValidators } from "../../src/runtime/schema-validators.js";
import { repoRoot } from "../support/compile-guideline.js";
import { patientArbitrary, setAt, type Patient } from "../support/patient-arbitrary.js";
import { runLabel, seedOf, shippedGuideline } from "../properties/property-settings.js";

const packFile = join(repoRoot, "generated", String(bundledEditions().current), "pack.json");

/** Runs `script` (an ES module) in a fresh Node process from the repository root; returns what it prints, parsed. */
function inFreshProcess(script: string): unknown {
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" }));
}

describe("start-up loads nothing the evaluation does not use", () => {
  // ajv's compiler (its core) is not loaded; the standalone validator needs only a helper of its runtime.
  it("one patient through the bundled pack, in units its facts accept, loads neither ajv nor UCUM; a dose in another unit loads UCUM on first use and gives the same report", () => {
    const facts = JSON.parse(readFileSync(join(repoRoot, "examples", "patient-vertebra.json"), "utf8")) as Patient;
    const doses = (facts.medications as { dailyDoseMg?: unknown }[]).map((m) => m.dailyDoseMg);
    const inGrams = {
      ...facts,
      medications: (facts.medications as Record<string, unknown>[]).map((m) =>
        typeof m.dailyDoseMg === "number" ? { ...m, dailyDoseMg: { value: m.dailyDoseMg / 1000, unit: "g/d" } } : m,
      ),
    };
    expect(doses.some((d) => typeof d === "number")).toBe(true);
    const result = inFreshProcess(`
      import { createRequire } from "node:module";
      const { evaluate } = await import("./dist/runtime/evaluate.js");
      const loaded = (name) => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes(name));
      const first = await evaluate(${JSON.stringify(facts)});
      const before = { ajv: loaded("/node_modules/ajv/dist/core.js"), ucum: loaded("/node_modules/@lhncbc/ucum-lhc/") };
      const second = await evaluate(${JSON.stringify(inGrams)});
      const after = { ajv: loaded("/node_modules/ajv/dist/core.js"), ucum: loaded("/node_modules/@lhncbc/ucum-lhc/") };
      console.log(JSON.stringify({ before, after, same: JSON.stringify(first) === JSON.stringify(second) }));
    `);
    expect(result).toEqual({ before: { ajv: false, ucum: false }, after: { ajv: false, ucum: true }, same: true });
  });

  it("the bundled pack is used without re-checking only when its file is the compiler's output byte for byte", () => {
    const text = readFileSync(packFile, "utf8");
    const data = JSON.parse(text) as object;
    expect(tieBundledValidators(data, packFile, text)).toBe(true);
    expect(isCompilerOutput(data)).toBe(true);
    // The same pack with one threshold moved, its integrity left as it was: an accident.
    const edited = text.replace(/"value": (\d+)/, (_, n: string) => `"value": ${Number(n) + 1}`);
    expect(edited).not.toBe(text);
    const editedData = JSON.parse(edited) as object;
    expect(tieBundledValidators(editedData, packFile, edited)).toBe(false);
    expect(isCompilerOutput(editedData)).toBe(false);
    expect(() => loadPack(editedData, { allowUnsigned: true })).toThrow(InvalidPackError);
    expect(() => loadPack(editedData, { allowUnsigned: true })).toThrow(/integrity hash/);
  });
});

describe("the standalone validators generated at compile time", () => {
  const { pack, space } = shippedGuideline();
  const standalone = createRequire(import.meta.url)(
    join(repoRoot, "generated", String(pack.guideline.edition), validatorFiles.facts),
  ) as ReturnType<typeof compileSchema>;
  const compiled = compileSchema(pack.factsSchema);
  const cases = 300;
  const seed = seedOf(120);

  it(`the facts validator reports exactly what ajv compiling the pack's facts schema reports, for any facts (${runLabel(cases, seed)})`, () => {
    const anyValue = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(null, -1, 1e308, "", "2026-02-30", { value: 1, unit: "x" }, [{}], [{ name: " " }]),
    );
    const facts = fc.oneof(
      patientArbitrary(space),
      fc.tuple(patientArbitrary(space), fc.constantFrom(...pack.facts.map((f) => f.path)), anyValue).map(([patient, path, value]) => {
        setAt(patient, path, value);
        return patient;
      }),
      fc.tuple(patientArbitrary(space), fc.string(), anyValue).map(([patient, key, value]) => ({ ...patient, [key]: value })),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(facts, (given) => {
        const valid = compiled(given);
        expect(standalone(given)).toBe(valid);
        expect(standalone.errors ?? null).toEqual(compiled.errors ?? null);
      }),
      { numRuns: cases, seed },
    );
  });

  it("the pack carries the exact factor of each unit a fact accepts, and the runtime converts with it exactly (1 120 mg/wk is 160 mg/d)", async () => {
    const loaded = loadSources([join("test", "fixtures", "units")], repoRoot);
    const result = compileGuideline(loaded.sources, loaded.host);
    expect(result.diagnostics).toEqual([]);
    const fact = result.pack?.facts.find((f) => f.path === "exposure.daily");
    expect(fact).toMatchObject({ type: "quantity", unit: "mg/d", factors: { "mg/d": "1", "mg/wk": "1/7", "g/d": "1000" } });
    const verdict = async (daily: unknown) => (await evaluate({ exposure: { daily } }, result.pack)).verdict;
    expect(await verdict({ value: 1120, unit: "mg/wk" })).toBe("contraindicated");
    expect(await verdict({ value: 1119.99, unit: "mg/wk" })).toBe("not-contraindicated");
    expect(await verdict({ value: 0.16, unit: "g/d" })).toBe("contraindicated");
    expect(await verdict({ value: 0.15999, unit: "g/d" })).toBe("not-contraindicated");
    expect(result.outputs?.get(validatorFiles.facts)).toMatch(/^\/\/ generated by guideline-kb .* do not edit\n/);
  });
});
