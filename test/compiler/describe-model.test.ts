/**
 * The checked model in the guideline's notation (src/compiler/describe-model.ts): one effect
 * describer, whose `order` form the analysis messages use and whose `rule` form the diff
 * between editions uses.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileGuideline } from "../../src/compiler/compile.js";
import { describeCondition, describeEffect } from "../../src/compiler/describe-model.js";
import type { CheckedGuideline } from "../../src/compiler/model.js";
import { repoRoot } from "../support/compile-guideline.js";

const folder = "test/fixtures/analysis";

function fixtureModel(name: string): CheckedGuideline {
  const host = { readSourceDocument: (path: string) => readFileSync(join(repoRoot, folder, path), "utf8") };
  const result = compileGuideline([{ file: `${folder}/${name}`, text: readFileSync(join(repoRoot, folder, name), "utf8") }], host);
  if (!result.model) throw new Error(`${name} gives no model`);
  return result.model;
}

describe("describing the checked model", () => {
  const model = fixtureModel("GL3002-contradiction.guideline");
  const rule = (id: string) => {
    const found = model.rules.find((r) => r.id === id);
    if (!found) throw new Error(`no rule ${id}`);
    return found;
  };

  it("a plan rule: its order alone with the delay as written, or the whole rule with the delay by name", () => {
    const stop = rule("saignement.aspirine.arret").effect;
    expect(describeEffect(stop, { form: "order" })).toBe("stop 5 d before");
    expect(describeEffect(stop, { form: "rule" })).toBe("stop aspirin delai.aspirine before");
    const keep = rule("saignement.aspirine.poursuite").effect;
    expect(describeEffect(keep, { form: "order" })).toBe("continue");
    expect(describeEffect(keep, { form: "rule" })).toBe("continue aspirin");
  });

  it("any other rule reads the same in both forms", () => {
    const others = [...model.rules, ...fixtureModel("GL3005-redundant-rule.guideline").rules].filter((r) => r.effect.kind !== "medication");
    expect(others.length).toBeGreaterThan(1);
    for (const r of others) expect(describeEffect(r.effect, { form: "order" })).toBe(describeEffect(r.effect, { form: "rule" }));
    expect(describeEffect(rule("contre-indication.coagulation").effect, { form: "order" })).toBe("finding absolute-contraindication");
  });

  it("a condition names its threshold, not its value", () => {
    const when = rule("saignement.aspirine.arret").when;
    expect(when && describeCondition(when)).toBe("dose of aspirin >= seuil.aspirine");
  });
});
