import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConditionModel } from "../../src/compiler/model.js";
import { analyseEdition } from "../../src/lsp/edition-analysis.js";
import { planRename } from "../../src/lsp/rename-symbol.js";
import { occurrencesOf, symbolKey } from "../../src/lsp/symbol-index.js";
import { runLabel, seedOf } from "../properties/property-settings.js";
import { repoRoot } from "../support/compile-guideline.js";

/** The current edition, whatever its year: these laws hold for any edition that checks. */
const current = (JSON.parse(readFileSync(join(repoRoot, "guideline/editions.json"), "utf8")) as { current: number }).current;
const folder = join(repoRoot, "guideline", String(current));
const firstFile = join(
  folder,
  readdirSync(folder)
    .filter((f) => f.endsWith(".guideline"))
    .sort()[0] ?? "",
);
const edition = analyseEdition(firstFile, new Map());

function thresholdsIn(c: ConditionModel | undefined): string[] {
  if (!c) return [];
  switch (c.kind) {
    case "and":
    case "or":
      return c.operands.flatMap(thresholdsIn);
    case "not":
      return thresholdsIn(c.operand);
    case "compare":
      return c.against.threshold === undefined ? [] : [c.against.threshold];
    default:
      return [];
  }
}

describe("the language server's index of the current edition agrees with the checker", () => {
  it("the current edition checks, so that the laws below are about a correct guideline", () => {
    expect(edition.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(edition.result.model).toBeDefined();
  });

  it("every name used resolves to its declaration: go-to-definition never comes back empty on a checked guideline", () => {
    const unresolved = edition.index.occurrences.filter(
      (o) => !o.declaration && !edition.index.declarations.has(symbolKey(o.kind, o.name)),
    );
    expect(unresolved).toEqual([]);
    const declaredTwice = edition.index.occurrences.filter(
      (o, i, all) => o.declaration && all.findIndex((p) => p.declaration && p.kind === o.kind && p.name === o.name) !== i,
    );
    expect(declaredTwice).toEqual([]);
  });

  it("every threshold a rule compares with, the index finds used in that rule (hover lists the rule)", () => {
    const missing: string[] = [];
    for (const rule of edition.result.model?.rules ?? []) {
      for (const threshold of thresholdsIn(rule.when)) {
        const uses = occurrencesOf(edition.index, "threshold", threshold).filter((o) => o.container === rule.id);
        if (uses.length === 0) missing.push(`${rule.id} uses ${threshold}`);
      }
    }
    expect(missing).toEqual([]);
  });

  const renamable = edition.index.occurrences.filter((o) => o.declaration && (o.kind === "threshold" || o.kind === "fact"));
  const cases = 6;
  const seed = seedOf(70);
  it(`law: renaming any threshold, delay or fact gives an edition that checks the same, the old name gone (${runLabel(cases, seed)})`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...renamable), (declared) => {
        const newName = `${declared.name}_renomme`;
        const plan = planRename(edition.index, declared, newName);
        if (plan.kind !== "edits") throw new Error(plan.diagnostic.message);
        const texts = new Map(edition.texts);
        for (const file of new Set(plan.occurrences.map((o) => o.span.file))) {
          const text = texts.get(file) ?? "";
          const edits = plan.occurrences.filter((o) => o.span.file === file).sort((a, b) => b.span.offset - a.span.offset);
          texts.set(
            file,
            edits.reduce((t, o) => t.slice(0, o.span.offset) + newName + t.slice(o.span.endOffset), text),
          );
        }
        const renamed = analyseEdition(firstFile, texts);
        expect(renamed.result.diagnostics.map((d) => d.code)).toEqual(edition.result.diagnostics.map((d) => d.code));
        expect(occurrencesOf(renamed.index, declared.kind, declared.name)).toEqual([]);
        expect(occurrencesOf(renamed.index, declared.kind, newName)).toHaveLength(plan.occurrences.length);
        const effects = (result: typeof edition.result) => JSON.stringify(result.model?.rules.map((r) => r.effect));
        expect(effects(renamed.result)).toBe(effects(edition.result).replaceAll(`"${declared.name}"`, `"${newName}"`));
      }),
      { seed, numRuns: cases },
    );
  }, 120_000);
});
