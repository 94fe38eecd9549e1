/**
 * Exact rationals for conversions and sums: a factor that is not a finite decimal (mg/wk → mg/d
 * is 1/7) is recovered exactly, and the number handed to the rule engine lies on the same side
 * of every threshold as the exact value, however close to it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addRationals,
  compareRationals,
  decimalOfRational,
  numberOnTheSameSide,
  rationalOfDecimal,
  reciprocal,
  type Rational,
} from "../../src/units/rational.js";
import { conversionRatio } from "../../src/units/ucum.js";

const ratio = (from: string, to: string): Rational => {
  const found = conversionRatio(from, to);
  if (!("ratio" in found)) throw new Error(found.problem);
  return found.ratio;
};

describe("conversion ratios are exact", () => {
  it.each([
    ["mg/wk", "mg/d", "1/7"],
    ["mg/d", "mg/wk", "7/1"],
    ["g/d", "mg/d", "1000/1"],
    ["ug/d", "mg/d", "1/1000"],
    ["10*9/L", "/mm3", "1000/1"],
    ["mg/wk", "ug/h", "125/21"],
  ])("%s → %s is %s", (from, to, expected) => {
    const { numerator, denominator } = ratio(from, to);
    expect(`${numerator}/${denominator}`).toBe(expected);
  });

  it("a ratio and its reverse multiply to exactly 1", () => {
    for (const [a, b] of [
      ["mg/wk", "mg/d"],
      ["g/wk", "ug/h"],
      ["10*3/uL", "/mm3"],
    ] as const) {
      expect(compareRationals(ratio(a, b), reciprocal(ratio(b, a)))).toBe(0);
    }
  });
});

describe("the engine's number is on the exact value's side of each threshold (law: sign(n − t) = sign(x − t))", () => {
  it("for values within 10^-30 of a threshold, above, at and below (1 000 cases, seed 20190480)", () => {
    const threshold = fc
      .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 4 }))
      .map(([digits, scale]) => rationalOfDecimal((digits / 10 ** scale).toString()));
    const offset = fc
      .tuple(fc.constantFrom(-1n, 0n, 1n), fc.integer({ min: 1, max: 30 }), fc.bigInt({ min: 1n, max: 9n }))
      .map(([sign, exponent, digit]): Rational => ({ numerator: sign * digit, denominator: 10n ** BigInt(exponent) }));
    fc.assert(
      fc.property(threshold, offset, (t, d) => {
        const exact = addRationals(t, d);
        const tNumber = Number(decimalOfRational(t));
        const n = numberOnTheSameSide(exact, [tNumber]);
        expect(Math.sign(n - tNumber)).toBe(compareRationals(exact, t));
      }),
      { seed: 20_190_480, numRuns: 1_000 },
    );
  });
});
