/**
 * The engines as a caller meets them: `evaluate` with the closures by default or the stock
 * json-rules-engine on request, `evaluateSync`, the ways of passing the pack, and the CLI's
 * `--engine`. That both engines give the same reports is property 8
 * (test/properties/closure-vs-engine.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { engineNames, evaluate, evaluateSync } from "../../src/runtime/evaluate.js";
import { InvalidFactsError } from "../../src/runtime/fact-errors.js";
import { InvalidPackError } from "../../src/pack/invalid-pack-error.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import { repoRoot } from "../support/compile-guideline.js";
import { run } from "../support/run-cli.js";

const example = join(repoRoot, "examples", "patient-vertebra.json");
const facts: unknown = JSON.parse(readFileSync(example, "utf8"));

describe("evaluate and evaluateSync", () => {
  it("give the same report whichever engine, and however the pack is passed", async () => {
    const pack = defaultPack();
    const reference = await evaluate(facts, { engine: "json-rules-engine" });
    expect(reference.verdict).not.toBe("");
    for (const report of [
      await evaluate(facts),
      await evaluate(facts, pack),
      await evaluate(facts, { pack }),
      await evaluate(facts, { engine: "closures" }),
      await evaluate(facts, pack, { engine: "json-rules-engine" }),
      evaluateSync(facts),
      evaluateSync(facts, pack),
      evaluateSync(facts, { pack }),
    ]) {
      expect(report).toStrictEqual(reference);
    }
  });

  it("evaluateSync returns the report itself and throws invalid facts; evaluate rejects them", async () => {
    const report = evaluateSync(facts);
    expect(report).not.toBeInstanceOf(Promise);
    expect(() => evaluateSync({ unknownFact: true })).toThrow(InvalidFactsError);
    for (const engine of engineNames) await expect(evaluate({ unknownFact: true }, { engine })).rejects.toThrow(InvalidFactsError);
  });

  it("an object that is not options is checked as a pack: an empty one is refused, not taken for the defaults", async () => {
    expect(() => evaluateSync(facts, {})).toThrow(InvalidPackError);
    await expect(evaluate(facts, {})).rejects.toThrow(InvalidPackError);
  });
});

describe("guideline evaluate --engine", () => {
  it("prints the same report with either engine, and the closures by default", async () => {
    const [byDefault, closures, stock] = await Promise.all([
      run(["evaluate", example, "--json"]),
      run(["evaluate", example, "--json", "--engine", "closures"]),
      run(["evaluate", example, "--json", "--engine", "json-rules-engine"]),
    ]);
    expect(stock.code).toBe(0);
    expect(stock.stdout).not.toBe("");
    expect(closures).toEqual(stock);
    expect(byDefault).toEqual(stock);
  });

  it("applies to --ndjson", async () => {
    const input = `${JSON.stringify(facts)}\n{"unknownFact": true}\n`;
    const [closures, stock] = await Promise.all([
      run(["evaluate", "--ndjson", "--engine", "closures"], { input }),
      run(["evaluate", "--ndjson", "--engine", "json-rules-engine"], { input }),
    ]);
    expect(stock.stdout.split("\n")).toHaveLength(3);
    expect(closures).toEqual(stock);
  });

  it("refuses an engine it does not have, or none, as a usage error", async () => {
    const unknown = await run(["evaluate", example, "--engine", "fast"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--engine takes one of closures, json-rules-engine");
    expect(unknown.stdout).toBe("");
    // No name at all is an option without its value, as for every option that takes one.
    const none = await run(["evaluate", example, "--engine"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("GL7013");
    expect(none.stdout).toBe("");
  });
});
