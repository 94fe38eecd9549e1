/**
 * What a comparison means, and negating and mirroring it (src/pack/comparison-operator.ts): the
 * runtime compares, and the lowering, the analysis and the French rulebook negate, with this one module.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGuideline } from "../../src/dsl/parse.js";
import {
  comparisonHolds as holds,
  mirrorComparison,
  negateComparison,
  type ComparisonOperator,
} from "../../src/pack/comparison-operator.js";

const seed = 20_191_201;
const runs = 500;
const operators: readonly ComparisonOperator[] = [">", ">=", "<", "<=", "=", "!="];

/** Values on both sides of the threshold and on it, where a wrong negation shows. */
const pair = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }));

describe("comparison operators", () => {
  it(`law: on a known value the negated comparison holds exactly when the comparison does not (${runs} cases, seed ${seed})`, () => {
    fc.assert(
      fc.property(
        pair,
        fc.constantFrom(...operators),
        ([x, t], operator) => holds(x, negateComparison(operator), t) === !holds(x, operator, t),
      ),
      { seed, numRuns: runs },
    );
  });

  it(`law: a mirrored comparison with its sides swapped says the same (${runs} cases, seed ${seed + 1})`, () => {
    fc.assert(
      fc.property(
        pair,
        fc.constantFrom(...operators),
        ([x, t], operator) => holds(t, mirrorComparison(operator), x) === holds(x, operator, t),
      ),
      { seed: seed + 1, numRuns: runs },
    );
  });

  it("each operator means what it says on a value below, on and above the number", () => {
    const table = operators.map((operator) => [operator, [1, 2, 3].map((x) => holds(x, operator, 2))]);
    expect(Object.fromEntries(table)).toEqual({
      ">": [false, false, true],
      ">=": [false, true, true],
      "<": [true, false, false],
      "<=": [true, true, false],
      "=": [false, true, false],
      "!=": [true, false, true],
    });
  });

  it("negating twice and mirroring twice give the operator back", () => {
    for (const operator of operators) {
      expect(negateComparison(negateComparison(operator))).toBe(operator);
      expect(mirrorComparison(mirrorComparison(operator))).toBe(operator);
    }
  });

  it.each([">", ">=", "≥", "<", "<=", "≤", "=", "!=", "≠"])(
    "every comparison an editor can write (`%s`) is one that can be negated",
    (written) => {
      const parsed = parseGuideline(`rule r\n  when labs.count ${written} 1 /mm3\n`, "inline.guideline");
      expect(parsed.diagnostics).toEqual([]);
      const rule = parsed.ast.declarations[0];
      const when = rule?.kind === "rule" ? rule.when : undefined;
      expect(when?.kind).toBe("compare");
      const operator = when?.kind === "compare" ? when.operator : undefined;
      expect(operators).toContain(operator);
      expect(operators).toContain(negateComparison(operator as ComparisonOperator));
    },
  );
});
