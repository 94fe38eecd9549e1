import { memoByObject } from "../shared/memo-by-object.js";
import { rationalOfText, type Rational } from "../units/rational.js";
import { conversionRatio } from "../units/ucum.js";
import type { RulePack } from "../pack/pack-format.js";

const one: Rational = { numerator: 1n, denominator: 1n };

/** Per pack: fact path → accepted unit → exact factor to the fact's unit, read once from `factors`. */
const factorTable = memoByObject((pack: RulePack): ReadonlyMap<string, ReadonlyMap<string, Rational>> => {
  const built = new Map<string, ReadonlyMap<string, Rational>>();
  for (const fact of pack.facts) {
    if (fact.type !== "quantity" || !fact.factors) continue;
    built.set(fact.path, new Map(Object.entries(fact.factors).map(([unit, factor]) => [unit, rationalOfText(factor)])));
  }
  return built;
});

/**
 * The exact ratio converting a value of fact `path` given in `from` to the fact's unit `to`,
 * or why the units do not convert. The factors the pack carries (computed by the compiler for
 * the units a fact accepts) are used as they are; UCUM is loaded only for another unit.
 */
export function ratioToFactUnit(
  pack: RulePack,
  path: string,
  from: string,
  to: string,
): { readonly ratio: Rational } | { readonly problem: string } {
  if (from === to) return { ratio: one };
  const factor = factorTable(pack).get(path)?.get(from);
  return factor ? { ratio: factor } : conversionRatio(from, to);
}
