import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseGuideline } from "../../src/compiler/analyse/analyse.js";
import { checkGuideline } from "../../src/compiler/check/check.js";
import type { CheckedGuideline } from "../../src/compiler/model.js";
import { parseGuideline } from "../../src/dsl/parse.js";
import { ReferenceEvaluator } from "../support/reference-evaluator.js";

/**
 * The redundancy check (GL3005) compares a rule only with the rules it can imply by the
 * variables it reads (an index, so that the check is not quadratic in a group's size). The law
 * below holds it to brute force over every patient, so that the index never leaves out a rule
 * that is implied: a rule is reported redundant exactly when it can apply, and some other rule
 * of the same finding applies whenever it does (of two rules that imply each other, the later
 * one only). The quantity has a test that holds on its whole range (`>= 0`), which needs nothing
 * of a patient: a rule with it can be implied by rules that do not read the quantity.
 */

const flags = ["a", "b", "c"] as const;
const quantityTests = ["p.q > 50 mg/L", "p.q <= 50 mg/L", "p.q >= 0 mg/L", "p.q < 10 mg/L"] as const;
const quantityValues = [0, 9, 10, 50, 51, 100] as const;

const leaf = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...flags.map((f) => `p.${f}`)) },
  { weight: 1, arbitrary: fc.constantFrom(...flags.map((f) => `not p.${f}`)) },
  { weight: 2, arbitrary: fc.constantFrom(...quantityTests) },
);

const conditionArbitrary: fc.Arbitrary<string> = fc.oneof(
  leaf,
  fc.tuple(leaf, leaf).map(([x, y]) => `${x} and ${y}`),
  fc.tuple(leaf, leaf).map(([x, y]) => `${x} or ${y}`),
  fc.tuple(leaf, leaf, leaf).map(([x, y, z]) => `${x} and (${y} or ${z})`),
);

function guidelineText(rules: readonly (readonly [kind: string, when: string])[]): string {
  return [
    "guideline test.redundancy",
    '  title "Fixture"',
    "  edition 2019",
    "  language fr",
    '  source "source.txt"',
    ...flags.flatMap((f) => [`fact p.${f} : yes/no`, `  label "${f}"`]),
    "fact p.q : quantity in mg/L from 0 to 100",
    '  label "q"',
    'finding k0 "k0"',
    'finding k1 "k1"',
    'verdict "Question ?"',
    '  outcome x "x" when finding k0',
    '  otherwise y "y"',
    'section s "S"',
    "",
    ...rules.flatMap(([kind, when], i) => [
      `rule r${i}`,
      '  statement "R."',
      '  quote "R."',
      `  when ${when}`,
      `  then finding ${kind}`,
      "",
    ]),
  ].join("\n");
}

function modelOf(text: string): CheckedGuideline {
  const parsed = parseGuideline(text, "inline.guideline");
  const checked = checkGuideline([parsed.ast]);
  if (!checked.model) throw new Error(checked.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  return checked.model;
}

function allPatients(): Record<string, unknown>[] {
  return quantityValues.flatMap((q) =>
    Array.from({ length: 2 ** flags.length }, (_, bits) => ({
      p: { ...Object.fromEntries(flags.map((f, i) => [f, (bits & (1 << i)) !== 0])), q: { value: q, unit: "mg/L" } },
    })),
  );
}

describe("law of redundancy (fast-check, brute force over every patient)", () => {
  it.each([
    ["the tableau, then CDCL past 1 000 branches", {}],
    ["CDCL for every query that needs a branch", { tableauShare: 0 }],
  ] as const)(
    "%s: a rule is reported redundant (GL3005) iff it can apply and another rule of its finding applies whenever it does (the later of two equivalent ones)",
    (_, options) => {
      const seen = { redundant: 0, kept: 0, acrossRange: 0 };
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom("k0", "k1"), conditionArbitrary), { minLength: 2, maxLength: 6 }), (rules) => {
          const model = modelOf(guidelineText(rules));
          const reference = new ReferenceEvaluator(model);
          const fired = allPatients().map((p) => new Set(reference.evaluate(p).findings.map((f) => f.split(" → ")[0])));
          const applies = (id: string) => fired.map((set) => set.has(id));
          const implies = (a: string, b: string) => fired.every((set) => !set.has(a) || set.has(b));
          const reported = new Set(
            analyseGuideline(model, options)
              .diagnostics.filter((d) => d.code === "GL3005")
              .map((d) => /`([^`]+)`/.exec(d.message)?.[1]),
          );
          rules.forEach(([kind, when], i) => {
            const a = `r${i}`;
            const expected =
              applies(a).some(Boolean) &&
              rules.some(([other], j) => j !== i && other === kind && implies(a, `r${j}`) && !(implies(`r${j}`, a) && i < j));
            expect(reported.has(a), `${a}: ${when}`).toBe(expected);
            seen[expected ? "redundant" : "kept"]++;
            if (expected && when.includes(">= 0")) seen.acrossRange++;
          });
        }),
        { seed: 20261202, numRuns: 300 },
      );
      expect(seen.redundant).toBeGreaterThan(50);
      expect(seen.kept).toBeGreaterThan(50);
      expect(seen.acrossRange).toBeGreaterThan(0);
    },
  );
});
