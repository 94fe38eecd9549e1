import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkGuideline } from "../../src/compiler/check/check.js";
import { parseGuideline } from "../../src/dsl/parse.js";
import { buildRulebook } from "../../src/rulebook/render-rulebook.js";
import { compileGuideline } from "../../src/compiler/compile.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import { behaviouralDiff } from "../../src/editions/behavioural-diff.js";
import { renderDiffText } from "../../src/editions/render-diff.js";
import { diffEditions } from "../../src/editions/semantic-diff.js";
import { repoRoot } from "../support/compile-guideline.js";

function compileEdition(year: string) {
  const loaded = loadSources([`test/fixtures/editions/${year}`], repoRoot);
  const result = compileGuideline(loaded.sources, loaded.host);
  if (!result.model || !result.pack)
    throw new Error(`fixture ${year}: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return { model: result.model, pack: result.pack, source: loaded.host.readSourceDocument(result.model.sourceDocument) ?? "" };
}

const a = compileEdition("2019");
const b = compileEdition("2020");
const diff = diffEditions(a.model, b.model, { from: a.source, to: b.source });

describe("guideline diff: the semantic diff between two editions", () => {
  it("reports every planted change and nothing else", () => {
    expect(diff.thresholds.changed).toEqual([
      { name: "delai.a", role: "delay", from: "5 d", to: "7 d" },
      { name: "seuil.count", role: "threshold", from: "50 000 /mm3", to: "60 000 /mm3" },
    ]);
    expect(diff.thresholds.added).toEqual([]);
    expect(diff.rules.added).toEqual(["arret-c"]);
    expect(diff.rules.removed).toEqual(["surveillance"]);
    const delayChange = { name: "delai.a", role: "delay", from: "5 d", to: "7 d" };
    expect(diff.rules.changed).toEqual([
      { id: "arret-a", values: [delayChange] },
      { id: "arret-b", values: [delayChange] },
      {
        id: "fievre",
        quotes: { added: ["La fièvre, même modérée, contre-indique le geste."], removed: ["La fièvre contre-indique le geste."] },
      },
      {
        id: "seuil",
        quotes: { added: ["Numération > 60 000/mm3."], removed: ["Numération > 50 000/mm3."] },
        values: [{ name: "seuil.count", role: "threshold", from: "50 000 /mm3", to: "60 000 /mm3" }],
      },
    ]);
    expect(diff.drugs.added).toEqual([{ name: "drug-c", atc: "B01AC05", drugClass: "classe-a" }]);
    expect(diff.drugs.removed).toEqual([]);
    expect(diff.drugs.reclassified).toEqual([]);
    expect(diff.facts).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.verdict.changed).toBe(false);
    expect(diff.examples.changed.map((e) => e.id)).toEqual(["ex.a"]);
    expect(diff.same).toBe(false);
  });

  it("lists the sentences of the source text added, removed and changed, whole", () => {
    expect(diff.source).toEqual({
      added: ["Arrêt de C avant le geste."],
      removed: ["Une surveillance est proposée."],
      changed: [
        { from: "Numération > 50 000/mm3.", to: "Numération > 60 000/mm3." },
        { from: "La fièvre contre-indique le geste.", to: "La fièvre, même modérée, contre-indique le geste." },
      ],
    });
  });

  it("a threshold change is reported once, not as a change to every rule that uses it", () => {
    expect(diff.rules.changed.some((r) => r.condition !== undefined)).toBe(false);
  });

  it("changing any threshold or delay value marks exactly the rules that use it changed, with the old and new value", () => {
    const source = readFileSync(join(repoRoot, "test/fixtures/editions/2019/essai.guideline"), "utf8");
    const users = (name: string) =>
      a.model.rules
        .filter((r) => JSON.stringify([r.when ?? null, r.effect]).includes(`"threshold":"${name}"`))
        .map((r) => r.id)
        .sort();
    let compared = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(
          { name: "seuil.count", line: /^threshold seuil\.count = .*$/m, unit: "/mm3", keyword: "threshold" },
          { name: "delai.a", line: /^delay delai\.a = .*$/m, unit: "d", keyword: "delay" },
        ),
        fc.integer({ min: 1, max: 1_000_000 }),
        (value, number) => {
          const edited = source.replace(value.line, `${value.keyword} ${value.name} = ${number} ${value.unit}`);
          const parsed = parseGuideline(edited, "essai.guideline");
          const checked = checkGuideline([parsed.ast]);
          if (!checked.model) return; // A value outside the fact's range is refused; nothing to diff.
          compared += 1;
          expect(users(value.name).length).toBeGreaterThan(0);
          const changed = diffEditions(a.model, checked.model);
          const original = a.model.thresholds.find((t) => t.name === value.name)?.value;
          const expected = original === String(number) ? [] : users(value.name);
          expect(changed.rules.changed.filter((r) => r.values?.some((v) => v.name === value.name)).map((r) => r.id)).toEqual(expected);
          expect(changed.rules.changed.every((r) => (r.values ?? []).every((v) => v.name === value.name))).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
    expect(compared).toBeGreaterThan(10);
  });

  it("the rulebook of the new edition marks the rules whose value changed, with the old and new value", async () => {
    const loaded = loadSources(["test/fixtures/editions/2020"], repoRoot);
    const html = (await buildRulebook(compileGuideline(loaded.sources, loaded.host), loaded.host, { diff, model: a.model })) ?? "";
    // Each rule's note, in the words of a reader; the section of changes shows each value once, old beside new.
    expect(html).toContain("valeur seuil.count (50\u00A0000/mm³ → 60\u00A0000/mm³)");
    expect(html.match(/valeur delai\.a \(5\u00A0jours → 7\u00A0jours\)/g)).toHaveLength(2);
    expect(html).toMatch(/<code>seuil\.count<\/code><\/a><\/th><td[^>]*>50\u00A0000\/mm³<\/td><td[^>]*>60\u00A0000\/mm³<\/td>/);
  });

  it("an edition compared with itself has no difference", () => {
    expect(diffEditions(a.model, a.model).same).toBe(true);
  });

  it("readable output (golden file)", async () => {
    await expect(renderDiffText(diff)).toMatchFileSnapshot("../fixtures/editions/diff-2019-2020.txt");
  });

  it("JSON output (golden file)", async () => {
    await expect(`${JSON.stringify(diff, null, 2)}\n`).toMatchFileSnapshot("../fixtures/editions/diff-2019-2020.json");
  });
});

describe("guideline diff --patients: the behavioural diff", () => {
  it("shows what the changes do to the same generated patients, with shrunk examples", async () => {
    const behaviour = await behaviouralDiff(a.pack, b.pack, { patients: 300, seed: 7 });
    expect(behaviour.patients).toBe(300);
    expect(behaviour.changed).toBeGreaterThan(0);
    const kinds = behaviour.kinds.map((k) => k.kind);
    expect(kinds).toContain("precondition seuil: met → unmet");
    expect(kinds).toContain("plan drug-a: stop 120 h before → stop 168 h before");
    expect(kinds).toContain("recommendation surveillance: present → absent");
    // The threshold moved from 50 000 to 60 000: only counts in (50 000, 60 000] change status.
    const moved = behaviour.kinds.find((k) => k.kind === "precondition seuil: met → unmet");
    for (const example of moved?.examples ?? []) {
      const count = (example.patient as { labs?: { count?: number } }).labs?.count ?? NaN;
      expect(count).toBeGreaterThan(50_000);
      expect(count).toBeLessThanOrEqual(60_000);
      // Shrunk: nothing but the fact that shows the change.
      expect(Object.keys(example.patient)).toEqual(["labs"]);
      expect(example.summary).toMatch(/^labs\.count \d+: precondition seuil met in 2019, unmet in 2020$/);
    }
  });

  it("is reproducible: the same seed gives the same result", async () => {
    const first = await behaviouralDiff(a.pack, b.pack, { patients: 100, seed: 11 });
    const second = await behaviouralDiff(a.pack, b.pack, { patients: 100, seed: 11 });
    expect(second).toEqual(first);
  });
});
