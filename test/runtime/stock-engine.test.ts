import { Engine, type RuleProperties } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import { shippedPack } from "../support/compile-guideline.js";

const pack = shippedPack();

/** Runs the pack on a stock json-rules-engine, without our runtime, and lists the events. */
async function stockRun(facts: Record<string, unknown>, options = {}) {
  const engine = new Engine(pack.rules as unknown as RuleProperties[], options);
  const { events } = await engine.run(facts);
  return events
    .map((e) => `${String(e.params?.rule)}${e.params?.drug ? `@${String(e.params.drug)}` : ""}/${e.params?.holds ? "holds" : "fails"}`)
    .sort();
}

describe("a stock json-rules-engine runs the pack", () => {
  it("loads every rule and decides each one, exactly one way, when all facts are given", async () => {
    // Every engine fact any rule reads gets a value: yes/no facts "no", enums their first value.
    const factIds = [...new Set(pack.rules.flatMap((r) => JSON.stringify(r.conditions).match(/"fact":"[^"]+"/g) ?? []))].map((m) =>
      m.slice(8, -1),
    );
    const enumFirst = new Map(pack.facts.flatMap((f) => (f.type === "enum" ? [[f.path, f.values[0]]] : [])));
    const facts: Record<string, unknown> = Object.fromEntries(factIds.map((id) => [id, enumFirst.get(id) ?? false]));
    Object.assign(facts, {
      "labs.platelets": 50_000,
      "labs.prothrombinActivityPercent": 51,
      "medications[aspirin]": true,
      "medications[clopidogrel]": true,
      "medications[aspirin].dailyDoseMg": 159,
    });
    const events = await stockRun(facts);
    expect(events).toContain("saignement.plaquettes/fails");
    expect(events).toContain("saignement.tp/holds");
    expect(events).toContain("contre-indication.coagulation/fails");
    expect(events).toContain("saignement.clopidogrel@clopidogrel/holds");
    expect(events).toContain("saignement.aspirine.poursuite@aspirin/holds");
    expect(events).toContain("saignement.aspirine.arret@aspirin/fails");
    expect(events).toContain("decision-multidisciplinaire/holds");
    // Each rule instance of the pack is decided exactly once, one way.
    const instances = new Set(pack.rules.map((r) => r.name.replace(/\/(holds|fails)$/, "")));
    const decided = events.map((e) => e.replace(/\/(holds|fails)$/, ""));
    expect(new Set(decided).size).toBe(decided.length);
    expect(new Set(decided)).toEqual(instances);
  });

  it("with allowUndefinedFacts, a missing fact fires neither the holds nor the fails rule", async () => {
    const events = await stockRun({ "labs.prothrombinActivityPercent": 80 }, { allowUndefinedFacts: true });
    expect(events.filter((e) => e.startsWith("saignement.plaquettes/"))).toEqual([]);
    expect(events).toContain("saignement.tp/holds");
  });

  it("the pack uses no JSONPath `path` and no operator that is true on a missing fact", () => {
    const text = JSON.stringify(pack.rules);
    expect(text).not.toMatch(/"path"\s*:/);
    expect(text).not.toMatch(/"operator"\s*:\s*"(notEqual|notIn|doesNotContain)"/);
  });
});

describe("pack safety", () => {
  it("a pack edited by hand after compilation is refused (integrity hash)", async () => {
    const { loadPack } = await import("../../src/runtime/load-pack.js");
    const { InvalidPackError } = await import("../../src/pack/invalid-pack-error.js");
    // Opted out of the signature check, so that what is tested is the integrity hash.
    expect(() => loadPack(JSON.parse(JSON.stringify(pack)), { allowUnsigned: true })).not.toThrow();
    const edited = JSON.parse(JSON.stringify(pack)) as { rules: { conditions: { all?: { value: unknown }[] } }[] };
    const leaf = edited.rules.find((r) => r.conditions.all?.[0]?.value === 50_000)?.conditions.all?.[0];
    if (!leaf) throw new Error("no rule compares with 50 000");
    leaf.value = 40_000;
    expect(() => loadPack(edited, { allowUnsigned: true })).toThrow(InvalidPackError);
    expect(() => loadPack(edited, { allowUnsigned: true })).toThrow(/changed after compilation/);
  });

  it("a pack compiled by an incompatible compiler version is refused", async () => {
    const { compatibleCompiler } = await import("../../src/pack/pack-integrity.js");
    expect(compatibleCompiler("0.1.0", "0.1.7")).toBe(true);
    expect(compatibleCompiler("0.2.0", "0.1.0")).toBe(false);
    expect(compatibleCompiler("1.4.0", "1.0.0")).toBe(true);
    expect(compatibleCompiler("2.0.0", "1.9.0")).toBe(false);
  });
});
